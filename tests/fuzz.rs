//! Property tests of the loading pipeline on broken input, through the library API (faster than
//! the binary): arbitrary bytes and "almost valid" entries (a valid claim, actor profile or page
//! with random mutations: byte flips, truncation, inserted `---`, tabs, quotes, brackets, random
//! Unicode, deleted, duplicated and swapped lines) go through `digest::source::parse_text` and
//! then `digest::model::build_site` on a small fixed configuration, as `digest check` does
//! (`src/cmd/mod.rs`, `load_site`). Nothing may panic, and every diagnostic must have a
//! non-empty message, a file, and a position inside that file; the diagnostics must sort and
//! render (human and JSON). A site that validates without errors is also rendered in memory.
//!
//! The number of cases per property is `PROPTEST_CASES` (default 512, so that `cargo test` stays
//! fast). The long run:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release --test fuzz
//! ```
//!
//! A failure is shrunk by proptest to a minimal input, printed, and saved under
//! `tests/fuzz.proptest-regressions` so that it is replayed first next time.

use digest::config::Config;
use digest::diag::Diagnostics;
use digest::model::{BuildOptions, build_site};
use digest::source::entry::{ACTOR_KEYS, CLAIM_KEYS, PAGE_KEYS, RawActor, RawClaim, RawPage};
use digest::source::{Sources, parse_text, split};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[path = "common/yaml.rs"]
mod yaml;
use yaml::yaml_quote;

/// A small fixed configuration: the default scale (two off-scale verdicts), a sub-path.
const SITE_TOML: &str = r##"title = "Fuzz digest"
description = "Property tests."
base_url = "https://example.github.io/fuzz/"
language = "fr"

[scorecard]
min_claims = 2
"##;

const CLAIM: &str = r#"---
title: "Pyongyang va-t-il envoyer des « troupes du génie » ?"
claim: "La Corée du Nord va envoyer des troupes."
claimant: ["Responsable sud-coréen", "Kim"]
about: ["Corée du Nord", "Russie"]
date: 2024-06-26
published: 2024-06-28T10:00:00+02:00
status: unverified
summary: "Aucune preuve publique à ce stade."
source:
  publisher: "TV Chosun"
  title: "Report"
  url: "https://news.example.org/a"
  date: 2024-06-26
  archive: "https://web.archive.org/web/2024/https://news.example.org/a"
sources:
  - { publisher: "ISW", title: "Assessment", date: 2024-06-26, url: "https://isw.example.org/x" }
  - publisher: "Reuters"
    url: "https://reuters.example.org/y"
tags: ["Corée du Nord", "Ukraine"]
corrections:
  - { date: 2024-10-20, note: "Re-rated.", previous_status: mixed }
draft: false
slug: "pyongyang-genie"
---
The **analysis**, with a [link](https://example.org/) and a footnote[^1].

| a | b |
|---|---|
| 1 | 2 |

```rust
fn main() {}
```

[^1]: A note.
"#;

const ACTOR: &str = r#"---
name: "Kim Jong Un"
kind: person
aliases: ["Kim", "김정은"]
description: "Dirigeant nord-coréen."
url: "https://example.org/kim"
---
A *biography*.
"#;

const PAGE: &str = r#"---
title: "Méthodologie"
description: "How we work."
slug: "methodologie"
---
# How

Text.
"#;

/// Fragments that break YAML or front matter in interesting ways.
const FRAGMENTS: &[&str] = &[
    "---\n",
    "\n---\n",
    "...\n",
    "\t",
    "\n\t",
    ": ",
    ":",
    "- ",
    "\n- ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "|\n",
    ">-\n",
    "? ",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "\u{2028}",
    "\0",
    "\\",
    "<<: *a\n",
    "~",
    "null",
    "2024-02-30",
    "9999999999999999999999",
    "-1",
    "1e400",
    "status: ",
    "slug: ../x\n",
    "url: javascript:alert(1)\n",
    "title: ",
    "date: ",
    "corrections:\n  - ",
    "sources:\n  - ",
    "  ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Truncate(Index),
    Insert(Index, String),
    Delete(Index, usize),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    DeleteLine(Index),
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
        1 => "\\PC{1,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), 1u8..=255).prop_map(|(i, m)| Mutation::Flip(i, m)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        5 => (any::<Index>(), fragment()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        1 => (any::<Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
    ]
}

/// Line ranges (start, end including the `\n`) of a byte text.
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

fn apply(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len();
        match m {
            Mutation::Flip(i, mask) if len > 0 => bytes[i.index(len)] ^= mask,
            Mutation::Truncate(i) if len > 0 => bytes.truncate(i.index(len)),
            Mutation::Insert(i, s) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, s.bytes());
            }
            Mutation::Delete(i, n) if len > 0 => {
                let at = i.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::DuplicateLine(i) | Mutation::DeleteLine(i) => {
                let ls = lines(&bytes);
                if ls.is_empty() {
                    continue;
                }
                let (s, e) = ls[i.index(ls.len())];
                if matches!(m, Mutation::DuplicateLine(_)) {
                    let line = bytes[s..e].to_vec();
                    bytes.splice(e..e, line);
                } else {
                    bytes.drain(s..e);
                }
            }
            Mutation::SwapLines(a, b) => {
                let ls = lines(&bytes);
                if ls.len() < 2 {
                    continue;
                }
                let (mut x, mut y) = (ls[a.index(ls.len())], ls[b.index(ls.len())]);
                if x.0 > y.0 {
                    std::mem::swap(&mut x, &mut y);
                }
                if x == y {
                    continue;
                }
                let mut out = bytes[..x.0].to_vec();
                out.extend_from_slice(&bytes[y.0..y.1]);
                out.extend_from_slice(&bytes[x.1..y.0]);
                out.extend_from_slice(&bytes[x.0..x.1]);
                out.extend_from_slice(&bytes[y.1..]);
                bytes = out;
            }
            _ => {}
        }
    }
    bytes
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Claim,
    Actor,
    Page,
}

/// One file of a generated site: its kind, path and text.
#[derive(Debug, Clone)]
struct File {
    kind: Kind,
    path: PathBuf,
    text: String,
}

/// Entry files whose names may collide (duplicate slugs) and hold odd characters.
fn file_name(kind: Kind) -> impl Strategy<Value = PathBuf> {
    let folder = match kind {
        Kind::Claim => "content/claims",
        Kind::Actor => "content/actors",
        Kind::Page => "content/pages",
    };
    prop_oneof![
        proptest::sample::select(vec!["a", "b", "kim", "2024/a", "-", "é", "timeline"]),
        Just("x y"),
    ]
    .prop_map(move |name| PathBuf::from(format!("{folder}/{name}.md")))
}

fn mutated(kind: Kind) -> impl Strategy<Value = File> {
    let base = match kind {
        Kind::Claim => CLAIM,
        Kind::Actor => ACTOR,
        Kind::Page => PAGE,
    };
    (file_name(kind), proptest::collection::vec(mutation(), 0..6)).prop_map(
        move |(path, mutations)| File {
            kind,
            path,
            text: String::from_utf8_lossy(&apply(base, &mutations)).into_owned(),
        },
    )
}

fn arbitrary_file() -> impl Strategy<Value = File> {
    (
        prop_oneof![Just(Kind::Claim), Just(Kind::Actor), Just(Kind::Page)],
        proptest::collection::vec(any::<u8>(), 0..400),
        any::<bool>(),
    )
        .prop_map(|(kind, bytes, framed)| {
            let body = String::from_utf8_lossy(&bytes).into_owned();
            // Half of the time inside front-matter fences, so that the YAML parser sees it.
            let text = if framed {
                format!("---\n{body}\n---\n")
            } else {
                body
            };
            File {
                kind,
                path: PathBuf::from("content/claims/fuzz.md"),
                text,
            }
        })
}

fn config() -> Config {
    Config::parse(SITE_TOML, Path::new("site.toml")).expect("the fixed site.toml is valid")
}

/// Loads the files as `digest check` would and checks the invariants; panics on a violation.
fn check_site(files: &[File], drafts: bool) -> Diagnostics {
    let mut problems = Vec::new();
    let mut sources = Sources::default();
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    for f in files {
        let path = f.path.as_path();
        match f.kind {
            Kind::Claim => {
                if let Some(p) = parse_text::<RawClaim>(path, &f.text, CLAIM_KEYS, &mut problems) {
                    sources.claims.push(p);
                }
            }
            Kind::Actor => {
                if let Some(p) = parse_text::<RawActor>(path, &f.text, ACTOR_KEYS, &mut problems) {
                    sources.actors.push(p);
                }
            }
            Kind::Page => {
                if let Some(p) = parse_text::<RawPage>(path, &f.text, PAGE_KEYS, &mut problems) {
                    sources.pages.push(p);
                }
            }
        }
        // As `source::file_text` gives it to the diagnostics: BOM dropped, CRLF as LF.
        texts.insert(f.path.clone(), split::normalize(&f.text).into_owned());
    }
    let mut diagnostics = Diagnostics::default();
    problems.into_iter().for_each(|d| diagnostics.push(d));
    let (site, model_diags) = build_site(
        config(),
        sources,
        BuildOptions {
            include_drafts: drafts,
            today: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date"),
        },
    );
    diagnostics.extend(model_diags);
    diagnostics.finish(|file| texts.get(file).cloned());
    for d in diagnostics.items() {
        assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
        assert!(!d.file.as_os_str().is_empty(), "no file: {d:?}");
        let text = texts
            .get(&d.file)
            .unwrap_or_else(|| panic!("a diagnostic names a file that was not loaded: {d:?}"));
        if let Some(p) = d.position {
            let line_count = text.split('\n').count();
            assert!(
                p.line >= 1 && p.column >= 1 && p.line <= line_count,
                "position {}:{} outside the file ({line_count} lines): {d:?}\n{text:?}",
                p.line,
                p.column
            );
        }
    }
    let human = diagnostics.render_human(false);
    assert_eq!(human.is_empty(), diagnostics.is_empty());
    let json = diagnostics.to_json();
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(diagnostics.items().len())
    );
    if !diagnostics.has_errors() {
        // A valid site renders: every page, in memory.
        let prepared = digest::render::Prepared::new(&site, &[])
            .unwrap_or_else(|e| panic!("the built-in theme fails: {e:?}"));
        let renderer = prepared.renderer(&site);
        for job in renderer.jobs() {
            renderer
                .render(&job)
                .unwrap_or_else(|e| panic!("rendering {job:?} fails: {e}"));
        }
    }
    diagnostics
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

fn site_files() -> impl Strategy<Value = Vec<File>> {
    (
        proptest::collection::vec(mutated(Kind::Claim), 1..4),
        proptest::collection::vec(mutated(Kind::Actor), 0..2),
        proptest::collection::vec(mutated(Kind::Page), 0..2),
    )
        .prop_map(|(mut claims, actors, pages)| {
            claims.extend(actors);
            claims.extend(pages);
            // One file per path, as on a disk (slugs may still collide: `a` and `2024/a`).
            let mut seen = std::collections::HashSet::new();
            claims.retain(|f| seen.insert(f.path.clone()));
            claims
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 10_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    /// Any bytes, as a claim, actor or page, alone or fenced as front matter.
    #[test]
    fn arbitrary_bytes_never_panic(file in arbitrary_file(), drafts in any::<bool>()) {
        check_site(&[file], drafts);
    }

    /// A few mutated entries of each kind together (names may collide).
    #[test]
    fn almost_valid_sites_never_panic(files in site_files(), drafts in any::<bool>()) {
        check_site(&files, drafts);
    }

    /// Well-formed entries with random values (any text, dates from year 1000 to 9999, unknown
    /// statuses, odd slugs, corrections): mostly valid sites, so the renderer gets them too.
    #[test]
    fn random_field_values_never_panic(
        claims in proptest::collection::vec(random_claim(), 1..4),
        actor in proptest::option::of(random_actor()),
        drafts in any::<bool>(),
    ) {
        let mut files = claims;
        files.extend(actor);
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(f.path.clone()));
        check_site(&files, drafts);
    }
}

/// Any short text, often with a payload or a name the other entries use.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,24}",
        1 => any::<String>().prop_map(|s| s.chars().take(24).collect()),
        1 => proptest::sample::select(vec![
            "Kim", "kim", "KIM JONG UN", "Corée du Nord", "coree du nord", "", " ", "-", "!!!",
            "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "]]>", "a\u{2028}b",
            "\u{202e}droite", "Дмитрий Песков", "김정은", "..", "javascript:alert(1)",
        ])
        .prop_map(str::to_string),
    ]
}

/// Mostly a text with a letter or digit in it (so that it makes a slug), sometimes any text.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (text(), 0u8..6).prop_map(|(s, n)| format!("{s} {n}")),
        1 => text(),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => (2020i32..2026, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => (1000i32..=9999, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => (2024i32..2025, 1u32..=12, 1u32..=28, -14i32..=14)
            .prop_map(|(y, m, d, h)| format!("{y:04}-{m:02}-{d:02}T23:30:00{h:+03}:00")),
        1 => text(),
    ]
}

fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => proptest::sample::select(vec![
            "true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "unverified",
        ])
        .prop_map(str::to_string),
        1 => text(),
    ]
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| yaml_quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn random_claim() -> impl Strategy<Value = File> {
    (
        (label(), label(), text(), label()),
        (
            proptest::collection::vec(label(), 0..3),
            proptest::collection::vec(label(), 0..3),
            proptest::collection::vec(label(), 0..3),
        ),
        (date(), proptest::option::of(date()), status()),
        proptest::collection::vec((date(), text(), proptest::option::of(status())), 0..3),
        (
            prop_oneof![
                3 => Just(None),
                1 => "[a-z0-9][a-z0-9_-]{0,10}".prop_map(Some),
                1 => text().prop_map(Some),
            ],
            any::<bool>(),
            proptest::sample::select(vec!["a", "b", "2024/a", "c"]),
        ),
        text(),
    )
        .prop_map(
            |(
                (title, claim, summary, publisher),
                (claimants, about, tags),
                (date, published, status),
                corrections,
                (slug, draft, name),
                body,
            )| {
                let mut fm = format!(
                    "title: {}\nclaim: {}\nclaimant: {}\nabout: {}\ndate: {}\nstatus: {}\nsummary: {}\nsource:\n  publisher: {}\n  url: \"https://news.example.org/x\"\ntags: {}\ndraft: {draft}\n",
                    yaml_quote(&title),
                    yaml_quote(&claim),
                    list(&claimants),
                    list(&about),
                    yaml_quote(&date),
                    yaml_quote(&status),
                    yaml_quote(&summary),
                    yaml_quote(&publisher),
                    list(&tags),
                );
                if let Some(p) = published {
                    fm.push_str(&format!("published: {}\n", yaml_quote(&p)));
                }
                if let Some(s) = slug {
                    fm.push_str(&format!("slug: {}\n", yaml_quote(&s)));
                }
                if !corrections.is_empty() {
                    fm.push_str("corrections:\n");
                    for (d, note, previous) in corrections {
                        fm.push_str(&format!(
                            "  - {{ date: {}, note: {}{} }}\n",
                            yaml_quote(&d),
                            yaml_quote(&note),
                            previous
                                .map(|p| format!(", previous_status: {}", yaml_quote(&p)))
                                .unwrap_or_default()
                        ));
                    }
                }
                File {
                    kind: Kind::Claim,
                    path: PathBuf::from(format!("content/claims/{name}.md")),
                    text: format!("---\n{fm}---\n{body}\n"),
                }
            },
        )
}

fn random_actor() -> impl Strategy<Value = File> {
    (label(), proptest::collection::vec(label(), 0..3), text()).prop_map(|(name, aliases, bio)| {
        File {
            kind: Kind::Actor,
            path: PathBuf::from("content/actors/kim.md"),
            text: format!(
                "---\nname: {}\naliases: {}\n---\n{bio}\n",
                yaml_quote(&name),
                list(&aliases)
            ),
        }
    })
}

/// The unmutated fixtures are valid (else the mutations would test little) and render.
#[test]
fn the_fixtures_are_valid() {
    let files = [
        File {
            kind: Kind::Claim,
            path: "content/claims/a.md".into(),
            text: CLAIM.into(),
        },
        File {
            kind: Kind::Actor,
            path: "content/actors/kim.md".into(),
            text: ACTOR.into(),
        },
        File {
            kind: Kind::Page,
            path: "content/pages/m.md".into(),
            text: PAGE.into(),
        },
    ];
    let mut problems = Vec::new();
    let parsed = parse_text::<RawClaim>(&files[0].path, CLAIM, CLAIM_KEYS, &mut problems);
    assert!(parsed.is_some() && problems.is_empty(), "{problems:?}");
    let diagnostics = check_site(&files, false);
    assert!(!diagnostics.has_errors(), "{:#?}", diagnostics.items());
}
