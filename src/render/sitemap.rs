//! The sitemap, by the protocol (sitemaps.org): at most 50,000 URLs and 50 MB per file. A site
//! within those limits gets one `sitemap.xml`; a bigger one gets `sitemap.xml` as an index of
//! `sitemaps/<n>.xml` files (`n` from 1), each within them.

use crate::model::{Site, periods};
use crate::urls::{UrlBuilder, site_path};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::ops::Range;

/// The protocol's limits per file.
pub const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

/// How many URLs and bytes one file may hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

/// The protocol's.
pub(super) const LIMITS: Limits = Limits {
    urls: MAX_URLS,
    bytes: MAX_BYTES,
};

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
/// The head of a site in several languages: its URLs carry `xhtml:link` alternates.
pub(super) const XHTML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const TAIL: &str = "</urlset>\n";

/// The path of the `n`-th part (from 1) of a split sitemap.
pub fn part_path(n: usize) -> String {
    format!("sitemaps/{n}.xml")
}

/// How many part files the site's sitemap needs: 0 when `sitemap.xml` holds every URL itself.
pub fn part_count(site: &Site) -> usize {
    count_parts(&entries(site), HEAD, LIMITS)
}

/// `sitemap.xml`: every URL, or the index of the parts when they do not fit in one file.
pub fn sitemap(site: &Site) -> Vec<u8> {
    main_file(&site.config.urls, &entries(site), HEAD, LIMITS)
}

/// The `n`-th part (from 1) of a split sitemap.
pub fn part(site: &Site, n: usize) -> Vec<u8> {
    part_file(&entries(site), HEAD, n, LIMITS)
}

/// How many part files `entries` need (0: they fit in `sitemap.xml`), their `<urlset>` opening
/// with `head`.
pub(super) fn count_parts(entries: &[Entry], head: &str, limits: Limits) -> usize {
    let parts = parts(entries, head, limits);
    if parts.len() == 1 { 0 } else { parts.len() }
}

/// `sitemap.xml` of `entries`: all of them, or the index of their parts (at `urls`' root).
pub(super) fn main_file(
    urls: &UrlBuilder,
    entries: &[Entry],
    head: &str,
    limits: Limits,
) -> Vec<u8> {
    let parts = parts(entries, head, limits);
    if parts.len() == 1 {
        return urlset(head, entries);
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, range) in parts.into_iter().enumerate() {
        let loc = super::text::escape_markup(&urls.absolute(&part_path(i + 1)));
        let _ = write!(xml, "<sitemap><loc>{loc}</loc>");
        if let Some(date) = entries[range].iter().filter_map(|e| e.lastmod).max() {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml.into_bytes()
}

/// The `n`-th part (from 1) of `entries`' sitemap.
pub(super) fn part_file(entries: &[Entry], head: &str, n: usize, limits: Limits) -> Vec<u8> {
    let range = parts(entries, head, limits)
        .into_iter()
        .nth(n - 1)
        .unwrap_or(0..0);
    urlset(head, &entries[range])
}

/// One `<url>` line and its date.
pub(super) struct Entry {
    pub line: String,
    pub lastmod: Option<NaiveDate>,
}

fn entries(site: &Site) -> Vec<Entry> {
    let urls = &site.config.urls;
    dated_paths(site)
        .into_iter()
        .map(|(path, lastmod)| {
            let mut line = format!(
                "<url><loc>{}</loc>",
                super::text::escape_markup(&urls.absolute(&path))
            );
            if let Some(date) = lastmod {
                let _ = write!(line, "<lastmod>{date}</lastmod>");
            }
            line.push_str("</url>\n");
            Entry { line, lastmod }
        })
        .collect()
}

/// Every page of the sitemap: its site path and the date it last changed, when known.
pub fn dated_paths(site: &Site) -> Vec<(String, Option<NaiveDate>)> {
    let count = 7
        + site.claims.len()
        + site.actors.len()
        + site.ratings.len()
        + site.tags.len()
        + site.pages.len()
        + site.team.len()
        + 1;
    let mut entries = Vec::with_capacity(count);
    let mut url = |path: &str, lastmod: Option<NaiveDate>| {
        entries.push((path.to_string(), lastmod));
    };
    for path in [
        site_path::HOME,
        site_path::TIMELINE,
        site_path::ACTORS,
        site_path::RATINGS,
        site_path::TAGS,
        site_path::CORRECTIONS,
        site_path::SEARCH,
    ] {
        url(path, if path.is_empty() { site.updated } else { None });
    }
    for c in &site.claims {
        url(&site_path::claim(&c.slug), Some(c.modified()));
    }
    for a in &site.actors {
        url(&site_path::actor(&a.slug), None);
    }
    for r in &site.ratings {
        url(&site_path::rating(&r.key), None);
    }
    for t in &site.tags {
        url(&site_path::tag(&t.slug), None);
    }
    for p in &site.pages {
        url(&site_path::page(&p.slug), None);
    }
    if !site.team.is_empty() {
        url(site_path::TEAM, None);
    }
    for m in &site.team {
        url(&site_path::member(&m.slug), None);
    }
    let corrections = site.corrections();
    let dates: Vec<_> = corrections
        .iter()
        .map(|(_, c)| periods::month_of_day(c.date))
        .collect();
    for part in periods::split_dated(&dates).unwrap_or_default() {
        let lastmod = part.items.iter().map(|&i| corrections[i].1.date).max();
        url(
            &periods::part_path(site_path::CORRECTIONS, part.period),
            lastmod,
        );
    }
    for (initial, _) in periods::actor_initials(site).unwrap_or_default() {
        url(&periods::initial_path(initial), None);
    }
    for (list, parts) in periods::split_lists(site) {
        let base = list.path(site);
        for part in parts {
            let lastmod = part.claims.iter().map(|&c| site.claims[c].modified()).max();
            url(&periods::part_path(&base, part.period), lastmod);
        }
    }
    entries
}

/// Consecutive runs of entries that each fit in one file.
fn parts(entries: &[Entry], head: &str, limits: Limits) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, head.len() + TAIL.len());
    for (i, entry) in entries.iter().enumerate() {
        if i - start == limits.urls || bytes + entry.line.len() > limits.bytes {
            parts.push(start..i);
            (start, bytes) = (i, head.len() + TAIL.len());
        }
        bytes += entry.line.len();
    }
    parts.push(start..entries.len());
    parts
}

fn urlset(head: &str, entries: &[Entry]) -> Vec<u8> {
    let size = entries.iter().map(|e| e.line.len()).sum::<usize>();
    let mut xml = String::with_capacity(head.len() + size + TAIL.len());
    xml.push_str(head);
    for entry in entries {
        xml.push_str(&entry.line);
    }
    xml.push_str(TAIL);
    xml.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(len: usize) -> Entry {
        Entry {
            line: "x".repeat(len),
            lastmod: None,
        }
    }

    #[test]
    fn parts_respect_both_limits() {
        let many: Vec<Entry> = (0..MAX_URLS * 2 + 1).map(|_| entry(10)).collect();
        let sizes: Vec<usize> = parts(&many, HEAD, LIMITS).iter().map(|r| r.len()).collect();
        assert_eq!(sizes, [MAX_URLS, MAX_URLS, 1]);
        let big: Vec<Entry> = (0..3).map(|_| entry(MAX_BYTES / 2)).collect();
        assert_eq!(parts(&big, HEAD, LIMITS).len(), 3);
        assert_eq!(
            parts(&[], HEAD, LIMITS).len(),
            1,
            "an empty site still has one (empty) file"
        );
    }
}
