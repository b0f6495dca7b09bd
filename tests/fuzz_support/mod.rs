//! Generators of the property tests in `fuzz.rs`: valid fixtures (a claim, an actor profile, a
//! page), random mutations of them (byte flips, truncation, inserted fragments that break YAML
//! or front matter, deleted, duplicated and swapped lines), arbitrary bytes, and (in `values`)
//! well-formed entries with random field values.

pub mod values;

use proptest::prelude::*;
use proptest::sample::Index;
use std::path::PathBuf;

/// A small fixed configuration: the default scale (two off-scale verdicts), a sub-path.
pub const SITE_TOML: &str = r##"title = "Fuzz digest"
description = "Property tests."
base_url = "https://example.github.io/fuzz/"
language = "fr"

[scorecard]
min_claims = 2
"##;

pub const CLAIM: &str = r#"---
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
pub fn main() {}
```

[^1]: A note.
"#;

pub const ACTOR: &str = r#"---
name: "Kim Jong Un"
kind: person
aliases: ["Kim", "김정은"]
description: "Dirigeant nord-coréen."
url: "https://example.org/kim"
---
A *biography*.
"#;

pub const PAGE: &str = r#"---
title: "Méthodologie"
description: "How we work."
slug: "methodologie"
---
# How

Text.
"#;

/// Fragments that break YAML or front matter in interesting ways.
pub const FRAGMENTS: &[&str] = &[
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
pub enum Mutation {
    Flip(Index, u8),
    Truncate(Index),
    Insert(Index, String),
    Delete(Index, usize),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    DeleteLine(Index),
}

pub fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
        1 => "\\PC{1,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
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
pub fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
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

pub fn apply(text: &str, mutations: &[Mutation]) -> Vec<u8> {
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
pub enum Kind {
    Claim,
    Actor,
    Page,
}

/// One file of a generated site: its kind, path and text.
#[derive(Debug, Clone)]
pub struct File {
    pub kind: Kind,
    pub path: PathBuf,
    pub text: String,
}

/// Entry files whose names may collide (duplicate slugs) and hold odd characters.
pub fn file_name(kind: Kind) -> impl Strategy<Value = PathBuf> {
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

pub fn mutated(kind: Kind) -> impl Strategy<Value = File> {
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

pub fn arbitrary_file() -> impl Strategy<Value = File> {
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

pub fn site_files() -> impl Strategy<Value = Vec<File>> {
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
