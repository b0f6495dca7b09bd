//! schema.org ClaimReview in JSON-LD, matching what the claim page shows. The JSON is made safe
//! to sit inside `<script>`: `<`, `>`, `&` and line separators are written as escapes.

use crate::model::{Claim, Site, Source};
use crate::urls::site_path;
use serde::Serialize;
use serde_json::{Map, Value, json};

pub fn claim_review(site: &Site, claim: &Claim) -> String {
    let config = &site.config;
    let urls = &config.urls;
    let rating = &site.ratings[claim.rating];
    let mut review_rating = Map::new();
    review_rating.insert("@type".into(), json!("Rating"));
    review_rating.insert("alternateName".into(), json!(rating.label));
    if let (Some(score), Some((best, worst))) = (rating.score, site.score_range()) {
        review_rating.insert("ratingValue".into(), json!(score));
        review_rating.insert("bestRating".into(), json!(best));
        review_rating.insert("worstRating".into(), json!(worst));
    }
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    let authors: Vec<Value> = claim
        .claimants
        .iter()
        .map(|&a| {
            let actor = &site.actors[a];
            let mut person = Map::new();
            person.insert(
                "@type".into(),
                json!(if actor.is_person() {
                    "Person"
                } else {
                    "Organization"
                }),
            );
            person.insert("name".into(), json!(actor.name));
            if let Some(url) = &actor.url {
                person.insert("sameAs".into(), json!(url));
            }
            Value::Object(person)
        })
        .collect();
    match authors.len() {
        0 => {
            // A claim with no claimant (a matter of public record reported by its source): the
            // source's publisher, else the source itself by its title, stands as its author.
            let source = &claim.source;
            if let Some(name) = source.publisher.as_deref().or(source.title.as_deref()) {
                item.insert(
                    "author".into(),
                    json!({"@type": "Organization", "name": name}),
                );
            }
        }
        1 => {
            item.insert(
                "author".into(),
                authors.into_iter().next().expect("one author"),
            );
        }
        _ => {
            item.insert("author".into(), Value::Array(authors));
        }
    }
    item.insert("datePublished".into(), json!(claim.date.to_string()));
    let page_url = urls.absolute(&site_path::claim(&claim.slug));
    match &claim.source.url {
        Some(_) => {
            let appearance = appearance(&claim.source);
            item.insert("firstAppearance".into(), appearance.clone());
            item.insert("appearance".into(), json!([appearance]));
        }
        // Where the original has no known address, the only occurrence we can point to is the
        // claim as quoted on this page (its sources section): no firstAppearance is claimed.
        None => {
            item.insert(
                "appearance".into(),
                json!([quoted_here(&claim.source, &page_url)]),
            );
        }
    }

    let mut author = Map::new();
    author.insert("@type".into(), json!("Organization"));
    author.insert("name".into(), json!(config.publisher.name));
    let publisher_url = config
        .publisher
        .url
        .clone()
        .unwrap_or_else(|| urls.base_url());
    author.insert("url".into(), json!(publisher_url));
    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("url".into(), json!(page_url));
    review.insert("name".into(), json!(claim.title));
    review.insert("claimReviewed".into(), json!(claim.claim));
    review.insert("datePublished".into(), json!(claim.published.to_string()));
    if claim.modified() > claim.published {
        review.insert("dateModified".into(), json!(claim.modified().to_string()));
    }
    review.insert("inLanguage".into(), json!(config.language.code()));
    review.insert("author".into(), Value::Object(author));
    review.insert("reviewRating".into(), Value::Object(review_rating));
    review.insert("itemReviewed".into(), Value::Object(item));
    script_safe(&Value::Object(review))
}

fn appearance(source: &Source) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    if let Some(url) = &source.url {
        work.insert("url".into(), json!(url));
    }
    if let Some(title) = source.title.as_deref().or(source.publisher.as_deref()) {
        work.insert("headline".into(), json!(title));
    }
    if let Some(publisher) = &source.publisher {
        work.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": publisher}),
        );
    }
    if let Some(date) = source.date {
        work.insert("datePublished".into(), json!(date.to_string()));
    }
    if let Some(archive) = &source.archive {
        work.insert("archivedAt".into(), json!(archive));
    }
    Value::Object(work)
}

/// The claim as quoted on its own fact-check page, naming the original outlet.
fn quoted_here(source: &Source, page_url: &str) -> Value {
    let origin = [source.publisher.as_deref(), source.title.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" — ");
    json!({
        "@type": "CreativeWork",
        "url": format!("{page_url}#sources-title"),
        "description": format!("Quoted from: {origin} (original address not given)"),
    })
}

/// JSON that cannot close or confuse the `<script>` element it sits in.
pub fn script_safe(value: &Value) -> String {
    let mut bytes = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, ScriptSafe);
    value
        .serialize(&mut serializer)
        .expect("JSON values serialize");
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
