//! Injection payloads in every text field (titles, claims, actors, tags, sources, corrections,
//! `site.toml`, pages) never become markup, scripts, handlers or `javascript:`/`data:` links in
//! any output file (HTML, JSON-LD, JSON, XML feeds, CSV), and come back exactly as written.

mod common;

use common::{Site, site_toml, yaml_quote};
use serde_json::Value;

const PAYLOADS: [&str; 8] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</script><script>x</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "]]>",
    "a\u{2028}b",
];

fn toml_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn hostile_site() -> Site {
    let joined = PAYLOADS.join(" ");
    let config = site_toml("en")
        .replacen(
            "title = \"Test digest\"",
            &format!("title = {}", toml_quote(&format!("Digest {joined}"))),
            1,
        )
        .replacen(
            "description = \"A digest written by the integration tests.\"",
            &format!("description = {}", toml_quote(&joined)),
            1,
        );
    let site = Site::new(&[("site.toml", &config)]);
    for (i, p) in PAYLOADS.iter().enumerate() {
        let q = |s: String| yaml_quote(&s);
        let body = format!(
            "{p}\n\nA paragraph with {p} inside.\n\n[a link {p}](javascript:alert(1)) [b](data:text/html,x) ![img {p}](javascript:alert(1))\n\n<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">{p}</a>\n\n> {p}\n\n* {p}\n\n`{p}`\n\n```\n{p}\n```\n"
        );
        let text = format!(
            "---\ntitle: {}\nclaim: {}\nclaimant: {}\nabout: [{}]\ndate: 2024-06-{:02}\npublished: 2024-06-{:02}\nstatus: \"false\"\nsummary: {}\nsource:\n  publisher: {}\n  title: {}\n  url: \"https://news.example.org/{i}\"\n  archive: \"https://web.archive.org/web/2024/https://news.example.org/{i}\"\nsources:\n  - {{ publisher: {}, title: {}, url: \"https://evidence.example.org/{i}\" }}\ntags: [{}, {}]\ncorrections:\n  - {{ date: 2024-07-{:02}, note: {}, previous_status: mixed }}\nquote: {}\nauthors: [{}, {}]\n---\n{body}",
            q(format!("Title {i} {p}")),
            q(format!("Claim {i} {p}")),
            q(format!("Actor {i} {p}")),
            q(format!("Subject {p} {i}")),
            i + 1,
            i + 2,
            q(format!("Summary {p}")),
            q(p.to_string()),
            q(p.to_string()),
            q(p.to_string()),
            q(p.to_string()),
            q(format!("Tag {i} {p}")),
            q("Common".to_string()),
            i + 1,
            q(format!("Note {p}")),
            q(format!("Quote {i} {p}")),
            q(format!("Writer {i} {p}")),
            q(format!("Unknown {p}")),
        );
        site.write(&format!("content/claims/payload-{i}.md"), &text);
        // Profiles with a kind, so that the ClaimReview names the claimant; and the writer's.
        site.write(
            &format!("content/actors/actor-{i}.md"),
            &format!(
                "---\nname: {}\nkind: person\n---\n",
                q(format!("Actor {i} {p}"))
            ),
        );
        site.write(
            &format!("content/team/writer-{i}.md"),
            &format!(
                "---\nname: {}\nrole: {}\n---\n{p}\n",
                q(format!("Writer {i} {p}")),
                q(p.to_string())
            ),
        );
    }
    site.write(
        "content/actors/evil.md",
        &format!(
            "---\nname: {}\nkind: {}\naliases: [{}]\ndescription: {}\nurl: \"https://evil.example.org/\"\n---\n{joined}\n\n[bio link](javascript:alert(1))\n",
            yaml_quote(&format!("Evil {joined}")),
            yaml_quote(PAYLOADS[0]),
            yaml_quote(PAYLOADS[1]),
            yaml_quote(&joined)
        ),
    );
    site.write(
        "content/claims/by-evil.md",
        &common::claim_entry(
            "By the evil actor",
            "2024-05-01",
            "mixed",
            &format!("claimant: {}\n", yaml_quote(&format!("Evil {joined}"))),
            "Body.",
        ),
    );
    site.write(
        "content/pages/about.md",
        &format!(
            "---\ntitle: {}\ndescription: {}\n---\n{joined}\n",
            yaml_quote(&format!("About {joined}")),
            yaml_quote(&joined)
        ),
    );
    site
}

/// Whether a URL attribute value would run code (whitespace and controls ignored, any case).
fn is_dangerous_url(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    v.starts_with("javascript:") || v.starts_with("data:") || v.starts_with("vbscript:")
}

#[test]
fn payloads_in_every_text_field_never_become_markup() {
    let site = hostile_site();
    let out = site.build(&[]);
    let files = out.files();
    let html = out.html_files();
    assert!(html.len() > 20, "{html:?}");
    let theme_js = "/digest/assets/site.js";
    let mut json_ld_blocks = 0;
    for file in &html {
        let page = out.page(file);
        for script in page.select("script") {
            let v = script.value();
            let body: String = script.text().collect();
            match (v.attr("type"), v.attr("src")) {
                (Some("application/ld+json"), None) => {
                    json_ld_blocks += 1;
                    serde_json::from_str::<Value>(&body)
                        .unwrap_or_else(|e| panic!("{file}: JSON-LD does not parse ({e})"));
                    assert!(
                        !body.contains("</") && !body.contains('\u{2028}'),
                        "{file}: JSON-LD text could close or break its script: {body}"
                    );
                }
                (None, Some(src)) => {
                    assert_eq!(src, theme_js, "{file}: a foreign script");
                    assert!(body.trim().is_empty(), "{file}: code in the theme script");
                }
                _ => panic!("{file}: unexpected script {}", script.html()),
            }
        }
        for element in page.select("*") {
            let name = element.value().name();
            assert!(
                !matches!(name, "iframe" | "frame" | "object" | "embed" | "base"),
                "{file}: <{name}>"
            );
            if name == "form" {
                // The theme's forms (search, filters) stay on the site.
                let action = element.value().attr("action").unwrap_or("/digest/");
                assert!(action.starts_with("/digest/"), "{file}: form to {action}");
            }
            for (attr, value) in element.value().attrs() {
                assert!(
                    !attr.to_ascii_lowercase().starts_with("on"),
                    "{file}: <{name} {attr}={value:?}>"
                );
                if matches!(
                    attr,
                    "href" | "src" | "action" | "formaction" | "srcset" | "xlink:href" | "poster"
                ) {
                    assert!(
                        !is_dangerous_url(value),
                        "{file}: <{name} {attr}={value:?}>"
                    );
                }
            }
        }
        // Pages keep the policy that forbids inline scripts.
        let csp = page.attr(r#"meta[http-equiv="Content-Security-Policy"]"#, "content");
        assert!(
            csp.contains("script-src 'self'") || csp.contains("script-src 'none'"),
            "{file}: {csp}"
        );
    }
    assert!(json_ld_blocks >= PAYLOADS.len(), "{json_ld_blocks}");

    // The text comes back exactly: titles, claims, JSON-LD, open data, feeds.
    for (i, p) in PAYLOADS.iter().enumerate() {
        let file = format!("claims/payload-{i}/index.html");
        let page = out.page(&file);
        let title = format!("Title {i} {p}");
        assert_eq!(page.text("h1"), common::collapse(&title), "{file}");
        assert_eq!(
            page.text(".verdict-card__statement"),
            common::collapse(&format!("Claim {i} {p}"))
        );
        let ld = page.json_ld();
        assert_eq!(ld[0]["name"], title.as_str(), "{file}");
        assert_eq!(ld[0]["claimReviewed"], format!("Claim {i} {p}").as_str());
        assert_eq!(
            ld[0]["itemReviewed"]["author"]["name"],
            format!("Actor {i} {p}").as_str()
        );
        assert_eq!(
            ld[0]["itemReviewed"]["text"],
            format!("Quote {i} {p}").as_str()
        );
        assert_eq!(
            page.text(".verdict-card__quote blockquote"),
            common::collapse(&format!("Quote {i} {p}"))
        );
        let byline = page.text(".byline");
        assert!(
            byline.contains(&common::collapse(&format!("Writer {i} {p}")))
                && byline.contains(&common::collapse(&format!("Unknown {p}"))),
            "{file}: {byline}"
        );
        assert_eq!(
            page.links_in(".byline"),
            [format!("/digest/team/writer-{i}/")]
        );
        assert_eq!(page.count(".prose script, .prose img"), 0, "{file}");
        let prose = page.text(".prose");
        assert!(prose.contains(&common::collapse(p)), "{file}: {prose}");
        for link in page.links_in(".prose") {
            assert!(link.starts_with("https://"), "{file}: {link}");
        }
    }
    let json = out.json("claims.json");
    for c in json["claims"].as_array().unwrap() {
        let slug = c["slug"].as_str().unwrap();
        if let Some(i) = slug.strip_prefix("payload-") {
            let i: usize = i.parse().unwrap();
            assert_eq!(c["title"], format!("Title {i} {}", PAYLOADS[i]).as_str());
            assert_eq!(c["source"]["publisher"], PAYLOADS[i]);
        }
    }
    let xml_files: Vec<&String> = files.iter().filter(|f| f.ends_with(".xml")).collect();
    assert!(xml_files.len() >= 4, "{xml_files:?}");
    for f in xml_files {
        let elements = out.xml(f);
        if f == "atom.xml" {
            let titles: Vec<&str> = elements
                .iter()
                .filter(|e| e.name == "title" && e.parents.last().is_some_and(|p| p == "entry"))
                .map(|e| e.text.as_str())
                .collect();
            for (i, p) in PAYLOADS.iter().enumerate() {
                let title = format!("Title {i} {p}");
                assert!(
                    titles.contains(&title.as_str()),
                    "{title:?} not in {titles:?}"
                );
            }
        }
    }
    for f in files.iter().filter(|f| f.ends_with(".json")) {
        out.json(f);
    }
    let csv = out.read("claims.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .expect("valid CSV records")
            .len(),
        PAYLOADS.len() + 1
    );
}
