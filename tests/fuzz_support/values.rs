//! Well-formed entries with random values: any text, dates from year 1000 to 9999, unknown
//! statuses, odd slugs, corrections; mostly valid sites, so that the renderer gets them too.

use super::{File, Kind};
use crate::yaml::yaml_quote;
use proptest::prelude::*;
use std::path::PathBuf;

/// Any short text, often with a payload or a name the other entries use.
pub fn text() -> impl Strategy<Value = String> {
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
pub fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (text(), 0u8..6).prop_map(|(s, n)| format!("{s} {n}")),
        1 => text(),
    ]
}

pub fn date() -> impl Strategy<Value = String> {
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

pub fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => proptest::sample::select(vec![
            "true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "unverified",
        ])
        .prop_map(str::to_string),
        1 => text(),
    ]
}

pub fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| yaml_quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

pub fn random_claim() -> impl Strategy<Value = File> {
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

pub fn random_actor() -> impl Strategy<Value = File> {
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
