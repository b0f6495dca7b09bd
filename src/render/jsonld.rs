//! schema.org ClaimReview in JSON-LD, matching what the claim page shows. The JSON is made safe
//! to sit inside `<script>`: `<`, `>`, `&` and line separators are written as escapes.

use crate::model::{Claim, Site, Source};
use crate::urls::site_path;
use serde::Serialize;

// The records below are serialized straight to text (no JSON tree per page). Their fields are
// declared in byte order of their JSON names, the order a sorted map would give.

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Organization<'a>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ReviewedClaim<'a>,
    name: &'a str,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
    /// The review as first published elsewhere (an imported entry).
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u32>,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u32>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u32>,
}

#[derive(Serialize)]
struct ReviewedClaim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: [CreativeWork<'a>; 1],
    #[serde(skip_serializing_if = "Authors::is_none")]
    author: Authors<'a>,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "firstAppearance", skip_serializing_if = "Option::is_none")]
    first_appearance: Option<CreativeWork<'a>>,
    /// The claimant's exact words (`quote`): a Claim is a CreativeWork, whose `text` is its
    /// textual content; `claimReviewed` stays the desk's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// No author, one (an object), or several (an array).
#[derive(Serialize)]
#[serde(untagged)]
enum Authors<'a> {
    None,
    One(Person<'a>),
    Many(Vec<Person<'a>>),
}

impl Authors<'_> {
    fn is_none(&self) -> bool {
        matches!(self, Authors::None)
    }
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
}

#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "archivedAt", skip_serializing_if = "Option::is_none")]
    archived_at: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

const ORGANIZATION: &str = "Organization";

fn organization(name: &str) -> Organization<'_> {
    Organization {
        kind: ORGANIZATION,
        name,
        url: None,
    }
}

pub fn claim_review(site: &Site, claim: &Claim) -> String {
    let config = &site.config;
    let urls = &config.urls;
    let rating = &site.ratings[claim.rating];
    let scale = rating.score.zip(site.score_range());
    let review_rating = Rating {
        kind: "Rating",
        alternate_name: &rating.label,
        best_rating: scale.map(|(_, (best, _))| best),
        rating_value: scale.map(|(score, _)| score),
        worst_rating: scale.map(|(_, (_, worst))| worst),
    };
    // A claimant is a Person or an Organization by its profile's `kind`. One whose kind does
    // not say (no profile, no `kind`, an anonymous source) is left out rather than guessed:
    // schema.org's `author` takes only those two types, and collectors read a guess as fact.
    let mut people: Vec<Person> = claim
        .claimants
        .iter()
        .map(|&a| &site.actors[a])
        .filter_map(|actor| {
            Some(Person {
                kind: actor.schema_type()?,
                name: &actor.name,
                same_as: actor.url.as_deref(),
            })
        })
        .collect();
    let author = match people.len() {
        // No claimant given (or none of known kind): the claim's author is not invented (the
        // source's publisher only reported it). `check` warns (`claimant-missing`).
        0 => Authors::None,
        1 => Authors::One(people.pop().expect("one author")),
        _ => Authors::Many(people),
    };
    let page_url = urls.absolute(&site_path::claim(&claim.slug));
    // Where the claim appeared, as far as the source says: no address when it gives none (never
    // this page's), and a first appearance only for a dated source with an address (without
    // one, it would repeat `appearance` and say no more).
    let source = &claim.source;
    let first_appearance =
        (source.date.is_some() && source.url.is_some()).then(|| appearance(source));
    let modified = claim.modified();
    let review = ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        author: Organization {
            kind: ORGANIZATION,
            name: &config.publisher.name,
            url: Some(
                config
                    .publisher
                    .url
                    .clone()
                    .unwrap_or_else(|| urls.root_url()),
            ),
        },
        claim_reviewed: &claim.claim,
        date_modified: (modified > claim.published).then(|| modified.to_string()),
        date_published: claim.published.to_string(),
        in_language: config.language.code(),
        item_reviewed: ReviewedClaim {
            kind: "Claim",
            appearance: [appearance(&claim.source)],
            author,
            // ISO 8601 at the date's precision ("2024-06"), valid for schema.org's Date.
            date_published: claim.date.iso(),
            first_appearance,
            text: claim.quote.as_deref(),
        },
        name: &claim.title,
        review_rating,
        same_as: claim.original_url.as_deref(),
        url: page_url,
    };
    script_safe(&review)
}

fn appearance(source: &Source) -> CreativeWork<'_> {
    CreativeWork {
        kind: "CreativeWork",
        archived_at: source.archive.as_deref(),
        date_published: source.date.map(|d| d.to_string()),
        headline: source.title.as_deref().or(source.publisher.as_deref()),
        publisher: source.publisher.as_deref().map(organization),
        url: source.url.clone(),
    }
}

/// JSON that cannot close or confuse the `<script>` element it sits in.
pub fn script_safe(value: &impl Serialize) -> String {
    let mut bytes = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, ScriptSafe);
    value
        .serialize(&mut serializer)
        .expect("JSON records serialize");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// Compact JSON whose strings also escape `<`, `>`, `&` and U+2028/U+2029, as they are written.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        if memchr::memchr3(b'<', b'>', b'&', bytes).is_none()
            && memchr::memchr(0xE2, bytes).is_none()
        {
            return writer.write_all(bytes);
        }
        let mut copied = 0;
        for (i, &b) in bytes.iter().enumerate() {
            // Every byte looked for starts a whole character (ASCII, or U+2028/U+2029 encoded as
            // E2 80 A8/A9), so the slices between them stay on character boundaries.
            let escape: &[u8] = match b {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => b"\\u2028",
                0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => b"\\u2029",
                _ => continue,
            };
            writer.write_all(&bytes[copied..i])?;
            writer.write_all(escape)?;
            copied = i + if b == 0xE2 { 3 } else { 1 };
        }
        writer.write_all(&bytes[copied..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let text = script_safe(
            &json!({"claim": "</script><script>alert(1)</script> & \u{2028}\u{2029} l’été"}),
        );
        assert!(!text.contains("</"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["claim"],
            "</script><script>alert(1)</script> & \u{2028}\u{2029} l’été"
        );
        assert!(
            !text.contains('\u{2028}') && !text.contains('\u{2029}'),
            "{text}"
        );
    }
}
