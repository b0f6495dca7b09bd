//! Embeds, sharing and per-list feeds (issue 12, item 5): each claim has an embeddable card that
//! links back and keeps out of search engines; its page offers the `<iframe>` code and share
//! links that load nothing from a third party; tags and ratings have Atom feeds, linked from
//! their pages.

mod common;

use common::claims::{ATOM_NS, BASE, BASE_PATH, claim_slug};
use common::{Built, Page, Site, XmlElement, claim_entry, site_toml, xml_records};
use std::collections::BTreeSet;

/// Claims c0..c5: even ones tagged "Énergie" only, odd ones "Énergie" and "Santé"; statuses
/// cycle true, mixed, false, unverified.
fn corpus() -> Site {
    let mut files = vec![("site.toml".to_string(), site_toml("en"))];
    let statuses = ["true", "mixed", "false", "unverified"];
    for i in 0..6 {
        let extra = match i % 2 {
            0 => "claimant: \"Jane Doe\"\ntags: [\"Énergie\"]\n",
            _ => "claimant: [\"Jane Doe\", \"John <b>Roe</b>\"]\ntags: [\"Énergie\", \"Santé\"]\n",
        };
        files.push((
            format!("content/claims/c{i}.md"),
            claim_entry(
                &format!("Claim number {i} & more"),
                &format!("2024-06-{:02}", 10 + i),
                statuses[i % 4],
                extra,
                "Analysis.",
            ),
        ));
    }
    Site::from_files(&files)
}

fn slugs() -> Vec<String> {
    (0..6).map(|i| format!("c{i}")).collect()
}

#[test]
fn each_embed_links_back_and_stays_out_of_search_engines() {
    let site = corpus();
    let out = site.build(&[]);
    let sitemap: Vec<String> = out
        .xml("sitemap.xml")
        .iter()
        .filter(|e| e.name == "loc")
        .map(|e| e.text.clone())
        .collect();
    for slug in slugs() {
        let page = out.page(&format!("claims/{slug}/embed/index.html"));
        let back = format!("{BASE}claims/{slug}/");
        let link = page
            .select("a")
            .into_iter()
            .find(|a| a.value().attr("href") == Some(back.as_str()))
            .unwrap_or_else(|| panic!("{slug}: the embed links back to {back}"));
        assert_eq!(link.value().attr("target"), Some("_blank"));
        let rel = link.value().attr("rel").unwrap_or_default();
        assert!(rel.split(' ').any(|r| r == "noopener"), "{slug}: rel={rel}");
        assert_eq!(page.attr("meta[name='robots']", "content"), "noindex");
        let csp = page.attr("meta[http-equiv='Content-Security-Policy']", "content");
        assert!(
            !csp.contains("frame-ancestors"),
            "{slug}: framing stays allowed"
        );
        // The verdict, the claim and the claimant are there, escaped.
        assert_eq!(page.text(".embed__badge"), label(&slug));
        assert!(page.text(".embed__claim").contains("Claim of Claim number"));
        if slug.ends_with(['1', '3', '5']) {
            assert!(page.text(".embed__by").contains("John <b>Roe</b>"));
            assert_eq!(page.count(".embed__by b"), 0, "names are text, not markup");
        }
        // Nothing is loaded from elsewhere: stylesheets of this site only, no script.
        assert_eq!(page.count("script"), 0);
        for sheet in page.select("link[rel='stylesheet']") {
            let href = sheet.value().attr("href").unwrap_or_default();
            assert!(href.starts_with(BASE_PATH), "{slug}: {href}");
        }
        assert!(
            !sitemap.iter().any(|u| u.contains("/embed/")),
            "{sitemap:?}"
        );
    }
}

fn label(slug: &str) -> &'static str {
    ["True", "Mixed", "False", "Unverified"][slug[1..].parse::<usize>().unwrap() % 4]
}

#[test]
fn the_claim_page_offers_the_embed_code_and_share_links_that_load_nothing() {
    let site = corpus();
    let out = site.build(&[]);
    for slug in slugs() {
        let page = out.page(&format!("claims/{slug}/index.html"));
        // The snippet, as text in a read-only field: an iframe of the embed.
        let code = page.one("details textarea[readonly]");
        let snippet = Page::parse("snippet", &common::text(code));
        let iframe = snippet.one("iframe");
        assert_eq!(
            iframe.value().attr("src"),
            Some(format!("{BASE}claims/{slug}/embed/").as_str())
        );
        assert!(iframe.value().attr("title").is_some_and(|t| !t.is_empty()));
        // Share links: plain links, email or https; the buttons wait for JavaScript.
        let links = page.links_in(".share__links");
        assert!(links.iter().any(|l| l.starts_with("mailto:")), "{links:?}");
        for link in &links {
            assert!(
                link.starts_with("mailto:") || link.starts_with("https://"),
                "{slug}: {link}"
            );
            assert!(!link.contains(' ') && !link.contains('<'), "{link}");
        }
        let page_url = format!("{BASE}claims/{slug}/");
        let encoded = page_url.replace(':', "%3A").replace('/', "%2F");
        assert!(links.iter().any(|l| l.contains(&encoded)), "{links:?}");
        for hidden in page.select("[data-share-native], [data-copy-item]") {
            assert!(hidden.value().attr("hidden").is_some(), "hidden without JS");
        }
        assert_eq!(
            page.attr("[data-copy]", "data-copy"),
            page_url,
            "copy link copies the page's address"
        );
        // Only the site's own script and images.
        for script in page.select("script[src]") {
            let src = script.value().attr("src").unwrap_or_default();
            assert!(src.starts_with(BASE_PATH), "{src}");
        }
        assert_eq!(page.count("iframe"), 0, "the page itself embeds nothing");
    }
}

/// The claim slugs an Atom feed lists, after checking it is one.
fn feed_claims(out: &Built, file: &str) -> BTreeSet<String> {
    let feed = out.xml(file);
    let root: &XmlElement = &feed[0];
    assert_eq!(root.name, "feed", "{file}");
    assert_eq!(root.attr("xmlns"), Some(ATOM_NS), "{file}");
    let self_link = feed
        .iter()
        .find(|e| e.name == "link" && e.parents == ["feed"] && e.attr("rel") == Some("self"))
        .and_then(|l| l.attr("href"))
        .expect("a self link");
    assert_eq!(self_link, format!("{BASE}{file}"));
    xml_records(&feed, "entry")
        .iter()
        .map(|e| {
            let link = e.iter().find(|x| x.name == "link").expect("an entry link");
            claim_slug(link.attr("href").expect("an href"))
        })
        .collect()
}

/// The feed a list page links to, both in its head and visibly.
fn assert_links_feed(out: &Built, page: &str, feed: &str) {
    let page = out.page(page);
    let href = format!("{BASE_PATH}{feed}");
    let alternates: Vec<String> = page
        .select(r#"link[rel="alternate"][type="application/atom+xml"]"#)
        .iter()
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect();
    assert!(alternates.contains(&href), "{alternates:?}");
    assert!(
        page.links_in("main").contains(&href),
        "a visible link to {href}"
    );
}

#[test]
fn tags_and_ratings_have_feeds_of_their_claims() {
    let site = corpus();
    let out = site.build(&[]);
    let set =
        |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| s.to_string()).collect() };
    let tags = [
        ("energie", set(&["c0", "c1", "c2", "c3", "c4", "c5"])),
        ("sante", set(&["c1", "c3", "c5"])),
    ];
    for (tag, want) in tags {
        let feed = format!("tags/{tag}/atom.xml");
        assert_eq!(feed_claims(&out, &feed), want, "{feed}");
        assert_links_feed(&out, &format!("tags/{tag}/index.html"), &feed);
    }
    let ratings = [
        ("true", set(&["c0", "c4"])),
        ("mixed", set(&["c1", "c5"])),
        ("false", set(&["c2"])),
        ("unverified", set(&["c3"])),
    ];
    for (key, want) in ratings {
        let feed = format!("ratings/{key}/atom.xml");
        assert_eq!(feed_claims(&out, &feed), want, "{feed}");
        assert_links_feed(&out, &format!("ratings/{key}/index.html"), &feed);
    }
}
