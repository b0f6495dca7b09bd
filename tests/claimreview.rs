//! ClaimReview markup of a claim page, read back by parsing its JSON-LD: `appearance` and
//! `firstAppearance` with and without the source's address; the language of the page and of its
//! review (`inLanguage`), English or French.

mod common;

use common::claims::{BASE, review};
use common::{Site, site_toml};

#[test]
fn claim_review_appearance_follows_the_source_address() {
    let with_url = r#"---
title: "With an address"
claim: "The claim as it appeared."
claimant: "Jane Doe"
date: 2024-06-27
published: 2024-06-28
status: "false"
source:
  publisher: "TV Chosun"
  title: "The original report"
  url: "https://news.example.org/report"
  date: 2024-06-26
  archive: "https://web.archive.org/web/20240626/https://news.example.org/report"
---
Body.
"#;
    let without_url = r#"---
title: "Without an address"
claim: "A claim heard on the radio."
date: 2024-06-27
status: "unverified"
source:
  publisher: "Radio Free Example"
  title: "Morning show"
---
Body.
"#;
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/with-url.md", with_url),
        ("content/claims/without-url.md", without_url),
    ]);
    let out = site.build(&[]);

    let (_, r) = review(&out, "with-url");
    let item = &r["itemReviewed"];
    let first = &item["firstAppearance"];
    assert_eq!(first["@type"], "CreativeWork", "{item:#}");
    assert_eq!(first["url"], "https://news.example.org/report");
    assert_eq!(
        first["archivedAt"],
        "https://web.archive.org/web/20240626/https://news.example.org/report"
    );
    assert_eq!(first["publisher"]["@type"], "Organization");
    assert_eq!(first["publisher"]["name"], "TV Chosun");
    assert_eq!(first["datePublished"], "2024-06-26");
    assert_eq!(first["headline"], "The original report");
    let appearance = item["appearance"].as_array().expect("an appearance list");
    assert_eq!(appearance.len(), 1, "{item:#}");
    assert_eq!(
        &appearance[0], first,
        "appearance[0] is the first appearance"
    );

    let (page, r) = review(&out, "without-url");
    let item = r["itemReviewed"].as_object().expect("an item");
    assert!(
        !item.contains_key("firstAppearance"),
        "no date, no firstAppearance: {item:#?}"
    );
    // No claimant named: no author is invented for the claim.
    assert!(!item.contains_key("author"), "{item:#?}");
    let appearance = item["appearance"].as_array().expect("an appearance list");
    assert_eq!(appearance.len(), 1);
    assert_eq!(appearance[0]["@type"], "CreativeWork");
    // What the source says, and no address: never this page's own (issue 15).
    assert!(appearance[0].get("url").is_none(), "{appearance:#?}");
    assert_eq!(appearance[0]["publisher"]["name"], "Radio Free Example");
    assert_eq!(appearance[0]["headline"], "Morning show");
    let canonical = page.canonical().expect("a canonical URL");
    assert_eq!(canonical, format!("{BASE}claims/without-url/"));
    let item_text = serde_json::to_string(&r["itemReviewed"]).unwrap();
    assert!(!item_text.contains(&canonical), "{item_text}");
    assert!(!item_text.contains("#sources-title"), "{item_text}");
    assert!(page.text(".sources").contains("Radio Free Example"));
}

/// The claimant's @type comes from its profile's `kind`; an actor whose kind is unknown is
/// left out rather than guessed; `firstAppearance` needs the source's date.
#[test]
fn claim_review_says_only_what_the_content_knows() {
    let actor = |name: &str, kind: &str| format!("---\nname: \"{name}\"\nkind: {kind}\n---\n");
    let entry = |title: &str, claimant: &str, source_date: &str| {
        format!(
            "---\ntitle: \"{title}\"\nclaim: \"Claim of {title}.\"\nclaimant: {claimant}\n\
             date: 2024-06-27\nstatus: \"false\"\nsource:\n  publisher: \"Daily\"\n  \
             url: \"https://news.example.org/{title}\"\n{source_date}---\nBody.\n"
        )
    };
    for language in ["fr", "en"] {
        let site = Site::new(&[
            ("site.toml", &site_toml(language)),
            (
                "content/actors/official.md",
                &actor("Anonymous official", "personne"),
            ),
            ("content/actors/un.md", &actor("UN", "organisation")),
            ("content/actors/freedonia.md", &actor("Freedonia", "state")),
            ("content/actors/source.md", &actor("A source", "anonymous")),
            (
                "content/claims/person.md",
                &entry("person", "\"Anonymous official\"", "  date: 2024-06-26\n"),
            ),
            ("content/claims/org.md", &entry("org", "UN", "")),
            (
                "content/claims/dated.md",
                "---\ntitle: dated\nclaim: \"Claim of dated.\"\nclaimant: UN\n\
                     date: 2024-06-27\nstatus: \"false\"\nsource:\n  publisher: \"Radio\"\n  \
                     date: 2024-06-25\n---\nBody.\n",
            ),
            ("content/claims/state.md", &entry("state", "Freedonia", "")),
            (
                "content/claims/unprofiled.md",
                &entry("unprofiled", "\"Someone\"", ""),
            ),
            (
                "content/claims/anonymous.md",
                &entry("anonymous", "\"A source\"", ""),
            ),
            (
                "content/claims/mixed.md",
                &entry("mixed", "[\"Someone\", UN]", ""),
            ),
        ]);
        let out = site.build(&[]);
        let item = |slug: &str| review(&out, slug).1["itemReviewed"].clone();

        let person = item("person");
        assert_eq!(person["author"]["@type"], "Person", "{language}");
        assert_eq!(person["author"]["name"], "Anonymous official");
        assert_eq!(person["firstAppearance"]["datePublished"], "2024-06-26");
        assert_eq!(
            person["firstAppearance"]["url"],
            "https://news.example.org/person"
        );

        let org = item("org");
        assert_eq!(org["author"]["@type"], "Organization", "{language}");
        assert!(
            org.get("firstAppearance").is_none(),
            "undated source: {org:#}"
        );
        assert_eq!(org["appearance"][0]["url"], "https://news.example.org/org");
        // Dated, but without an address: the appearance says it all.
        let dated = item("dated");
        assert!(dated.get("firstAppearance").is_none(), "{dated:#}");
        assert_eq!(dated["appearance"][0]["datePublished"], "2024-06-25");
        assert!(dated["appearance"][0].get("url").is_none(), "{dated:#}");
        assert_eq!(item("state")["author"]["@type"], "Organization");

        // An actor without a profile, or an anonymous source: neither type is guessed.
        assert!(item("unprofiled").get("author").is_none(), "{language}");
        assert!(item("anonymous").get("author").is_none(), "{language}");
        let mixed = item("mixed");
        assert_eq!(
            mixed["author"],
            serde_json::json!({"@type": "Organization", "name": "UN"})
        );

        if let Some(tool) = common::shared_tool("check_claimreview.py") {
            let public = out.dir.to_string_lossy().to_string();
            common::run_claimreview_checker(&tool, &[public.as_str(), "--today", "2025-01-01"]);
        }
    }
}

#[test]
fn an_english_site_speaks_english_and_a_french_one_french() {
    let files = |language: &str| {
        Site::new(&[
            ("site.toml", &site_toml(language)),
            (
                "content/claims/x.md",
                &common::claim_entry(
                    "Same claim",
                    "2024-06-27",
                    "mixed",
                    "claimant: \"Jane\"\n",
                    "Body.",
                ),
            ),
        ])
    };
    let en_site = files("en");
    let en_out = en_site.build(&[]);
    let en = en_out.page("claims/x/index.html");
    assert_eq!(en.attr("html", "lang"), "en");
    assert_eq!(en.attr(r#"meta[property="og:locale"]"#, "content"), "en_US");
    assert_eq!(en.text("a.skip-link"), "Skip to content");
    assert_eq!(en.text("#analysis-title"), "Analysis");
    assert_eq!(en.text("#sources-title"), "Where it appeared");
    assert_eq!(en.text(".claim-head .kicker time"), "June 27, 2024");
    assert!(en.text(".verdict-card__who").starts_with("Claimed by Jane"));
    let nav = en.texts(".site-nav a");
    assert_eq!(nav, ["Timeline", "Actors", "Ratings", "Topics", "Search"]);
    assert_eq!(review(&en_out, "x").1["inLanguage"], "en");

    let fr_site = files("fr");
    let fr = fr_site.build(&[]).page("claims/x/index.html");
    assert_eq!(fr.attr("html", "lang"), "fr");
    assert_eq!(fr.attr(r#"meta[property="og:locale"]"#, "content"), "fr_FR");
    assert_eq!(fr.text("#analysis-title"), "Analyse");
    assert_eq!(fr.text(".claim-head .kicker time"), "27 juin 2024");
}
