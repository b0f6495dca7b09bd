//! The text of the files an import writes: a claim entry in the content format and an actor
//! profile. Every value from the input is a YAML double-quoted scalar (quotes, newlines, `---`,
//! colons and control characters cannot break out of it), and Markdown in the body is escaped.

use super::review::{Appearance, Review};
use crate::model::dates::ClaimDate;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// What a claim entry says, every field decided.
pub struct EntryFields<'a> {
    pub review: &'a Review,
    pub title: &'a str,
    pub claimant: Option<&'a str>,
    /// As precise as the input gives it.
    pub date: ClaimDate,
    pub published: Option<NaiveDate>,
    pub status: &'a str,
    pub draft: bool,
}

/// A claim entry's text: front matter, then a body that links to the original review.
pub fn entry_text(fields: &EntryFields) -> String {
    let review = fields.review;
    let mut out = String::from("---\n");
    line(&mut out, "title", &quote(fields.title));
    line(&mut out, "claim", &quote(&review.claim));
    if let Some(claimant) = fields.claimant {
        line(&mut out, "claimant", &quote(claimant));
    }
    line(&mut out, "date", &fields.date.iso());
    if let Some(published) = fields.published {
        line(&mut out, "published", &published.to_string());
    }
    line(&mut out, "status", &quote(fields.status));
    if let Some(verdict) = &review.verdict.text {
        line(&mut out, "summary", &quote(verdict));
    }
    out.push_str("source:\n");
    for (key, value) in source_fields(review) {
        let _ = writeln!(out, "  {key}: {value}");
    }
    if let Some(url) = &review.url {
        line(&mut out, "original_url", &quote(url));
    }
    if fields.draft {
        line(&mut out, "draft", "true");
    }
    out.push_str("---\n");
    out.push_str(&body(review));
    out
}

/// An actor profile: the name and, when the input's type says it, the kind.
pub fn actor_text(name: &str, kind: Option<&str>) -> String {
    let mut out = String::from("---\n");
    line(&mut out, "name", &quote(name));
    if let Some(kind) = kind {
        line(&mut out, "kind", kind);
    }
    out.push_str("---\n");
    out
}

/// An actor kind from a schema.org type.
pub fn actor_kind(schema_type: &str) -> Option<&'static str> {
    Some(match schema_type {
        "Person" => "person",
        "GovernmentOrganization" | "Country" | "State" | "AdministrativeArea" => "state",
        "NewsMediaOrganization"
        | "MediaOrganization"
        | "Newspaper"
        | "BroadcastService"
        | "TelevisionChannel"
        | "RadioChannel"
        | "WebSite"
        | "Periodical" => "media",
        "Organization"
        | "Corporation"
        | "NGO"
        | "PoliticalParty"
        | "EducationalOrganization"
        | "MedicalOrganization" => "organisation",
        _ => return None,
    })
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key}: {value}");
}

/// Where the claim appeared: its appearance, else the original review (the claim as quoted
/// there). The contract needs a publisher or a title: the claimant, else a plain note.
fn source_fields(review: &Review) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    let fallback;
    let appearance = match &review.appearance {
        Some(a) => a,
        None => {
            fallback = Appearance {
                url: review.url.clone(),
                title: review.title.clone(),
                publisher: review.publisher.as_ref().map(|p| p.name.clone()),
                date: review.published,
            };
            &fallback
        }
    };
    let publisher = appearance.publisher.clone().or_else(|| {
        (appearance.title.is_none())
            .then(|| review.claimant.as_ref().map(|c| c.name.clone()))
            .flatten()
    });
    let title = match (&publisher, &appearance.title) {
        (None, None) => Some("(not named in the original review)".to_string()),
        (_, title) => title.clone(),
    };
    if let Some(publisher) = publisher {
        fields.push(("publisher", quote(&publisher)));
    }
    if let Some(title) = title {
        fields.push(("title", quote(&title)));
    }
    if let Some(url) = &appearance.url {
        fields.push(("url", quote(url)));
    }
    if let Some(date) = appearance.date {
        fields.push(("date", date.to_string()));
    }
    fields
}

/// A body that links to the original and keeps its verdict; never an invented analysis.
fn body(review: &Review) -> String {
    let mut out = String::from("\n");
    let by = review
        .publisher
        .as_ref()
        .map(|p| markdown_text(&p.name))
        .unwrap_or_else(|| "its publisher".into());
    match &review.url {
        Some(url) => {
            let _ = write!(out, "First published by {by} at <{}>", link_target(url));
        }
        None => {
            let _ = write!(out, "First published by {by}");
        }
    }
    if let Some(date) = review.published {
        let _ = write!(out, " on {date}");
    }
    out.push_str(".\n");
    if let Some(verdict) = &review.verdict.text {
        let _ = writeln!(out, "\nOriginal verdict: {}.", markdown_text(verdict));
    }
    out
}

/// A YAML double-quoted scalar: `\` and `"` escaped, every control character and the invisible
/// line breaks YAML or editors treat specially written as escapes.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text shown as is in Markdown: every ASCII punctuation character backslash-escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

/// A URL inside `<...>`: the characters that would end or break the autolink percent-encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' | '>' | ' ' | '\\' | '`' | '"' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_inside_its_quotes() {
        for hostile in [
            "a: b # c",
            "\"quoted\" \\ back",
            "line\n---\nstatus: true",
            "\u{7}\u{1b}[31m\u{85}\u{2028}\u{feff}\u{7f}",
            "' '' \"",
        ] {
            let yaml = format!("k: {}\n", quote(hostile));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
            assert_eq!(back["k"], hostile);
            assert_eq!(yaml.lines().count(), 1);
        }
    }

    #[test]
    fn markdown_cannot_open_links_or_html() {
        assert_eq!(
            markdown_text("[x](javascript:a)<b>"),
            "\\[x\\]\\(javascript\\:a\\)\\<b\\>"
        );
        assert_eq!(
            link_target("https://x.org/a b<c>"),
            "https://x.org/a%20b%3Cc%3E"
        );
    }
}
