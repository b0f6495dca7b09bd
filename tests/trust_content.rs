//! Hostile content (issue 11): control characters, heading attributes, long and colliding
//! slugs, actor resolution, and what `new` and `check` agree on. Denial-of-service cases are in
//! `trust_content_dos.rs`.

mod common;

use common::{Site, claim_entry, digest, parse_xml, report_diagnostics, site_toml};
use std::collections::HashSet;

fn with_code(report: &serde_json::Value, code: &str) -> Vec<serde_json::Value> {
    report_diagnostics(report)
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

fn line_col(d: &serde_json::Value) -> (u64, u64) {
    (
        d["line"].as_u64().expect("a line"),
        d["column"].as_u64().expect("a column"),
    )
}

fn site_with_claim(file: &str, entry: &str) -> Site {
    Site::new(&[("site.toml", &site_toml("en")), (file, entry)])
}

// ---- Control characters (items 15 and 21) ---------------------------------------------------

#[test]
fn escaped_control_characters_are_refused_at_the_escape() {
    let cases = [
        ("summary: \"ok \\e[31m red\"\n", 10, 14),
        ("tags: [\"fine\", \"nul\\0\"]\n", 10, 20),
        ("summary: \"tab\\tok, bad \\v\"\n", 10, 24),
        ("summary: \"\\uFFFE\"\n", 10, 11),
        ("sources:\n  - publisher: \"x\\x1b\"\n", 11, 18),
    ];
    for (extra, line, column) in cases {
        let site = site_with_claim(
            "content/claims/a.md",
            &claim_entry("A", "2024-01-01", "false", extra, "Body."),
        );
        let (run, report) = site.check_json(&[]);
        assert_eq!(run.code, 1, "{extra:?} passed check");
        let found = with_code(&report, "control-character");
        assert_eq!(found.len(), 1, "{extra:?}: {report:#}");
        assert_eq!(line_col(&found[0]), (line, column), "{extra:?}");
    }
}

#[test]
fn literal_control_characters_are_refused_at_their_line_in_any_entry() {
    let claim = claim_entry(
        "A",
        "2024-01-01",
        "false",
        "",
        "Body line one.\nTwo \u{1b}[2J.\n",
    );
    let actor = "---\nname: \"Kim\"\ndescription: \"Leader\"\n---\nBio\u{7}\n";
    let page = "---\ntitle: \"About\"\n---\nText.\n\nMore\u{c} text.\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/a.md", &claim),
        ("content/actors/kim.md", actor),
        ("content/pages/about.md", page),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let found = with_code(&report, "control-character");
    let at: Vec<(String, (u64, u64))> = found
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), line_col(d)))
        .collect();
    assert_eq!(
        at,
        [
            ("content/actors/kim.md".to_string(), (5, 4)),
            ("content/claims/a.md".to_string(), (12, 5)),
            ("content/pages/about.md".to_string(), (6, 5)),
        ]
    );
}

#[test]
fn a_literal_escape_in_front_matter_is_reported_at_its_own_line() {
    // Line 7 of the file; YAML's own error pointed at line 2, column 1.
    let entry = claim_entry("A", "2024-01-01", "false", "", "Body.")
        .replace("\"Example Press\"", "\"Example \u{1b} Press\"");
    let site = site_with_claim("content/claims/a.md", &entry);
    let (_, report) = site.check_json(&[]);
    let found = with_code(&report, "control-character");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(line_col(&found[0]), (7, 23));
}

#[test]
fn human_diagnostics_print_control_characters_escaped() {
    let entry = claim_entry("A", "2024-01-01", "flase", "", "Body \u{1b}]0;pwned\u{7}.");
    let site = site_with_claim("content/claims/a\u{1b}[31m.md", &entry);
    let root = site.root().to_str().unwrap().to_string();
    let run = digest(&["check", "--root", &root], site.root());
    assert_eq!(run.code, 1);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "raw ESC printed:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{7}'), "raw BEL printed");
    assert!(
        run.stderr.contains("a\\u{1b}[31m.md:11:6"),
        "{}",
        run.stderr
    );
    let (_, report) = site.check_json(&[]);
    assert_eq!(
        with_code(&report, "control-character")[0]["file"],
        "content/claims/a\u{1b}[31m.md"
    );
}

#[test]
fn feeds_stay_well_formed_xml_whatever_site_toml_holds() {
    let toml = site_toml("en")
        .replace("\"Test digest\"", "\"Test \\u001B digest\\u0000\"")
        .replace(
            "name = \"Test Fact-Checkers\"",
            "name = \"Test \\u000B Checkers\\uFFFE\"",
        );
    let claim = claim_entry("A", "2024-01-01", "false", "claimant: \"Kim\"\n", "Body.");
    let site = Site::new(&[("site.toml", &toml), ("content/claims/a.md", &claim)]);
    let built = site.build(&[]);
    for feed in ["atom.xml", "actors/kim/atom.xml"] {
        let text = built.read(feed);
        let forbidden = |c: char| matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
        assert!(
            !text.chars().any(forbidden),
            "{feed} holds a character XML forbids"
        );
        let elements = parse_xml(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let title = elements.iter().find(|e| e.name == "title").unwrap();
        assert!(
            title.text.contains("Test  digest"),
            "{feed}: {}",
            title.text
        );
    }
}

// ---- Heading attributes (item 9) -------------------------------------------------------------

#[test]
fn heading_attributes_keep_ids_and_classes_only_and_ids_stay_unique() {
    let body = "# Title {onclick=alert(1)}\n\n## Styled {style=\"color:red\" .warn}\n\n\
                ## Focus {autofocus onfocus=alert(2)}\n\n## Own {#main}\n\n## Main\n\n\
                ## Anchor {#y-2024}\n\nText[^main] and[^1].\n\n[^main]: A note.\n\n[^1]: Another.\n";
    let site = site_with_claim(
        "content/claims/a.md",
        &claim_entry("A", "2024-01-01", "false", "", body),
    );
    let built = site.build(&[]);
    let page = built.page("claims/a/index.html");
    let mut ids = HashSet::new();
    for element in page.select("*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "handler {name}={value:?} on the page"
            );
            assert!(name != "style" && name != "autofocus", "{name} on the page");
            if name == "id" {
                assert!(
                    ids.insert(value.to_string()),
                    "id {value:?} twice on the page"
                );
            }
        }
    }
    assert_eq!(page.select("h2.warn").len(), 1, "the class was dropped");
    assert_eq!(page.select("main#main").len(), 1, "the theme lost its id");
    // Footnote links still lead to their notes.
    for href in page.links_in(".footnote-reference") {
        let target = href.trim_start_matches('#');
        assert!(ids.contains(target), "footnote link {href} leads nowhere");
    }
}
