//! The open data, read back with real parsers: the search index (folded text, URLs under the
//! base path) and `claims.csv` (RFC 4180 quoting of commas, quotes and line breaks, read with
//! the `csv` crate) with `claims.json` (off-scale scores).

mod common;

use common::claims::BASE;
use common::{Site, site_toml, yaml_quote};
use serde_json::Value;

#[test]
fn claims_csv_round_trips_commas_quotes_and_line_breaks() {
    let summary = "He said \"yes, no\", then:\nline two, \"quoted\"\nline three";
    let title = "A title, with \"quotes\"";
    let text = format!(
        "---\ntitle: {}\nclaim: \"Plain claim\"\nclaimant: [\"Ann, Jr.\", \"Bob\"]\ndate: 2024-06-01\nstatus: \"unverified\"\nsummary: {}\nsource:\n  publisher: \"Press, Inc.\"\n  title: \"Headline\"\n  url: \"https://news.example.org/a?x=1,2\"\n  archive: \"https://web.archive.org/web/2024/https://news.example.org/a\"\ntags: [\"One\", \"Two, three\"]\n---\nBody.\n",
        yaml_quote(title),
        yaml_quote(summary)
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/tricky.md", &text),
        (
            "content/claims/rated.md",
            &common::claim_entry("Rated", "2024-05-01", "\"false\"", "", "Body."),
        ),
    ]);
    let out = site.build(&[]);
    let raw = out.read("claims.csv");

    // With the csv crate (strict RFC 4180 reader).
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(raw.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "slug",
            "url",
            "title",
            "claim",
            "quote",
            "claimants",
            "about",
            "date",
            "date_precision",
            "date_approximate",
            "published",
            "modified",
            "rating",
            "rating_label",
            "rating_score",
            "summary",
            "source_publisher",
            "source_title",
            "source_url",
            "source_archive",
            "tags",
            "authors",
            "editors"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let tricky = records
        .iter()
        .find(|r| &r[col("slug")] == "tricky")
        .expect("the tricky row");
    assert_eq!(&tricky[col("summary")], summary);
    assert_eq!(&tricky[col("title")], title);
    assert_eq!(&tricky[col("claimants")], "Ann, Jr.; Bob");
    assert_eq!(&tricky[col("source_publisher")], "Press, Inc.");
    assert_eq!(
        &tricky[col("source_url")],
        "https://news.example.org/a?x=1,2"
    );
    assert_eq!(&tricky[col("tags")], "One; Two, three");
    assert_eq!(&tricky[col("rating_score")], "", "off-scale: no score");
    assert_eq!(
        &tricky[col("url")],
        format!("{BASE}claims/tricky/").as_str()
    );
    let rated = records.iter().find(|r| &r[col("slug")] == "rated").unwrap();
    assert_eq!(&rated[col("rating_score")], "1");

    // Read header and all as plain records, they are three of one length; records end with
    // CRLF while the summary keeps its LF.
    let parsed = common::csv_rows(&raw);
    assert_eq!(parsed.len(), 3);
    assert!(parsed.iter().all(|r| r.len() == header.len()));
    assert!(raw.ends_with("\r\n"));
    assert_eq!(raw.matches("\r\n").count(), 3, "one CRLF per record");
    assert!(
        raw.contains("then:\nline two"),
        "the field's own line break is kept"
    );

    // claims.json: rating_score is null off the scale, a number on it.
    let by_slug = |slug: &str| -> Value { out.claim_record(slug) };
    let tricky = by_slug("tricky");
    assert!(tricky["rating_score"].is_null(), "{tricky:#}");
    assert!(
        tricky.as_object().unwrap().contains_key("rating_score"),
        "null, not absent"
    );
    assert_eq!(tricky["summary"], summary);
    assert_eq!(by_slug("rated")["rating_score"], 1);
}
