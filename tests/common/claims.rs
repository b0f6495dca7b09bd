//! Claim entries written field by field, and reading a built claim back: its ClaimReview, its
//! slug from a link (for the fact-check semantics suites).

use super::html::Page;
use super::run::Built;
use super::yaml::yaml_quote;
use serde_json::Value;

/// The `base_url` of `site_toml`, and its path.
pub const BASE: &str = "https://example.github.io/digest/";
pub const BASE_PATH: &str = "/digest/";
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// A claim entry written field by field (every string YAML-quoted, so anything goes).
pub struct Entry<'a> {
    pub title: &'a str,
    pub date: &'a str,
    pub status: &'a str,
    pub claimant: &'a [&'a str],
    pub about: &'a [&'a str],
    pub tags: &'a [&'a str],
    pub extra: &'a str,
}

impl Entry<'_> {
    pub fn text(&self) -> String {
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

pub fn entry<'a>(title: &'a str, date: &'a str, status: &'a str) -> Entry<'a> {
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

pub fn actor_profile(name: &str) -> String {
    format!("---\nname: {}\nkind: person\n---\n", yaml_quote(name))
}

/// The only ClaimReview of a claim page.
pub fn review(out: &Built, slug: &str) -> (Page, Value) {
    let page = out.page(&format!("claims/{slug}/index.html"));
    let mut all = page.json_ld();
    assert_eq!(all.len(), 1, "{slug}: exactly one JSON-LD block");
    let review = all.remove(0);
    assert_eq!(review["@type"], "ClaimReview", "{slug}");
    (page, review)
}

/// The path of a claim from its root-relative or absolute URL.
pub fn claim_slug(url: &str) -> String {
    let path = url.strip_prefix("https://example.github.io").unwrap_or(url);
    path.strip_prefix(BASE_PATH)
        .and_then(|p| p.strip_prefix("claims/"))
        .and_then(|p| p.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a claim URL: {url}"))
        .to_string()
}

/// (slug, date, status, claimants, about)
pub type ClaimSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);
