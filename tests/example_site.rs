//! The repository's example site, copied into a temporary folder and built: every page kind of
//! the content contract exists and parses, every HTML page has the same skeleton, and the data
//! files (feeds, sitemap, open data, search index) are well-formed and complete.

mod common;

use common::{Built, Site, collapse, csv_rows};
use std::collections::BTreeSet;

const BASE: &str = "https://example.github.io/digest/";

/// The example's claim files (content/claims/2024/*.md), whose slugs are their file names
/// (their English translations, `x.en.md`, left out).
fn example_slugs() -> BTreeSet<String> {
    let dir = common::repo_root().join("content/claims/2024");
    std::fs::read_dir(dir)
        .expect("the example's claims")
        .flatten()
        .map(|e| {
            e.path()
                .file_stem()
                .expect("a file name")
                .to_string_lossy()
                .into_owned()
        })
        .filter(|stem| !stem.contains('.'))
        .collect()
}

fn build_example() -> (Site, Built) {
    let site = Site::example();
    let built = site.build(&[]);
    (site, built)
}

#[test]
fn every_page_kind_is_written() {
    let (_site, out) = build_example();
    let slugs = example_slugs();
    assert_eq!(slugs.len(), 11, "the example has 11 claims: {slugs:?}");
    for slug in &slugs {
        assert!(
            out.exists(&format!("claims/{slug}/index.html")),
            "no page for claim {slug}"
        );
    }
    let claim_pages: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| f.starts_with("claims/") && f.ends_with("/index.html"))
        .filter(|f| !f.ends_with("/embed/index.html"))
        .collect();
    assert_eq!(claim_pages.len(), 11, "{claim_pages:?}");

    for file in [
        "index.html",
        "timeline/index.html",
        "actors/index.html",
        "actors/dmitri-peskov/index.html",
        "actors/dmitri-peskov/atom.xml",
        "ratings/index.html",
        "tags/index.html",
        "tags/russie/index.html",
        "methodologie/index.html",
        "a-propos/index.html",
        "corrections/index.html",
        "corrections/atom.xml",
        "search/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "claims.json",
        "claims.csv",
        "search/manifest.json",
        "assets/site.css",
        "assets/site.js",
        "assets/ratings.css",
        ".digest-output",
    ] {
        assert!(out.exists(file), "missing {file}");
    }
    // One page per rating of site.toml's scale.
    for key in [
        "true",
        "mostly-true",
        "mixed",
        "mostly-false",
        "false",
        "misleading",
        "unverified",
    ] {
        assert!(
            out.exists(&format!("ratings/{key}/index.html")),
            "no page for rating {key}"
        );
    }
    // The example has no fenced code with a language: no highlighting stylesheet.
    assert!(!out.exists("assets/highlight.css"));
    assert!(
        out.run.stderr.contains("Built "),
        "build reports what it did: {}",
        out.run.stderr
    );
}

/// Every HTML page: `lang="fr"` (`en` under `en/`), one `<h1>`, one `<main>`, a `<title>`, and (except the 404
/// page, which is served at any address and so must not claim one) exactly one canonical link,
/// equal to the page's own absolute address.
#[test]
fn every_html_page_has_the_same_skeleton() {
    let (_site, out) = build_example();
    let pages = out.site_pages();
    assert!(pages.len() >= 45, "only {} HTML pages", pages.len());
    for file in &pages {
        let page = out.page(file);
        let lang = if file.starts_with("en/") { "en" } else { "fr" };
        assert_eq!(page.attr("html", "lang"), lang, "{file}");
        assert_eq!(page.count("h1"), 1, "{file}: one <h1>");
        assert_eq!(page.count("main"), 1, "{file}: one <main>");
        assert!(
            !page.text("head > title").is_empty(),
            "{file}: empty <title>"
        );
        assert!(!page.text("h1").is_empty(), "{file}: the <h1> has no text");
        let canonicals = page.select("link[rel=canonical]");
        if file.ends_with("404.html") {
            assert!(canonicals.is_empty(), "{file} must not have a canonical");
            continue;
        }
        assert_eq!(canonicals.len(), 1, "{file}: one canonical link");
        let expected = format!("{BASE}{}", file.trim_end_matches("index.html"));
        assert_eq!(
            page.canonical().as_deref(),
            Some(expected.as_str()),
            "{file}"
        );
    }
}

/// The contract: each claim page carries exactly one ClaimReview; list pages never repeat it.
#[test]
fn only_claim_pages_carry_claim_review() {
    let (_site, out) = build_example();
    for file in out.site_pages() {
        let page = out.page(&file);
        let reviews: Vec<_> = page
            .json_ld()
            .into_iter()
            .filter(|j| j["@type"] == "ClaimReview")
            .collect();
        if file.starts_with("claims/") || file.starts_with("en/claims/") {
            assert_eq!(reviews.len(), 1, "{file}: one ClaimReview");
            let canonical = page.canonical().expect("a canonical link");
            assert_eq!(reviews[0]["url"], canonical.as_str(), "{file}");
            assert_eq!(
                reviews[0]["claimReviewed"],
                page.text(".verdict-card__statement"),
                "{file}"
            );
        } else {
            assert!(reviews.is_empty(), "{file} repeats a ClaimReview");
        }
    }
}

#[test]
fn home_lists_the_latest_claims_and_pages_link_together() {
    let (_site, out) = build_example();
    let home = out.page("index.html");
    // site.toml: home_latest = 8.
    let listed = home.links_in(".claim-item__title");
    assert_eq!(listed.len(), 8, "{listed:?}");
    for href in &listed {
        assert!(href.starts_with("/digest/claims/"), "{href}");
    }
    let nav = home.texts("nav.site-nav a");
    assert_eq!(
        nav,
        ["Chronologie", "Acteurs", "Verdicts", "Thèmes", "Recherche"]
    );
    // The timeline lists every claim once.
    let timeline = out.page("timeline/index.html");
    let mut on_timeline = timeline.links_in(".claim-item__title");
    on_timeline.sort();
    on_timeline.dedup();
    assert_eq!(on_timeline.len(), 11, "{on_timeline:?}");
    // A tag page lists claims and names its tag in the <h1>.
    let tag = out.page("tags/russie/index.html");
    assert_eq!(tag.text("h1"), "Russie");
    assert!(!tag.links_in(".claim-item__title").is_empty());
    // Each rating page shows its label; together they list every claim once.
    let mut rated = 0;
    for key in [
        "true",
        "mostly-true",
        "mixed",
        "mostly-false",
        "false",
        "misleading",
        "unverified",
    ] {
        rated += out
            .page(&format!("ratings/{key}/index.html"))
            .links_in(".claim-item__title")
            .len();
    }
    assert_eq!(rated, 11);
    // Plain pages render their Markdown.
    let about = out.page("a-propos/index.html");
    assert_eq!(about.text("h1"), "À propos");
    assert!(about.count(".prose p") >= 2);
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let (_site, out) = build_example();
    let feed = out.xml("atom.xml");
    assert_eq!(feed[0].name, "feed");
    let entries = feed.iter().filter(|e| e.name == "entry").count();
    assert_eq!(entries, 11, "one Atom entry per claim");
    let feed_links: Vec<&str> = feed
        .iter()
        .filter(|e| e.name == "link" && e.parents.last().is_some_and(|p| p == "entry"))
        .filter_map(|e| e.attr("href"))
        .collect();
    assert_eq!(feed_links.len(), 11);
    for href in feed_links {
        assert!(href.starts_with(&format!("{BASE}claims/")), "{href}");
    }

    let peskov_feed = out.xml("actors/dmitri-peskov/atom.xml");
    assert!(peskov_feed.iter().any(|e| e.name == "entry"));
    out.xml("corrections/atom.xml");

    let sitemap = out.xml("sitemap.xml");
    assert_eq!(sitemap[0].name, "urlset");
    let locs: BTreeSet<String> = sitemap
        .iter()
        .filter(|e| e.name == "loc")
        .map(|e| e.text.clone())
        .collect();
    for slug in example_slugs() {
        assert!(
            locs.contains(&format!("{BASE}claims/{slug}/")),
            "sitemap lacks claim {slug}"
        );
    }
    for path in ["", "timeline/", "actors/", "methodologie/", "a-propos/"] {
        assert!(
            locs.contains(&format!("{BASE}{path}")),
            "sitemap lacks /{path}"
        );
    }
    // Every page but the 404s and the embeds is in the sitemap, and every sitemap URL is a
    // written page.
    let pages: BTreeSet<String> = out
        .site_pages()
        .into_iter()
        .filter(|f| !f.ends_with("404.html"))
        .map(|f| format!("{BASE}{}", f.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);

    let robots = out.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
    assert!(out.read(".nojekyll").is_empty());
}

#[test]
fn open_data_and_search_index_hold_every_claim() {
    let (_site, out) = build_example();
    let slugs = example_slugs();

    let json = out.json("claims.json");
    let claims = json["claims"].as_array().expect("a claims array");
    assert_eq!(claims.len(), 11);
    assert_eq!(json["count"], 11);
    let json_slugs: BTreeSet<String> = claims
        .iter()
        .map(|c| c["slug"].as_str().expect("a slug").to_string())
        .collect();
    assert_eq!(json_slugs, slugs);
    for c in claims {
        let slug = c["slug"].as_str().unwrap();
        assert_eq!(c["url"], format!("{BASE}claims/{slug}/"));
        assert!(c["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(c["rating"].as_str().is_some());
    }
    // Claims are newest first.
    let dates: Vec<&str> = claims.iter().map(|c| c["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);

    let csv = csv_rows(&out.read("claims.csv"));
    assert_eq!(csv.len(), 12, "a header and 11 rows");
    let header = &csv[0];
    assert_eq!(header[0], "slug");
    let title_col = header
        .iter()
        .position(|h| h == "title")
        .expect("a title column");
    for row in &csv[1..] {
        assert_eq!(row.len(), header.len(), "row {row:?}");
        let record = claims
            .iter()
            .find(|c| c["slug"] == row[0].as_str())
            .expect("the same claims as claims.json");
        assert_eq!(record["title"], row[title_col].as_str());
    }

    let docs = out.search_records();
    let claim_docs: Vec<_> = docs.iter().filter(|d| d[0] == "c").collect();
    assert_eq!(claim_docs.len(), 11);
    for d in claim_docs {
        assert!(
            d[2].as_str()
                .is_some_and(|u| u.starts_with("/digest/claims/")),
            "{d}"
        );
    }
}

#[test]
fn claim_page_shows_the_entry() {
    let (_site, out) = build_example();
    let page = out.page("claims/peskov-kremlin-ignore-information/index.html");
    let record = out.claim_record("peskov-kremlin-ignore-information");
    assert_eq!(page.text("h1"), record["title"].as_str().unwrap());
    assert_eq!(
        page.text(".verdict-card__statement"),
        record["claim"].as_str().unwrap()
    );
    assert_eq!(
        page.text(".verdict-card__rating a.badge"),
        record["rating_label"].as_str().unwrap()
    );
    assert_eq!(
        page.attr(".verdict-card__rating a.badge", "href"),
        format!("/digest/ratings/{}/", record["rating"].as_str().unwrap())
    );
    // The quote is attributed to its claimant (without a quote, the "who" line names them).
    assert_eq!(
        page.text(".verdict-card__quote blockquote"),
        record["quote"].as_str().unwrap()
    );
    let claimant_links = page.links_in(".verdict-card__quote figcaption");
    assert!(
        claimant_links.contains(&"/digest/actors/dmitri-peskov/".to_string()),
        "{claimant_links:?}"
    );
    // The 404 page and the search page are themed pages too.
    let not_found = out.page("404.html");
    assert!(!collapse(&not_found.text("h1")).is_empty());
    let search = out.page("search/index.html");
    assert_eq!(search.text("h1"), "Recherche");
}

/// Three checks are translated into English (issue 14): each has its page under `/en/`, linked
/// both ways with its original; the others have none.
#[test]
fn the_example_has_three_checks_in_english() {
    let (_site, out) = build_example();
    let english: BTreeSet<String> = out
        .files()
        .into_iter()
        .filter_map(|f| {
            Some(
                f.strip_prefix("en/claims/")?
                    .strip_suffix("/index.html")?
                    .to_string(),
            )
        })
        .filter(|slug| !slug.contains('/'))
        .collect();
    assert_eq!(english.len(), 3, "{english:?}");
    for slug in &english {
        let en = out.page(&format!("en/claims/{slug}/index.html"));
        let fr = out.page(&format!("claims/{slug}/index.html"));
        let link = |page: &common::Page, lang: &str| {
            page.attr(&format!("link[rel=alternate][hreflang={lang}]"), "href")
        };
        assert_eq!(link(&fr, "en"), format!("{BASE}en/claims/{slug}/"));
        assert_eq!(link(&en, "fr"), format!("{BASE}claims/{slug}/"));
        assert_eq!(en.json_ld()[0]["inLanguage"], "en");
    }
    assert!(!out.exists("en/claims/isw-dix-brigades-de-genie/index.html"));
}
