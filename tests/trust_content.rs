//! Hostile content (issue 11): control characters, heading attributes, long and colliding
//! slugs, actor resolution, and what `new` and `check` agree on. Denial-of-service cases are in
//! `trust_content_dos.rs`.

mod common;

use common::{Site, claim_entry, diagnostics, digest, site_toml};
use std::collections::HashSet;

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
        let found = diagnostics(&report).code("control-character");
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
    let found = diagnostics(&report).code("control-character");
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
    let found = diagnostics(&report).code("control-character");
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
        diagnostics(&report).code("control-character")[0]["file"],
        "content/claims/a\u{1b}[31m.md"
    );
}

#[test]
fn control_characters_in_site_toml_are_refused_where_they_are_written() {
    let toml = site_toml("en")
        .replace("\"Test digest\"", "\"Test \\u001B digest\\u0000\"")
        .replace(
            "name = \"Test Fact-Checkers\"",
            "name = \"Test \\u000B Checkers\\uFFFE\"",
        );
    let claim = claim_entry("A", "2024-01-01", "false", "claimant: \"Kim\"\n", "Body.");
    let site = Site::new(&[("site.toml", &toml), ("content/claims/a.md", &claim)]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "check passed a site.toml with controls");
    let found = diagnostics(&report)
        .code("config-control-character")
        .errors();
    let lines: Vec<i64> = found
        .into_iter()
        .map(|d| d["line"].as_i64().unwrap_or(0))
        .collect();
    let title_line = toml.lines().position(|l| l.starts_with("title")).unwrap() as i64 + 1;
    let name_line = toml.lines().position(|l| l.starts_with("name")).unwrap() as i64 + 1;
    assert_eq!(lines, vec![title_line, name_line], "{report}");
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

// ---- Slugs: length, Windows names, collisions (items 16, 20, 22) -----------------------------

fn output_segments_fit(built: &common::Built) {
    for file in built.files() {
        for segment in file.split('/') {
            assert!(
                segment.len() <= 110,
                "segment of {} bytes: {file}",
                segment.len()
            );
        }
    }
}

#[test]
fn long_slugs_are_shortened_deterministically() {
    let long_tag = "word ".repeat(60);
    let other_long_tag = format!("{long_tag} end");
    let chinese_tag = "中华人民共和国国务院新闻办公室".repeat(3);
    let long_name = "Someone With A Very Long Name ".repeat(10);
    let extra = format!(
        "claimant: \"{long_name}\"\ntags: [\"{long_tag}\", \"{other_long_tag}\", \"{chinese_tag}\"]\n"
    );
    let file = format!("content/claims/{}.md", "long-file-name-".repeat(16));
    let site = site_with_claim(
        &file,
        &claim_entry("A", "2024-01-01", "false", &extra, "Body."),
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    let built = site.build(&[]);
    output_segments_fit(&built);
    let tags: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| {
            f.starts_with("tags/") && f.ends_with("/index.html") && f.matches('/').count() == 2
        })
        .collect();
    assert_eq!(tags.len(), 3, "{tags:?}");
    assert_eq!(
        built
            .files()
            .iter()
            .filter(|f| f.starts_with("claims/")
                && f.ends_with("/index.html")
                && f.matches('/').count() == 2)
            .count(),
        1
    );
    // The same content gives the same slugs.
    let again = site.build_into("again", &[]);
    assert_eq!(built.files(), again.files());
}

#[test]
fn names_windows_reserves_get_a_suffix() {
    let extra = "claimant: \"Aux\"\ntags: [\"NUL\", \"com1\"]\n";
    let site = site_with_claim(
        "content/claims/con.md",
        &claim_entry("A", "2024-01-01", "false", extra, "Body."),
    );
    let built = site.build(&[]);
    for page in [
        "claims/con-1/index.html",
        "actors/aux-1/index.html",
        "tags/nul-1/index.html",
        "tags/com1-1/index.html",
    ] {
        assert!(built.exists(page), "{page} missing: {:?}", built.files());
    }
    let explicit = site_with_claim(
        "content/claims/a.md",
        &claim_entry("A", "2024-01-01", "false", "slug: \"prn\"\n", "Body."),
    );
    let (_, report) = explicit.check_json(&[]);
    let found = diagnostics(&report).code("unsafe-slug");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["hint"].as_str().unwrap().contains("prn-1"));
}

#[test]
fn tags_and_actors_differing_by_symbols_get_pages_of_their_own() {
    let first = claim_entry(
        "A",
        "2024-01-01",
        "false",
        "claimant: \"C++\"\ntags: [\"C++\", \"Rust\"]\n",
        "Body.",
    );
    let second = claim_entry(
        "B",
        "2024-01-02",
        "false",
        "claimant: \"C#\"\ntags: [\"C#\", \"c\"]\n",
        "Body.",
    );
    let third = claim_entry(
        "C",
        "2024-01-03",
        "false",
        "claimant: \"C\"\ntags: [\"C\"]\n",
        "Body.",
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/a.md", &first),
        ("content/claims/b.md", &second),
        ("content/claims/c.md", &third),
    ]);
    let built = site.build(&[]);
    for (dir, title, claims) in [
        ("c-plus-plus", "C++", 1),
        ("c-sharp", "C#", 1),
        ("c", "C", 2),
        ("rust", "Rust", 1),
    ] {
        let page = built.page(&format!("tags/{dir}/index.html"));
        // The name as first written ("c" in b.md before "C" in c.md).
        let h1 = page.text("h1").to_lowercase();
        assert!(h1.contains(&title.to_lowercase()), "tags/{dir}: {h1}");
        assert_eq!(page.count(".claim-item"), claims, "tags/{dir}");
    }
    for (dir, name) in [("c-plus-plus", "C++"), ("c-sharp", "C#"), ("c", "C")] {
        let page = built.page(&format!("actors/{dir}/index.html"));
        assert!(page.text("h1").contains(name), "actors/{dir}");
    }
}

// ---- Actor resolution (item 19) --------------------------------------------------------------

#[test]
fn an_exact_name_wins_over_another_actors_alias() {
    let kim = "---\nname: \"Kim Jong Un\"\n---\n";
    let sister = "---\nname: \"Kim Yo Jong\"\naliases: [\"Kim Jong Un\", \"kim-jong-un\"]\n---\n";
    let claim = claim_entry(
        "A",
        "2024-01-01",
        "false",
        "claimant: \"Kim Jong Un\"\nabout: [\"kim-jong-un\", \"Kim Yo Jong\"]\n",
        "Body.",
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/actors/kim-jong-un.md", kim),
        ("content/actors/kim-yo-jong.md", sister),
        ("content/claims/a.md", &claim),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    let built = site.build(&[]);
    let actor = built.page("actors/kim-jong-un/index.html");
    assert_eq!(actor.count(".claim-item"), 1);
    let sister = built.page("actors/kim-yo-jong/index.html");
    assert_eq!(sister.count(".claim-item"), 1);
}

// ---- `new` and `check` agree (item 22) -------------------------------------------------------

#[test]
fn new_and_check_accept_the_same_years_and_long_titles() {
    let site = Site::new(&[("site.toml", &site_toml("en"))]);
    let root = site.root().to_str().unwrap().to_string();
    let run = digest(
        &["new", "--root", &root, "--date", "0999-01-01", "Old"],
        site.root(),
    );
    assert_ne!(run.code, 0, "new accepted year 999");
    assert!(run.stderr.contains("from 1000 to 9999"), "{}", run.stderr);
    let old = claim_entry("Old", "0999-01-01", "false", "", "Body.");
    site.write("content/claims/old.md", &old);
    let (_, report) = site.check_json(&[]);
    let found = diagnostics(&report).code("invalid-date");
    assert!(
        found[0]["hint"]
            .as_str()
            .unwrap()
            .contains("from 1000 to 9999"),
        "{report:#}"
    );
    site.remove("content/claims/old.md");

    let run = digest(&["new", "--root", &root, "Bell\u{7}"], site.root());
    assert_ne!(run.code, 0, "new wrote a title check refuses");
    assert!(
        run.stderr.contains("\\u{7}") && !run.stderr.contains('\u{7}'),
        "{}",
        run.stderr
    );

    let title = "A very long title ".repeat(17);
    let run = digest(
        &["new", "--root", &root, "--date", "1000-01-01", &title],
        site.root(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    site.build(&[]);
}

// ---- Also noted: nulls in lists, list items, nested pages, links ------------------------------

#[test]
fn a_null_in_a_list_is_refused_at_the_item() {
    let cases = [
        ("tags:\n  - Korea\n  - null\n", 12, 3),
        ("tags: [\"Korea\", ~]\n", 10, 17),
        ("claimant: [Kim, null]\n", 10, 17),
    ];
    for (extra, line, column) in cases {
        let site = site_with_claim(
            "content/claims/a.md",
            &claim_entry("A", "2024-01-01", "false", extra, "Body."),
        );
        let (run, report) = site.check_json(&[]);
        assert_eq!(run.code, 1, "{extra:?} passed");
        let found = diagnostics(&report).code("yaml");
        assert_eq!(found.len(), 1, "{report:#}");
        assert!(found[0]["message"].as_str().unwrap().contains("null"));
        assert_eq!(line_col(&found[0]), (line, column), "{extra:?}");
    }
}

#[test]
fn errors_on_a_list_item_point_at_the_item() {
    let extra = "tags:\n  - Korea\n  - \"?!\"\n";
    let site = site_with_claim(
        "content/claims/a.md",
        &claim_entry("A", "2024-01-01", "false", extra, "Body."),
    );
    let (_, report) = site.check_json(&[]);
    let found = diagnostics(&report).code("tag-empty");
    assert_eq!(line_col(&found[0]), (12, 6), "{report:#}");
    // Text found in the key itself (the colon of "tags:") is not the item.
    let extra = "tags: [\"fine\", \":\"]\n";
    let site = site_with_claim(
        "content/claims/a.md",
        &claim_entry("A", "2024-01-01", "false", extra, "Body."),
    );
    let (_, report) = site.check_json(&[]);
    let found = diagnostics(&report).code("tag-empty");
    assert_eq!(line_col(&found[0]), (10, 17), "{report:#}");
}

#[test]
fn nested_pages_and_folder_links_are_not_silent() {
    let site = site_with_claim(
        "content/claims/a.md",
        &claim_entry("A", "2024-01-01", "false", "", "Body."),
    );
    site.write(
        "content/pages/sub/about.md",
        "---\ntitle: \"About\"\n---\nText.\n",
    );
    std::os::unix::fs::symlink(".", site.path("content/claims/loop")).unwrap();
    std::os::unix::fs::symlink("loop2", site.path("content/claims/loop2")).unwrap();
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{report:#}");
    let ignored = diagnostics(&report).code("entry-ignored");
    assert_eq!(ignored[0]["file"], "content/pages/sub/about.md");
    assert_eq!(
        diagnostics(&report).code("symlink-ignored")[0]["file"],
        "content/claims/loop"
    );
    let broken = diagnostics(&report).code("read");
    assert_eq!(broken[0]["file"], "content/claims/loop2", "{report:#}");
}
