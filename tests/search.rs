//! Search that scales (issue 16): a manifest, an index split into shards by term range and the
//! records results show. These tests read the files as the site's script does (`Search` below
//! mirrors `templates/assets/site.js`): a query's terms lead to the shards the manifest points
//! to, and to the records of the documents found there.

mod common;

use common::serve::{Server, save, small_site};
use common::{Built, Site, claim_entry, site_toml};
use digest::slug::fold;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration;

/// The base path of `site_toml`'s sites.
const BASE: &str = "/digest/";

/// One term of a shard: its documents (strong: a title or name; weak: the other text).
struct Entry {
    term: String,
    strong: Vec<usize>,
    weak: Vec<usize>,
}

/// A built site's search files, read through the manifest.
struct Search<'a> {
    out: &'a Built,
    manifest: Value,
    starts: Vec<String>,
    shards: Vec<Vec<Entry>>,
}

impl<'a> Search<'a> {
    fn read(out: &'a Built) -> Search<'a> {
        let manifest = out.json("search/manifest.json");
        let starts: Vec<String> = manifest["shards"]
            .as_array()
            .expect("a list of shard starts")
            .iter()
            .map(|s| s.as_str().expect("a term").to_string())
            .collect();
        let shards = (0..starts.len())
            .map(|n| {
                let path = format!("{}{n}.json", manifest["index"].as_str().unwrap());
                parse_shard(&out.json(local(&path)))
            })
            .collect();
        Search {
            out,
            manifest,
            starts,
            shards,
        }
    }

    /// The shards a term's matches are in: the one it falls in, then the next ones while they
    /// start with it (three at most), as the script fetches them.
    fn shards_for(&self, term: &str) -> Vec<usize> {
        let at = self.starts.partition_point(|s| s.as_str() <= term) - 1;
        let mut list = vec![at];
        while is_prefix(term)
            && list.len() < 3
            && self
                .starts
                .get(at + list.len())
                .is_some_and(|s| s.starts_with(term))
        {
            list.push(at + list.len());
        }
        list
    }

    /// The documents matching every term of `query`, looked up only in the shards it fetches.
    fn find(&self, query: &str) -> BTreeSet<usize> {
        let mut found: Option<BTreeSet<usize>> = None;
        for term in query_terms(query) {
            let mut docs = BTreeSet::new();
            for shard in self.shards_for(&term) {
                for e in &self.shards[shard] {
                    if e.term == term || (is_prefix(&term) && e.term.starts_with(&term)) {
                        docs.extend(e.strong.iter().chain(&e.weak));
                    }
                }
            }
            found = Some(match found {
                None => docs,
                Some(before) => before.intersection(&docs).copied().collect(),
            });
        }
        found.unwrap_or_default()
    }

    /// The record a result shows for document `doc`.
    fn record(&self, doc: usize) -> Value {
        let per = self.manifest["records_per_file"].as_u64().unwrap() as usize;
        let path = format!(
            "{}{}.json",
            self.manifest["records"].as_str().unwrap(),
            doc / per
        );
        self.out.json(local(&path))[doc % per].clone()
    }

    fn doc_count(&self) -> usize {
        ["claims", "actors", "tags"]
            .iter()
            .map(|k| self.manifest[k].as_u64().unwrap() as usize)
            .sum()
    }
}

/// An output path from a root-relative URL under `BASE`.
fn local(url: &str) -> &str {
    url.strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"))
}

fn parse_shard(json: &Value) -> Vec<Entry> {
    let ids = |gaps: &Value| -> Vec<usize> {
        let mut id = 0;
        gaps.as_array()
            .expect("a list of gaps")
            .iter()
            .map(|g| {
                id += g.as_u64().expect("a gap") as usize;
                id
            })
            .collect()
    };
    json.as_array()
        .expect("a shard is an array of entries")
        .iter()
        .map(|e| Entry {
            term: e[0].as_str().expect("a term").to_string(),
            strong: ids(&e[1]),
            weak: ids(&e[2]),
        })
        .collect()
}

/// A query's terms as the script makes them: folded words of two characters or more, cut to 24.
fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in fold(query).split(|c: char| !c.is_alphanumeric()) {
        let term: String = word.chars().take(24).collect();
        if word.chars().count() > 1 && !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

fn is_prefix(term: &str) -> bool {
    term.chars().count() >= 3
}

/// `n` claims by a few actors (accented names), each with its own words, under a few tags.
fn generated_site(n: usize) -> Site {
    let actors = [
        "Émilie Lefèbvre",
        "Jürgen Öztürk",
        "Chloé Dupré",
        "Ana Peña",
    ];
    let tags = ["Économie", "Santé", "Défense"];
    let words = [
        "inflation",
        "chômage",
        "hôpitaux",
        "frontière",
        "énergie",
        "impôts",
    ];
    let mut files = vec![("site.toml".to_string(), site_toml("fr"))];
    for i in 0..n {
        let title = format!(
            "Vérification {i} : {} et {} selon {}",
            words[i % words.len()],
            words[(i / 7) % words.len()],
            actors[i % actors.len()]
        );
        let extra = format!(
            "claimant: \"{}\"\ntags: [\"{}\"]\n",
            actors[i % actors.len()],
            tags[i % tags.len()]
        );
        let date = format!("20{:02}-{:02}-{:02}", 10 + i % 14, 1 + i % 12, 1 + i % 28);
        files.push((
            format!("content/claims/c{i:04}.md"),
            claim_entry(&title, &date, "mixed", &extra, "Corps de l'analyse."),
        ));
    }
    files.push((
        "content/actors/emilie.md".to_string(),
        "---\nname: \"Émilie Lefèbvre\"\nkind: person\naliases: [\"Mimi\"]\n---\nÉlue.\n"
            .to_string(),
    ));
    Site::from_files(&files)
}

#[test]
fn a_query_reads_only_the_shards_the_manifest_points_to() {
    let site = generated_site(450);
    let out = site.build(&[]);
    let search = Search::read(&out);
    assert!(!out.exists("search-index.json"), "the single index is gone");
    assert_eq!(search.starts[0], "", "every term falls in some shard");
    assert!(search.starts.len() >= 3, "{:?}", search.starts);
    assert!(
        search.starts.windows(2).all(|w| w[0] < w[1]),
        "{:?}",
        search.starts
    );
    for (k, shard) in search.shards.iter().enumerate() {
        assert!(!shard.is_empty(), "shard {k} listed but empty");
        for e in shard {
            assert_eq!(
                search.shards_for(&e.term)[0],
                k,
                "{} is in shard {k}",
                e.term
            );
            assert!(
                e.strong
                    .iter()
                    .chain(&e.weak)
                    .all(|&d| d < search.doc_count())
            );
        }
        let terms: Vec<&str> = shard.iter().map(|e| e.term.as_str()).collect();
        assert!(terms.windows(2).all(|w| w[0] < w[1]), "shard {k} sorted");
    }
    // Shards past those listed (the count follows the documents only) hold nothing.
    let listed = search.starts.len();
    let on_disk = out
        .files()
        .into_iter()
        .filter(|f| f.starts_with("search/index/"))
        .count();
    assert!(on_disk >= listed);
    for n in listed..on_disk {
        assert_eq!(
            out.json(&format!("search/index/{n}.json")),
            Value::Array(vec![])
        );
    }
    // A prefix reaches the shards holding the terms it begins.
    let found = search.find("lef");
    assert!(found.len() > 100, "{}", found.len());
}

#[test]
fn every_claim_actor_and_tag_is_found_by_each_word_of_its_title() {
    let site = generated_site(450);
    let out = site.build(&[]);
    let search = Search::read(&out);
    let mut urls = BTreeSet::new();
    for doc in 0..search.doc_count() {
        let record = search.record(doc);
        let title = record[1].as_str().expect("a title");
        let url = record[2].as_str().expect("a URL");
        assert!(url.starts_with(BASE), "{url}");
        assert!(out.exists(&format!("{}index.html", local(url))), "{url}");
        urls.insert(url.to_string());
        for word in query_terms(title) {
            assert!(
                search.find(&word).contains(&doc),
                "{title:?} ({url}) not found by {word:?}"
            );
        }
        assert!(search.find(title).contains(&doc), "{title:?} by itself");
    }
    assert_eq!(urls.len(), search.doc_count(), "one record per document");
    let kinds = |k: &str| urls.iter().filter(|u| u.contains(k)).count();
    assert_eq!(kinds("/claims/"), 450);
    assert_eq!(kinds("/actors/"), 4);
    assert_eq!(kinds("/tags/"), 3);
    // An actor by name or alias leads to their page, a claim's record has what a result shows.
    let actor = |q: &str| -> Vec<String> {
        search
            .find(q)
            .into_iter()
            .map(|d| search.record(d)[2].as_str().unwrap().to_string())
            .filter(|u| u.contains("/actors/"))
            .collect()
    };
    assert_eq!(actor("emilie lefebvre"), ["/digest/actors/emilie/"]);
    assert_eq!(actor("Mimi"), ["/digest/actors/emilie/"]);
    let claim = search.record(0);
    assert_eq!(claim[0], "c");
    // Document 0 is the oldest claim (of those of 2010-01-01, the last by slug).
    assert_eq!(
        claim[1],
        "Vérification 420 : inflation et inflation selon Émilie Lefèbvre"
    );
    assert_eq!(claim[3], "2010-01-01");
    assert_eq!(claim[4], "mixed");
    assert_eq!(claim[5], "Émilie Lefèbvre");
    assert!(
        claim[6]
            .as_str()
            .unwrap()
            .starts_with("Claim of Vérification 420")
    );
    assert_eq!(
        search.find("mixed").len(),
        450,
        "the verdict's label is searchable"
    );
    let ratings = &search.manifest["ratings"]["mixed"];
    assert_eq!(ratings[0], "Mixed");
    assert_eq!(ratings[1], "/digest/ratings/mixed/");
}

#[test]
fn terms_are_folded_so_accents_and_capitals_do_not_matter() {
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        (
            "content/claims/elysee.md",
            &claim_entry("L’ÉLYSÉE et la Corée", "2024-06-26", "true", "", "Texte."),
        ),
        (
            "content/claims/plain.md",
            &claim_entry("Une coree sans accent", "2024-06-25", "true", "", "Texte."),
        ),
    ]);
    let out = site.build(&[]);
    let search = Search::read(&out);
    for shard in &search.shards {
        for e in shard {
            assert_eq!(e.term, fold(&e.term), "terms are stored folded");
        }
    }
    let titles = |q: &str| -> BTreeSet<String> {
        search
            .find(q)
            .into_iter()
            .map(|d| search.record(d)[1].as_str().unwrap().to_string())
            .collect()
    };
    let both: BTreeSet<String> = ["L’ÉLYSÉE et la Corée", "Une coree sans accent"]
        .map(String::from)
        .into();
    assert_eq!(titles("CORÉE"), both);
    assert_eq!(titles("coree"), both);
    assert_eq!(titles("élysée").len(), 1);
    assert_eq!(titles("ELYSEE"), titles("élysée"));
    assert_eq!(titles("ely"), titles("élysée"), "a prefix finds the word");
}

#[test]
fn shard_and_records_files_stay_small() {
    let site = generated_site(1200);
    let out = site.build(&[]);
    let size = |f: &str| std::fs::metadata(out.path(f)).unwrap().len();
    let files = out.files();
    let of = |dir: &str| -> Vec<u64> {
        files
            .iter()
            .filter(|f| f.starts_with(dir))
            .map(|f| size(f))
            .collect()
    };
    let (shards, records) = (of("search/index/"), of("search/docs/"));
    assert!(shards.len() >= 6, "{}", shards.len());
    assert!(
        shards.iter().all(|&s| s < 24_000),
        "largest shard {:?}",
        shards.iter().max()
    );
    assert!(
        records.iter().all(|&s| s < 8_000),
        "{:?}",
        records.iter().max()
    );
    assert!(size("search/manifest.json") < 4_000);
}

#[test]
fn the_search_page_links_and_works_without_javascript() {
    let site = generated_site(3);
    let out = site.build(&[]);
    let page = out.page("search/index.html");
    let form = "form.search-form";
    assert_eq!(page.attr(form, "method"), "get");
    assert_eq!(page.attr(form, "action"), "/digest/search/");
    assert_eq!(
        page.attr(form, "data-index"),
        "/digest/search/manifest.json"
    );
    assert_eq!(
        page.attr("form.search-form input[type=search]", "name"),
        "q"
    );
    assert_eq!(page.attr("#search-status", "aria-live"), "polite");
    assert!(
        page.links_in("#search-nojs")
            .contains(&"/digest/timeline/".to_string())
    );
    let home = out.page("index.html");
    assert_eq!(home.attr("form.hero__search", "action"), "/digest/search/");
    assert_eq!(home.attr("form.hero__search", "method"), "get");
    assert_eq!(home.attr("form.hero__search input", "name"), "q");
    // Every path the script fetches is same-origin, under the base path.
    let manifest = out.json("search/manifest.json");
    for key in ["index", "records"] {
        assert!(manifest[key].as_str().unwrap().starts_with(BASE));
    }
}

#[test]
fn serve_writes_the_search_again_when_a_title_changes() {
    let site = small_site();
    let server = Server::start(&site);
    server.wait_for_text(
        "/digest/search/index/0.json",
        "premier",
        Duration::from_secs(20),
    );
    save(
        &site,
        "content/claims/premier.md",
        &common::serve::entry("Premier zeppelin", "false", "The first analysis."),
    );
    server.wait_for_text(
        "/digest/search/index/0.json",
        "zeppelin",
        Duration::from_secs(20),
    );
    let records = server.get("/digest/search/docs/0.json").body;
    assert!(records.contains("Premier zeppelin"), "{records}");
}

/// The script's `queryTerms` run by Node on tricky titles: each term it makes must be one the
/// index holds (the two splitters agree). Skipped without Node.
#[test]
fn the_script_splits_queries_as_the_index_does() {
    let titles = [
        "L’Élysée a dit « 3 % » — CORÉE du Nord",
        "Дмитрий Песков : Ё и Й",
        "C++ 2024, l'œuvre & Straße",
        "Ærøskøbing ﬁnances İstanbul",
        "supercalifragilisticexpialidocious",
    ];
    let mut files = vec![("site.toml".to_string(), site_toml("fr"))];
    for (i, t) in titles.iter().enumerate() {
        files.push((
            format!("content/claims/t{i}.md"),
            claim_entry(t, "2024-01-01", "true", "", "Texte."),
        ));
    }
    let site = Site::from_files(&files);
    let out = site.build(&[]);
    let search = Search::read(&out);
    let script = std::fs::read_to_string(common::repo_root().join("templates/assets/site.js"))
        .expect("the script");
    let start = script.find("var MARKS").expect("the search's helpers");
    let end = script.find("function initSearch").expect("initSearch");
    let program = format!(
        "{}\nprocess.stdout.write(JSON.stringify({}.map(queryTerms)));",
        &script[start..end],
        serde_json::to_string(&titles).unwrap()
    );
    let Ok(run) = Command::new("node").args(["-e", &program]).output() else {
        eprintln!("skipped: node is not available");
        return;
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let by_script: Vec<Vec<String>> = serde_json::from_slice(&run.stdout).unwrap();
    let indexed: BTreeSet<&str> = search
        .shards
        .iter()
        .flatten()
        .map(|e| e.term.as_str())
        .collect();
    for (title, terms) in titles.iter().zip(&by_script) {
        assert!(!terms.is_empty(), "{title}");
        for term in terms {
            assert!(
                indexed.contains(term.as_str()),
                "{title}: {term:?} not in {indexed:?}"
            );
        }
        assert_eq!(
            *terms,
            query_terms(title).into_iter().take(6).collect::<Vec<_>>()
        );
    }
}
