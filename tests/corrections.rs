//! Corrections and re-ratings, read back by parsing the output: the claim page (newest first,
//! the previous verdict's badge), JSON-LD dates, `/corrections/` and its Atom feed, the open
//! data, the sitemap's `lastmod`; the warnings about a list out of date order or a correction
//! dated before publication, at the offending item.

mod common;

use common::claims::{ATOM_NS, BASE, claim_slug, review};
use common::{Site, diagnostics, site_toml, xml_records};
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

/// A claim published 2024-06-28 with `corrections` (YAML lines after `corrections:`): the
/// site's `check --format json` warnings of `code`, as (line, column, message, expected, hint).
fn correction_warnings(corrections: &str, code: &str) -> Vec<(u64, u64, String, String, String)> {
    let entry = format!(
        "---\ntitle: \"Corrected\"\nclaim: \"A claim.\"\ndate: 2024-06-27\npublished: 2024-06-28\n\
         status: \"true\"\nsource:\n  publisher: \"Example Press\"\n\
         corrections:\n{corrections}---\nBody.\n"
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/corrected.md", &entry),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "warnings only: {report:#}");
    let field = |d: &serde_json::Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    diagnostics(&report)
        .code(code)
        .warnings()
        .file("content/claims/corrected.md")
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().expect("a line"),
                d["column"].as_u64().expect("a column"),
                field(d, "message"),
                field(d, "expected"),
                field(d, "hint"),
            )
        })
        .collect()
}

#[test]
fn corrections_out_of_date_order_are_reported_at_the_item() {
    // Line 12: the third correction, listed after the second though older.
    let found = correction_warnings(
        "  - { date: 2024-07-01, note: \"First.\" }\n  \
         - { date: 2024-09-01, note: \"Third.\" }\n  \
         - { date: 2024-08-01, note: \"Second.\" }\n",
        "corrections-order",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, column, message, expected, hint) = &found[0];
    assert_eq!((*line, *column), (12, 7), "{message}");
    assert_eq!(
        message,
        "correction 3 (dated 2024-08-01) is listed after correction 2 (dated 2024-09-01): \
         the list is read oldest first"
    );
    assert_eq!(
        expected,
        "listed before correction 2, or a date on or after 2024-09-01"
    );
    assert!(hint.contains("move it up"), "{hint}");

    // Two re-ratings out of order, in block style: the message says the chain follows the dates.
    let found = correction_warnings(
        "  - date: 2024-10-20\n    note: \"New evidence.\"\n    previous_status: mixed\n  \
         - date: 2024-07-01\n    note: \"First look.\"\n    previous_status: unverified\n",
        "corrections-order",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, column, message, _, hint) = &found[0];
    assert_eq!((*line, *column), (13, 5), "{message}");
    assert!(
        message.contains("correction 2 (dated 2024-07-01) is listed after correction 1")
            && message.contains("verdict chain shown follows the dates"),
        "{message}"
    );
    assert!(hint.contains("previous_status"), "{hint}");

    // Oldest first, or two on one day: nothing to say.
    let found = correction_warnings(
        "  - { date: 2024-07-01, note: \"A.\" }\n  - { date: 2024-07-01, note: \"B.\" }\n  \
         - { date: 2024-08-01, note: \"C.\", previous_status: mixed }\n",
        "corrections-order",
    );
    assert_eq!(found, vec![]);
}

#[test]
fn a_correction_dated_before_publication_is_reported_at_the_item() {
    let found = correction_warnings(
        "  - { date: 2024-06-01, note: \"Too early.\" }\n  \
         - { date: 2024-06-28, note: \"The day it was published.\" }\n",
        "correction-before-published",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, column, message, expected, hint) = &found[0];
    assert_eq!((*line, *column), (10, 7), "{message}");
    assert!(
        message.starts_with(
            "correction 1 is dated 2024-06-01, before the fact-check was published (2024-06-28"
        ),
        "{message}"
    );
    assert_eq!(expected, "a date on or after 2024-06-28");
    assert!(hint.contains("`published`"), "{hint}");
}
