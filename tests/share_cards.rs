//! Share cards (issue 12, item 4): every claim and actor page names a 1200x630 PNG as its
//! `og:image`, by an absolute URL (also under a sub-path) that the output holds; the cards are
//! kept in `.digest-cache/` so that a warm build draws none, and an edited verdict draws its card
//! again.

mod common;

use common::{Built, Site, claim_entry, list_files, site_toml};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

fn corpus(base_url: &str) -> Site {
    let toml = site_toml("fr").replace("https://example.github.io/digest/", base_url);
    let mut files = vec![
        ("site.toml".to_string(), toml),
        (
            "content/actors/jane-doe.md".to_string(),
            "---\nname: \"Jane Doe\"\nkind: person\n---\nUne élue.\n".to_string(),
        ),
    ];
    let statuses = ["true", "mixed", "false", "unverified"];
    for i in 0..6 {
        let extra = match i % 2 {
            0 => "claimant: \"Jane Doe\"\ntags: [\"Énergie\"]\n",
            _ => "claimant: \"Élodie Ça-Va\"\ntags: [\"Énergie\", \"Santé\"]\n",
        };
        files.push((
            format!("content/claims/c{i}.md"),
            claim_entry(
                &format!("Affirmation {i} très longue à propos de l’été"),
                &format!("2024-06-{:02}", 10 + i),
                statuses[i % 4],
                extra,
                "Analyse.",
            ),
        ));
    }
    Site::from_files(&files)
}

/// Decodes a PNG of the output and returns its size.
fn png_size(path: &Path) -> (u32, u32) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()));
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let info = reader.info();
    (info.width, info.height)
}

/// Checks every claim and actor page's share image; returns how many pages were checked.
fn assert_share_images(out: &Built, base_url: &str) -> usize {
    let pages: Vec<String> = out
        .html_files()
        .into_iter()
        .filter(|f| {
            let depth = f.matches('/').count();
            (f.starts_with("claims/") || f.starts_with("actors/"))
                && depth == 2
                && !f.contains("/embed/")
        })
        .collect();
    for file in &pages {
        let page = out.page(file);
        let image = page.attr("meta[property='og:image']", "content");
        let relative = image
            .strip_prefix(base_url)
            .unwrap_or_else(|| panic!("{file}: og:image {image} is not under {base_url}"));
        assert!(relative.ends_with("/card.png"), "{file}: {image}");
        assert_eq!(
            relative,
            file.replace("index.html", "card.png"),
            "{file}: the card sits beside its page"
        );
        assert_eq!(png_size(&out.path(relative)), (1200, 630), "{relative}");
        assert_eq!(
            page.attr("meta[property='og:image:width']", "content"),
            "1200"
        );
        assert_eq!(
            page.attr("meta[property='og:image:height']", "content"),
            "630"
        );
        assert!(
            !page
                .attr("meta[property='og:image:alt']", "content")
                .is_empty()
        );
        assert_eq!(
            page.attr("meta[name='twitter:card']", "content"),
            "summary_large_image"
        );
    }
    pages.len()
}

#[test]
fn every_claim_and_actor_page_has_a_1200x630_card_at_an_absolute_url() {
    let site = corpus("https://example.github.io/digest/");
    let out = site.build(&[]);
    // 6 claims, 2 actors.
    assert_eq!(
        assert_share_images(&out, "https://example.github.io/digest/"),
        8
    );
    // Pages without a card keep the small summary.
    let home = out.page("index.html");
    assert_eq!(home.count("meta[property='og:image']"), 0);
    assert_eq!(home.attr("meta[name='twitter:card']", "content"), "summary");
}

#[test]
fn cards_work_under_a_sub_path_and_at_the_root() {
    for base in [
        "https://user.github.io/repo/sub/",
        "https://factcheck.example/",
    ] {
        let site = corpus(base);
        let out = site.build(&[]);
        assert_eq!(assert_share_images(&out, base), 8, "{base}");
    }
    // --base-url overrides site.toml's, for the card URL too.
    let site = corpus("https://example.github.io/digest/");
    let out = site.build(&["--base-url", "https://other.example/x/"]);
    assert_eq!(assert_share_images(&out, "https://other.example/x/"), 8);
}

/// Every file of the cache and its modification time.
fn cache_state(site: &Site) -> BTreeMap<String, SystemTime> {
    let dir = site.path(".digest-cache");
    list_files(&dir)
        .into_iter()
        .map(|f| {
            let modified = std::fs::metadata(dir.join(&f))
                .and_then(|m| m.modified())
                .expect("a cached file");
            (f, modified)
        })
        .collect()
}

#[test]
fn a_warm_build_draws_no_card_and_an_edited_verdict_draws_one() {
    let site = corpus("https://example.github.io/digest/");
    let first = site.build(&[]);
    assert!(
        first.run.stderr.contains("8 share cards (0 cached)"),
        "{}",
        first.run.stderr
    );
    let cold = cache_state(&site);
    assert_eq!(cold.len(), 8, "one cached PNG per card: {cold:?}");
    let card = std::fs::read(first.path("claims/c0/card.png")).expect("a card");

    let second = site.build_into("out2", &[]);
    assert!(
        second.run.stderr.contains("8 share cards (8 cached)"),
        "{}",
        second.run.stderr
    );
    assert_eq!(
        cache_state(&site),
        cold,
        "a warm build writes nothing to the cache"
    );
    assert_eq!(
        std::fs::read(second.path("claims/c0/card.png")).unwrap(),
        card
    );
    #[cfg(unix)]
    {
        // Linked from the cache, not copied.
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(second.path("claims/c0/card.png")).unwrap();
        assert!(meta.nlink() >= 2, "{} links", meta.nlink());
    }

    // A new verdict: that claim's card and its claimant's scorecard are drawn again.
    let text = std::fs::read_to_string(site.path("content/claims/c0.md")).unwrap();
    site.write(
        "content/claims/c0.md",
        &text.replace("status: true", "status: false"),
    );
    let third = site.build_into("out3", &[]);
    assert!(
        third.run.stderr.contains("8 share cards (6 cached)"),
        "{}",
        third.run.stderr
    );
    assert_ne!(
        std::fs::read(third.path("claims/c0/card.png")).unwrap(),
        card
    );
    assert_eq!(cache_state(&site).len(), 10);
}

#[test]
fn a_build_without_a_writable_cache_still_makes_its_cards() {
    let site = corpus("https://example.github.io/digest/");
    // A file where the cache's folder would be: nothing can be cached, the build goes on.
    site.write(".digest-cache", "not a folder");
    let out = site.build(&[]);
    assert_eq!(
        assert_share_images(&out, "https://example.github.io/digest/"),
        8
    );
    assert!(out.run.stderr.contains("(0 cached)"), "{}", out.run.stderr);
}

#[test]
fn init_ignores_the_cache_and_its_workflow_keeps_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let site = dir.path().join("site");
    let run = common::digest(&["init", site.to_str().unwrap()], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(
        gitignore.lines().any(|l| l == "/.digest-cache/"),
        "{gitignore}"
    );
    let workflow = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let workflow: serde_yaml_check::Value = serde_yaml_check::from_str(&workflow);
    let steps = workflow["jobs"]["build"]["steps"]
        .as_array()
        .expect("the build job's steps");
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("an actions/cache step");
    assert_eq!(cache["with"]["path"].as_str(), Some(".digest-cache"));
    let position = |name: &str| {
        steps
            .iter()
            .position(|s| s["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("a step named {name}"))
    };
    let cache_at = steps
        .iter()
        .position(|s| s == cache)
        .expect("the cache step");
    assert!(
        cache_at < position("Build the site"),
        "restored before the build"
    );
}

/// A YAML reading just good enough for a workflow: through serde_json's Value.
mod serde_yaml_check {
    pub use serde_json::Value;
    pub fn from_str(text: &str) -> Value {
        let yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("valid YAML");
        serde_json::to_value(yaml).expect("YAML as JSON")
    }
}
