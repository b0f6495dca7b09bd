//! Text helpers every renderer shares: markup escaping, the one-line verdict, code detection.

use crate::model::{Claim, Site};

/// Escapes text for HTML and XML, in element content and quoted attributes alike.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The verdict in one line, for meta descriptions and feeds: "claim — Label: summary" in
/// English, "claim — Label : summary" (no-break space) in French. The claim is the desk's
/// statement, not a quotation: no quotation marks.
pub fn verdict_line(site: &Site, claim: &Claim) -> String {
    let label = &site.ratings[claim.rating].label;
    let colon = match site.config.language {
        crate::config::Language::Fr => "\u{A0}:",
        crate::config::Language::En => ":",
    };
    match &claim.summary {
        Some(summary) => format!("{} — {label}{colon} {summary}", claim.claim),
        None => format!("{} — {label}", claim.claim),
    }
}

/// Whether a Markdown text has a fenced code block with a language (only then is syntect loaded).
pub fn has_fenced_language(markdown: &str) -> bool {
    markdown.lines().any(|line| {
        let t = line.trim_start();
        (t.starts_with("```")
            && t.len() > 3
            && !t[3..].trim().is_empty()
            && !t[3..].starts_with('`'))
            || (t.starts_with("~~~") && t.len() > 3 && !t[3..].trim().is_empty())
    })
}
