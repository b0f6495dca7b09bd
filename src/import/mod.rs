//! Floor 1, beside `source`: reads other sites' published ClaimReview data (JSON-LD, HTML pages
//! holding it, schema.org DataFeeds, Fact Check Tools API responses) and plans digest entries
//! from it. Never writes: `cmd::import` writes the planned files.
//!
//! `html` finds ld+json scripts, `locate` finds the reviews in JSON, `review` normalises one,
//! `verdict` maps its verdict onto the site's scale, `plan` decides the files and `write` their
//! text.

pub mod html;
pub mod locate;
pub mod plan;
pub mod review;
pub mod text;
pub mod verdict;
mod verdict_words;
pub mod write;

pub use locate::Format;
pub use plan::{Existing, NewFile, Plan, Sourced, plan};
pub use review::Review;
pub use verdict::VerdictMap;

use crate::diag::{Diagnostic, Position};
use std::path::Path;

/// Input files over this size are refused: a publisher's whole archive as one API response is a
/// few megabytes.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The reviews of one input document (`name` names it in diagnostics), with the problems found:
/// JSON that does not parse (with its line and column), reviews that cannot be read.
pub fn read_reviews(name: &Path, text: &str, format: Format) -> (Vec<Review>, Vec<Diagnostic>) {
    let mut reviews = Vec::new();
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if html::is_html(text) {
        let scripts = html::ld_json_scripts(text);
        if scripts.is_empty() {
            problems.push(
                Diagnostic::warning(
                    "import-no-reviews",
                    name,
                    "the page holds no ld+json script",
                )
                .hint("save the page's HTML as served, or its JSON-LD as a .json file"),
            );
        }
        for script in scripts {
            read_json(
                name,
                script.text,
                script.line - 1,
                format,
                &mut reviews,
                &mut problems,
            );
        }
    } else {
        read_json(name, text, 0, format, &mut reviews, &mut problems);
    }
    (reviews, problems)
}

/// Parses one JSON text whose first line is line `line_offset + 1` of the input.
fn read_json(
    name: &Path,
    text: &str,
    line_offset: usize,
    format: Format,
    reviews: &mut Vec<Review>,
    problems: &mut Vec<Diagnostic>,
) {
    let document: serde_json::Value = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(e) => {
            let at = Position {
                line: line_offset + e.line(),
                column: e.column(),
            };
            problems.push(
                Diagnostic::error("import-json", name, format!("invalid JSON: {e}"))
                    .at(Some(at))
                    .expected(
                        "a JSON document (JSON-LD, a DataFeed or a Fact Check Tools API response)",
                    ),
            );
            return;
        }
    };
    let found = locate::find_reviews(&document, format);
    if found.is_empty() {
        problems.push(
            Diagnostic::warning("import-no-reviews", name, "no ClaimReview found")
                .at(Some(Position {
                    line: line_offset + 1,
                    column: 1,
                }))
                .hint("try --format auto, which looks for ClaimReview objects anywhere"),
        );
    }
    for item in &found {
        match Review::from_found(item) {
            Ok(review) => reviews.push(review),
            Err(e) => problems.push(
                Diagnostic::error("import-review", name, e.to_string())
                    // In a page, the script's first line; in a JSON file the pointer says where.
                    .at((line_offset > 0).then_some(Position {
                        line: line_offset + 1,
                        column: 1,
                    }))
                    .expected("claimReviewed: the claim as reviewed"),
            ),
        }
    }
}

/// Whether a review was published by `publisher`: its name (any case and accents) or the domain
/// of its author's or its own URL.
pub fn published_by(review: &Review, publisher: &str) -> bool {
    let wanted = publisher.trim();
    let wanted_host = text::resolve_url(wanted, None)
        .ok()
        .and_then(|u| text::host_of(&u));
    let name_matches = review
        .publisher
        .as_ref()
        .is_some_and(|p| crate::slug::fold(&p.name) == crate::slug::fold(wanted));
    let hosts = [
        review.publisher.as_ref().and_then(|p| p.url.as_deref()),
        review.url.as_deref(),
    ];
    let host_matches = wanted_host.is_some_and(|wanted| {
        hosts
            .into_iter()
            .flatten()
            .filter_map(text::host_of)
            .any(|host| host == wanted || host.ends_with(&format!(".{wanted}")))
    });
    name_matches || host_matches
}
