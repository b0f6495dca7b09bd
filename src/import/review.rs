//! A review as published, normalised into a typed record: whatever shape the JSON had
//! (strings or lists, objects or bare URLs, schema.org or the Fact Check Tools API), the record
//! holds clean one-line text, absolute http(s) URLs and days.

use super::locate::Found;
use super::text::{UrlProblem, clean_line, parse_claim_date, parse_day, resolve_url};
use crate::model::dates::ClaimDate;
use chrono::NaiveDate;
use serde_json::Value;

/// One review, ready to become an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The JSON pointer of the review in its document.
    pub pointer: String,
    /// Where the review was first published.
    pub url: Option<String>,
    pub title: Option<String>,
    /// The claim reviewed (the first, when a list).
    pub claim: String,
    pub claimant: Option<Party>,
    /// When the claim was made, as precise as the input gives it (a day, a month or a year).
    pub claim_date: Option<ClaimDate>,
    /// When the review was published.
    pub published: Option<NaiveDate>,
    /// Who published the review (the fact-checker).
    pub publisher: Option<Party>,
    /// Where the claim appeared.
    pub appearance: Option<Appearance>,
    pub verdict: Verdict,
    /// What was dropped or guessed, for the report.
    pub notes: Vec<String>,
}

/// A person or an organisation: a name, its schema.org type and its address.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Party {
    pub name: String,
    pub schema_type: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Appearance {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<NaiveDate>,
}

/// The verdict as published: a text, and a value on a scale when given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    pub text: Option<String>,
    pub value: Option<f64>,
    pub best: Option<f64>,
    pub worst: Option<f64>,
}

/// Why a review cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("the review at {0} has no claimReviewed (nor an API `text`)")]
    NoClaim(String),
}

impl Review {
    /// Normalises one review found in a document.
    pub fn from_found(found: &Found) -> Result<Review, ReviewError> {
        match found {
            Found::ClaimReview { pointer, review } => from_schema_org(pointer, review),
            Found::Api {
                pointer,
                claim,
                review,
            } => from_api(pointer, claim, review),
        }
    }
}

fn from_schema_org(pointer: &str, review: &Value) -> Result<Review, ReviewError> {
    let mut notes = Vec::new();
    let url = first_url(review.get("url"), None, "url", &mut notes).or_else(|| {
        text_of(review.get("@id"))
            .and_then(|id| resolve_url(&id, None).ok())
            .filter(|id| !id.contains('#'))
    });
    let base = url.as_deref();
    let item = first(review.get("itemReviewed"));
    let claim = text_of(review.get("claimReviewed"))
        .or_else(|| item.and_then(|i| text_of(i.get("name"))))
        .ok_or_else(|| ReviewError::NoClaim(pointer_or_root(pointer)))?;
    let claimant = item.and_then(|i| party(i.get("author"), base, &mut notes));
    let appearance = item.and_then(|i| appearance(i, base, &mut notes));
    let rating = first(review.get("reviewRating"));
    Ok(Review {
        pointer: pointer.to_string(),
        title: text_of(review.get("headline")).or_else(|| text_of(review.get("name"))),
        claim,
        claimant,
        claim_date: item
            .and_then(|i| text_of(i.get("datePublished")).and_then(|d| parse_claim_date(&d))),
        published: day_of(review.get("datePublished")),
        publisher: party(review.get("author"), base, &mut notes)
            .or_else(|| party(review.get("publisher"), base, &mut notes)),
        appearance,
        verdict: Verdict {
            text: rating
                .and_then(|r| text_of(r.get("alternateName")).or_else(|| text_of(r.get("name")))),
            value: rating.and_then(|r| number(r.get("ratingValue"))),
            best: rating.and_then(|r| number(r.get("bestRating"))),
            worst: rating.and_then(|r| number(r.get("worstRating"))),
        },
        url,
        notes,
    })
}

/// A Fact Check Tools API review (`publisher`, `textualRating`, `reviewDate`) of its claim
/// (`text`, `claimant`, `claimDate`).
fn from_api(pointer: &str, claim: &Value, review: &Value) -> Result<Review, ReviewError> {
    let mut notes = Vec::new();
    let url = first_url(review.get("url"), None, "url", &mut notes);
    let publisher = review.get("publisher");
    let site = publisher.and_then(|p| text_of(p.get("site")));
    let publisher = publisher
        .and_then(|p| text_of(p.get("name")).or_else(|| site.clone()))
        .map(|name| Party {
            name,
            schema_type: Some("Organization".into()),
            url: site.and_then(|s| resolve_url(&s, None).ok()),
        });
    Ok(Review {
        pointer: pointer.to_string(),
        title: text_of(review.get("title")),
        claim: text_of(claim.get("text"))
            .ok_or_else(|| ReviewError::NoClaim(pointer_or_root(pointer)))?,
        claimant: text_of(claim.get("claimant")).map(|name| Party {
            name,
            ..Party::default()
        }),
        claim_date: text_of(claim.get("claimDate")).and_then(|d| parse_claim_date(&d)),
        published: day_of(review.get("reviewDate")),
        publisher,
        appearance: None,
        verdict: Verdict {
            text: text_of(review.get("textualRating")),
            ..Verdict::default()
        },
        url,
        notes,
    })
}

fn pointer_or_root(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top of the document".into()
    } else {
        pointer.to_string()
    }
}

/// The first item of a list, or the value itself.
fn first(value: Option<&Value>) -> Option<&Value> {
    match value? {
        Value::Array(items) => items.iter().find(|v| !v.is_null()),
        Value::Null => None,
        one => Some(one),
    }
}

/// Clean text from a string, a number, the first of a list, or an object's `name`.
fn text_of(value: Option<&Value>) -> Option<String> {
    let text = match first(value)? {
        Value::String(s) => clean_line(s),
        Value::Number(n) => n.to_string(),
        Value::Object(map) => return text_of(map.get("name").or(map.get("@value"))),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

fn number(value: Option<&Value>) -> Option<f64> {
    match first(value)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

fn day_of(value: Option<&Value>) -> Option<NaiveDate> {
    text_of(value).and_then(|d| parse_day(&d)).map(|(d, _)| d)
}

/// A URL from a string, a list or an object's `url`/`@id`, resolved or dropped with a note.
fn first_url(
    value: Option<&Value>,
    base: Option<&str>,
    what: &str,
    notes: &mut Vec<String>,
) -> Option<String> {
    let raw = match first(value)? {
        Value::String(s) => s.clone(),
        Value::Object(map) => {
            return first_url(map.get("url").or(map.get("@id")), base, what, notes);
        }
        _ => return None,
    };
    match resolve_url(&raw, base) {
        Ok(url) => Some(url),
        Err(UrlProblem::Unresolved(url)) => {
            notes.push(format!(
                "dropped the relative {what} {url:?}: no absolute address to resolve it against"
            ));
            None
        }
        Err(UrlProblem::Unsafe(url)) => {
            notes.push(format!(
                "dropped the {what} {url:?}: not an http(s) address"
            ));
            None
        }
    }
}

/// A party from a name, an object (`name`, `@type`, `url`/`sameAs`) or a list of them.
fn party(value: Option<&Value>, base: Option<&str>, notes: &mut Vec<String>) -> Option<Party> {
    let value = first(value)?;
    let name = text_of(Some(value))?;
    let url = match value {
        Value::Object(map) => first_url(map.get("url").or(map.get("sameAs")), base, "url", notes),
        _ => None,
    };
    let schema_type = value
        .get("@type")
        .and_then(|t| first(Some(t)))
        .and_then(Value::as_str)
        .map(|t| t.rsplit(['/', ':']).next().unwrap_or(t).to_string());
    Some(Party {
        name,
        schema_type,
        url,
    })
}

/// Where the claim appeared: `appearance`, else `firstAppearance`, else the item itself (the
/// older shape put the URL on the item).
fn appearance(item: &Value, base: Option<&str>, notes: &mut Vec<String>) -> Option<Appearance> {
    let work = first(item.get("appearance"))
        .or_else(|| first(item.get("firstAppearance")))
        .unwrap_or(item);
    let url = first_url(Some(work), base, "appearance url", notes)
        .or_else(|| first_url(item.get("url"), base, "appearance url", notes));
    let object = work.is_object() && !std::ptr::eq(work, item);
    let title = object
        .then(|| text_of(work.get("headline")).or_else(|| text_of(work.get("name"))))
        .flatten();
    let publisher = object
        .then(|| text_of(work.get("publisher")).or_else(|| text_of(work.get("author"))))
        .flatten();
    let date = object.then(|| day_of(work.get("datePublished"))).flatten();
    (url.is_some() || title.is_some() || publisher.is_some()).then_some(Appearance {
        url,
        title,
        publisher,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalise(review: Value) -> Review {
        Review::from_found(&Found::ClaimReview {
            pointer: "/0".into(),
            review: &review,
        })
        .unwrap()
    }

    #[test]
    fn messy_shapes_become_one_record() {
        let review = normalise(json!({
            "@type": ["ClaimReview"],
            "url": "www.checks.example.org/2024/review",
            "claimReviewed": ["  Moon is made of cheese\r", "second"],
            "itemReviewed": [{"@type": "CreativeWork",
                "author": [{"@type": "Person", "name": "Jane &amp; Co", "sameAs": "/people/jane"}],
                "datePublished": "2024-06",
                "url": "/video/1"}],
            "reviewRating": {"ratingValue": "2", "bestRating": 5, "worstRating": "1", "alternateName": "Faux\r"},
            "author": "Checkers",
            "datePublished": "2024-06-28T10:00:00"
        }));
        assert_eq!(review.claim, "Moon is made of cheese");
        assert_eq!(
            review.url.as_deref(),
            Some("https://www.checks.example.org/2024/review")
        );
        let claimant = review.claimant.unwrap();
        assert_eq!(claimant.name, "Jane & Co");
        assert_eq!(claimant.schema_type.as_deref(), Some("Person"));
        assert_eq!(
            claimant.url.as_deref(),
            Some("https://www.checks.example.org/people/jane")
        );
        assert_eq!(
            review.appearance.unwrap().url.as_deref(),
            Some("https://www.checks.example.org/video/1")
        );
        assert_eq!(review.verdict.text.as_deref(), Some("Faux"));
        assert_eq!(
            (
                review.verdict.value,
                review.verdict.best,
                review.verdict.worst
            ),
            (Some(2.0), Some(5.0), Some(1.0))
        );
        assert_eq!(
            review.claim_date.map(|d| d.iso()).as_deref(),
            Some("2024-06"),
            "a month only stays a month"
        );
        assert_eq!(review.publisher.unwrap().name, "Checkers");
    }

    #[test]
    fn relative_urls_without_a_base_are_dropped_with_a_note() {
        let review = normalise(json!({"@type": "ClaimReview", "claimReviewed": "c",
            "url": "/r", "itemReviewed": {"appearance": {"url": "javascript:alert(1)"}}}));
        assert_eq!(review.url, None);
        assert_eq!(review.notes.len(), 2, "{:?}", review.notes);
    }
}
