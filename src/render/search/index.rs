//! The inverted index: every term with the documents it is in, split into shards of about the
//! same size by term range. Built once per render (`Renderer::search_index`), shared by the
//! manifest and shard jobs.

use super::terms::terms;
use super::{Doc, doc, doc_count, shard_count};
use crate::model::{ActorId, Site};
use crate::slug::fold;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;

/// Most documents a term lists: past it, the newest are kept (strong ones first) with the true
/// count, so that no term (a word in every claim) makes a shard grow with the archive.
const MAX_POSTINGS: usize = 5_000;

pub struct SearchIndex {
    /// Every term, sorted, with its JSON entry in a shard.
    terms: Vec<(String, Vec<u8>)>,
    /// Shard `k` holds `terms[bounds[k]..bounds[k + 1]]`; trailing shards may be empty.
    bounds: Vec<usize>,
    stamp: u64,
}

impl SearchIndex {
    pub fn build(site: &Site) -> SearchIndex {
        let mut postings: HashMap<String, (Vec<u32>, Vec<u32>)> = HashMap::new();
        let mut stamp = DefaultHasher::new();
        site.config.urls.path("").hash(&mut stamp);
        for n in 0..doc_count(site) {
            let (strong, weak) = fields(site, doc(site, n), &mut stamp);
            let (strong, weak) = (fold(&strong), fold(&weak));
            let mut found: Vec<(&str, bool)> = terms(&strong)
                .map(|t| (t, true))
                .chain(terms(&weak).map(|t| (t, false)))
                .collect();
            // Each term once, strong where it is both.
            found.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
            found.dedup_by(|later, kept| later.0 == kept.0);
            let id = u32::try_from(n).expect("fewer than 4 billion documents");
            for (term, is_strong) in found {
                let lists = match postings.get_mut(term) {
                    Some(lists) => lists,
                    None => postings.entry(term.to_string()).or_default(),
                };
                match is_strong {
                    true => lists.0.push(id),
                    false => lists.1.push(id),
                }
            }
        }
        let mut terms: Vec<(String, Vec<u8>)> = postings
            .into_iter()
            .map(|(term, (strong, weak))| {
                let entry = entry(&term, strong, weak);
                (term, entry)
            })
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let bounds = partition(&terms, shard_count(site));
        SearchIndex {
            terms,
            bounds,
            stamp: stamp.finish(),
        }
    }

    /// The first term of each shard that holds any (the first one as ""), for the manifest.
    pub fn shard_starts(&self) -> Vec<&str> {
        let mut starts: Vec<&str> = self.bounds[..self.bounds.len() - 1]
            .iter()
            .filter(|&&at| at < self.terms.len())
            .map(|&at| self.terms[at].0.as_str())
            .collect();
        match starts.first_mut() {
            Some(first) => *first = "",
            None => starts.push(""),
        }
        starts
    }

    /// Shard `n` as JSON (an empty array past the last term).
    pub fn shard(&self, n: usize) -> Vec<u8> {
        let range = self.bounds[n]..self.bounds[n + 1];
        let entries = &self.terms[range];
        let len: usize = entries.iter().map(|(_, e)| e.len() + 1).sum();
        let mut json = Vec::with_capacity(len + 2);
        json.push(b'[');
        for (i, (_, entry)) in entries.iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            json.extend_from_slice(entry);
        }
        json.push(b']');
        json
    }

    /// A hash of everything the shards and records hold.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }
}

/// A document's strong text (title, names) and other text, hashed with the rest of its record.
fn fields(site: &Site, doc: Doc, stamp: &mut DefaultHasher) -> (String, String) {
    let (strong, weak) = match doc {
        Doc::Claim(id) => {
            let c = &site.claims[id];
            let rating = &site.ratings[c.rating];
            (c.slug.as_str(), c.date, rating.key.as_str()).hash(stamp);
            let names = |ids: &[ActorId]| -> Vec<&str> {
                ids.iter().map(|&a| site.actors[a].name.as_str()).collect()
            };
            let tags: Vec<&str> = c.tags.iter().map(|&t| site.tags[t].name.as_str()).collect();
            let strong = format!("{} {}", c.title, names(&c.claimants).join(" "));
            let weak = format!(
                "{} {} {} {} {} {}",
                c.claim,
                c.quote.as_deref().unwrap_or_default(),
                c.summary.as_deref().unwrap_or_default(),
                names(&c.about).join(" "),
                tags.join(" "),
                rating.label
            );
            (strong, weak)
        }
        Doc::Actor(id) => {
            let a = &site.actors[id];
            (a.slug.as_str(), a.claim_count()).hash(stamp);
            let strong = format!("{} {}", a.name, a.aliases.join(" "));
            (strong, a.description.clone().unwrap_or_default())
        }
        Doc::Tag(id) => {
            let t = &site.tags[id];
            (t.slug.as_str(), t.claims.len()).hash(stamp);
            (t.name.clone(), String::new())
        }
    };
    (&strong, &weak).hash(stamp);
    (strong, weak)
}

/// A term's JSON entry: `[term, strong ids, other ids]`, ids as gaps from the previous one, and
/// the true count last when the lists were cut to `MAX_POSTINGS`.
fn entry(term: &str, mut strong: Vec<u32>, mut weak: Vec<u32>) -> Vec<u8> {
    let total = strong.len() + weak.len();
    if total > MAX_POSTINGS {
        // Ids grow with recency: the newest are last.
        strong.drain(..strong.len().saturating_sub(MAX_POSTINGS));
        weak.drain(..weak.len() - (MAX_POSTINGS - strong.len()));
    }
    let mut json = Vec::with_capacity(term.len() + 4 * (strong.len() + weak.len()) + 16);
    json.push(b'[');
    serde_json::to_writer(&mut json, term).expect("a string serializes");
    for list in [&strong, &weak] {
        json.extend_from_slice(b",[");
        let mut previous = 0;
        for (i, &id) in list.iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            write!(json, "{}", id - previous).expect("writing to memory");
            previous = id;
        }
        json.push(b']');
    }
    if total > MAX_POSTINGS {
        write!(json, ",{total}").expect("writing to memory");
    }
    json.push(b']');
    json
}

/// Where each of `shards` shards starts so that they weigh about the same: `shards + 1` bounds,
/// the last one the number of terms.
fn partition(terms: &[(String, Vec<u8>)], shards: usize) -> Vec<usize> {
    let total: usize = terms.iter().map(|(_, e)| e.len()).sum();
    let mut bounds = vec![0];
    let mut weight = 0;
    for (i, (_, entry)) in terms.iter().enumerate() {
        weight += entry.len();
        // Cut once the shards so far hold their share of the whole.
        if bounds.len() < shards && weight * shards >= total * bounds.len() {
            bounds.push(i + 1);
        }
    }
    bounds.resize(shards + 1, terms.len());
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(json: &[u8]) -> &str {
        std::str::from_utf8(json).unwrap()
    }

    #[test]
    fn entries_are_delta_encoded_and_capped() {
        assert_eq!(
            text(&entry("macron", vec![3, 7], vec![1, 2, 9])),
            r#"["macron",[3,4],[1,1,7]]"#
        );
        let all: Vec<u32> = (0..(MAX_POSTINGS as u32 + 10)).collect();
        let capped = entry("de", vec![5], all);
        let parsed: serde_json::Value = serde_json::from_slice(&capped).unwrap();
        assert_eq!(
            parsed[1],
            serde_json::json!([5]),
            "strong ids are kept first"
        );
        let weak = parsed[2].as_array().unwrap();
        assert_eq!(weak.len(), MAX_POSTINGS - 1);
        assert_eq!(weak[0], 11, "the newest are kept");
        assert_eq!(parsed[3], MAX_POSTINGS + 11);
    }

    #[test]
    fn shards_split_terms_evenly_and_empty_ones_trail() {
        let terms: Vec<(String, Vec<u8>)> =
            (0..10).map(|i| (format!("t{i}"), vec![b'x'; 10])).collect();
        assert_eq!(partition(&terms, 2), [0, 5, 10]);
        assert_eq!(partition(&terms, 3), [0, 4, 7, 10]);
        assert_eq!(partition(&terms[..2], 4), [0, 1, 2, 2, 2]);
        assert_eq!(partition(&[], 2), [0, 0, 0]);
    }
}
