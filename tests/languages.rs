//! A site in several languages (issue 14): French by default, English under `/en/`. Pages exist
//! only for what was written in a language; each links its translations (`hreflang`, the
//! switcher); lists, feeds, search, open data and the sitemap follow.

mod common;

use common::languages::{BASE, SITE_TOML, alternates, bilingual, claim, switcher};
use common::{Built, Page, Site, csv_rows};
use std::collections::BTreeMap;

fn build() -> (Site, Built) {
    let site = bilingual();
    let out = site.build(&[]);
    (site, out)
}

#[test]
fn pages_exist_only_for_what_was_written_in_a_language() {
    let (_site, out) = build();
    for path in [
        "claims/a/index.html",
        "claims/b/index.html",
        "en/index.html",
        "en/claims/a/index.html",
        "en/timeline/index.html",
        "en/actors/jean-dupont/index.html",
        "en/ratings/false/index.html",
        "en/tags/sky/index.html",
        "en/search/index.html",
        "en/methode/index.html",
        "en/atom.xml",
        "en/claims.json",
        "en/claims.csv",
    ] {
        assert!(out.exists(path), "{path} is missing");
    }
    // No page for a claim in a language it was not written in; shared files once, at the root.
    for path in [
        "en/claims/b/index.html",
        "en/tags/eau/index.html",
        "en/assets/site.css",
        "en/sitemap.xml",
        "en/robots.txt",
    ] {
        assert!(!out.exists(path), "{path} should not exist");
    }
    let page = out.page("en/claims/a/index.html");
    let styles: Vec<&str> = page
        .select("link[rel=stylesheet], link[rel=icon], script[src]")
        .iter()
        .map(|l| {
            l.value()
                .attr("href")
                .or(l.value().attr("src"))
                .unwrap_or("")
        })
        .collect();
    assert_eq!(styles.len(), 4, "{styles:?}");
    assert!(
        styles.iter().all(|s| s.starts_with("/digest/assets/")),
        "{styles:?}"
    );
}

#[test]
fn each_page_names_its_language_and_links_its_translations_both_ways() {
    let (_site, out) = build();
    let fr = out.page("claims/a/index.html");
    let en = out.page("en/claims/a/index.html");
    assert_eq!(fr.attr("html", "lang"), "fr");
    assert_eq!(en.attr("html", "lang"), "en");
    let expected: BTreeMap<String, String> = [
        ("en", format!("{BASE}en/claims/a/")),
        ("fr", format!("{BASE}claims/a/")),
        ("x-default", format!("{BASE}claims/a/")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(alternates(&fr), expected);
    assert_eq!(alternates(&en), expected, "reciprocal");
    assert_eq!(
        en.canonical().as_deref(),
        Some(&*format!("{BASE}en/claims/a/"))
    );

    let only_fr = out.page("claims/b/index.html");
    let b: Vec<String> = alternates(&only_fr).into_keys().collect();
    assert_eq!(
        b,
        ["fr", "x-default"],
        "no alternate for a missing translation"
    );

    // Every page of each language has them, lists included.
    let timeline = out.page("en/timeline/index.html");
    assert_eq!(alternates(&timeline)["fr"], format!("{BASE}timeline/"));
}

#[test]
fn each_language_has_its_404_page_and_the_root_one_leads_to_the_others() {
    let (_site, out) = build();
    let en = out.page("en/404.html");
    assert_eq!(en.attr("html", "lang"), "en");
    assert_eq!(en.text("h1"), "Page not found");
    assert!(alternates(&en).is_empty(), "a 404 page has no alternates");
    let links = en.links_in("main");
    assert!(links.contains(&"/digest/en/".to_string()), "{links:?}");
    assert!(
        links.contains(&"/digest/en/timeline/".to_string()),
        "{links:?}"
    );
    // GitHub Pages serves only the root 404: it offers the English home too.
    let root = out.page("404.html");
    assert_eq!(root.attr("html", "lang"), "fr");
    assert_eq!(switcher(&root)["en"], "/digest/en/");
    assert!(alternates(&root).is_empty());
}

#[test]
fn the_switcher_goes_to_the_same_page_else_that_language_home() {
    let (_site, out) = build();
    let fr_a = out.page("claims/a/index.html");
    assert_eq!(switcher(&fr_a)["en"], "/digest/en/claims/a/");
    let en_a = out.page("en/claims/a/index.html");
    assert_eq!(switcher(&en_a)["fr"], "/digest/claims/a/");
    let fr_b = out.page("claims/b/index.html");
    assert_eq!(
        switcher(&fr_b)["en"],
        "/digest/en/",
        "no translation: English home"
    );
    let en_page = out.page("en/methode/index.html");
    assert_eq!(switcher(&en_page)["fr"], "/digest/methode/");
    assert_eq!(
        en_a.text(".language-switcher [aria-current]"),
        "English",
        "the current language is marked, not linked"
    );
}

#[test]
fn english_pages_speak_english_with_english_labels() {
    let (_site, out) = build();
    let en = out.page("en/claims/a/index.html");
    let nav = en.texts(".site-nav a");
    assert!(nav.contains(&"Timeline".to_string()), "{nav:?}");
    assert!(nav.contains(&"Search".to_string()), "{nav:?}");
    assert_eq!(en.text(".brand"), "✓Test check");
    let fr = out.page("claims/a/index.html");
    assert!(fr.texts(".site-nav a").contains(&"Recherche".to_string()));

    let (_, en_review) = review(&out, "en/claims/a");
    assert_eq!(en_review["inLanguage"], "en");
    assert_eq!(en_review["reviewRating"]["alternateName"], "False");
    assert_eq!(en_review["url"], format!("{BASE}en/claims/a/"));
    let (_, fr_review) = review(&out, "claims/a");
    assert_eq!(fr_review["inLanguage"], "fr");
    assert_eq!(fr_review["reviewRating"]["alternateName"], "Faux");

    let ratings = out.page("en/ratings/index.html");
    let labels = ratings.texts("main a");
    assert!(labels.iter().any(|l| l.contains("False")), "{labels:?}");
    // Without an English label, the default one, with a warning.
    assert!(
        labels.iter().any(|l| l.contains("Non vérifié")),
        "{labels:?}"
    );
}

fn review(out: &Built, prefix: &str) -> (Page, serde_json::Value) {
    let page = out.page(&format!("{prefix}/index.html"));
    let review = page.json_ld().remove(0);
    (page, review)
}

#[test]
fn lists_feeds_search_and_open_data_hold_their_language_only() {
    let (_site, out) = build();
    let timeline = out.page("en/timeline/index.html");
    let links = timeline.links_in("main");
    assert!(
        links.contains(&"/digest/en/claims/a/".to_string()),
        "{links:?}"
    );
    assert!(!links.iter().any(|l| l.contains("claims/b/")), "{links:?}");

    let feed = out.xml("en/atom.xml");
    let entries: Vec<_> = feed.iter().filter(|e| e.name == "entry").collect();
    assert_eq!(entries.len(), 1);
    let feed_fr = out.xml("atom.xml");
    assert_eq!(feed_fr.iter().filter(|e| e.name == "entry").count(), 2);

    let search: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| f.starts_with("en/search/docs/"))
        .collect();
    assert!(!search.is_empty());
    let records: Vec<serde_json::Value> = search
        .iter()
        .flat_map(|f| out.json(f).as_array().expect("records").clone())
        .collect();
    let urls: Vec<&str> = records.iter().filter_map(|r| r[2].as_str()).collect();
    assert!(urls.contains(&"/digest/en/claims/a/"), "{urls:?}");
    assert!(
        urls.iter().all(|u| u.starts_with("/digest/en/")),
        "{urls:?}"
    );

    let json = out.json("en/claims.json");
    let claims = json["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["language"], "en");
    assert_eq!(claims[0]["rating_label"], "False");
    let json = out.json("claims.json");
    assert_eq!(json["claims"].as_array().expect("claims").len(), 2);
    assert_eq!(json["claims"][0]["language"], "fr");
    let rows = csv_rows(&out.read("en/claims.csv"));
    assert_eq!(rows[0].last().map(String::as_str), Some("language"));
    assert_eq!(rows[1].last().map(String::as_str), Some("en"));
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let (_site, out) = build();
    let xml = out.xml("sitemap.xml");
    let locs: Vec<&str> = xml
        .iter()
        .filter(|e| e.name == "loc")
        .map(|e| e.text.as_str())
        .collect();
    let a_en = format!("{BASE}en/claims/a/");
    let b_fr = format!("{BASE}claims/b/");
    assert!(locs.contains(&a_en.as_str()), "{locs:?}");
    assert!(locs.contains(&b_fr.as_str()));
    assert!(!locs.contains(&format!("{BASE}en/claims/b/").as_str()));
    // The alternates of each <url>, by the <loc> they follow.
    let mut links: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current = String::new();
    for e in &xml {
        match e.name.as_str() {
            "loc" => current = e.text.clone(),
            "link" => links.entry(current.clone()).or_default().push((
                e.attr("hreflang").expect("hreflang").to_string(),
                e.attr("href").expect("href").to_string(),
            )),
            _ => {}
        }
    }
    let expected = vec![
        ("fr".to_string(), format!("{BASE}claims/a/")),
        ("en".to_string(), a_en.clone()),
        ("x-default".to_string(), format!("{BASE}claims/a/")),
    ];
    assert_eq!(links[&a_en], expected);
    assert_eq!(links[&format!("{BASE}claims/a/")], expected);
    assert!(
        !links.contains_key(&b_fr),
        "no alternate without a translation"
    );
}

#[test]
fn the_shared_checkers_pass_on_a_bilingual_site() {
    let (_site, out) = build();
    common::check_links_under(&out.dir, "/digest/");
    if let Some(tool) = common::shared_tool("check_claimreview.py") {
        // Both languages' claim pages must carry one, each at its own address.
        let args = [
            out.dir.as_os_str(),
            "--claims-glob".as_ref(),
            "claims/*/index.html".as_ref(),
            "--claims-glob".as_ref(),
            "en/claims/*/index.html".as_ref(),
            "--min-claims".as_ref(),
            "3".as_ref(),
            "--site-url".as_ref(),
            BASE.as_ref(),
        ];
        common::run_claimreview_checker(&tool, &args);
    }
}

#[test]
fn a_one_language_site_has_no_trace_of_languages() {
    let site = Site::new(&[
        ("site.toml", &SITE_TOML.replace("[[languages]]\ncode = \"en\"\ntitle = \"Test check\"\ndescription = \"A test digest.\"\n", "")),
        ("content/claims/a.md", &claim("Le ciel ?", "Le ciel est vert.", "false", "Ciel")),
    ]);
    let out = site.build(&[]);
    assert!(!out.exists("en/index.html"));
    let page = out.page("claims/a/index.html");
    assert_eq!(page.count(".language-switcher"), 0);
    let keys: Vec<String> = alternates(&page).into_keys().collect();
    assert_eq!(keys, ["fr"]);
    let json = out.json("claims.json");
    assert!(json["claims"][0].get("language").is_none());
}
