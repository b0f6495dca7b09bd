//! Search without a server, in kilobytes whatever the archive's size (the way Pagefind does it):
//! the build writes a small manifest, an index split into shards by term range and the records
//! results show, a few documents a file. A query downloads the manifest, the shards holding its
//! words (and the words they begin) and the records of the results it shows, nothing else.
//!
//! - `search/manifest.json`: the first term of each shard, the document counts, the scale's
//!   labels and URLs, a stamp of the content (shards and records are fetched with it, so that a
//!   browser never mixes files of two builds).
//! - `search/index/<n>.json`: `[[term, strong ids, other ids(, how many in all)], ...]`, terms in
//!   code-point order, ids delta-encoded; "strong" is a claim's title and claimants, an actor's
//!   name and aliases, a tag's name.
//! - `search/docs/<n>.json`: the records of documents `n * RECORDS_PER_FILE ..`:
//!   `[kind, title, url, date, rating key, claimants, snippet]`.
//!
//! Documents are numbered claims first (oldest first, so that a new claim numbers nothing
//! again), then actors, then tags. Terms come from `terms`, which the site's script mirrors.

mod index;
mod records;
mod terms;

pub use index::SearchIndex;
pub use records::records;

use crate::model::ids::Id;
use crate::model::{ActorId, ClaimId, Site, TagId};
use serde::Serialize;
use std::collections::BTreeMap;

/// The manifest's path; its shards' and records' folders.
pub const MANIFEST: &str = "search/manifest.json";
const SHARDS_DIR: &str = "search/index/";
const RECORDS_DIR: &str = "search/docs/";

/// Documents whose records share a file: a results page of 20 loads at most 20 such files
/// (about 4 KB each), and the newest claims, shown first, share few.
pub const RECORDS_PER_FILE: usize = 16;

/// Documents per shard, on average: the shard count follows the document count alone, so that
/// revising a claim in place (`digest serve`) keeps the list of jobs.
const DOCS_PER_SHARD: usize = 200;

pub fn shard_path(n: usize) -> String {
    format!("{SHARDS_DIR}{n}.json")
}

pub fn records_path(n: usize) -> String {
    format!("{RECORDS_DIR}{n}.json")
}

/// How many index shards a site has.
pub fn shard_count(site: &Site) -> usize {
    doc_count(site).div_ceil(DOCS_PER_SHARD).max(1)
}

/// The records file that holds a claim's record.
pub fn records_file(site: &Site, id: ClaimId) -> usize {
    (site.claims.len() - 1 - id.index()) / RECORDS_PER_FILE
}

/// How many records files a site has.
pub fn records_count(site: &Site) -> usize {
    doc_count(site).div_ceil(RECORDS_PER_FILE)
}

/// The manifest: what a query needs to know which files to fetch.
pub fn manifest(site: &Site, index: &SearchIndex) -> Vec<u8> {
    #[derive(Serialize)]
    struct Manifest<'a> {
        version: u32,
        stamp: String,
        claims: usize,
        actors: usize,
        tags: usize,
        records_per_file: usize,
        index: String,
        records: String,
        shards: Vec<&'a str>,
        /// Key -> [label, url] and, for a label in another language than the page's, its code.
        ratings: BTreeMap<&'a str, Vec<String>>,
    }
    let urls = &site.config.urls;
    let manifest = Manifest {
        version: 1,
        stamp: format!("{:016x}", index.stamp()),
        claims: site.claims.len(),
        actors: site.actors.len(),
        tags: site.tags.len(),
        records_per_file: RECORDS_PER_FILE,
        index: urls.path(SHARDS_DIR),
        records: urls.path(RECORDS_DIR),
        shards: index.shard_starts(),
        ratings: site
            .ratings
            .iter()
            .map(|r| {
                let url = urls.path(&crate::urls::site_path::rating(&r.key));
                let lang = r.label_lang.map(|l| l.code().to_string());
                let shown = [r.label.clone(), url].into_iter().chain(lang).collect();
                (r.key.as_str(), shown)
            })
            .collect(),
    };
    serde_json::to_vec(&manifest).expect("strings serialize")
}

/// One document of the search: a claim, an actor or a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doc {
    Claim(ClaimId),
    Actor(ActorId),
    Tag(TagId),
}

fn doc_count(site: &Site) -> usize {
    site.claims.len() + site.actors.len() + site.tags.len()
}

/// The document numbered `n` (claims oldest first, then actors, then tags).
fn doc(site: &Site, n: usize) -> Doc {
    let (claims, actors) = (site.claims.len(), site.actors.len());
    if n < claims {
        Doc::Claim(ClaimId::new(claims - 1 - n))
    } else if n < claims + actors {
        Doc::Actor(ActorId::new(n - claims))
    } else {
        Doc::Tag(TagId::new(n - claims - actors))
    }
}
