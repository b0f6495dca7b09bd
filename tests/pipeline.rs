//! One pipeline: `digest build` and `digest serve` make the same files from the same site (the
//! served HTML differs only by the live-reload script it carries), and `digest check`, which
//! renders every page through the same driver, finds nothing to say against a site that builds.

mod common;

use common::serve::{Server, get};
use common::{Site, claim_entry, list_files, site_toml};

/// A generated site with what varies from page to page: several actors (with and without
/// profiles), tags, corrections, a re-rating, code, a plain page and a static file.
fn corpus() -> Site {
    let mut files = vec![
        ("site.toml".to_string(), site_toml("fr")),
        (
            "content/actors/jane-doe.md".to_string(),
            "---\nname: \"Jane Doe\"\nkind: person\naliases: [\"J. Doe\"]\n---\nUne élue.\n"
                .to_string(),
        ),
        (
            "content/pages/methode.md".to_string(),
            "---\ntitle: \"Méthode\"\n---\nComment nous travaillons.\n".to_string(),
        ),
        (
            "static/docs/note.txt".to_string(),
            "Une note publiée telle quelle.\n".to_string(),
        ),
    ];
    let statuses = ["true", "mixed", "false", "unverified"];
    for i in 0..40 {
        let claimant = match i % 3 {
            0 => "claimant: \"Jane Doe\"\n".to_string(),
            1 => format!("claimant: \"Acteur {}\"\nabout: [\"J. Doe\"]\n", i % 5),
            _ => String::new(),
        };
        let mut extra = format!("{claimant}tags: [\"Thème {}\", \"Commun\"]\n", i % 4);
        if i % 7 == 0 {
            extra.push_str("corrections:\n  - { date: 2024-08-01, note: \"Nouvelle source.\", previous_status: unverified }\n");
        }
        let body = match i % 9 {
            0 => "Analyse.\n\n```rust\nfn main() {}\n```\n".to_string(),
            _ => format!("Analyse numéro {i}.\n\n## Contexte\n\nDétails."),
        };
        let date = format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 27);
        files.push((
            format!("content/claims/c{i:02}.md"),
            claim_entry(
                &format!("Affirmation {i}"),
                &date,
                statuses[i % 4],
                &extra,
                &body,
            ),
        ));
    }
    Site::from_files(&files)
}

/// Builds `site` for the origin `serve` listens on, and compares every built file with what the
/// server answers for it.
fn build_and_serve_agree(site: &Site) {
    let server = Server::start(site);
    let base = format!("http://127.0.0.1:{}/digest/", server.port);
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let run = site.run_build(&output, &["--base-url", &base]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = list_files(&output);
    assert!(built.len() > 50, "{} files", built.len());
    let mut compared = 0;
    for file in built.iter().filter(|f| *f != ".digest-output") {
        let served = get(server.port, &format!("/digest/{file}"));
        assert_eq!(served.status, 200, "{file} is not served");
        let written = std::fs::read(output.join(file)).unwrap();
        let written = String::from_utf8_lossy(&written);
        let body = match file.ends_with(".html") {
            true => without_reload_script(&served.body),
            false => served.body.clone(),
        };
        assert!(body == written, "{file} differs between build and serve");
        compared += 1;
    }
    assert_eq!(compared, built.len() - 1);
    assert!(
        !server.log().contains("missed"),
        "serve's own check: {}",
        server.log()
    );
}

/// The page as built: `serve` adds one `<script>` for live reload before `</body>`.
fn without_reload_script(html: &str) -> String {
    let start = html
        .find("<script src=\"/__digest/reload.js\"")
        .expect("serve injects its script");
    let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn build_and_serve_make_the_same_files_for_the_example() {
    build_and_serve_agree(&Site::example());
}

#[test]
fn build_and_serve_make_the_same_files_for_a_generated_corpus() {
    let site = corpus();
    build_and_serve_agree(&site);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(report["errors"], 0);
}
