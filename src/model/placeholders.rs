//! The skeleton `digest new` writes holds placeholder text ("Who published the claim (to fill
//! in)", "**Rating.** Why..."): a published entry that still holds it is refused, so that a
//! skeleton cannot reach the site by accident. The placeholders are read from the skeletons
//! themselves, so editing a skeleton keeps the check in step; what a user writes is free, only
//! the skeleton's own sentences are refused.

use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::source::Parsed;
use crate::source::entry::RawClaim;
use std::sync::OnceLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

const SKELETONS: [&str; 2] = [
    include_str!("../scaffold/fr/new-claim.md"),
    include_str!("../scaffold/en/new-claim.md"),
];

/// Errors (`placeholder-text`) for each placeholder a non-draft entry still holds.
pub(super) fn check(p: &Parsed<RawClaim>, diags: &mut Diagnostics) {
    if p.raw.draft {
        return;
    }
    let raw = &p.raw;
    let fields = [
        ("title", raw.title.as_deref(), None),
        ("claim", raw.claim.as_deref(), None),
        ("summary", raw.summary.as_deref(), None),
    ]
    .into_iter()
    .chain(raw.source.iter().flat_map(|s| {
        [
            ("source", s.publisher.as_deref(), Some("publisher")),
            ("source", s.title.as_deref(), Some("title")),
        ]
    }));
    for (key, value, nested) in fields {
        if let Some(found) = value.and_then(placeholder_in) {
            let at = match nested {
                Some(field) => p.locator.nested(key, None, field),
                None => p.locator.value(key),
            };
            diags.push(refusal(p, found, at));
        }
    }
    // Folding is the cost: the whole body is folded once, and its lines only when it holds a
    // placeholder (searching each line cost a fifth of a 10,000-entry `check`).
    if placeholder_in(&p.body).is_none() {
        return;
    }
    for (i, line) in p.body.lines().enumerate() {
        if let Some(found) = placeholder_in(line) {
            let at = Some(Position {
                line: p.body_line + i,
                column: 1,
            });
            diags.push(refusal(p, found, at));
        }
    }
}

fn refusal(p: &Parsed<RawClaim>, found: &str, at: Option<Position>) -> Diagnostic {
    Diagnostic::error(
        "placeholder-text",
        &p.file,
        format!("the entry is published but still holds the skeleton's text {found:?}"),
    )
    .at(at)
    .hint("replace the placeholder with your own text, or keep `draft: true` until it is done")
}

/// The skeleton's placeholder `text` holds, if any (as the skeleton spells it).
fn placeholder_in(text: &str) -> Option<&'static str> {
    // Folding is the cost (a 10,000-entry check spent a fifth of its time there): a placeholder
    // can only be there when one of its plain ASCII words is, whatever the case.
    let lower = text.to_ascii_lowercase();
    let candidates: Vec<&Placeholder> = placeholders()
        .iter()
        .filter(|p| p.anchor.as_ref().is_none_or(|a| lower.contains(a.as_str())))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let folded = letters(text);
    candidates
        .into_iter()
        .find(|p| folded.contains(p.key.as_str()))
        .map(|p| p.shown.as_str())
}

/// A placeholder of the skeletons: its letters-only key, its text as written, and its longest
/// plain ASCII word (lowercase), which any text holding it holds too.
struct Placeholder {
    key: String,
    shown: String,
    anchor: Option<String>,
}

/// Every placeholder of the skeletons: the quoted values of their front matter (headings and
/// comments aside) and the lines of their bodies that are not headings.
fn placeholders() -> &'static [Placeholder] {
    static PLACEHOLDERS: OnceLock<Vec<Placeholder>> = OnceLock::new();
    PLACEHOLDERS.get_or_init(|| {
        let mut found = Vec::new();
        for skeleton in SKELETONS {
            let mut parts = skeleton.splitn(3, "---\n");
            let (_, front, body) = (parts.next(), parts.next(), parts.next());
            for line in front.unwrap_or_default().lines() {
                let line = line.trim();
                if line.starts_with('#') || line.contains('@') {
                    continue;
                }
                if let Some(value) = line.split('"').nth(1).filter(|v| !v.is_empty()) {
                    found.push(value.to_string());
                }
            }
            for line in body.unwrap_or_default().lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') {
                    found.push(line.to_string());
                }
            }
        }
        found
            .into_iter()
            .map(|shown| Placeholder {
                key: letters(&shown),
                anchor: shown
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| w.len() >= 4)
                    .max_by_key(|w| w.len())
                    .map(str::to_ascii_lowercase),
                shown,
            })
            .filter(|p| p.key.len() >= 12)
            .collect()
    })
}

/// Letters and digits only, case and accents folded, words single-spaced: "**Note.** Pourquoi"
/// and "note pourquoi" compare equal, whatever the Markdown or the apostrophes around them.
/// What `slug::fold`, then a space for each other character, then single spaces give, in one
/// pass (the three passes were most of a 10,000-entry check's validation).
fn letters(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut gap = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            // Most of a text: a byte in, a byte out.
            if b.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(b' ');
                }
                gap = false;
                out.push(b.to_ascii_lowercase());
            } else {
                gap = true;
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        at += c.len_utf8();
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        // As `slug::fold` does: the character's canonical decomposition, marks dropped.
        decompose_canonical(c, |part| {
            if is_combining_mark(part) {
                return;
            }
            for lower in part.to_lowercase() {
                if lower.is_alphanumeric() {
                    if gap && !out.is_empty() {
                        out.push(b' ');
                    }
                    gap = false;
                    out.extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
                } else {
                    gap = true;
                }
            }
        });
    }
    String::from_utf8(out).expect("whole characters only")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_placeholders_of_both_skeletons() {
        let shown: Vec<&str> = placeholders().iter().map(|p| p.shown.as_str()).collect();
        assert!(
            shown.contains(&"Who published the claim (to fill in)"),
            "{shown:?}"
        );
        assert!(shown.contains(&"**Note.** Pourquoi, en deux ou trois phrases."));
        assert!(placeholder_in("**Rating.**  why, in two or three sentences").is_some());
        assert!(placeholder_in("Who said it: the minister, on TV.").is_none());
        assert!(placeholder_in("## What was said").is_none());
    }

    #[test]
    fn letters_in_one_pass_as_folding_then_spacing_gives_them() {
        let reference = |text: &str| {
            let folded = crate::slug::fold(text);
            let spaced: String = folded
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect();
            spaced.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for text in [
            "",
            "  **Note.**  Pourquoi, en deux\tou trois phrases. ",
            "L’ÉTÉ « à Noël » 12\u{A0}000 e\u{301}t\u{202F}? Straße İstanbul ǅ ﬁn Ⅻ ٣",
            "—",
            "a\u{301}\u{301}b",
        ] {
            assert_eq!(letters(text), reference(text), "{text:?}");
        }
    }
}
