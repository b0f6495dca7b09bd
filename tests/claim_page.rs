//! Claim pages: the schema.org ClaimReview JSON-LD matches the entry (and survives hostile text),
//! and nothing an author writes can inject markup, scripts, event handlers or `javascript:` links.

mod common;

use common::{Built, Page, Site, site_toml};
use serde_json::{Value, json};

const BASE: &str = "https://example.github.io/digest/";

// Hostile and non-Latin text, exactly as the tests expect it back (the fixture writes these in
// YAML single quotes, where `"` needs no escape and there is no `'` in them).
const TITLE: &str = r#"Did "Иван" say 2 < 3 & </script><script>alert(1)</script> — 북한 군대?"#;
const CLAIM: &str =
    r#"Иван said "x < y && y > z" </script><script>alert(1)</script> 북한 군대가 갔다"#;
const SUMMARY: &str = r#"False: "нет" <i>&amp;</i> </script><script>alert(1)</script> 아니요"#;

fn jsonld_site() -> Site {
    let tricky = format!(
        r#"---
title: '{TITLE}'
claim: '{CLAIM}'
claimant: "Jane Doe"
about: ["Daily Planet"]
date: 2024-06-27
published: 2024-06-28
status: "false"
summary: '{SUMMARY}'
source:
  publisher: "Example Press"
  title: "The article"
  url: "https://news.example.org/article"
  date: 2024-06-27
  archive: "https://web.archive.org/web/2024/https://news.example.org/article"
tags: ["Test"]
---
Body of the analysis.
"#
    );
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/actors/jane-doe.md",
            "---\nname: \"Jane Doe\"\nkind: person\nurl: \"https://jane.example.org/\"\n---\n",
        ),
        (
            "content/actors/daily-planet.md",
            "---\nname: \"Daily Planet\"\nkind: media\n---\n",
        ),
        (
            "content/actors/freedonia.md",
            "---\nname: \"Freedonia\"\nkind: state\n---\n",
        ),
        ("content/claims/tricky.md", &tricky),
        (
            "content/claims/by-media.md",
            &common::claim_entry(
                "By media",
                "2024-06-20",
                "unverified",
                "claimant: \"daily planet\"\n",
                "Body.",
            ),
        ),
        (
            "content/claims/two-claimants.md",
            &common::claim_entry(
                "Two claimants",
                "2024-06-21",
                "true",
                "claimant: [\"Freedonia\", \"Jane Doe\"]\n",
                "Body.",
            ),
        ),
        (
            "content/claims/no-claimant.md",
            &common::claim_entry("No claimant", "2024-06-22", "mixed", "", "Body."),
        ),
    ])
}

fn review(out: &Built, slug: &str) -> (Page, Value) {
    let page = out.page(&format!("claims/{slug}/index.html"));
    let mut all = page.json_ld();
    assert_eq!(all.len(), 1, "{slug}: exactly one JSON-LD block");
    let review = all.remove(0);
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["@context"], "https://schema.org");
    (page, review)
}

#[test]
fn claim_review_matches_the_entry_and_round_trips_hostile_text() {
    let site = jsonld_site();
    let out = site.build(&[]);
    let (page, r) = review(&out, "tricky");

    // The JSON round-trips exactly, whatever the text holds.
    assert_eq!(r["claimReviewed"], CLAIM);
    assert_eq!(r["name"], TITLE);
    let canonical = page.canonical().expect("a canonical link");
    assert_eq!(canonical, format!("{BASE}claims/tricky/"));
    assert_eq!(r["url"], canonical.as_str());
    assert_eq!(r["datePublished"], "2024-06-28");
    assert_eq!(r["inLanguage"], "en");
    assert_eq!(r["author"]["@type"], "Organization");
    assert_eq!(r["author"]["name"], "Test Fact-Checkers");

    // An on-scale verdict carries its score and the scale's range.
    let rating = &r["reviewRating"];
    assert_eq!(rating["@type"], "Rating");
    assert_eq!(rating["alternateName"], "False");
    assert_eq!(rating["ratingValue"], 1);
    assert_eq!(rating["bestRating"], 3);
    assert_eq!(rating["worstRating"], 1);

    let item = &r["itemReviewed"];
    assert_eq!(item["@type"], "Claim");
    assert_eq!(item["datePublished"], "2024-06-27");
    assert_eq!(
        item["author"],
        json!({"@type": "Person", "name": "Jane Doe", "sameAs": "https://jane.example.org/"})
    );
    assert_eq!(
        item["firstAppearance"]["url"],
        "https://news.example.org/article"
    );

    // The raw HTML never holds the closing sequence, in the JSON-LD or anywhere else.
    assert!(
        !page.source.contains("</script><script>"),
        "{}",
        page.source
    );
    // The page shows the same text, escaped as HTML and read back intact.
    assert_eq!(page.text("h1"), TITLE);
    assert_eq!(page.text(".verdict-card__statement"), CLAIM);
    assert_eq!(page.text(".verdict-card__summary"), SUMMARY);
    assert!(page.text("head > title").starts_with(TITLE));
    let description = page.attr(r#"meta[name="description"]"#, "content");
    assert!(description.contains(CLAIM), "{description}");
    assert_eq!(page.text(".verdict-card__rating a.badge"), "False");
    assert_eq!(only_theme_scripts(&page), Vec::<String>::new());
}

#[test]
fn author_type_follows_the_actor_kind_and_off_scale_ratings_have_no_score() {
    let site = jsonld_site();
    let out = site.build(&[]);

    // kind: media -> Organization; an off-scale verdict has no numbers.
    let (_, r) = review(&out, "by-media");
    assert_eq!(
        r["itemReviewed"]["author"],
        json!({"@type": "Organization", "name": "Daily Planet"})
    );
    let rating = r["reviewRating"].as_object().expect("a rating");
    assert_eq!(rating["alternateName"], "Unverified");
    for key in ["ratingValue", "bestRating", "worstRating"] {
        assert!(
            !rating.contains_key(key),
            "off-scale rating has {key}: {rating:?}"
        );
    }

    // Two claimants: an array, in the entry's order; kind: state -> Organization.
    let (_, r) = review(&out, "two-claimants");
    assert_eq!(r["reviewRating"]["ratingValue"], 3);
    let authors = r["itemReviewed"]["author"]
        .as_array()
        .expect("several authors");
    assert_eq!(authors.len(), 2);
    assert_eq!(authors[0]["name"], "Freedonia");
    assert_eq!(authors[0]["@type"], "Organization");
    assert_eq!(authors[1]["name"], "Jane Doe");
    assert_eq!(authors[1]["@type"], "Person");

    // No claimant: no author is invented for the claim (issue 15: not the source's publisher).
    let (_, r) = review(&out, "no-claimant");
    assert_eq!(r["reviewRating"]["ratingValue"], 2);
    assert!(
        r["itemReviewed"].get("author").is_none(),
        "{}",
        r["itemReviewed"]
    );
}

const EVIL_TITLE: &str = r#"Evil "><script>alert(1)</script> <img src=x onerror=alert(1)> title"#;
const EVIL_TAG: &str = r#""><script>alert(4)</script>"#;

/// Line 16 of the entry below holds the evidence's hostile (but http) URL.
const EVIL_ENTRY: &str = r#"---
title: 'Evil "><script>alert(1)</script> <img src=x onerror=alert(1)> title'
claim: 'A claim with "quotes" and <b>tags</b> & </script><script>alert(2)</script>'
claimant: 'Evil "><script>alert(3)</script> Actor'
date: 2024-06-20
status: mixed
summary: '<img src=x onerror=alert(5)>'
source:
  publisher: 'Press "><script>alert(6)</script>'
  title: 'Headline <svg onload=alert(7)>'
  url: "https://news.example.org/article"
  archive: "https://web.archive.org/web/2024/https://news.example.org/article"
sources:
  - publisher: "Evidence"
    title: "Evidence with a hostile address"
    url: 'https://evidence.example.org/x?q="><script>alert(8)</script>'
tags: ['"><script>alert(4)</script>', "Normal"]
---
<script>alert(1)</script>

<img src=x onerror=alert(1)>

[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z]( javascript:alert(1)) ![i](javascript:alert(1))

<a href="javascript:alert(1)" onclick="alert(1)">raw link</a>

<iframe src="javascript:alert(1)"></iframe>

A [fine link](https://example.org/ok) stays.
"#;

/// The `script` elements of a page other than the JSON-LD and the theme's own `assets/site.js`.
fn only_theme_scripts(page: &Page) -> Vec<String> {
    page.select("script")
        .into_iter()
        .filter(|s| {
            let v = s.value();
            let json_ld = v.attr("type") == Some("application/ld+json") && v.attr("src").is_none();
            let theme = v
                .attr("src")
                .is_some_and(|src| src.ends_with("/assets/site.js"))
                && s.text().collect::<String>().trim().is_empty();
            !(json_ld || theme)
        })
        .map(|s| s.html())
        .collect()
}

fn assert_no_injection(out: &Built) {
    for file in out.html_files() {
        let page = out.page(&file);
        assert_eq!(
            only_theme_scripts(&page),
            Vec::<String>::new(),
            "{file}: unexpected script"
        );
        for element in page.select("*") {
            for (name, value) in element.value().attrs() {
                assert!(
                    !name.to_ascii_lowercase().starts_with("on"),
                    "{file}: event handler attribute {name}={value:?} on <{}>",
                    element.value().name()
                );
                if matches!(name, "href" | "src" | "action" | "formaction" | "srcset") {
                    let v: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    assert!(
                        !v.starts_with("javascript:") && !v.starts_with("data:"),
                        "{file}: {name}={value:?}"
                    );
                }
            }
        }
        assert_eq!(
            page.count("iframe, object, embed, svg[onload]"),
            0,
            "{file}"
        );
    }
}

#[test]
fn hostile_markdown_and_front_matter_are_neutralised() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/evil.md", EVIL_ENTRY),
    ]);
    let out = site.build(&[]);
    assert_no_injection(&out);

    let page = out.page("claims/evil/index.html");
    assert_eq!(page.text("h1"), EVIL_TITLE);
    // The raw HTML of the body is shown as text, and the safe link survives.
    let prose = page.text(".prose");
    assert!(prose.contains("<script>alert(1)</script>"), "{prose}");
    assert!(prose.contains("<img src=x onerror=alert(1)>"), "{prose}");
    assert_eq!(page.count(".prose img"), 0);
    let prose_links = page.links_in(".prose");
    assert_eq!(
        prose_links,
        ["https://example.org/ok"],
        "only the safe link"
    );
    // The hostile (but http) evidence URL stays one attribute value.
    let evidence = page.links_in(".source-list");
    assert!(
        evidence.contains(
            &r#"https://evidence.example.org/x?q="><script>alert(8)</script>"#.to_string()
        ),
        "{evidence:?}"
    );
    // The tag keeps its name as text, and gets a page of its own.
    let tag_links: Vec<_> = page
        .select(".claim-facts .chips a")
        .into_iter()
        .map(|a| (common::text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(tag_links.len(), 2, "{tag_links:?}");
    let (name, href) = &tag_links
        .iter()
        .find(|(n, _)| n == EVIL_TAG)
        .expect("the hostile tag is shown as text")
        .clone();
    assert_eq!(name, EVIL_TAG);
    let tag_file = format!("{}index.html", href.trim_start_matches("/digest/"));
    assert_eq!(out.page(&tag_file).text("h1"), EVIL_TAG);
    // The claimant's name is text, and its page's <h1> too.
    let actor = page.links_in(".verdict-card__who");
    assert_eq!(actor.len(), 1, "{actor:?}");
    // JSON and XML outputs carry the text intact.
    let json = out.json("claims.json");
    assert_eq!(json["claims"][0]["title"], EVIL_TITLE);
    let feed = out.xml("atom.xml");
    let entry_title = feed
        .iter()
        .find(|e| e.name == "title" && e.parents.last().is_some_and(|p| p == "entry"))
        .expect("an entry title");
    assert_eq!(entry_title.text, EVIL_TITLE);
}

#[test]
fn template_syntax_in_content_is_text() {
    let entry = "---\ntitle: \"{{ site.title }} {% raw %}\"\nclaim: \"Is {{ 1 + 1 }} two?\"\ndate: 2024-06-01\nstatus: mixed\nsource:\n  publisher: \"P\"\n---\nBody {{ site.title }} {% if true %}yes{% endif %}\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/tera.md", entry),
    ]);
    let out = site.build(&[]);
    let page = out.page("claims/tera/index.html");
    assert_eq!(page.text("h1"), "{{ site.title }} {% raw %}");
    assert_eq!(page.text(".verdict-card__statement"), "Is {{ 1 + 1 }} two?");
    assert_eq!(
        page.text(".prose p"),
        "Body {{ site.title }} {% if true %}yes{% endif %}"
    );
}

#[test]
fn a_javascript_source_url_is_an_error_naming_its_line() {
    // `url:` stands on line 8.
    let entry = r#"---
title: "A javascript URL"
claim: "Something."
date: 2024-06-01
status: "false"
source:
  publisher: "Example Press"
  url: "javascript:alert(1)"
---
Body.
"#;
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/js-url.md", entry),
    ]);
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/claims/js-url.md:8:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("javascript:alert(1)"), "{}", run.stderr);
    assert!(!out.exists(), "nothing is written");

    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let errors = common::diagnostics(&report).errors();
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!(errors[0]["code"], "unsafe-url");
    assert_eq!(errors[0]["file"], "content/claims/js-url.md");
    assert_eq!(errors[0]["line"], 8);
}

#[test]
fn a_javascript_evidence_or_archive_url_is_an_error_too() {
    let entry = common::claim_entry(
        "Bad evidence",
        "2024-06-01",
        "\"false\"",
        "sources:\n  - publisher: \"Evidence\"\n    url: \"JavaScript:alert(1)\"\n",
        "Body.",
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/bad-evidence.md", &entry),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{report:#}");
    let codes = common::diagnostics(&report).errors().codes();
    assert_eq!(codes, ["unsafe-url"]);
}
