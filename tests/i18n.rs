//! The site's language (`language = "fr" | "en"` in site.toml) sets the dates' format, the UI
//! strings and the language attributes; the same content is built in both.

mod common;

use common::{Built, Site, site_toml};

/// The same three claims in a site of the given language, built (the site lives as long as the
/// returned value).
fn build(language: &str) -> (Site, Built) {
    let site = Site::new(&[
        ("site.toml", &site_toml(language)),
        (
            "content/claims/late-june.md",
            &common::claim_entry(
                "Late June",
                "2024-06-27",
                "mixed",
                "published: 2024-06-28\n",
                "Il a dit \"non\" et `\"oui\"`.",
            ),
        ),
        (
            "content/claims/first-of-june.md",
            &common::claim_entry("First of June", "2024-06-01", "\"true\"", "", "Body."),
        ),
        (
            "content/claims/march.md",
            &common::claim_entry("March", "2024-03-05", "\"false\"", "", "Body."),
        ),
    ]);
    let built = site.build(&[]);
    (site, built)
}

/// The texts of every `<time datetime=…>` of a page, for one date.
fn times(out: &Built, file: &str, iso: &str) -> Vec<String> {
    out.page(file).texts(&format!(r#"time[datetime="{iso}"]"#))
}

#[test]
fn french_site_writes_french_dates_and_strings() {
    let (_site, out) = build("fr");
    let claim = out.page("claims/late-june/index.html");
    assert_eq!(claim.attr("html", "lang"), "fr");
    let dates = times(&out, "claims/late-june/index.html", "2024-06-27");
    assert!(!dates.is_empty());
    for d in &dates {
        assert_eq!(d, "27 juin 2024");
    }
    assert_eq!(
        times(&out, "claims/late-june/index.html", "2024-06-28"),
        ["28 juin 2024"],
        "publication date"
    );
    for d in times(&out, "claims/first-of-june/index.html", "2024-06-01") {
        assert_eq!(d, "1er juin 2024");
    }
    for d in times(&out, "claims/march/index.html", "2024-03-05") {
        assert_eq!(d, "5 mars 2024");
    }
    assert_eq!(
        claim.texts("nav.site-nav a"),
        ["Chronologie", "Acteurs", "Verdicts", "Thèmes", "Recherche"]
    );
    assert_eq!(claim.text("a.skip-link"), "Aller au contenu");
    assert_eq!(
        claim.attr(r#"meta[property="og:locale"]"#, "content"),
        "fr_FR"
    );
    assert_eq!(claim.json_ld()[0]["inLanguage"], "fr");
    // Quotes the French way, a narrow no-break space inside; code keeps what was typed.
    let said = claim.one(".prose p").inner_html();
    assert!(said.contains("«\u{202F}non\u{202F}»"), "{said}");
    assert!(said.contains("<code>\"oui\"</code>"), "{said}");

    let timeline = out.page("timeline/index.html");
    assert_eq!(timeline.text("h1"), "Chronologie");
    let months = timeline.texts(".tl-month__title");
    assert!(months[0].starts_with("juin 2024"), "{months:?}");
    assert!(months[1].starts_with("mars 2024"), "{months:?}");
    // Dates in the open data stay ISO whatever the language.
    let json = out.json("claims.json");
    assert_eq!(json["claims"][0]["date"], "2024-06-27");
}

#[test]
fn english_site_writes_english_dates_and_strings() {
    let (_site, out) = build("en");
    let claim = out.page("claims/late-june/index.html");
    assert_eq!(claim.attr("html", "lang"), "en");
    let said = claim.one(".prose p").inner_html();
    assert!(said.contains("“non”"), "English quotes: {said}");
    let dates = times(&out, "claims/late-june/index.html", "2024-06-27");
    assert!(!dates.is_empty());
    for d in &dates {
        assert_eq!(d, "June 27, 2024");
    }
    assert_eq!(
        times(&out, "claims/late-june/index.html", "2024-06-28"),
        ["June 28, 2024"]
    );
    for d in times(&out, "claims/first-of-june/index.html", "2024-06-01") {
        assert_eq!(d, "June 1, 2024");
    }
    for d in times(&out, "claims/march/index.html", "2024-03-05") {
        assert_eq!(d, "March 5, 2024");
    }
    assert_eq!(
        claim.texts("nav.site-nav a"),
        ["Timeline", "Actors", "Ratings", "Topics", "Search"]
    );
    assert_eq!(claim.text("a.skip-link"), "Skip to content");
    assert_eq!(
        claim.attr(r#"meta[property="og:locale"]"#, "content"),
        "en_US"
    );
    assert_eq!(claim.json_ld()[0]["inLanguage"], "en");

    let timeline = out.page("timeline/index.html");
    assert_eq!(timeline.text("h1"), "Timeline");
    let months = timeline.texts(".tl-month__title");
    assert!(months[0].starts_with("June 2024"), "{months:?}");
    assert!(months[1].starts_with("March 2024"), "{months:?}");
    // The home page lists the same claims, with English dates.
    let home = out.page("index.html");
    assert!(
        home.texts(r#"time[datetime="2024-03-05"]"#)
            .iter()
            .all(|t| t == "March 5, 2024")
    );
}
