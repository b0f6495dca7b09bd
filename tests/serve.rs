//! `digest serve`: the site is served from memory under the path of its `base_url`, an edit is
//! rebuilt and announced on the Server-Sent Events channel, a broken entry shows its errors in
//! `/__digest/status` while the last good site stays served, and Ctrl-C (SIGINT) stops the
//! server with exit status 0.
//!
//! The server runs with `DIGEST_SERVE_VERIFY=1`: after each incremental rebuild it renders the
//! whole site again and prints a warning for any output the incremental rebuild missed, which
//! these tests refuse.

mod common;

use common::serve::{Server, entry, events, expect_event, save, small_site};
use common::{Site, claim_entry};
use std::process::Command;
use std::time::{Duration, Instant};

const FIRST: &str = "claims/premier/index.html";

#[test]
fn serves_rebuilds_reports_errors_and_stops_on_ctrl_c() {
    let site = small_site();
    let mut server = Server::start(&site);

    // The site is served under the path of its base_url; `/` leads there.
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.headers["location"], "/digest/");
    let home = server.get("/digest/");
    assert_eq!(home.status, 200);
    assert_eq!(home.headers["content-type"], "text/html; charset=utf-8");
    assert!(
        home.body.contains(
            r#"<script src="/__digest/reload.js" data-generation="1" defer></script></body>"#
        ),
        "the reload script is added before </body>:\n{}",
        home.body
    );
    let page = server.get(&format!("/digest/{}", FIRST.trim_end_matches("index.html")));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The first analysis."));
    // Canonical URLs point at the server.
    let origin = format!("http://127.0.0.1:{}/digest/", server.port);
    assert!(page.body.contains(&origin), "canonical URL on {origin}");
    assert_eq!(
        server.get("/digest/claims/premier").headers["location"],
        "/digest/claims/premier/"
    );
    assert_eq!(
        server.get("/digest/atom.xml").headers["content-type"],
        "application/atom+xml"
    );
    assert_eq!(
        server.get("/digest/assets/site.css").headers["content-type"],
        "text/css; charset=utf-8"
    );
    let missing = server.get("/digest/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("/__digest/reload.js"),
        "the site's 404 page"
    );
    let script = server.get("/__digest/reload.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource") && script.body.contains("digest-serve-overlay"));
    assert!(
        !script.body.contains("innerHTML"),
        "the overlay is built with DOM calls"
    );

    // An edit is rebuilt, served and announced.
    let events = events(server.port);
    expect_event(&events, "hello", Duration::from_secs(5), &server);
    save(
        &site,
        "content/claims/premier.md",
        &entry("Premier", "false", "The first analysis, now longer."),
    );
    let took = server.wait_for_text(
        "/digest/claims/premier/",
        "now longer",
        Duration::from_secs(1),
    );
    expect_event(&events, "reload", Duration::from_secs(2), &server);
    eprintln!("edit served after {took:?}");

    // A title shows on lists too.
    save(
        &site,
        "content/claims/premier.md",
        &entry(
            "Premier renamed",
            "false",
            "The first analysis, now longer.",
        ),
    );
    server.wait_for_text("/digest/", "Premier renamed", Duration::from_secs(5));
    server.wait_for_text(
        "/digest/actors/jane-doe/",
        "Premier renamed",
        Duration::from_secs(5),
    );
    expect_event(&events, "reload", Duration::from_secs(5), &server);

    // A broken entry: the errors are in the status, the last good site is still served.
    save(
        &site,
        "content/claims/premier.md",
        &entry("Premier renamed", "flase", "Broken now."),
    );
    expect_event(&events, "failed", Duration::from_secs(5), &server);
    let status = server.get("/__digest/status");
    assert_eq!(status.headers["content-type"], "application/json");
    let status: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(status["ok"], false, "{status}");
    assert_eq!(status["errors"], 1, "{status}");
    assert_eq!(
        status["diagnostics"][0]["code"], "unknown-status",
        "{status}"
    );
    assert_eq!(
        status["diagnostics"][0]["file"], "content/claims/premier.md",
        "{status}"
    );
    assert!(status["human"].as_str().unwrap().contains("status: flase"));
    let page = server.get("/digest/claims/premier/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("now longer"), "the last good page");
    // The log is read by another thread: wait for the lines rather than race it.
    server.wait_for_log("unknown status \"flase\"", Duration::from_secs(10));
    server.wait_for_log(
        "still serving the last good version",
        Duration::from_secs(10),
    );

    // Fixed: rebuilt, announced, the status is clean again.
    save(
        &site,
        "content/claims/premier.md",
        &entry("Premier renamed", "mixed", "Fixed and served."),
    );
    expect_event(&events, "reload", Duration::from_secs(5), &server);
    server.wait_for_text(
        "/digest/claims/premier/",
        "Fixed and served.",
        Duration::from_secs(5),
    );
    let status: serde_json::Value =
        serde_json::from_str(&server.get("/__digest/status").body).unwrap();
    assert_eq!(status["ok"], true, "{status}");

    // A new entry and a removed one.
    save(
        &site,
        "content/claims/third.md",
        &entry("Third", "true", "A third analysis."),
    );
    server.wait_for_text(
        "/digest/claims/third/",
        "A third analysis.",
        Duration::from_secs(5),
    );
    site.remove("content/claims/second.md");
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.get("/digest/claims/second/").status != 404 {
        assert!(Instant::now() < deadline, "a removed entry's page is gone");
        std::thread::sleep(Duration::from_millis(10));
    }

    // Static files are served from memory too, and win over rendered outputs.
    save(&site, "static/notes/readme.txt", "static text");
    server.wait_for_text(
        "/digest/notes/readme.txt",
        "static text",
        Duration::from_secs(5),
    );

    let log = server.log();
    assert!(log.contains("Rebuilt "), "{log}");
    assert!(
        !log.contains("missed"),
        "an incremental rebuild differs from a full one:\n{log}"
    );

    // Ctrl-C stops it cleanly.
    let pid = libc::pid_t::try_from(server.child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "digest serve did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "exit status after Ctrl-C");
}

#[test]
fn a_site_that_is_broken_from_the_start_is_served_once_fixed() {
    let site = small_site();
    save(
        &site,
        "content/claims/premier.md",
        &entry("Premier", "flase", "Broken from the start."),
    );
    let server = Server::start(&site);
    let status: serde_json::Value =
        serde_json::from_str(&server.get("/__digest/status").body).unwrap();
    assert_eq!(status["ok"], false, "{status}");
    // Nothing good to show yet: a placeholder that carries the reload script.
    let home = server.get("/digest/");
    assert_eq!(home.status, 503);
    assert!(home.body.contains("/__digest/reload.js"));
    save(
        &site,
        "content/claims/premier.md",
        &entry("Premier", "false", "Fixed at last."),
    );
    server.wait_for_text(
        "/digest/claims/premier/",
        "Fixed at last.",
        Duration::from_secs(5),
    );
}

#[test]
fn a_folder_without_site_toml_is_refused() {
    let site = Site::new(&[("content/claims/a.md", "---\n---\n")]);
    let run = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("site.toml"));
}

/// Every kind of edit, on the example site: after each, the server renders the whole site again
/// (`DIGEST_SERVE_VERIFY`) and would print a warning for any output the incremental rebuild
/// got wrong.
#[test]
fn incremental_rebuilds_match_full_ones_for_every_kind_of_edit() {
    let site = Site::example_one_language();
    let server = Server::start(&site);
    let claim = "content/claims/2024/accord-poutine-kim-19-juin.md";
    let other = "content/claims/2024/peskov-kremlin-ignore-information.md";
    let actor = "content/actors/dmitri-peskov.md";
    let page = "content/pages/methodologie.md";
    let edit = |file: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        assert!(text.contains(from), "{file} has {from:?}");
        save(&site, file, &text.replacen(from, to, 1));
    };
    let append = |file: &str, more: &str| {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        save(&site, file, &format!("{text}\n{more}\n"));
    };
    let rebuilds = || {
        server
            .log()
            .lines()
            .filter(|l| l.starts_with("Rebuilt ") || l.starts_with("Build failed"))
            .count()
    };
    let mut seen = rebuilds();
    let mut settle = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while rebuilds() == seen {
            assert!(
                Instant::now() < deadline,
                "no rebuild after {what}; log:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        // Let a second batch of the same save (if any) land too.
        std::thread::sleep(Duration::from_millis(150));
        seen = rebuilds();
        let log = server.log();
        assert!(!log.contains("missed"), "after {what}:\n{log}");
        assert!(!log.contains("Build failed"), "after {what}:\n{log}");
    };

    append(claim, "Une phrase de plus.");
    settle("a body edit");
    edit(claim, "title: \"Poutine", "title: \"Vladimir Poutine");
    settle("a title edit");
    edit(
        claim,
        "summary: \"La rencontre",
        "summary: \"Un résumé : la rencontre",
    );
    settle("a summary edit");
    edit(claim, "\"Diplomatie\"]", "\"Diplomatie\", \"Ukraine\"]");
    settle("a tag added");
    edit(
        claim,
        "\"Kim Jong-un\",",
        "\"Kim Jong-un\", \"Dmitri Peskov\",",
    );
    settle("an actor added");
    edit(claim, "date: 2024-06\n", "date: 2024-06-18\n");
    settle("a date edit");
    edit(
        claim,
        "date: 2024-06-18",
        "date: 2024-06-18\ndate_approximate: true",
    );
    settle("a date made approximate");
    edit(claim, "date: 2024-06-18", "date: 2024-06");
    settle("a date made month-precise");
    edit(claim, "date: 2024-06", "date: 2024");
    settle("a date made year-precise");
    edit(claim, "status: \"mostly-true\"", "status: mixed");
    settle("a verdict edit");
    edit(
        claim,
        "tags:",
        "corrections: [ { date: 2024-07-01, note: \"Précision.\" } ]\ntags:",
    );
    settle("a correction");
    append(other, "Encore un mot.");
    settle("another body edit");
    append(actor, "Une ligne de biographie.");
    settle("an actor's biography");
    edit(
        actor,
        "description: \"Porte-parole",
        "description: \"Le porte-parole",
    );
    settle("an actor's description");
    append(page, "Un paragraphe de méthode.");
    settle("a page edit");
    edit(claim, "tags:", "quote: \"Des mots exacts\"\ntags:");
    settle("a quote");
    save(
        &site,
        "content/team/jeanne-martin.md",
        "---\nname: \"Jeanne Martin\"\nrole: \"Journaliste\"\n---\nBio.\n",
    );
    settle("a team profile");
    edit(
        claim,
        "authors: [\"redaction-exemple\"]",
        "authors: [\"Jeanne Martin\"]\neditors: [\"Paul\"]",
    );
    settle("a byline");
    edit(
        "content/team/jeanne-martin.md",
        "name: \"Jeanne",
        "name: \"Jeanne-Marie",
    );
    settle("a team member renamed");
    append("content/team/jeanne-martin.md", "Plus de bio.");
    settle("a team member's bio");
    save(
        &site,
        "content/claims/2024/nouvelle.md",
        &claim_entry(
            "Nouvelle",
            "2024-06-25",
            "false",
            "claimant: \"Dmitri Peskov\"\n",
            "Neuve.",
        ),
    );
    settle("a new claim");
    site.remove("content/claims/2024/nouvelle.md");
    settle("a removed claim");
    edit("site.toml", "title = \"", "title = \"Le ");
    settle("a settings edit");
    save(
        &site,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Perdu.</p>{% endblock content %}",
    );
    settle("a template override");
    server.wait_for_text("/digest/no/such/page", "Perdu.", Duration::from_secs(5));
}
