//! Hostile entries must cost at most linear time and memory in their size (issue 11, items 3,
//! 4 and 5). Bounds are generous so that a loaded machine does not make them flake; the bugs
//! they guard against took tens of seconds and gigabytes.

mod common;

use common::{Site, claim_entry, diagnostics, site_toml};
use std::time::{Duration, Instant};

#[test]
fn yaml_aliases_are_refused_before_expansion() {
    // 200 KB behind an anchor, aliased 10,000 times: gigabytes once expanded.
    let big = "x".repeat(200_000);
    let aliases = vec!["*big"; 10_000].join(", ");
    let extra = format!("summary: &big \"{big}\"\ntags: [{aliases}]\n");
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/bomb.md",
            &claim_entry("Bomb", "2024-01-01", "false", &extra, "Body."),
        ),
    ]);
    let started = Instant::now();
    let (run, report) = site.check_json(&[]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        elapsed < Duration::from_secs(5),
        "check took {elapsed:?} on an alias bomb"
    );
    let found = diagnostics(&report).code("yaml-alias");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file"], "content/claims/bomb.md");
    assert_eq!(found[0]["line"], 10, "{:#}", found[0]);
    assert_eq!(found[0]["column"], 10, "{:#}", found[0]);
}

#[test]
fn aliases_in_lists_and_merge_keys_are_refused_at_their_line() {
    let extra = "tags:\n  - first\n  - *undefined\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/a.md",
            &claim_entry("A", "2024-01-01", "false", extra, "Body."),
        ),
    ]);
    let (_, report) = site.check_json(&[]);
    let found = diagnostics(&report).code("yaml-alias");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(
        (&found[0]["line"], &found[0]["column"]),
        (&12.into(), &5.into())
    );
}

#[test]
fn ampersands_and_stars_in_text_are_not_anchors() {
    let extra = "summary: R&D *really* & more, 5 * 3\ntags: [\"A & B\", 'C*']\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/a.md",
            &claim_entry("A & B *bold*", "2024-01-01", "false", extra, "Body."),
        ),
    ]);
    let built = site.build(&[]);
    let page = built.page("claims/a/index.html");
    assert_eq!(page.text("h1"), "A & B *bold*");
    assert!(
        page.source.contains("R&amp;D *really* &amp; more, 5 * 3"),
        "summary lost"
    );
}

#[test]
fn identical_headings_cost_linear_time() {
    let body = "## Same\n\n".repeat(20_000);
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/a.md",
            &claim_entry("A", "2024-01-01", "false", "", &body),
        ),
    ]);
    let started = Instant::now();
    let built = site.build(&[]);
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(10),
        "20,000 identical headings took {elapsed:?}"
    );
    let page = built.page("claims/a/index.html");
    let ids: Vec<String> = page
        .select(".prose h2, article h2")
        .iter()
        .filter_map(|h| h.value().attr("id").map(str::to_string))
        .filter(|id| id.starts_with("same"))
        .collect();
    assert_eq!(ids.len(), 20_000);
    assert_eq!(
        (&ids[0][..], &ids[1][..], &ids[19_999][..]),
        ("same", "same-2", "same-20000")
    );
}

#[test]
fn thousands_of_names_in_one_entry_give_output_of_linear_size() {
    let names: Vec<String> = (0..2_000)
        .map(|i| format!("\"Person number {i}\""))
        .collect();
    let extra = format!("claimant: [{}]\n", names.join(", "));
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        (
            "content/claims/crowd.md",
            &claim_entry("Crowd", "2024-01-01", "false", &extra, "Body."),
        ),
    ]);
    let started = Instant::now();
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "check took {:?}",
        started.elapsed()
    );
    let warned = diagnostics(&report).code("too-many-actors");
    assert_eq!(warned.len(), 1, "{report:#}");
    assert_eq!(warned[0]["line"], 10);
    assert!(diagnostics(&report).len() < 100, "a warning per name");

    let started = Instant::now();
    let built = site.build(&[]);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "build took {:?}",
        started.elapsed()
    );
    let total: u64 = built
        .files()
        .iter()
        .map(|f| std::fs::metadata(built.path(f)).unwrap().len())
        .sum();
    assert!(total < 50_000_000, "{total} bytes of output for one entry");
    // Lists show a few names and how many more; the claim page shows them all.
    let actor = built.page("actors/person-number-1999/index.html");
    let item = actor.text(".claim-item__meta");
    assert!(item.contains("+1997 autres"), "{item}");
    assert_eq!(actor.select(".claim-item__meta a").len(), 3);
    let claim = built.page("claims/crowd/index.html");
    let links = claim
        .links_in("main")
        .iter()
        .filter(|l| l.contains("/actors/person-number"))
        .count();
    assert_eq!(links, 2_000);
}

#[test]
fn a_diagnostic_per_item_of_a_long_list_costs_linear_time() {
    // 20,000 sources without an address (a warning each, located at its item) and 20,000
    // actor references without letters (an error each): each located by rescanning its list,
    // and each quoted by walking the file's lines, they took 90 s.
    let sources: String = (0..20_000)
        .map(|i| format!("  - publisher: \"P{i}\"\n"))
        .collect();
    let symbols = ['!', '?', '$', '%', '(', ')', '+', ';', '<', '=', '>', '@'];
    let about: String = (0..20_000)
        .map(|i: usize| {
            let name: String = (0..4).map(|k| symbols[(i / 12usize.pow(k)) % 12]).collect();
            format!("  - '{name}'\n")
        })
        .collect();
    let extra = format!("sources:\n{sources}about:\n{about}");
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/long.md",
            &claim_entry("Long", "2024-01-01", "false", &extra, "Body."),
        ),
    ]);
    let root = site.root().to_str().unwrap().to_string();
    let started = Instant::now();
    let run = common::digest(&["check", "--root", &root, "--verbose"], site.root());
    let elapsed = started.elapsed();
    assert_eq!(run.code, 1);
    assert!(elapsed < Duration::from_secs(10), "check took {elapsed:?}");
    assert!(
        run.stderr.contains("20000 error(s)"),
        "{}",
        &run.stderr[run.stderr.len() - 300..]
    );
    // The first ones still point at their item: the first name on line 20012.
    assert!(
        run.stderr.contains("content/claims/long.md:20012:6"),
        "first name not located"
    );
}
