//! The checks of `site.toml`'s values that its types cannot say: addresses, the rating scale,
//! texts without control characters, languages, import verdicts.

use super::{ImportConfig, Language, LanguageDef, Publisher, RatingDef, find_key, find_value};
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// `[publisher] url` lands in every page's footer and every ClaimReview, `cname` in `CNAME`:
/// both are checked as strictly as `base_url`.
pub(super) fn check_addresses(
    publisher: &Publisher,
    cname: Option<&str>,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    if let Some(url) = &publisher.url
        && !crate::urls::is_absolute_http_url(url)
    {
        diags.push(
            Diagnostic::error(
                "config-publisher-url",
                file,
                format!("[publisher] url {url:?} is not an absolute http(s) URL"),
            )
            .at(find_key(text, "url"))
            .expected("an address such as \"https://example.org/\", without spaces or quotes")
            .hint("remove the url to use the site's own address"),
        );
    }
    if let Some(cname) = cname
        && !crate::urls::is_host_name(cname)
    {
        diags.push(
            Diagnostic::error(
                "config-cname",
                file,
                format!("cname {cname:?} is not a host name"),
            )
            .at(find_key(text, "cname"))
            .expected("a bare host name such as \"checks.example.org\" (no scheme, path or port)"),
        );
    }
}

pub(super) fn check_ratings(
    ratings: &[RatingDef],
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    let mut seen = std::collections::HashSet::new();
    for rating in ratings {
        let at = find_value(text, "key", &rating.key);
        if rating.key.len() > crate::slug::MAX_SLUG_BYTES
            || crate::slug::is_windows_reserved(&rating.key)
        {
            diags.push(
                Diagnostic::error(
                    "config-rating-key",
                    file,
                    format!(
                        "rating key {:?} cannot be a folder name on every system",
                        rating.key
                    ),
                )
                .at(at)
                .expected(format!(
                    "at most {} characters, and not a name Windows reserves (con, nul, com1...)",
                    crate::slug::MAX_SLUG_BYTES
                )),
            );
        } else if !crate::urls::is_valid_slug(&rating.key) {
            diags.push(
                Diagnostic::error(
                    "config-rating-key",
                    file,
                    format!("rating key {:?} cannot be used in a URL", rating.key),
                )
                .at(at)
                .expected("letters, digits and hyphens, e.g. \"mostly-true\""),
            );
        }
        if !seen.insert(rating.key.as_str()) {
            diags.push(
                Diagnostic::error(
                    "config-rating-duplicate",
                    file,
                    format!("rating key {:?} is defined twice", rating.key),
                )
                .at(at),
            );
        }
        if let Some(color) = &rating.color
            && crate::color::parse_hex(color).is_none()
        {
            diags.push(
                Diagnostic::error(
                    "config-rating-color",
                    file,
                    format!("rating color {color:?} is not a hex colour"),
                )
                .at(find_value(text, "color", color))
                .expected("#rrggbb or #rgb"),
            );
        }
    }
    if ratings.is_empty() {
        diags.push(
            Diagnostic::error("config-ratings-empty", file, "the rating scale is empty")
                .hint("remove [[ratings]] to use the default scale"),
        );
    }
}

/// The texts of `site.toml` land in every page, feed and export: a control character written as
/// a TOML escape (`"\u0007"`) is refused there as it is in entries.
pub(super) fn check_texts(
    title: &str,
    description: &str,
    publisher: &Publisher,
    ratings: &[RatingDef],
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    let mut fields = vec![("title", title), ("description", description)];
    // Without [publisher], its name is the title, already checked.
    if publisher.name != title {
        fields.push(("name", publisher.name.as_str()));
    }
    for rating in ratings {
        fields.push(("label", rating.label.as_str()));
        fields.extend(rating.labels.values().map(|l| ("labels", l.as_str())));
        fields.extend(
            rating
                .descriptions
                .values()
                .map(|d| ("descriptions", d.as_str())),
        );
        fields.extend(rating.description.as_deref().map(|d| ("description", d)));
    }
    for (key, value) in fields {
        if let Some(c) = value
            .chars()
            .find(|&c| crate::text::is_forbidden_in_content(c))
        {
            diags.push(
                Diagnostic::error(
                    "config-control-character",
                    file,
                    format!(
                        "`{key}` holds the invisible control character U+{:04X}",
                        u32::from(c)
                    ),
                )
                .at(find_key(text, key))
                .hint("remove it: it would make feeds malformed XML and can drive a terminal"),
            );
        }
    }
}

/// `[[languages]]`: each another language than the default, once; its texts without control
/// characters.
pub(super) fn check_languages(
    default: Language,
    languages: &[LanguageDef],
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    let mut seen = vec![default];
    for def in languages {
        if seen.contains(&def.code) {
            diags.push(
                Diagnostic::error(
                    "config-language-duplicate",
                    file,
                    format!(
                        "language {:?} is listed twice (the default language is `language`)",
                        def.code.code()
                    ),
                )
                .at(find_value(text, "code", def.code.code()))
                .hint("list each other language once under [[languages]]"),
            );
        }
        seen.push(def.code);
        let texts = [("title", &def.title), ("description", &def.description)];
        for (key, value) in texts {
            if let Some(c) = value
                .as_deref()
                .and_then(|v| v.chars().find(|&c| crate::text::is_forbidden_in_content(c)))
            {
                diags.push(
                    Diagnostic::error(
                        "config-control-character",
                        file,
                        format!(
                            "[[languages]] `{key}` holds the invisible control character U+{:04X}",
                            u32::from(c)
                        ),
                    )
                    .at(find_key(text, key))
                    .hint("remove it"),
                );
            }
        }
    }
}

/// `[import] verdicts` must map onto keys of the scale.
pub(super) fn check_import_verdicts(
    import: &ImportConfig,
    ratings: &[RatingDef],
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    let keys = || ratings.iter().map(|r| r.key.as_str());
    for (verdict, key) in &import.verdicts {
        if !keys().any(|k| k == key) {
            diags.push(
                Diagnostic::error(
                    "config-import-verdict",
                    file,
                    format!(
                        "[import] verdicts maps {verdict:?} to {key:?}, which is not a rating key"
                    ),
                )
                .at(find_key(text, "verdicts"))
                .expected(format!("one of {}", keys().collect::<Vec<_>>().join(", "))),
            );
        }
    }
}
