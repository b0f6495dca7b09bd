//! Nothing is lost: a failed build leaves the previous output byte for byte, and digest refuses
//! to write into (and so to replace) a folder it did not create: the site itself, its content,
//! or any non-empty folder without its `.digest-output` marker.

mod common;

use common::{Site, list_files, site_toml, snapshot};
use std::path::Path;

fn small_site() -> Site {
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/first.md",
            &common::claim_entry("First", "2024-06-20", "mixed", "tags: [\"A\"]\n", "Body."),
        ),
        (
            "content/claims/second.md",
            &common::claim_entry("Second", "2024-06-21", "\"true\"", "", "Body."),
        ),
        (
            "content/pages/about.md",
            "---\ntitle: \"About\"\n---\nAbout us.\n",
        ),
    ])
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = small_site();
    let first = site.build(&[]);
    let before = snapshot(&first.dir);
    assert!(before.contains_key("claims/first/index.html"));
    assert!(before.contains_key(".digest-output"));

    site.write(
        "content/claims/first.md",
        &common::claim_entry("First", "2024-06-20", "flase", "", "Body."),
    );
    let run = site.run_build(&first.dir, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("previous output is untouched"),
        "{}",
        run.stderr
    );

    let after = snapshot(&first.dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "the file list changed"
    );
    for file in [
        "index.html",
        "claims/first/index.html",
        "claims.json",
        "atom.xml",
    ] {
        assert_eq!(after[file], before[file], "{file} changed");
    }
    assert!(after == before, "some file changed");
    let staging: Vec<String> = common::digest_siblings(&first.dir)
        .into_iter()
        .filter(|n| n.contains(".digest-staging"))
        .collect();
    assert!(staging.is_empty(), "staging left behind");
}

#[test]
fn a_second_good_build_replaces_the_output() {
    let site = small_site();
    let first = site.build(&[]);
    site.remove("content/claims/second.md");
    site.write(
        "content/claims/third.md",
        &common::claim_entry("Third", "2024-06-22", "mixed", "", "Body."),
    );
    let second = site.build(&[]);
    assert_eq!(first.dir, second.dir);
    assert!(second.exists("claims/third/index.html"));
    assert!(
        !second.exists("claims/second/index.html"),
        "stale page kept"
    );
    assert!(second.exists(".digest-output"));
    assert_eq!(second.json("claims.json")["count"], 2);
}

/// Runs a build into `output` expecting a refusal (exit 2) that deletes and writes nothing.
fn assert_refused(site: &Site, output: &Path) {
    let before = snapshot(site.root());
    let run = site.run_build(output, &[]);
    assert_eq!(run.code, 2, "{}: {}", output.display(), run.stderr);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(
        snapshot(site.root()),
        before,
        "the site changed after refusing {}",
        output.display()
    );
}

#[test]
fn the_site_root_and_its_content_are_refused() {
    let site = small_site();
    assert_refused(&site, site.root());
    assert_refused(&site, &site.path("content"));
    assert_refused(&site, &site.path("content/claims"));
    site.write("templates/page.html", "{% extends \"base.html\" %}");
    site.write("static/robots-extra.txt", "x");
    assert_refused(&site, &site.path("templates"));
    assert_refused(&site, &site.path("static"));
    assert_refused(&site, &site.path("static/out"));
    // A relative --output-dir is relative to the site root.
    let root = site.root().to_str().unwrap().to_string();
    for relative in [".", "content"] {
        let before = snapshot(site.root());
        let run = common::digest(
            &["build", "--root", &root, "--output-dir", relative],
            site.root(),
        );
        assert_eq!(run.code, 2, "{relative}: {}", run.stderr);
        assert_eq!(snapshot(site.root()), before);
    }
    // A parent of the site is refused too (a copy of the site in a folder of its own, so that a
    // regression could only harm that folder).
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    common::copy_dir(site.root(), &root);
    let before = snapshot(outer.path());
    let run = common::digest(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output-dir",
            outer.path().to_str().unwrap(),
        ],
        outer.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(snapshot(outer.path()), before);
}

#[test]
fn a_foreign_folder_is_refused_and_kept() {
    let site = small_site();
    site.write("mine/keep.txt", "precious");
    site.write("mine/sub/also.txt", "also precious");
    assert_refused(&site, &site.path("mine"));
    assert_eq!(list_files(&site.path("mine")), ["keep.txt", "sub/also.txt"]);
    assert_eq!(
        std::fs::read_to_string(site.path("mine/keep.txt")).unwrap(),
        "precious"
    );
    // A folder holding another site is refused even with the marker.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("site.toml"), "title = \"x\"").unwrap();
    std::fs::write(other.path().join(".digest-output"), "").unwrap();
    let run = site.run_build(other.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(other.path().join("site.toml").exists());
    // A file in place of the folder is refused.
    site.write("a-file", "x");
    assert_refused(&site, &site.path("a-file"));
}

#[test]
fn an_empty_folder_or_a_digest_output_is_accepted() {
    let site = small_site();
    std::fs::create_dir_all(site.path("empty")).unwrap();
    let built = site.build_into("empty", &[]);
    assert!(built.exists("index.html"));
    // The marker makes a folder replaceable; a foreign file inside it goes with the old site.
    site.write("empty/extra.txt", "left by hand");
    let again = site.build_into("empty", &[]);
    assert!(again.exists("index.html"));
    assert!(!again.exists("extra.txt"));
}
