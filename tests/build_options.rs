//! Options and content that change what a build writes: drafts (`--drafts`), a sub-path base
//! URL (`--base-url https://host/repo/`), and code highlighting (only when some code asks).

mod common;

use common::{Built, Page, Site, site_toml};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Drafts

fn drafts_site() -> Site {
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/published.md",
            &common::claim_entry("Published one", "2024-06-20", "mixed", "", "Body."),
        ),
        (
            "content/claims/unfinished.md",
            &common::claim_entry(
                "Unfinished one",
                "2024-06-27",
                "\"false\"",
                "draft: true\ntags: [\"Draft only tag\"]\nclaimant: \"Draft Only Actor\"\n",
                "Body.",
            ),
        ),
        (
            "content/pages/wip.md",
            "---\ntitle: \"Work in progress\"\ndraft: true\n---\nNot yet.\n",
        ),
    ])
}

/// Where a draft claim shows up in a build: its page, and its links and records elsewhere.
fn draft_traces(out: &Built) -> Vec<&'static str> {
    let mut found = Vec::new();
    if out.exists("claims/unfinished/index.html") {
        found.push("claim page");
    }
    if out.exists("wip/index.html") {
        found.push("draft plain page");
    }
    if out.exists("tags/draft-only-tag/index.html") {
        found.push("tag page");
    }
    let json = out.json("claims.json");
    if json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["slug"] == "unfinished")
    {
        found.push("claims.json");
    }
    if out.read("claims.csv").contains("unfinished") {
        found.push("claims.csv");
    }
    let locs = out.xml("sitemap.xml");
    if locs
        .iter()
        .any(|e| e.name == "loc" && e.text.contains("/claims/unfinished/"))
    {
        found.push("sitemap");
    }
    if out
        .xml("atom.xml")
        .iter()
        .any(|e| e.name == "link" && e.attr("href").is_some_and(|h| h.contains("/unfinished/")))
    {
        found.push("feed");
    }
    if out
        .search_records()
        .iter()
        .any(|d| d[2] == "/digest/claims/unfinished/")
    {
        found.push("search index");
    }
    for list in ["index.html", "timeline/index.html"] {
        if out
            .page(list)
            .links_in("main")
            .contains(&"/digest/claims/unfinished/".to_string())
        {
            found.push(if list == "index.html" {
                "home"
            } else {
                "timeline"
            });
        }
    }
    found
}

#[test]
fn drafts_are_left_out_without_the_flag() {
    let site = drafts_site();
    let out = site.build(&[]);
    assert!(out.exists("claims/published/index.html"));
    assert_eq!(draft_traces(&out), Vec::<&str>::new());
    assert_eq!(out.json("claims.json")["count"], 1);
}

#[test]
fn drafts_are_built_with_the_flag() {
    let site = drafts_site();
    let out = site.build(&["--drafts"]);
    assert_eq!(
        draft_traces(&out),
        [
            "claim page",
            "draft plain page",
            "tag page",
            "claims.json",
            "claims.csv",
            "sitemap",
            "feed",
            "search index",
            "home",
            "timeline",
        ]
    );
    assert_eq!(
        out.page("claims/unfinished/index.html").text("h1"),
        "Unfinished one"
    );
}

/// Where an actor named only in a draft shows up.
fn draft_actor_traces(out: &Built) -> Vec<&'static str> {
    let mut found = Vec::new();
    if out.exists("actors/draft-only-actor/index.html") {
        found.push("actor page");
    }
    if out
        .page("actors/index.html")
        .links_in("main")
        .contains(&"/digest/actors/draft-only-actor/".to_string())
    {
        found.push("actors index");
    }
    if out
        .xml("sitemap.xml")
        .iter()
        .any(|e| e.name == "loc" && e.text.contains("/actors/draft-only-actor/"))
    {
        found.push("sitemap");
    }
    if out
        .search_records()
        .iter()
        .any(|d| d.to_string().contains("Draft Only Actor"))
    {
        found.push("search index");
    }
    found
}

#[test]
fn an_actor_named_only_in_a_draft_appears_with_the_flag() {
    let site = drafts_site();
    let out = site.build(&["--drafts"]);
    assert_eq!(
        draft_actor_traces(&out),
        ["actor page", "actors index", "sitemap", "search index"]
    );
}

/// Without `--drafts`, a draft must leave no trace: an actor named only in a draft entry (here
/// without a profile) must get no page, no place in the actors index, the sitemap or the search
/// index. Today the actor is registered while the entry is validated, before drafts are dropped.
#[test]
fn an_actor_named_only_in_a_draft_is_left_out_without_the_flag() {
    let site = drafts_site();
    let out = site.build(&[]);
    assert_eq!(draft_actor_traces(&out), Vec::<&str>::new());
}

// ---------------------------------------------------------------------------------------------
// Sub-path

const SUB_BASE: &str = "https://example.github.io/repo/";

const SUB_HOST: &str = "example.github.io";

/// Resolves `url` found on the page at site path `page_path` (e.g. `/repo/claims/x/`) and
/// returns its path when it points into the site's host (None for other hosts and schemes).
fn internal_path(url: &str, page_path: &str) -> Option<String> {
    let url = url.trim();
    if url.starts_with('#') || url.is_empty() {
        return None;
    }
    let without_query = |u: &str| u.split(['?', '#']).next().unwrap_or("").to_string();
    let host_and_path = |rest: &str| {
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (host, path) = rest.split_at(end);
        host.eq_ignore_ascii_case(SUB_HOST)
            .then(|| without_query(path))
    };
    if let Some(rest) = url.strip_prefix("//") {
        return host_and_path(rest);
    }
    let has_scheme = url
        .find(':')
        .is_some_and(|colon| url.find(['/', '?', '#']).is_none_or(|s| colon < s));
    if has_scheme {
        let (scheme, rest) = url.split_once("://")?;
        return if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") {
            host_and_path(rest)
        } else {
            None
        };
    }
    let path = without_query(url);
    if path.starts_with('/') {
        return Some(path);
    }
    // A relative URL: resolve it against the page's folder.
    let mut segments: Vec<&str> = page_path
        .trim_end_matches(|c| c != '/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            p => segments.push(p),
        }
    }
    let folder =
        path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path.ends_with("..");
    let trailing = if folder { "/" } else { "" };
    Some(format!("/{}{trailing}", segments.join("/")))
}

#[test]
fn internal_path_resolution() {
    assert_eq!(
        internal_path("../methodologie/", "/repo/a-propos/").as_deref(),
        Some("/repo/methodologie/")
    );
    assert_eq!(internal_path("/x/", "/repo/").as_deref(), Some("/x/"));
    assert_eq!(
        internal_path("https://example.github.io/repo/a/", "/repo/").as_deref(),
        Some("/repo/a/")
    );
    assert_eq!(internal_path("https://other.org/a/", "/repo/"), None);
    assert_eq!(internal_path("mailto:x@y.org", "/repo/"), None);
    assert_eq!(internal_path("#main", "/repo/"), None);
    assert_eq!(
        internal_path("//example.github.io/other/?q", "/repo/").as_deref(),
        Some("/other/")
    );
    assert_eq!(
        internal_path("x.html", "/repo/a/").as_deref(),
        Some("/repo/a/x.html")
    );
}

#[test]
fn a_sub_path_base_url_prefixes_every_internal_url() {
    let site = Site::example();
    let out = site.build(&["--base-url", SUB_BASE]);
    let mut checked = 0;
    for file in out.html_files() {
        let page = out.page(&file);
        let page_path = format!("/repo/{}", file.trim_end_matches("index.html"));
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
            ("form[action]", "action"),
        ] {
            for element in page.select(css) {
                let url = element.value().attr(attr).unwrap();
                if let Some(path) = internal_path(url, &page_path) {
                    assert!(
                        path.starts_with("/repo/"),
                        "{file}: <{} {attr}={url:?}> leaves the sub-path",
                        element.value().name()
                    );
                    if url.starts_with('/') {
                        checked += 1;
                    }
                }
            }
        }
        // A 404 page (one per language) is served at any address; an embed is another site's
        // iframe.
        if !file.ends_with("404.html") && !file.ends_with("/embed/index.html") {
            let canonical = page.canonical().expect("a canonical link");
            assert!(canonical.starts_with(SUB_BASE), "{file}: {canonical}");
            let og = page.attr(r#"meta[property="og:url"]"#, "content");
            assert_eq!(og, canonical, "{file}");
        }
        for review in page.json_ld() {
            let url = review["url"].as_str().unwrap();
            // The example's publisher has no url of its own: it is the site, at the new base.
            assert_eq!(review["author"]["url"], SUB_BASE, "{file}");
            // The example's English translations are under en/.
            assert!(
                url.starts_with(&format!("{SUB_BASE}claims/"))
                    || url.starts_with(&format!("{SUB_BASE}en/claims/")),
                "{file}: {url}"
            );
        }
    }
    assert!(checked > 1000, "only {checked} root-relative URLs checked");

    // The theme's assets are linked under the sub-path.
    let home = out.page("index.html");
    assert!(
        home.select("link[rel=stylesheet]")
            .iter()
            .any(|l| l.value().attr("href") == Some("/repo/assets/site.css"))
    );
    assert_eq!(home.attr("script[src]", "src"), "/repo/assets/site.js");

    // The non-HTML outputs use the same base.
    for loc in out.xml("sitemap.xml").iter().filter(|e| e.name == "loc") {
        assert!(loc.text.starts_with(SUB_BASE), "{}", loc.text);
    }
    // Every feed (site, corrections, per actor): links and ids under the new base.
    let feeds: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .collect();
    assert!(feeds.len() > 10, "{feeds:?}");
    for feed in &feeds {
        for e in out.xml(feed) {
            if e.name == "link" {
                let href = e.attr("href").unwrap();
                assert!(href.starts_with(SUB_BASE), "{feed}: {href}");
            }
            if e.name == "id" {
                assert!(e.text.starts_with(SUB_BASE), "{feed}: id {}", e.text);
            }
        }
    }
    assert!(
        out.read("robots.txt")
            .contains(&format!("Sitemap: {SUB_BASE}sitemap.xml"))
    );
    for c in out.json("claims.json")["claims"].as_array().unwrap() {
        assert!(c["url"].as_str().unwrap().starts_with(SUB_BASE));
    }
    for d in out.search_records() {
        assert!(d[2].as_str().unwrap().starts_with("/repo/"), "{d}");
    }
}

#[test]
fn a_sub_path_build_passes_the_link_checker() {
    // Skips without ../shared/tools or python3, fails instead when CI is set.
    let site = Site::example();
    let out = site.build(&["--base-url", SUB_BASE]);
    common::check_links_under(&out.dir, "/repo/");
}

#[test]
fn an_invalid_base_url_is_refused() {
    let site = Site::example();
    let out = site.path("out");
    let run = site.run_build(&out, &["--base-url", "example.github.io/repo"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    assert!(!out.exists());
}

// ---------------------------------------------------------------------------------------------
// Highlighting

const RUST_BODY: &str = "Some code:\n\n```rust\nfn main() {\n    let answer: u32 = 42;\n    println!(\"{answer}\");\n}\n```\n";

fn highlight_link(page: &Page) -> Vec<String> {
    page.select("link[rel=stylesheet]")
        .into_iter()
        .filter_map(|l| l.value().attr("href"))
        .filter(|h| h.contains("highlight"))
        .map(str::to_string)
        .collect()
}

#[test]
fn fenced_rust_code_is_highlighted_with_a_stylesheet() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/code.md",
            &common::claim_entry("Code", "2024-06-27", "mixed", "", RUST_BODY),
        ),
        (
            "content/claims/prose.md",
            &common::claim_entry("Prose", "2024-06-26", "mixed", "", "No code."),
        ),
    ]);
    let out = site.build(&[]);
    let page = out.page("claims/code/index.html");
    let pre = page.one(".prose pre");
    assert_eq!(pre.value().attr("data-lang"), Some("rust"));
    let spans: Vec<_> = page
        .select(".prose pre code span")
        .into_iter()
        .filter(|s| s.value().classes().any(|c| c.starts_with("hl-")))
        .collect();
    assert!(spans.len() >= 5, "only {} highlighted spans", spans.len());
    // The code reads back unchanged.
    let code: String = page.one(".prose pre code").text().collect();
    assert_eq!(
        code,
        "fn main() {\n    let answer: u32 = 42;\n    println!(\"{answer}\");\n}\n"
    );
    // The stylesheet exists, styles the classes, and every page links it (not the embeds,
    // which show no code).
    let css = out.read("assets/highlight.css");
    assert!(css.contains(".hl-"), "{css}");
    for file in out.site_pages() {
        assert_eq!(
            highlight_link(&out.page(&file)),
            ["/digest/assets/highlight.css"],
            "{file}"
        );
    }
}

#[test]
fn without_fenced_code_there_is_no_highlight_stylesheet() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/plain.md",
            &common::claim_entry(
                "Plain",
                "2024-06-27",
                "mixed",
                "",
                "Text with `inline code`.\n\n```\nunlabelled block <b>\n```\n\n    indented block\n",
            ),
        ),
    ]);
    let out = site.build(&[]);
    assert!(!out.exists("assets/highlight.css"));
    for file in out.html_files() {
        assert!(highlight_link(&out.page(&file)).is_empty(), "{file}");
    }
    let page = out.page("claims/plain/index.html");
    assert_eq!(page.count(".prose pre"), 2);
    assert_eq!(page.count(".prose pre span"), 0);
    assert!(page.text(".prose").contains("unlabelled block <b>"));
    let files: BTreeSet<String> = out.files().into_iter().collect();
    assert!(!files.iter().any(|f| f.contains("highlight")), "{files:?}");
}

/// Actor biographies are Markdown too, and their fenced code is highlighted like the rest; the
/// stylesheet must then be written and linked. Today only claim and plain-page bodies are looked
/// at to decide whether highlighting is needed, so a bio's code gets `hl-` spans with no styles.
#[test]
fn fenced_code_in_an_actor_bio_gets_the_stylesheet() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/actors/jane-doe.md",
            &format!("---\nname: \"Jane Doe\"\nkind: person\n---\n{RUST_BODY}"),
        ),
        (
            "content/claims/said.md",
            &common::claim_entry(
                "Said",
                "2024-06-27",
                "mixed",
                "claimant: \"Jane Doe\"\n",
                "No code.",
            ),
        ),
    ]);
    let out = site.build(&[]);
    let page = out.page("actors/jane-doe/index.html");
    let highlighted = page
        .select(".prose pre code span")
        .into_iter()
        .any(|s| s.value().classes().any(|c| c.starts_with("hl-")));
    assert!(highlighted, "the bio's code is highlighted");
    assert!(
        out.exists("assets/highlight.css"),
        "no assets/highlight.css"
    );
    assert_eq!(highlight_link(&page), ["/digest/assets/highlight.css"]);
}
