//! `claims.jsonl`: the records of `claims.json`, one claim a line, for streaming tools.

mod common;

use common::{Site, claim_entry, site_toml};

#[test]
fn claims_jsonl_holds_the_records_of_claims_json_one_a_line() {
    let mut files = vec![("site.toml".to_string(), site_toml("en"))];
    for i in 0..5 {
        files.push((
            format!("content/claims/c{i}.md"),
            claim_entry(
                &format!("Claim {i}"),
                &format!("2024-0{}-10", i + 1),
                "false",
                "claimant: \"Jane Doe\"\nsummary: \"A summary\\nwith a line break.\"\n",
                "Body.",
            ),
        ));
    }
    let site = Site::from_files(&files);
    let built = site.build(&[]);
    let text = built.read("claims.jsonl");
    assert!(text.ends_with('\n'));
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    let json = built.json("claims.json");
    assert_eq!(lines.len(), 5);
    assert_eq!(json["claims"].as_array().unwrap(), &lines);
    assert_eq!(lines[0]["summary"], "A summary\nwith a line break.");
    let home = built.page("index.html");
    assert!(
        home.links_in(".site-footer")
            .iter()
            .any(|href| href.ends_with("/claims.jsonl"))
    );
}
