//! One pipeline: `digest build` and `digest serve` make the same files from the same site (the
//! served HTML differs only by the live-reload script it carries), and `digest check`, which
//! renders every page through the same driver, finds nothing to say against a site that builds.

mod common;

use common::serve::{Server, get, save};
use common::{Site, claim_entry, list_files, site_toml};
use std::time::{Duration, Instant};

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
    served_as_built(site, &Server::start(site));
}

/// Compares every file `digest build` makes of `site` with what `server` answers for it (and
/// the server's own check found no output missed).
fn served_as_built(site: &Site, server: &Server) {
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

/// A server printing its stages (`-v`), so that a test can see which path a rebuild took.
fn verbose_server(site: &Site) -> Server {
    Server::start_with(site, |command| {
        command.arg("--verbose");
    })
}

/// Replaces `from` by `to` in an entry as editors save, and waits for the rebuild; the log lines
/// of that rebuild.
fn edit_and_wait(site: &Site, server: &Server, file: &str, from: &str, to: &str) -> String {
    let rebuilds = || server.log().matches("\nRebuilt ").count();
    let before = rebuilds();
    let text = std::fs::read_to_string(site.path(file)).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    save(site, file, &text.replacen(from, to, 1));
    let deadline = Instant::now() + Duration::from_secs(30);
    while rebuilds() == before {
        assert!(
            Instant::now() < deadline,
            "no rebuild; log:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // The stages are printed after the `Rebuilt` line.
    std::thread::sleep(Duration::from_millis(200));
    let log = server.log();
    let last = log.rfind("\nRebuilt ").unwrap();
    assert!(!log.contains("Build failed"), "{log}");
    log[last..].to_string()
}

#[test]
fn verdict_changes_and_re_ratings_are_served_as_built() {
    let site = corpus();
    let server = verbose_server(&site);
    // c01 is "mixed": a verdict change alone is revised in place, the claim moved from one
    // rating's list to the other's.
    let rebuild = edit_and_wait(
        &site,
        &server,
        "content/claims/c01.md",
        "status: mixed",
        "status: false",
    );
    assert!(rebuild.contains("revise claims"), "{rebuild}");
    served_as_built(&site, &server);
    // c07 has a correction from `unverified` and is still unverified: a new verdict makes that
    // correction a re-rating (notice, corrections page, feed), still in place.
    let rebuild = edit_and_wait(
        &site,
        &server,
        "content/claims/c07.md",
        "status: unverified",
        "status: true",
    );
    assert!(rebuild.contains("revise claims"), "{rebuild}");
    served_as_built(&site, &server);
    // A re-rating as editors record it: the new verdict and a correction naming the old one.
    edit_and_wait(
        &site,
        &server,
        "content/claims/c02.md",
        "status: false\n",
        "status: mixed\ncorrections:\n  - { date: 2024-09-02, note: \"Nouvel élément.\", previous_status: false }\n",
    );
    served_as_built(&site, &server);
}

/// A verdict change can make a rating's list long enough to split into parts (here a year split
/// by month, its claims dated by the year only in a part of their own), and the change back
/// joins them: the parts' pages appear, then go. In between, an edit in place of a claim dated by
/// the year only changes the parts that hold it.
#[test]
fn a_verdict_change_that_splits_a_rating_list_is_served_as_built() {
    let mut files = vec![("site.toml".to_string(), site_toml("en"))];
    for i in 0..201 {
        let (date, status, extra) = match i {
            0 => ("2024-05-01".to_string(), "true", ""),
            1 => ("2024".to_string(), "false", "published: 2024-12-01\n"),
            _ => (
                format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "false",
                "",
            ),
        };
        files.push((
            format!("content/claims/c{i:03}.md"),
            claim_entry(&format!("Claim {i}"), &date, status, extra, "Analysis."),
        ));
    }
    let site = Site::from_files(&files);
    let server = verbose_server(&site);
    let file = "content/claims/c000.md";
    let rebuild = edit_and_wait(&site, &server, file, "status: true", "status: false");
    assert!(rebuild.contains("revise claims"), "{rebuild}");
    served_as_built(&site, &server);
    assert_eq!(server.get("/digest/ratings/false/2024/05/").status, 200);
    let year_only = "content/claims/c001.md";
    let rebuild = edit_and_wait(&site, &server, year_only, "Claim 1\"", "Claim one\"");
    assert!(rebuild.contains("revise claims"), "{rebuild}");
    served_as_built(&site, &server);
    let rebuild = edit_and_wait(&site, &server, file, "status: false", "status: true");
    assert!(rebuild.contains("revise claims"), "{rebuild}");
    served_as_built(&site, &server);
    assert_eq!(server.get("/digest/ratings/false/2024/05/").status, 404);
}

/// The generated corpus in two languages: ten claims and the plain page also in English.
fn bilingual_corpus() -> Site {
    let site = corpus();
    let toml = format!(
        "{}\n[[languages]]\ncode = \"en\"\ntitle = \"Test check\"\n",
        site_toml("fr")
    );
    site.write("site.toml", &toml);
    for i in 0..10 {
        let original = std::fs::read_to_string(site.path(&format!("content/claims/c{i:02}.md")));
        let english = original
            .unwrap()
            .replace(&format!("Affirmation {i}\""), &format!("Claim {i}\""))
            .replace("Analyse", "Analysis");
        site.write(&format!("content/claims/c{i:02}.en.md"), &english);
    }
    site.write(
        "content/pages/methode.en.md",
        "---\ntitle: \"Method\"\n---\nHow we work.\n",
    );
    site
}

/// `rendered` and `jobs` of a rebuild's line (`Rebuilt 3 files in 9 ms (x.md; 12 of 900
/// rendered)`).
fn rendered_of(rebuild: &str) -> (usize, usize) {
    let detail = rebuild.split(" rendered").next().unwrap();
    let numbers = detail.rsplit(' ').take(3).collect::<Vec<_>>();
    let [jobs, "of", rendered] = numbers[..] else {
        panic!("no count in {rebuild}");
    };
    (rendered.parse().unwrap(), jobs.parse().unwrap())
}

#[test]
fn build_and_serve_make_the_same_files_for_a_bilingual_corpus() {
    let site = bilingual_corpus();
    build_and_serve_agree(&site);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(report["errors"], 0);
}

/// On a site in two languages an edit of a translation, or of an original, renders the pages
/// that show it in each language, not the whole site; a translation added or removed changes
/// every page's alternates (the whole site). Every file is then as `build` makes it.
#[test]
fn edits_in_two_languages_are_rendered_incrementally_and_served_as_built() {
    let site = bilingual_corpus();
    let server = verbose_server(&site);
    let translation = "content/claims/c03.en.md";
    let rebuild = edit_and_wait(&site, &server, translation, "Claim 3\"", "Claim three\"");
    let (rendered, jobs) = rendered_of(&rebuild);
    assert!(rendered * 4 < jobs, "{rebuild}");
    served_as_built(&site, &server);
    assert!(
        server
            .get("/digest/en/claims/c03/")
            .body
            .contains("Claim three")
    );

    let original = "content/claims/c03.md";
    let rebuild = edit_and_wait(
        &site,
        &server,
        original,
        "Affirmation 3\"",
        "Affirmation trois\"",
    );
    let (rendered, jobs) = rendered_of(&rebuild);
    assert!(rendered * 4 < jobs, "{rebuild}");
    served_as_built(&site, &server);

    // A body edit of a translation: its page (and the lists' search records), not the site.
    let rebuild = edit_and_wait(&site, &server, translation, "Analysis", "Our analysis");
    let (rendered, jobs) = rendered_of(&rebuild);
    assert!(rendered * 4 < jobs, "{rebuild}");
    served_as_built(&site, &server);

    // A new translation: the original's page gains an alternate.
    let added = "content/claims/c20.en.md";
    let text = std::fs::read_to_string(site.path("content/claims/c20.md")).unwrap();
    save(
        &site,
        added,
        &text.replace("Affirmation 20\"", "Claim 20\""),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.get("/digest/en/claims/c20/").status != 200 {
        assert!(Instant::now() < deadline, "{}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    served_as_built(&site, &server);
    std::fs::remove_file(site.path(added)).unwrap();
    while server.get("/digest/en/claims/c20/").status != 404 {
        assert!(Instant::now() < deadline, "{}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    served_as_built(&site, &server);
}
