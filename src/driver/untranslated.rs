//! A translation's texts copied from its original word for word (`digest new --translation-of`
//! starts from them): published so, they show the default language under another's name.

use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::model::{Claim, Site};
use std::collections::HashMap;
use std::path::PathBuf;

/// A warning for each translated claim whose title, claim or summary is its original's; `at`
/// gives where each key is written (by file and key).
pub fn copied_texts(
    site: &Site,
    default: &Site,
    at: &HashMap<(PathBuf, &'static str), Option<Position>>,
) -> Diagnostics {
    let originals: HashMap<&str, &Claim> = default
        .claims
        .iter()
        .map(|c| (c.slug.as_str(), c))
        .collect();
    let mut problems = Diagnostics::default();
    for claim in &site.claims {
        let Some(original) = originals.get(claim.slug.as_str()) else {
            continue;
        };
        let copied = [
            ("title", claim.title == original.title),
            ("claim", claim.claim == original.claim),
            (
                "summary",
                claim.summary.is_some() && claim.summary == original.summary,
            ),
        ];
        for (key, _) in copied.into_iter().filter(|(_, same)| *same) {
            problems.push(
                Diagnostic::warning(
                    "translation-untranslated",
                    &claim.file,
                    format!("`{key}` is the original's, word for word: it is not translated"),
                )
                .at(at.get(&(claim.file.clone(), key)).copied().flatten())
                .hint(format!("write `{key}` in this translation's language")),
            );
        }
    }
    problems
}
