//! Content errors: `digest build` exits 1, names each problem as `file:line:col` with a hint,
//! reports every broken file of the run (not only the first), and writes nothing;
//! `digest check --format json` gives the same problems to tools.
//!
//! The JSON report asserted here: `{"version": 1, "errors": N, "warnings": M, "diagnostics":
//! [...]}`, each diagnostic with `severity` ("error" | "warning"), `code` (stable identifier),
//! `file` (relative to the site root, `/`-separated), `line` and `column` (1-based, when known),
//! `message`, and optionally `expected` and `hint`; sorted by file, then position.

mod common;

use common::{Site, diagnostics, site_toml};

/// `status: flase` stands on line 5, its value at column 9.
const BAD_STATUS: &str = r#"---
title: "Bad status"
claim: "Something was said."
date: 2024-06-27
status: flase
source:
  publisher: "Example Press"
  url: "https://news.example.org/a"
---
Body.
"#;

/// `date: 2024-02-30` (no such day) stands on line 4, its value at column 7.
const BAD_DATE: &str = r#"---
title: "Bad date"
claim: "Something was said."
date: 2024-02-30
status: mixed
source:
  publisher: "Example Press"
  url: "https://news.example.org/a"
---
Body.
"#;

/// No `title:` at all: reported at 1:1, the front matter's opening line.
const NO_TITLE: &str = r#"---
claim: "Something was said."
date: 2024-06-27
status: mixed
source:
  publisher: "Example Press"
  url: "https://news.example.org/a"
---
Body.
"#;

fn good() -> String {
    common::claim_entry("Good", "2024-06-20", "mixed", "", "Body.")
}

#[test]
fn a_bad_status_names_file_line_column_and_suggests_the_key() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/2024/bad-status.md", BAD_STATUS),
        ("content/claims/good.md", &good()),
    ]);
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> content/claims/2024/bad-status.md:5:9"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown status \"flase\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean \"false\""),
        "{}",
        run.stderr
    );
    // The offending line is quoted under the location, with a caret under the value.
    assert!(
        run.stderr.contains("  5 | status: flase\n    |         ^"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("expected: one of true, mixed, false, unverified"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Build failed: 1 error(s)"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "a failed build writes nothing");
    assert!(
        run.stdout.is_empty(),
        "diagnostics go to stderr: {}",
        run.stdout
    );
}

#[test]
fn every_broken_file_of_a_run_is_reported() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/bad-status.md", BAD_STATUS),
        ("content/claims/bad-date.md", BAD_DATE),
        ("content/claims/no-title.md", NO_TITLE),
        ("content/claims/good.md", &good()),
    ]);
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for location in [
        "content/claims/bad-status.md:5:9",
        "content/claims/bad-date.md:4:7",
        "content/claims/no-title.md:1:1",
    ] {
        assert!(
            run.stderr.contains(location),
            "no {location} in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("did you mean \"false\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("invalid date \"2024-02-30\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("missing required field `title`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Build failed: 3 error(s)"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    let (check, report) = site.check_json(&[]);
    assert_eq!(check.code, 1, "{report:#}");
    assert_eq!(report["version"], 1);
    assert_eq!(report["errors"], 3);
    let errors = diagnostics(&report).errors();
    let found: Vec<(String, u64, u64, String)> = errors
        .iter()
        .map(|d| {
            (
                d["file"].as_str().expect("a file").to_string(),
                d["line"].as_u64().expect("a line"),
                d["column"].as_u64().expect("a column"),
                d["code"].as_str().expect("a code").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, u64, u64, String)> = [
        ("content/claims/bad-date.md", 4, 7, "invalid-date"),
        ("content/claims/bad-status.md", 5, 9, "unknown-status"),
        ("content/claims/no-title.md", 1, 1, "missing-field"),
    ]
    .iter()
    .map(|(f, l, c, k)| (f.to_string(), *l, *c, k.to_string()))
    .collect();
    assert_eq!(found, expected);
    for d in &errors {
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "{d}");
    }
    let status = &errors[1];
    assert_eq!(status["hint"], "did you mean \"false\"?");
    assert!(
        status["expected"]
            .as_str()
            .is_some_and(|e| e.contains("unverified")),
        "{status}"
    );
    // The human format of `check` reports the same problems on stderr.
    let root = site.root().to_str().unwrap().to_string();
    let human = common::digest(&["check", "--root", &root], site.root());
    assert_eq!(human.code, 1);
    assert!(
        human.stderr.contains("content/claims/bad-date.md:4:7"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("3 error(s)"), "{}", human.stderr);
}

#[test]
fn yaml_syntax_errors_and_unknown_keys_are_located() {
    // Line 2 leaves a quote open (line 3's first quote closes it, and the parser stops after); line 4
    // of the other file misspells `status`, which is a warning (and so `status` is missing).
    let broken_yaml = "---\ntitle: \"Broken\nclaim: \"x\"\n---\nBody.\n";
    let misspelt = "---\ntitle: \"Misspelt\"\nclaim: \"x\"\nstatuss: mixed\ndate: 2024-06-01\nsource:\n  publisher: \"P\"\n---\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/broken-yaml.md", broken_yaml),
        ("content/claims/misspelt.md", misspelt),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let all = diagnostics(&report);
    let yaml = all
        .clone()
        .file("content/claims/broken-yaml.md")
        .into_iter()
        .next()
        .expect("the YAML error");
    assert_eq!(yaml["severity"], "error");
    assert!(yaml["code"].as_str().unwrap().starts_with("yaml"), "{yaml}");
    // Pointed at the quote left open, not where the parser gave up.
    assert_eq!(
        (&yaml["line"], &yaml["column"]),
        (&2.into(), &8.into()),
        "{yaml}"
    );
    assert!(
        yaml["hint"].as_str().unwrap().contains("not closed"),
        "{yaml}"
    );
    let unknown = all
        .clone()
        .code("unknown-key")
        .into_iter()
        .next()
        .expect("a warning for `statuss`");
    assert_eq!(unknown["severity"], "warning");
    assert_eq!(unknown["file"], "content/claims/misspelt.md");
    assert_eq!(unknown["line"], 4);
    assert_eq!(unknown["hint"], "did you mean `status`?");
    assert!(
        !all.file("content/claims/misspelt.md")
            .code("missing-field")
            .errors()
            .is_empty(),
        "{report:#}"
    );
}

#[test]
fn crlf_and_bom_keep_line_numbers() {
    let text = format!("\u{feff}{}", BAD_STATUS.replace('\n', "\r\n"));
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/windows.md", &text),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let e = diagnostics(&report).errors();
    assert_eq!(e.len(), 1, "{report:#}");
    assert_eq!(e[0]["line"], 5);
    assert_eq!(e[0]["column"], 9);
}

#[test]
fn a_clean_site_checks_clean_and_warnings_fail_only_with_strict() {
    // A source without an address is allowed, with a warning.
    let no_url = "---\ntitle: \"No address\"\nclaim: \"x\"\ndate: 2024-06-01\nstatus: mixed\nsource:\n  publisher: \"Example Press\"\n---\nBody.\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/good.md", &good()),
        ("content/claims/no-url.md", no_url),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    assert_eq!(report["errors"], 0);
    assert!(
        !diagnostics(&report)
            .code("source-no-url")
            .warnings()
            .file("content/claims/no-url.md")
            .is_empty(),
        "{report:#}"
    );
    let (strict, _) = site.check_json(&["--strict"]);
    assert_eq!(strict.code, 1);
    // `check` writes nothing.
    assert_eq!(
        common::list_files(site.root()),
        [
            "content/claims/good.md",
            "content/claims/no-url.md",
            "site.toml"
        ]
    );
    // Warnings do not stop a build; they are summarised on stderr.
    let built = site.build(&[]);
    assert!(built.exists("claims/no-url/index.html"));
    assert!(
        built.run.stderr.contains("warning(s)"),
        "{}",
        built.run.stderr
    );
}

#[test]
fn a_missing_site_toml_and_bad_arguments_are_reported() {
    let site = Site::new(&[("content/claims/good.md", &good())]);
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("site.toml"), "{}", run.stderr);
    assert!(!out.exists());

    let run = common::digest(&["build", "--no-such-flag"], site.root());
    assert_eq!(run.code, 2, "usage errors exit 2: {}", run.stderr);
    assert!(run.stderr.contains("--no-such-flag"), "{}", run.stderr);
}

#[test]
fn duplicate_and_reserved_slugs_are_errors() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/one.md",
            &common::claim_entry("One", "2024-06-01", "mixed", "slug: \"same\"\n", "Body."),
        ),
        (
            "content/claims/2024/two.md",
            &common::claim_entry("Two", "2024-06-02", "mixed", "slug: \"same\"\n", "Body."),
        ),
        (
            "content/claims/bad-slug.md",
            &common::claim_entry(
                "Bad",
                "2024-06-03",
                "mixed",
                "slug: \"../escape\"\n",
                "Body.",
            ),
        ),
        (
            "content/pages/timeline.md",
            "---\ntitle: \"Not the timeline\"\n---\nText.\n",
        ),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let errors = diagnostics(&report).errors();
    let mut codes: Vec<(&str, &str)> = errors
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    codes.sort();
    assert_eq!(codes.len(), 3, "{report:#}");
    // The duplicate is reported on one of the two files, naming the other.
    let duplicate = errors
        .clone()
        .code("duplicate-slug")
        .into_iter()
        .next()
        .expect("a duplicate-slug error");
    let (one, two) = ("content/claims/one.md", "content/claims/2024/two.md");
    let message = duplicate["message"].as_str().unwrap();
    assert!(
        (duplicate["file"] == one && message.contains(two))
            || (duplicate["file"] == two && message.contains(one)),
        "{duplicate}"
    );
    assert!(codes.contains(&("unsafe-slug", "content/claims/bad-slug.md")));
    assert!(codes.contains(&("page-slug-reserved", "content/pages/timeline.md")));
    let out = site.path("out");
    assert_eq!(site.run_build(&out, &[]).code, 1);
    assert!(!out.exists());
}

#[test]
fn entries_outside_the_folders_digest_reads_are_named() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claim/misfiled.md", BAD_STATUS),
        ("content/loose.md", BAD_STATUS),
        ("content/images/photo.png", "not an entry"),
        ("content/.drafts/later.md", BAD_STATUS),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let ignored = diagnostics(&report).code("entry-ignored");
    let found: Vec<(&str, &str)> = ignored
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["hint"].as_str().unwrap()))
        .collect();
    assert_eq!(found.len(), 2, "{report:#}");
    assert_eq!(found[0].0, "content/claim");
    assert!(found[0].1.contains("content/claims/"), "{}", found[0].1);
    assert_eq!(found[1].0, "content/loose.md");
}

#[test]
fn a_bad_date_does_not_hide_an_empty_tag_of_the_same_entry() {
    let entry = common::claim_entry("Both", "2024-13-45", "false", "tags: [\"\"]\n", "Body.");
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/both.md", &entry),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let mut codes = diagnostics(&report).errors().codes();
    codes.sort();
    assert_eq!(codes, ["invalid-date", "tag-empty"], "{report:#}");
}
