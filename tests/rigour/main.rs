//! Editorial rigour (issue 15): drafts that cannot leak, corrections that tell the truth, "did
//! you mean" suggestions, honest scorecards and charts, and typography by language. Each topic
//! is a module of this one test binary; every test builds a real site and parses its output.

#[path = "../common/mod.rs"]
mod common;

mod bylines;
mod corrections;
mod drafts;

/// An element's text with runs of ASCII whitespace collapsed, no-break spaces kept (the
/// common `text` treats U+00A0 and U+202F as whitespace).
pub fn typeset_text(element: scraper::ElementRef<'_>) -> String {
    let raw: String = element.text().collect();
    raw.split([' ', '\n', '\t', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
mod quotes;
mod scorecards;
mod suggestions;
mod typography;
