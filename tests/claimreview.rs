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
        "no address, no firstAppearance: {item:#?}"
    );
    let appearance = item["appearance"].as_array().expect("an appearance list");
    assert_eq!(appearance.len(), 1);
    assert_eq!(appearance[0]["@type"], "CreativeWork");
    let canonical = page.canonical().expect("a canonical URL");
    assert_eq!(canonical, format!("{BASE}claims/without-url/"));
    assert_eq!(
        appearance[0]["url"],
        format!("{canonical}#sources-title").as_str()
    );
    let description = appearance[0]["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("Radio Free Example"),
        "the quote names the outlet: {description}"
    );
    // The fragment points at an element of the page: the sources section's heading.
    let target = page.one("#sources-title");
    assert!(
        common::text(target).contains("Where it appeared"),
        "{}",
        common::text(target)
    );
    assert!(page.text(".sources").contains("Radio Free Example"));
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
    assert!(en.text("figcaption").starts_with("Claimed by Jane"));
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
