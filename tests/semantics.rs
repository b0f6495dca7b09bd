//! Fact-check semantics of the output, read back by parsing it (HTML with `scraper`, JSON with
//! `serde_json`, XML with `quick-xml`, CSV with the `csv` crate), never by grepping:
//!
//! - ClaimReview `appearance` / `firstAppearance` with and without the source's address;
//! - corrections and re-ratings: claim page, JSON-LD dates, `/corrections/` and its feed, open
//!   data, sitemap `lastmod`;
//! - actors' scorecards and their threshold;
//! - the timeline chart, its data table and the filter's data attributes;
//! - related claims; the search index; open data (CSV quoting, off-scale scores);
//! - per-actor Atom feeds; the site's language.

mod common;

use common::{Built, Page, Site, XmlElement, site_toml, xml_records, yaml_quote};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "https://example.github.io/digest/";
const BASE_PATH: &str = "/digest/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// A claim entry written field by field (every string YAML-quoted, so anything goes).
struct Entry<'a> {
    title: &'a str,
    date: &'a str,
    status: &'a str,
    claimant: &'a [&'a str],
    about: &'a [&'a str],
    tags: &'a [&'a str],
    extra: &'a str,
}

impl Entry<'_> {
    fn text(&self) -> String {
        let list = |items: &[&str]| {
            let quoted: Vec<String> = items.iter().map(|s| yaml_quote(s)).collect();
            format!("[{}]", quoted.join(", "))
        };
        format!(
            "---\ntitle: {}\nclaim: {}\nclaimant: {}\nabout: {}\ndate: {}\nstatus: \"{}\"\nsource:\n  publisher: \"Example Press\"\n  url: \"https://news.example.org/{}\"\n  archive: \"https://web.archive.org/web/2024/https://news.example.org/x\"\ntags: {}\n{}---\nBody of {}.\n",
            yaml_quote(self.title),
            yaml_quote(&format!("Claim of {}", self.title)),
            list(self.claimant),
            list(self.about),
            self.date,
            self.status,
            self.date,
            list(self.tags),
            self.extra,
            self.title
        )
    }
}

fn entry<'a>(title: &'a str, date: &'a str, status: &'a str) -> Entry<'a> {
    Entry {
        title,
        date,
        status,
        claimant: &[],
        about: &[],
        tags: &[],
        extra: "",
    }
}

fn actor_profile(name: &str) -> String {
    format!("---\nname: {}\nkind: person\n---\n", yaml_quote(name))
}

/// The only ClaimReview of a claim page.
fn review(out: &Built, slug: &str) -> (Page, Value) {
    let page = out.page(&format!("claims/{slug}/index.html"));
    let mut all = page.json_ld();
    assert_eq!(all.len(), 1, "{slug}: exactly one JSON-LD block");
    let review = all.remove(0);
    assert_eq!(review["@type"], "ClaimReview", "{slug}");
    (page, review)
}

/// The path of a claim from its root-relative or absolute URL.
fn claim_slug(url: &str) -> String {
    let path = url.strip_prefix("https://example.github.io").unwrap_or(url);
    path.strip_prefix(BASE_PATH)
        .and_then(|p| p.strip_prefix("claims/"))
        .and_then(|p| p.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a claim URL: {url}"))
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// ClaimReview appearance

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

// ---------------------------------------------------------------------------------------------
// Corrections and re-ratings

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
    let json = out.json("claims.json");
    let rerated = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "rerated")
        .expect("the re-rated claim");
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

// ---------------------------------------------------------------------------------------------
// Scorecards

/// Alpha made 4 claims (2 false, 1 true, 1 unverified) and is the subject of one more; Beta made
/// 2; Delta made 5 (all mixed).
fn scorecard_site(site_toml_text: &str) -> Site {
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml_text.to_string()),
        ("content/actors/alpha.md".into(), actor_profile("Alpha")),
        ("content/actors/beta.md".into(), actor_profile("Beta")),
        ("content/actors/delta.md".into(), actor_profile("Delta")),
    ];
    let alpha = [
        ("a1", "2024-06-01", "false"),
        ("a2", "2024-06-02", "false"),
        ("a3", "2024-06-03", "true"),
        ("a4", "2024-06-04", "unverified"),
    ];
    for (slug, date, status) in alpha {
        let mut e = entry(slug, date, status);
        e.claimant = &["Alpha"];
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    for (slug, date, status) in [("b1", "2024-06-05", "mixed"), ("b2", "2024-06-06", "true")] {
        let mut e = entry(slug, date, status);
        e.claimant = &["Beta"];
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    // A claim about Alpha, made by an actor without a profile: not in Alpha's scorecard.
    let mut about = entry("about-alpha", "2024-06-07", "false");
    about.claimant = &["Gamma"];
    about.about = &["Alpha"];
    files.push(("content/claims/about-alpha.md".into(), about.text()));
    for i in 1..=5 {
        let slug = format!("d{i}");
        let date = format!("2024-05-{i:02}");
        let mut e = entry(&slug, &date, "mixed");
        e.claimant = &["Delta"];
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    Site::from_files(&files)
}

/// (label, count, percent) of each row of a scorecard table.
fn scorecard_rows(page: &Page) -> Vec<(String, usize, usize)> {
    let th = common::selector("th");
    let td = common::selector("td");
    page.select(".scorecard-block table.scorecard-table tbody tr")
        .into_iter()
        .map(|row| {
            let label = common::text(row.select(&th).next().expect("a label"));
            let cells: Vec<String> = row.select(&td).map(common::text).collect();
            assert_eq!(cells.len(), 2, "count and share: {cells:?}");
            let number = |s: &str| -> usize {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                digits.parse().unwrap_or_else(|_| panic!("a number: {s:?}"))
            };
            assert!(cells[1].ends_with('%'), "a percentage: {:?}", cells[1]);
            (label, number(&cells[0]), number(&cells[1]))
        })
        .collect()
}

/// Asserts an SVG chart is an image with a title naming it (via aria-labelledby).
fn assert_svg_image(svg: scraper::ElementRef<'_>, what: &str) -> String {
    assert_eq!(svg.value().attr("role"), Some("img"), "{what}: role=img");
    let title = svg
        .select(&common::selector("title"))
        .next()
        .unwrap_or_else(|| panic!("{what}: the SVG has no <title>"));
    let text = common::text(title);
    assert!(!text.is_empty(), "{what}: empty title");
    let id = title.value().attr("id").expect("a title id");
    assert_eq!(
        svg.value().attr("aria-labelledby"),
        Some(id),
        "{what}: labelled by its title"
    );
    text
}

#[test]
fn an_actor_over_the_threshold_gets_a_scorecard() {
    let toml = format!("{}\n[scorecard]\nmin_claims = 3\n", site_toml("en"));
    let site = scorecard_site(&toml);
    let out = site.build(&[]);

    let alpha = out.page("actors/alpha/index.html");
    assert_eq!(
        scorecard_rows(&alpha),
        [("True".to_string(), 1, 33), ("False".to_string(), 2, 67)],
        "scale order; only claims made count (not the claim about Alpha), and only on-scale \
         verdicts (issue 15: Unverified is listed apart)"
    );
    assert!(alpha.text(".off-scale").contains("Unverified 1"));
    let svg = alpha.one(".scorecard-block svg");
    let title = assert_svg_image(svg, "Alpha's scorecard");
    assert!(title.contains("Alpha"), "{title}");
    for part in ["True 1", "False 2"] {
        assert!(title.contains(part), "{title} lacks {part}");
    }
    assert!(!title.contains("Unverified"), "{title}");
    // One segment per rating present, widths in proportion.
    let segments: Vec<(String, f64)> = svg
        .select(&common::selector("rect.chart__seg"))
        .map(|r| {
            let key = r
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("r-"))
                .expect("an r-<key> class")
                .to_string();
            let width: f64 = r.value().attr("width").unwrap().parse().unwrap();
            (key, width)
        })
        .collect();
    let keys: Vec<&str> = segments.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["true", "false"]);
    let widths: Vec<f64> = segments.iter().map(|(_, w)| *w).collect();
    assert!(
        (widths[0] - 33.33).abs() < 0.1 && (widths[1] - 66.67).abs() < 0.1,
        "{widths:?}"
    );

    // The actors index shows Alpha's scorecard in its row, and none for Beta.
    let index = out.page("actors/index.html");
    let row_of = |name: &str| {
        index
            .select("table.actors-table tbody tr")
            .into_iter()
            .find(|tr| {
                tr.select(&common::selector("th a"))
                    .next()
                    .is_some_and(|a| common::text(a) == name)
            })
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let alpha_row = row_of("Alpha");
    let card = alpha_row
        .select(&common::selector("td svg.scorecard"))
        .next()
        .expect("a scorecard in Alpha's row");
    assert_svg_image(card, "Alpha's row");
    assert_eq!(
        row_of("Beta")
            .select(&common::selector("svg.scorecard"))
            .count(),
        0
    );
    // SVG title ids are unique on the index page.
    let ids: Vec<String> = index
        .select("svg title[id]")
        .iter()
        .map(|t| t.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        ids.len(),
        ids.iter().collect::<BTreeSet<_>>().len(),
        "{ids:?}"
    );

    // Beta (2 claims made): no scorecard, a note naming the threshold.
    let beta = out.page("actors/beta/index.html");
    assert_eq!(beta.count(".scorecard-block"), 0);
    assert_eq!(beta.count("svg.scorecard"), 0);
    let note = beta.text(".scorecard-note");
    assert!(note.contains("Scorecard shown from 3"), "{note}");
}

#[test]
fn the_default_scorecard_threshold_is_five() {
    let site = scorecard_site(&site_toml("en"));
    let out = site.build(&[]);
    let alpha = out.page("actors/alpha/index.html");
    assert_eq!(alpha.count(".scorecard-block"), 0, "4 claims < 5");
    assert!(
        alpha
            .text(".scorecard-note")
            .contains("Scorecard shown from 5"),
        "{}",
        alpha.text(".scorecard-note")
    );
    let delta = out.page("actors/delta/index.html");
    assert_eq!(scorecard_rows(&delta), [("Mixed".to_string(), 5, 100)]);
    assert_svg_image(delta.one(".scorecard-block svg"), "Delta's scorecard");
}

// ---------------------------------------------------------------------------------------------
// Timeline chart and filter

/// (slug, date, status, claimants, about)
type ClaimSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

#[test]
fn the_timeline_chart_has_a_text_alternative_matching_the_claims() {
    // June 2024: 3 claims (2 false, 1 mixed); August 2024: 1 (true); January 2025: 2 (unverified,
    // false). July and the autumn months have none.
    let claims: &[ClaimSpec] = &[
        ("j1", "2024-06-03", "false", &["Alpha"], &[]),
        ("j2", "2024-06-15", "false", &["Beta"], &["Alpha"]),
        ("j3", "2024-06-30", "mixed", &[], &["Beta"]),
        ("a1", "2024-08-01", "true", &["Alpha", "Beta"], &[]),
        ("n1", "2025-01-10", "unverified", &[], &[]),
        ("n2", "2025-01-11", "false", &["Beta"], &[]),
    ];
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml("fr")),
        ("content/actors/alpha.md".into(), actor_profile("Alpha")),
        ("content/actors/beta.md".into(), actor_profile("Beta")),
    ];
    for (slug, date, status, claimant, about) in claims {
        let mut e = entry(slug, date, status);
        e.claimant = claimant;
        e.about = about;
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    let site = Site::from_files(&files);
    let out = site.build(&[]);
    let page = out.page("timeline/index.html");

    let svg = page.one("svg.chart");
    assert_svg_image(svg, "timeline chart");
    // The data table (in <details>): one row per month with claims, newest first.
    let header: Vec<String> = page.texts("details table thead th");
    assert_eq!(
        header,
        ["Mois", "True", "Mixed", "False", "Unverified", "Total"],
        "a column per rating of the scale"
    );
    let th = common::selector("th");
    let td = common::selector("td");
    let rows: Vec<(String, Vec<usize>)> = page
        .select("details table tbody tr")
        .into_iter()
        .map(|tr| {
            let label = common::text(tr.select(&th).next().expect("a month"));
            let cells: Vec<usize> = tr
                .select(&td)
                .map(|c| common::text(c).parse().expect("a count"))
                .collect();
            (label, cells)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("janvier 2025".to_string(), vec![0, 0, 1, 1, 2]),
            ("août 2024".to_string(), vec![1, 0, 0, 0, 1]),
            ("juin 2024".to_string(), vec![0, 1, 2, 0, 3]),
        ]
    );
    // Stacked segments: one per (month, rating) present, each with its rating's class.
    let keys: Vec<String> = svg
        .select(&common::selector("rect.chart__seg"))
        .map(|r| {
            let classes: Vec<&str> = r
                .value()
                .classes()
                .filter(|c| c.starts_with("r-"))
                .collect();
            assert_eq!(classes.len(), 1, "{}", r.html());
            classes[0].trim_start_matches("r-").to_string()
        })
        .collect();
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    for k in &keys {
        *counted.entry(k.as_str()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> =
        [("false", 2), ("mixed", 1), ("true", 1), ("unverified", 1)]
            .into_iter()
            .collect();
    assert_eq!(counted, expected, "{keys:?}");

    // The filter form is hidden until the script reveals it, and lists the scale.
    let form = page.one("form.filters");
    assert!(form.value().attr("hidden").is_some(), "{}", form.html());
    let options: Vec<String> = page
        .select("#filter-rating option")
        .iter()
        .filter_map(|o| o.value().attr("value"))
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(options, ["true", "mixed", "false", "unverified"]);
    // Every claim of the list carries its rating key and its actors' slugs.
    let link = common::selector(".claim-item__title a");
    let mut seen = BTreeMap::new();
    for li in page.select("#timeline-list li") {
        let href = li
            .select(&link)
            .next()
            .and_then(|a| a.value().attr("href"))
            .expect("a claim link");
        let slug = claim_slug(href);
        let rating = li.value().attr("data-rating").expect("data-rating");
        let actors = li.value().attr("data-actors").expect("data-actors");
        seen.insert(slug, (rating.to_string(), actors.to_string()));
    }
    let expected: BTreeMap<String, (String, String)> = claims
        .iter()
        .map(|(slug, _, status, claimant, about)| {
            let mut actors: Vec<String> = claimant.iter().map(|a| a.to_lowercase()).collect();
            for a in *about {
                let a = a.to_lowercase();
                if !actors.contains(&a) {
                    actors.push(a);
                }
            }
            (slug.to_string(), (status.to_string(), actors.join(" ")))
        })
        .collect();
    assert_eq!(seen, expected);
}

// ---------------------------------------------------------------------------------------------
// Related claims

#[test]
fn related_claims_prefer_shared_actors_over_shared_tags_and_never_self() {
    let mut x = entry("X", "2024-06-10", "false");
    x.claimant = &["Paul"];
    x.tags = &["Topic T"];
    let mut b = entry("B", "2024-03-01", "mixed");
    b.claimant = &["Paul"];
    b.tags = &["Other"];
    // C is nearer in time than B but only shares a tag.
    let mut c = entry("C", "2024-06-11", "true");
    c.claimant = &["Quinn"];
    c.tags = &["Topic T"];
    let mut d = entry("D", "2024-06-09", "true");
    d.claimant = &["Rosa"];
    d.tags = &["Unrelated"];
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/x.md", &x.text()),
        ("content/claims/b.md", &b.text()),
        ("content/claims/c.md", &c.text()),
        ("content/claims/d.md", &d.text()),
    ]);
    let out = site.build(&[]);
    let related = |slug: &str| -> Vec<String> {
        out.page(&format!("claims/{slug}/index.html"))
            .links_in(".related .claim-item__title")
            .iter()
            .map(|h| claim_slug(h))
            .collect()
    };
    assert_eq!(related("x"), ["b", "c"]);
    assert_eq!(related("b"), ["x"]);
    assert_eq!(related("c"), ["x"]);
    let d_page = out.page("claims/d/index.html");
    assert_eq!(d_page.count(".related"), 0, "nothing in common, no section");
    for slug in ["x", "b", "c", "d"] {
        assert!(
            !related(slug).contains(&slug.to_string()),
            "{slug} lists itself"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Search index

#[test]
fn the_search_index_folds_text_and_uses_the_base_path() {
    let title = "« Corée du Nord : l’armée va-t-elle partir ? »";
    let mut korea = entry(title, "2024-06-26", "unverified");
    korea.claimant = &["Séoul"];
    korea.tags = &["Défense"];
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        ("content/claims/coree.md", &korea.text()),
        (
            "content/actors/seoul.md",
            "---\nname: \"Séoul\"\nkind: state\naliases: [\"Corée du Sud\"]\n---\n",
        ),
    ]);
    let out = site.build(&["--base-url", "https://example.org/deep/sub/"]);
    let index = out.json("search-index.json");
    let docs = index.as_array().expect("an array of documents");
    for d in docs {
        let d = d.as_array().expect("each document is an array");
        assert_eq!(d.len(), 8, "{d:?}");
        let url = d[2].as_str().expect("a URL");
        assert!(url.starts_with("/deep/sub/"), "{url}");
        let folded = d[7].as_str().expect("a folded text");
        assert_eq!(folded, folded.to_lowercase(), "lowercase: {folded}");
        assert!(
            !folded.chars().any(|c| "éèêàâîôûçÉ".contains(c)),
            "no accents: {folded}"
        );
    }
    let of_type = |t: &str| -> Vec<&Vec<Value>> {
        docs.iter()
            .map(|d| d.as_array().unwrap())
            .filter(|d| d[0] == t)
            .collect()
    };
    let claims = of_type("c");
    assert_eq!(claims.len(), 1);
    let claim = claims[0];
    assert_eq!(claim[1], title, "the title is shown as written");
    assert_eq!(claim[2], "/deep/sub/claims/coree/");
    assert_eq!(claim[3], "2024-06-26");
    assert_eq!(claim[4], "unverified");
    let folded = claim[7].as_str().unwrap();
    for part in ["coree du nord", "armee", "seoul", "defense", "unverified"] {
        assert!(folded.contains(part), "{folded:?} lacks {part:?}");
    }
    let actors = of_type("a");
    assert_eq!(actors.len(), 1, "{actors:?}");
    assert_eq!(actors[0][1], "Séoul");
    assert_eq!(actors[0][2], "/deep/sub/actors/seoul/");
    let folded = actors[0][7].as_str().unwrap();
    assert!(
        folded.contains("seoul") && folded.contains("coree du sud"),
        "aliases are searchable: {folded}"
    );
    let tags = of_type("t");
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0][1], "Défense");
    assert_eq!(tags[0][2], "/deep/sub/tags/defense/");
    assert_eq!(tags[0][7], "defense");
    // The search page points at the index under the base path.
    let search = out.page("search/index.html");
    assert_eq!(
        search.attr("form.search-form", "data-index"),
        "/deep/sub/search-index.json"
    );
}

// ---------------------------------------------------------------------------------------------
// Open data

#[test]
fn claims_csv_round_trips_commas_quotes_and_line_breaks() {
    let summary = "He said \"yes, no\", then:\nline two, \"quoted\"\nline three";
    let title = "A title, with \"quotes\"";
    let text = format!(
        "---\ntitle: {}\nclaim: \"Plain claim\"\nclaimant: [\"Ann, Jr.\", \"Bob\"]\ndate: 2024-06-01\nstatus: \"unverified\"\nsummary: {}\nsource:\n  publisher: \"Press, Inc.\"\n  title: \"Headline\"\n  url: \"https://news.example.org/a?x=1,2\"\n  archive: \"https://web.archive.org/web/2024/https://news.example.org/a\"\ntags: [\"One\", \"Two, three\"]\n---\nBody.\n",
        yaml_quote(title),
        yaml_quote(summary)
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/tricky.md", &text),
        (
            "content/claims/rated.md",
            &common::claim_entry("Rated", "2024-05-01", "\"false\"", "", "Body."),
        ),
    ]);
    let out = site.build(&[]);
    let raw = out.read("claims.csv");

    // With the csv crate (strict RFC 4180 reader).
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(raw.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "slug",
            "url",
            "title",
            "claim",
            "claimants",
            "about",
            "date",
            "published",
            "modified",
            "rating",
            "rating_label",
            "rating_score",
            "summary",
            "source_publisher",
            "source_title",
            "source_url",
            "source_archive",
            "tags"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let tricky = records
        .iter()
        .find(|r| &r[col("slug")] == "tricky")
        .expect("the tricky row");
    assert_eq!(&tricky[col("summary")], summary);
    assert_eq!(&tricky[col("title")], title);
    assert_eq!(&tricky[col("claimants")], "Ann, Jr.; Bob");
    assert_eq!(&tricky[col("source_publisher")], "Press, Inc.");
    assert_eq!(
        &tricky[col("source_url")],
        "https://news.example.org/a?x=1,2"
    );
    assert_eq!(&tricky[col("tags")], "One; Two, three");
    assert_eq!(&tricky[col("rating_score")], "", "off-scale: no score");
    assert_eq!(
        &tricky[col("url")],
        format!("{BASE}claims/tricky/").as_str()
    );
    let rated = records.iter().find(|r| &r[col("slug")] == "rated").unwrap();
    assert_eq!(&rated[col("rating_score")], "1");

    // The shared helper agrees, and records end with CRLF while the summary keeps its LF.
    let parsed = common::parse_csv(&raw);
    assert_eq!(parsed.len(), 3);
    assert!(parsed.iter().all(|r| r.len() == header.len()));
    assert!(raw.ends_with("\r\n"));
    assert_eq!(raw.matches("\r\n").count(), 3, "one CRLF per record");
    assert!(
        raw.contains("then:\nline two"),
        "the field's own line break is kept"
    );

    // claims.json: rating_score is null off the scale, a number on it.
    let json = out.json("claims.json");
    let by_slug = |slug: &str| -> Value {
        json["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == slug)
            .cloned()
            .unwrap()
    };
    let tricky = by_slug("tricky");
    assert!(tricky["rating_score"].is_null(), "{tricky:#}");
    assert!(
        tricky.as_object().unwrap().contains_key("rating_score"),
        "null, not absent"
    );
    assert_eq!(tricky["summary"], summary);
    assert_eq!(by_slug("rated")["rating_score"], 1);
}

// ---------------------------------------------------------------------------------------------
// Per-actor feeds

#[test]
fn every_actor_page_links_its_own_feed_with_only_its_claims() {
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml("en")),
        ("content/actors/alpha.md".into(), actor_profile("Alpha")),
    ];
    let specs: &[(&str, &str, &[&str], &[&str])] = &[
        ("c1", "2024-06-01", &["Alpha"], &[]),
        ("c2", "2024-06-02", &["Beta"], &["Alpha"]),
        ("c3", "2024-06-03", &["Beta"], &[]),
        ("c4", "2024-06-04", &[], &["Gamma"]),
        ("c5", "2024-06-05", &[], &[]),
    ];
    for (slug, date, claimant, about) in specs {
        let mut e = entry(slug, date, "mixed");
        e.claimant = claimant;
        e.about = about;
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    let site = Site::from_files(&files);
    let out = site.build(&[]);

    let actor_pages: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| {
            let parts: Vec<&str> = f.split('/').collect();
            parts.len() == 3 && parts[0] == "actors" && parts[2] == "index.html"
        })
        .collect();
    let slugs: Vec<&str> = actor_pages
        .iter()
        .map(|f| f.split('/').nth(1).unwrap())
        .collect();
    assert_eq!(slugs, ["alpha", "beta", "gamma"]);
    let expected: BTreeMap<&str, BTreeSet<&str>> = [
        ("alpha", ["c1", "c2"].into_iter().collect()),
        ("beta", ["c2", "c3"].into_iter().collect()),
        ("gamma", ["c4"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    for slug in slugs {
        let page = out.page(&format!("actors/{slug}/index.html"));
        let feed_url = format!("{BASE_PATH}actors/{slug}/atom.xml");
        let alternates: Vec<String> = page
            .select(r#"link[rel="alternate"][type="application/atom+xml"]"#)
            .iter()
            .filter_map(|l| l.value().attr("href").map(str::to_string))
            .collect();
        assert!(alternates.contains(&feed_url), "{slug}: {alternates:?}");
        let feed = out.xml(&format!("actors/{slug}/atom.xml"));
        let root: &XmlElement = &feed[0];
        assert_eq!(root.name, "feed");
        assert_eq!(root.attr("xmlns"), Some(ATOM_NS), "{slug}: Atom namespace");
        let self_link = feed
            .iter()
            .find(|e| e.name == "link" && e.parents == ["feed"] && e.attr("rel") == Some("self"))
            .and_then(|l| l.attr("href"))
            .expect("a self link");
        assert_eq!(self_link, format!("{BASE}actors/{slug}/atom.xml"));
        let claims: BTreeSet<String> = xml_records(&feed, "entry")
            .iter()
            .map(|e| {
                let href = e
                    .iter()
                    .find(|x| x.name == "link")
                    .and_then(|l| l.attr("href"))
                    .expect("an entry link");
                claim_slug(href)
            })
            .collect();
        let want: BTreeSet<String> = expected[slug].iter().map(|s| s.to_string()).collect();
        assert_eq!(claims, want, "{slug}'s feed");
    }
}

// ---------------------------------------------------------------------------------------------
// Language

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
