//! The records results show, `RECORDS_PER_FILE` documents a file: what a result needs (its
//! title, link, date, verdict, claimants and a snippet) and nothing the index already has.

use super::{Doc, RECORDS_PER_FILE, doc, doc_count};
use crate::model::Site;
use crate::render::i18n;
use crate::urls::site_path;

/// Longest snippet, in characters (cut at a space, with an ellipsis).
const SNIPPET_CHARS: usize = 160;

/// A result's record: kind ("c", "a", "t"), title, URL, date (ISO 8601 at the claim date's
/// precision: "2024-06-27", "2024-06", "2024"), rating key, claimants, snippet, and the date as
/// the pages show it ("vers juin 2024"). Serialized as a JSON array.
type Record<'a> = (
    &'static str,
    &'a str,
    String,
    String,
    &'a str,
    String,
    String,
    String,
);

/// Records file `n`: the records of documents `n * RECORDS_PER_FILE ..`, in order.
pub fn records(site: &Site, n: usize) -> Vec<u8> {
    let first = n * RECORDS_PER_FILE;
    let last = (first + RECORDS_PER_FILE).min(doc_count(site));
    let rows: Vec<Record> = (first..last).map(|d| record(site, doc(site, d))).collect();
    serde_json::to_vec(&rows).expect("strings serialize")
}

fn record(site: &Site, doc: Doc) -> Record<'_> {
    let urls = &site.config.urls;
    let (singular, plural) = i18n::claims_noun(site.config.language);
    match doc {
        Doc::Claim(id) => {
            let c = &site.claims[id];
            let claimants: Vec<&str> = c
                .claimants
                .iter()
                .map(|&a| site.actors[a].name.as_str())
                .collect();
            let text = match c.claim.trim() {
                "" => c.summary.as_deref().unwrap_or_default(),
                claim => claim,
            };
            (
                "c",
                &c.title,
                urls.path(&site_path::claim(&c.slug)),
                c.date.iso(),
                &site.ratings[c.rating].key,
                claimants.join(", "),
                snippet(text),
                i18n::format_claim_date(c.date, site.config.language),
            )
        }
        Doc::Actor(id) => {
            let a = &site.actors[id];
            let about = match a.description.as_deref().map(str::trim) {
                Some(description) if !description.is_empty() => snippet(description),
                _ => i18n::count(a.claim_count(), singular, plural, site.config.language),
            };
            let url = urls.path(&site_path::actor(&a.slug));
            let none = String::new;
            ("a", &a.name, url, none(), "", none(), about, none())
        }
        Doc::Tag(id) => {
            let t = &site.tags[id];
            let count = i18n::count(t.claims.len(), singular, plural, site.config.language);
            let url = urls.path(&site_path::tag(&t.slug));
            let none = String::new;
            ("t", &t.name, url, none(), "", none(), count, none())
        }
    }
}

/// `text` on one line, cut at a space before `SNIPPET_CHARS` characters with an ellipsis.
fn snippet(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((cut, _)) = line.char_indices().nth(SNIPPET_CHARS) else {
        return line;
    };
    let head = &line[..cut];
    let head = head.rfind(' ').map_or(head, |space| &head[..space]);
    format!("{}…", head.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_one_line_and_cut_at_a_space() {
        assert_eq!(snippet("  a\n b  "), "a b");
        let long = "mot, ".repeat(60);
        let cut = snippet(&long);
        assert!(cut.ends_with("mot…"), "{cut}");
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
        let wide = "é".repeat(200);
        assert_eq!(snippet(&wide).chars().count(), SNIPPET_CHARS + 1);
    }
}
