//! Where the reviews sit in a JSON document, by format: a JSON-LD object, array or `@graph`; a
//! schema.org DataFeed's `dataFeedElement`; the Fact Check Tools API's `claims[].claimReview[]`;
//! or, with `auto`, anywhere at all (custom wrappers included).

use serde_json::Value;

/// How the input is laid out (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Auto,
    JsonLd,
    FactCheckApi,
    DataFeed,
}

/// One review found, with its JSON pointer in the document.
#[derive(Debug, Clone)]
pub enum Found<'a> {
    /// A schema.org ClaimReview object.
    ClaimReview { pointer: String, review: &'a Value },
    /// A Fact Check Tools API review with the claim it belongs to.
    Api {
        pointer: String,
        claim: &'a Value,
        review: &'a Value,
    },
}

/// The reviews of `document` as `format` lays them out.
pub fn find_reviews(document: &Value, format: Format) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    match format {
        Format::JsonLd => json_ld(document, String::new(), &mut found),
        Format::DataFeed => data_feeds(document, String::new(), &mut found),
        Format::FactCheckApi => api(document, String::new(), &mut found),
        Format::Auto => anywhere(document, &mut found),
    }
    found
}

/// Whether an object's `@type` (a string or a list) names `kind` (with or without `schema:`).
pub fn has_type(value: &Value, kind: &str) -> bool {
    let is = |t: &Value| {
        t.as_str().is_some_and(|t| {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            t.eq_ignore_ascii_case(kind)
        })
    };
    match value.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn json_ld<'a>(value: &'a Value, pointer: String, found: &mut Vec<Found<'a>>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                json_ld(item, child(&pointer, &i.to_string()), found);
            }
        }
        Value::Object(_) if has_type(value, "ClaimReview") => {
            found.push(Found::ClaimReview {
                pointer,
                review: value,
            });
        }
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                json_ld(graph, child(&pointer, "@graph"), found);
            }
        }
        _ => {}
    }
}

fn data_feeds<'a>(value: &'a Value, pointer: String, found: &mut Vec<Found<'a>>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                data_feeds(item, child(&pointer, &i.to_string()), found);
            }
        }
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                data_feeds(graph, child(&pointer, "@graph"), found);
            }
            let Some(elements) = map.get("dataFeedElement") else {
                return;
            };
            let pointer = child(&pointer, "dataFeedElement");
            let elements = match elements {
                Value::Array(items) => items.iter().collect(),
                one => vec![one],
            };
            for (i, element) in elements.into_iter().enumerate() {
                let at = child(&pointer, &i.to_string());
                // An element is a ClaimReview, or a DataFeedItem whose `item` holds some.
                match element.get("item") {
                    Some(item) if !has_type(element, "ClaimReview") => {
                        json_ld(item, child(&at, "item"), found)
                    }
                    _ => json_ld(element, at, found),
                }
            }
        }
        _ => {}
    }
}

fn api<'a>(value: &'a Value, pointer: String, found: &mut Vec<Found<'a>>) {
    let Some(Value::Array(claims)) = value.get("claims") else {
        return;
    };
    let pointer = child(&pointer, "claims");
    for (i, claim) in claims.iter().enumerate() {
        api_claim(claim, child(&pointer, &i.to_string()), found);
    }
}

fn api_claim<'a>(claim: &'a Value, pointer: String, found: &mut Vec<Found<'a>>) {
    let reviews = match claim.get("claimReview") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    let pointer = child(&pointer, "claimReview");
    for (j, review) in reviews.into_iter().enumerate() {
        found.push(Found::Api {
            pointer: child(&pointer, &j.to_string()),
            claim,
            review,
        });
    }
}

/// Every ClaimReview object and every API claim anywhere in the document, outermost first; a
/// review found is not searched further. Iterative: the depth of the input costs no stack.
fn anywhere<'a>(document: &'a Value, found: &mut Vec<Found<'a>>) {
    let mut stack: Vec<(&'a Value, String)> = vec![(document, String::new())];
    while let Some((value, pointer)) = stack.pop() {
        match value {
            Value::Object(_) if has_type(value, "ClaimReview") => {
                found.push(Found::ClaimReview {
                    pointer,
                    review: value,
                });
            }
            Value::Object(map) if map.contains_key("claimReview") && map.contains_key("text") => {
                api_claim(value, pointer, found);
            }
            Value::Object(map) => {
                for (key, item) in map.iter().rev() {
                    stack.push((item, child(&pointer, key)));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, child(&pointer, &i.to_string())));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pointers(found: &[Found]) -> Vec<String> {
        found
            .iter()
            .map(|f| match f {
                Found::ClaimReview { pointer, .. } | Found::Api { pointer, .. } => pointer.clone(),
            })
            .collect()
    }

    #[test]
    fn each_format_finds_its_reviews() {
        let graph = json!({"@graph": [{"@type": "WebPage"}, {"@type": ["ClaimReview", "Review"]}]});
        assert_eq!(
            pointers(&find_reviews(&graph, Format::JsonLd)),
            ["/@graph/1"]
        );
        let feed = json!({"@type": "DataFeed", "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [{"@type": "ClaimReview"}]},
            {"@type": "schema:ClaimReview"}]});
        assert_eq!(
            pointers(&find_reviews(&feed, Format::DataFeed)),
            ["/dataFeedElement/0/item/0", "/dataFeedElement/1"]
        );
        let api = json!({"claims": [{"text": "x", "claimReview": [{"url": "u"}, {"url": "v"}]}]});
        assert_eq!(
            pointers(&find_reviews(&api, Format::FactCheckApi)),
            ["/claims/0/claimReview/0", "/claims/0/claimReview/1"]
        );
        let wrapped = json!({"data": {"a/b": [{"@type": "ClaimReview", "x": {"@type": "ClaimReview"}}]}, "more": api});
        assert_eq!(
            pointers(&find_reviews(&wrapped, Format::Auto)),
            [
                "/data/a~1b/0",
                "/more/claims/0/claimReview/0",
                "/more/claims/0/claimReview/1"
            ]
        );
    }
}
