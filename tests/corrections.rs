//! Corrections and re-ratings, read back by parsing the output: the claim page (newest first,
//! the previous verdict's badge), JSON-LD dates, `/corrections/` and its Atom feed, the open
//! data, the sitemap's `lastmod`.

mod common;

use common::claims::{ATOM_NS, BASE, claim_slug, review};
use common::{Site, site_toml, xml_records};
use std::collections::{BTreeMap, BTreeSet};

fn corrections_site() -> Site {
    let rerated = r#"---
title: "Re-rated claim"
claim: "Something that was first unverified."
date: 2024-06-27
published: 2024-06-28
status: false
source:
  publisher: "Example Press"
  url: "https://news.example.org/rerated"
  archive: "https://web.archive.org/web/2024/https://news.example.org/rerated"
corrections:
  - date: 2024-07-01
    note: "New evidence: the claim is false."
    previous_status: unverified
  - { date: 2024-08-15, note: "Fixed the spelling of a name." }
---
Body.
"#;
    let other = r#"---
title: "Other corrected claim"
claim: "Another claim."
date: 2024-06-10
status: "true"
source:
  publisher: "Example Press"
  url: "https://news.example.org/other"
  archive: "https://web.archive.org/web/2024/https://news.example.org/other"
corrections: [ { date: 2024-07-20, note: "Upgraded after the report.", previous_status: mixed } ]
---
Body.
"#;
    Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/rerated.md", rerated),
        ("content/claims/other.md", other),
        (
            "content/claims/plain.md",
            &common::claim_entry("Plain", "2024-06-05", "mixed", "", "Body."),
        ),
    ])
}

#[test]
fn a_re_rated_claim_shows_its_corrections_newest_first() {
    let site = corrections_site();
    let out = site.build(&[]);
    let page = out.page("claims/rerated/index.html");
    let items = page.select(".corrections .correction-list > li");
    assert_eq!(items.len(), 2, "two corrections");
    let time = common::selector("time");
    let badge = common::selector("a.badge");
    let dates: Vec<(String, String)> = items
        .iter()
        .map(|li| {
            let t = li.select(&time).next().expect("a date");
            (
                t.value().attr("datetime").unwrap_or_default().to_string(),
                common::text(t),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            ("2024-08-15".to_string(), "August 15, 2024".to_string()),
            ("2024-07-01".to_string(), "July 1, 2024".to_string()),
        ],
        "newest first, with readable dates"
    );
    assert!(common::text(items[0]).contains("Fixed the spelling of a name."));
    assert!(common::text(items[1]).contains("New evidence: the claim is false."));
    // Only the re-rating carries badges: the verdict before it and the one it set.
    assert_eq!(items[0].select(&badge).count(), 0);
    let previous: Vec<_> = items[1].select(&badge).collect();
    assert_eq!(previous.len(), 2);
    assert!(
        previous[0].value().classes().any(|c| c == "r-unverified"),
        "{}",
        previous[0].html()
    );
    assert_eq!(common::text(previous[0]), "Unverified");
    assert_eq!(
        previous[0].value().attr("href"),
        Some("/digest/ratings/unverified/")
    );
    assert!(common::text(items[1]).contains("rating changed"));
    // The current verdict stays the entry's status.
    assert_eq!(page.text(".verdict-card__rating a.badge"), "False");
    // The "Updated" fact shows the last correction.
    assert_eq!(
        page.texts(r#".claim-facts time[datetime="2024-08-15"]"#),
        ["August 15, 2024"]
    );

    let (_, r) = review(&out, "rerated");
    assert_eq!(r["datePublished"], "2024-06-28");
    assert_eq!(r["dateModified"], "2024-08-15");
    assert_eq!(r["reviewRating"]["alternateName"], "False");
    // A claim without corrections has no dateModified.
    let (_, plain) = review(&out, "plain");
    assert!(plain.get("dateModified").is_none(), "{plain:#}");
}

#[test]
fn corrections_are_listed_site_wide_in_a_page_a_feed_and_the_open_data() {
    let site = corrections_site();
    let out = site.build(&[]);

    // /corrections/: every correction of the site, newest first.
    let page = out.page("corrections/index.html");
    let items = page.select("ol.correction-list > li");
    let time = common::selector("time");
    let title_link = common::selector(".claim-item__title a");
    let listed: Vec<(String, String)> = items
        .iter()
        .map(|li| {
            let date = li
                .select(&time)
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .expect("a date")
                .to_string();
            let href = li
                .select(&title_link)
                .next()
                .and_then(|a| a.value().attr("href"))
                .expect("a link to the claim");
            (date, claim_slug(href))
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("2024-08-15", "rerated"),
        ("2024-07-20", "other"),
        ("2024-07-01", "rerated"),
    ]
    .iter()
    .map(|(d, s)| (d.to_string(), s.to_string()))
    .collect();
    assert_eq!(listed, expected);
    assert!(common::text(items[1]).contains("Upgraded after the report."));
    // The re-ratings show previous -> current.
    let badges: Vec<String> = items[2]
        .select(&common::selector("a.badge"))
        .map(common::text)
        .collect();
    assert_eq!(badges, ["Unverified", "False"]);
    assert_eq!(
        page.attr(
            r#"link[rel="alternate"][href$="corrections/atom.xml"]"#,
            "type"
        ),
        "application/atom+xml"
    );

    // The corrections feed: one entry per correction, newest first, linking to the claim.
    let feed = out.xml("corrections/atom.xml");
    assert_eq!(feed[0].name, "feed");
    assert_eq!(feed[0].attr("xmlns"), Some(ATOM_NS));
    let entries = xml_records(&feed, "entry");
    assert_eq!(entries.len(), 3, "one entry per correction");
    let feed_items: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            let link = e
                .iter()
                .find(|x| x.name == "link")
                .and_then(|l| l.attr("href"))
                .expect("an entry link");
            let updated = e
                .iter()
                .find(|x| x.name == "updated")
                .map(|u| u.text.clone())
                .expect("an updated date");
            let summary = e
                .iter()
                .find(|x| x.name == "summary")
                .map(|u| u.text.clone())
                .unwrap_or_default();
            (claim_slug(link), updated[..10].to_string(), summary)
        })
        .collect();
    assert_eq!(
        feed_items,
        [
            (
                "rerated".to_string(),
                "2024-08-15".to_string(),
                "Fixed the spelling of a name.".to_string()
            ),
            (
                "other".to_string(),
                "2024-07-20".to_string(),
                "Rating changed: Mixed → True. Upgraded after the report.".to_string()
            ),
            (
                "rerated".to_string(),
                "2024-07-01".to_string(),
                "Rating changed: Unverified → False. New evidence: the claim is false.".to_string()
            ),
        ]
    );
    let ids: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| e.iter().find(|x| x.name == "id").map(|x| x.text.as_str()))
        .collect();
    assert_eq!(ids.len(), 3, "distinct entry ids: {ids:?}");

    // claims.json: the corrections in the entry's order (oldest first), with previous ratings.
    let rerated = out.claim_record("rerated");
    assert_eq!(
        rerated["corrections"],
        serde_json::json!([
            {"date": "2024-07-01", "note": "New evidence: the claim is false.", "previous_rating": "unverified"},
            {"date": "2024-08-15", "note": "Fixed the spelling of a name.", "previous_rating": null},
        ])
    );
    assert_eq!(rerated["rating"], "false");
    assert_eq!(rerated["published"], "2024-06-28");
    assert_eq!(rerated["modified"], "2024-08-15");

    // The sitemap's lastmod of a claim is its last correction (else its publication).
    let sitemap = out.xml("sitemap.xml");
    let lastmod: BTreeMap<String, Option<String>> = xml_records(&sitemap, "url")
        .iter()
        .map(|u| {
            let loc = u
                .iter()
                .find(|x| x.name == "loc")
                .expect("a loc")
                .text
                .clone();
            let lastmod = u
                .iter()
                .find(|x| x.name == "lastmod")
                .map(|x| x.text.clone());
            (loc, lastmod)
        })
        .collect();
    assert_eq!(
        lastmod[&format!("{BASE}claims/rerated/")].as_deref(),
        Some("2024-08-15")
    );
    assert_eq!(
        lastmod[&format!("{BASE}claims/other/")].as_deref(),
        Some("2024-07-20")
    );
    assert_eq!(
        lastmod[&format!("{BASE}claims/plain/")].as_deref(),
        Some("2024-06-05")
    );
}
