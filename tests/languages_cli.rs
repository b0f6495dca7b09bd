//! A site in several languages from the command line: diagnostics between a translation and
//! its original, `digest new --translation-of`, `digest init --also`, `digest serve`.

mod common;

use common::diagnostics;
use common::languages::{bilingual, claim, switcher};
use std::time::Duration;

#[test]
fn a_different_verdict_is_an_error_and_a_lone_translation_a_warning() {
    let site = bilingual();
    site.write(
        "content/claims/a.en.md",
        &claim("Is the sky green?", "The sky is green.", "true", "Sky"),
    );
    site.write(
        "content/claims/c.en.md",
        &claim("English only?", "English only.", "unverified", "Sky"),
    );
    site.write(
        "content/claims/d.de.md",
        &claim("Deutsch?", "Deutsch.", "unverified", "Sky"),
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let all = diagnostics(&report);
    let errors = all.clone().errors();
    assert_eq!(errors.codes(), ["translation-verdict"], "{report:#}");
    assert_eq!(errors[0]["file"], "content/claims/a.en.md");
    assert_eq!(errors[0]["line"], 6, "at the status line");
    let lone = all.clone().code("translation-without-original");
    assert_eq!(lone.len(), 1, "{report:#}");
    assert_eq!(lone[0]["file"], "content/claims/c.en.md");
    assert_eq!(lone[0]["severity"], "warning");
    let foreign = all.clone().code("language-not-configured");
    assert_eq!(foreign.len(), 1);
    assert_eq!(foreign[0]["file"], "content/claims/d.de.md");
    let labels = all.code("rating-label-missing");
    assert_eq!(labels.len(), 1);
    assert!(
        labels[0]["message"]
            .as_str()
            .unwrap()
            .contains("unverified")
    );

    // With the verdicts agreeing, the lone translation is published in English only.
    site.write(
        "content/claims/a.en.md",
        &claim("Is the sky green?", "The sky is green.", "false", "Sky"),
    );
    let out = site.build(&[]);
    assert!(out.exists("en/claims/c/index.html"));
    assert!(!out.exists("claims/c/index.html"));
    let page = out.page("en/claims/c/index.html");
    assert_eq!(switcher(&page)["fr"], "/digest/");
    assert!(
        out.exists("claims/d-de/index.html"),
        "read in the default language"
    );
}

#[test]
fn new_starts_a_translation_from_the_original_front_matter() {
    let site = bilingual();
    let root = site.root().to_str().expect("UTF-8").to_string();
    let run = common::digest(
        &[
            "new",
            "Does water wet?",
            "--root",
            &root,
            "--translation-of",
            "b",
        ],
        site.root(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        site.path("content/claims/b.en.md").to_str().unwrap()
    );
    let text = std::fs::read_to_string(site.path("content/claims/b.en.md")).unwrap();
    assert!(text.contains("title: \"Does water wet?\""), "{text}");
    assert!(
        text.contains("status: true"),
        "the original's verdict: {text}"
    );
    assert!(text.contains("draft: true"), "{text}");
    let out = site.build(&["--drafts"]);
    assert!(out.exists("en/claims/b/index.html"));
    let page = out.page("claims/b/index.html");
    assert_eq!(switcher(&page)["en"], "/digest/en/claims/b/");

    // Once more: never overwritten; an unknown slug or language is refused.
    for (args, says) in [
        (
            vec!["new", "Again", "--root", &root, "--translation-of", "b"],
            "already exists: the claim has this translation already; edit that file",
        ),
        (
            vec!["new", "X", "--root", &root, "--translation-of", "nope"],
            "no claim",
        ),
        (
            vec![
                "new",
                "X",
                "--root",
                &root,
                "--translation-of",
                "a",
                "--language",
                "fr",
            ],
            "not one of the site's other languages",
        ),
    ] {
        let run = common::digest(&args, site.root());
        assert_ne!(run.code, 0, "{args:?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn serve_shows_a_translation_edit() {
    let site = bilingual();
    let server = common::serve::Server::start(&site);
    server.wait_for_text(
        "/digest/en/claims/a/",
        "Is the sky green?",
        Duration::from_secs(10),
    );
    common::serve::save(
        &site,
        "content/claims/a.en.md",
        &claim(
            "Is the sky really green?",
            "The sky is green.",
            "false",
            "Sky",
        ),
    );
    server.wait_for_text(
        "/digest/en/claims/a/",
        "Is the sky really green?",
        Duration::from_secs(10),
    );
    server.wait_for_text(
        "/digest/en/timeline/",
        "Is the sky really green?",
        Duration::from_secs(5),
    );
    // The French page still links the English one.
    let fr = server.get("/digest/claims/a/");
    assert!(fr.body.contains("/digest/en/claims/a/"));
}

#[test]
fn init_can_start_a_bilingual_site_that_checks_and_builds() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("bilingual");
    let dir_arg = dir.to_str().expect("UTF-8");
    let run = common::digest(
        &["init", dir_arg, "--language", "fr", "--also", "en"],
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = ["--root", dir_arg];
    let (run, report) = common::check_json_at(&dir, &[]);
    assert_eq!(run.code, 0, "{report:#}");
    assert!(diagnostics(&report).is_empty(), "{report:#}");
    let out = dir.join("out");
    let run = common::digest(
        &[
            &["build"][..],
            &root,
            &["--output-dir", out.to_str().unwrap()],
        ]
        .concat(),
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = common::Built {
        dir: out.clone(),
        run,
    };
    let claims = built.json("en/claims.json");
    assert_eq!(claims["claims"][0]["language"], "en");
    assert_eq!(claims["claims"][0]["rating_label"], "False");
    // The methodology page is linked to its translation (a shared slug).
    let page = built.page("methodologie/index.html");
    assert_eq!(switcher(&page)["en"], "/REPO/en/methodologie/");
    common::check_links_under(&out, "/REPO/");
}

#[test]
fn new_writes_a_bundle_translation_beside_its_index() {
    let site = bilingual();
    site.write(
        "content/claims/2024/photo/index.md",
        &claim("La photo", "Une photo.", "false", "Front"),
    );
    site.write_bytes("content/claims/2024/photo/shot.png", b"not read here");
    let root = site.root().to_str().expect("UTF-8").to_string();
    let args = [
        "new",
        "The photo",
        "--root",
        &root,
        "--translation-of",
        "photo",
    ];
    let run = common::digest(&args, site.root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = site.path("content/claims/2024/photo/index.en.md");
    assert_eq!(run.stdout.trim(), written.to_str().unwrap());
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("title: \"The photo\""), "{text}");
    assert!(
        text.contains("status: false"),
        "the original's verdict: {text}"
    );
}

#[test]
fn a_translation_of_an_original_with_errors_is_not_called_lone() {
    let site = bilingual();
    // `b.md` exists but its verdict is not of the scale: its error is the one to fix.
    site.write(
        "content/claims/b.md",
        &claim("L’eau mouille-t-elle ?", "L’eau mouille.", "treu", "Eau"),
    );
    site.write(
        "content/claims/b.en.md",
        &claim("Does water wet?", "Water wets.", "true", "Water"),
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let all = diagnostics(&report);
    assert_eq!(
        all.clone().errors().codes(),
        ["unknown-status"],
        "{report:#}"
    );
    assert!(
        all.code("translation-without-original").is_empty(),
        "{report:#}"
    );
}
