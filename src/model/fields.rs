//! Field checks: required keys, dates, rating, sources and links, corrections, slugs, and the
//! quality warnings `digest check` shows. A claim's own fields need no shared state, so claims
//! are checked in parallel (`check_claim`); `build` then resolves actors and tags in file order.

use super::dates::{ClaimDate, EXPECTED_DATE, parse_date};
use super::ids::{IdVec, RatingId};
use super::site::{Claim, Correction, Rating, Source};
use super::validator::{BuildOptions, Validator};
use crate::diag::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::slug::{MAX_SLUG_BYTES, fit_segment, segment_slug, slugify};
use crate::source::Parsed;
use crate::source::entry::{RawClaim, RawSource, Scalar};
use crate::urls::{is_linkable, is_valid_slug};

/// One claim checked on its own: the claim (without actors) when its fields are valid, the
/// problems found, and the quality warnings to report if it also resolves.
pub(super) struct CheckedClaim {
    pub(super) claim: Option<Claim>,
    pub(super) problems: Diagnostics,
    pub(super) warnings: Diagnostics,
}

pub(super) fn check_claim(
    parsed: &mut Parsed<RawClaim>,
    ratings: &IdVec<RatingId, Rating>,
    check: &crate::config::CheckConfig,
    options: BuildOptions,
) -> CheckedClaim {
    let mut fields = Validator::new(options);
    let mut claim = fields.claim(parsed, ratings);
    super::placeholders::check(parsed, &mut fields.diags);
    if let Some(claim) = &mut claim {
        claim.body = std::mem::take(&mut parsed.body);
        let page_dir = crate::urls::site_path::claim(&claim.slug);
        claim.refs = super::media::scan(
            &parsed.file,
            &claim.body,
            parsed.body_line,
            &page_dir,
            &mut fields.diags,
        );
        claim.image =
            parsed.raw.image.as_ref().and_then(|raw| {
                super::media::claim_image(parsed, raw, &page_dir, &mut fields.diags)
            });
        claim.bundle = parsed.bundle.clone().unwrap_or_default();
    }
    let mut quality = Validator::new(options);
    if let Some(claim) = &claim {
        quality.warn_claim(parsed, claim, &ratings[claim.rating], check);
    }
    CheckedClaim {
        claim,
        problems: fields.diags,
        warnings: quality.diags,
    }
}

impl Validator {
    /// A claim's own fields; its actors are resolved afterwards (`resolve_actors`).
    pub(super) fn claim(
        &mut self,
        p: &Parsed<RawClaim>,
        ratings: &IdVec<RatingId, Rating>,
    ) -> Option<Claim> {
        let raw = &p.raw;
        let errors_before = self.diags.error_count();
        let title = self.required(
            p,
            raw.title.as_deref(),
            "title",
            "the headline of the fact-check",
        );
        let claim_text = self.required(
            p,
            raw.claim.as_deref(),
            "claim",
            "the claim as reviewed, in one sentence",
        );
        let date = self.claim_date(p);
        let published = match raw.published.as_ref() {
            Some(_) => self.date(p, raw.published.as_ref(), "published", false),
            None => date.map(ClaimDate::first_day),
        };
        let rating = self.rating(p, raw.status.as_ref(), ratings);
        let source = match &raw.source {
            Some(s) => self.source(p, s, "source", None),
            None => {
                self.diags.push(
                    Diagnostic::error("missing-field", &p.file, "missing required field `source`")
                        .at(Some(Position { line: 1, column: 1 }))
                        .expected("source: { publisher: \"...\", title: \"...\", url: \"https://...\" }")
                        .hint("say where the claim appeared; the url may be left out when the article gives none"),
                );
                None
            }
        };
        let sources: Vec<Source> = raw
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| self.source(p, s, "sources", Some(i)))
            .collect();
        let mut corrections = self.corrections(p, ratings, published);
        if let Some(current) = rating {
            Correction::chain(&mut corrections, current);
        }
        let slug = self.entry_slug(p, raw.slug.as_deref());
        let original_url = self.link(p, raw.original_url.as_deref(), || {
            p.locator.value("original_url")
        });
        if self.diags.error_count() > errors_before {
            return None;
        }
        Some(Claim {
            slug: slug?,
            file: p.file.clone(),
            title: title?.to_string(),
            claim: claim_text?.to_string(),
            quote: non_empty(raw.quote.as_deref()),
            claimants: Vec::new(),
            about: Vec::new(),
            date: date?,
            published: published?,
            rating: rating?,
            summary: non_empty(raw.summary.as_deref()),
            source: source?,
            sources,
            tags: Vec::new(),
            corrections,
            draft: raw.draft,
            // Moved in by `check_claim`: a copy would hold every body twice in memory.
            body: String::new(),
            original_url,
            bundle: Vec::new(),
            image: None,
            refs: Vec::new(),
            authors: Vec::new(),
            editors: Vec::new(),
        })
    }

    pub(super) fn required<'a, T>(
        &mut self,
        p: &Parsed<T>,
        value: Option<&'a str>,
        key: &str,
        expected: &str,
    ) -> Option<&'a str> {
        match value.map(str::trim) {
            Some(v) if !v.is_empty() => Some(v),
            _ => {
                let (message, at) = match value {
                    Some(_) => (format!("field `{key}` is empty"), p.locator.value(key)),
                    None => (
                        format!("missing required field `{key}`"),
                        Some(Position { line: 1, column: 1 }),
                    ),
                };
                self.diags.push(
                    Diagnostic::error("missing-field", &p.file, message)
                        .at(at)
                        .expected(format!("{key}: {expected}")),
                );
                None
            }
        }
    }

    pub(super) fn rating(
        &mut self,
        p: &Parsed<RawClaim>,
        value: Option<&Scalar>,
        ratings: &IdVec<RatingId, Rating>,
    ) -> Option<RatingId> {
        let keys = || ratings.iter().map(|r| r.key.as_str());
        let expected = format!("one of {}", keys().collect::<Vec<_>>().join(", "));
        let Some(Scalar(key)) = value else {
            self.diags.push(
                Diagnostic::error("missing-field", &p.file, "missing required field `status`")
                    .at(Some(Position { line: 1, column: 1 }))
                    .expected(expected),
            );
            return None;
        };
        let found = ratings.position(|r| r.key == *key);
        if found.is_none() {
            let hint = status_hint(key, ratings);
            self.diags.push(
                Diagnostic::error("unknown-status", &p.file, format!("unknown status {key:?}"))
                    .at(p.locator.value("status"))
                    .expected(expected)
                    .hint_opt(
                        hint.or_else(|| {
                            Some("the scale is set by [[ratings]] in site.toml".into())
                        }),
                    ),
            );
        }
        found
    }

    pub(super) fn source<T>(
        &mut self,
        p: &Parsed<T>,
        raw: &RawSource,
        key: &str,
        item: Option<usize>,
    ) -> Option<Source> {
        let at = |field: &str| p.locator.nested(key, item, field);
        let publisher = non_empty(raw.publisher.as_deref());
        let title = non_empty(raw.title.as_deref());
        let what = match item {
            Some(i) => format!("`{key}` item {}", i + 1),
            None => format!("`{key}`"),
        };
        if publisher.is_none() && title.is_none() && raw.url.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "source-empty",
                    &p.file,
                    format!("{what} names neither a publisher nor a title"),
                )
                .at(at("publisher"))
                .expected("publisher: \"...\" or title: \"...\""),
            );
            return None;
        }
        let date = match &raw.date {
            Some(Scalar(text)) => match parse_date(text) {
                Some(d) => Some(d),
                None => {
                    self.diags.push(
                        Diagnostic::error(
                            "invalid-date",
                            &p.file,
                            format!("invalid date {text:?} in {what}"),
                        )
                        .at(at("date"))
                        .expected(EXPECTED_DATE),
                    );
                    return None;
                }
            },
            None => None,
        };
        let errors = self.diags.error_count();
        let url = self.link(p, raw.url.as_deref(), || at("url"));
        let archive = self.link(p, raw.archive.as_deref(), || at("archive"));
        (self.diags.error_count() == errors).then_some(Source {
            publisher,
            title,
            url,
            date,
            archive,
        })
    }

    /// An optional URL from content: only http(s) URLs pass. `at` is looked up only for a
    /// refused URL.
    pub(super) fn link<T>(
        &mut self,
        p: &Parsed<T>,
        url: Option<&str>,
        at: impl FnOnce() -> Option<Position>,
    ) -> Option<String> {
        let url = url.map(str::trim).filter(|u| !u.is_empty())?;
        if is_linkable(url) {
            return Some(url.to_string());
        }
        self.diags.push(
            Diagnostic::error("unsafe-url", &p.file, format!("URL {url:?} is not an http(s) address"))
                .at(at())
                .expected("an address starting with https:// or http://")
                .hint("leave `url` out when the address is unknown; javascript:, data: and file: URLs are never linked"),
        );
        None
    }

    /// The slug of an entry: `slug:` when given (validated), else the file name's.
    pub(super) fn entry_slug<T>(
        &mut self,
        p: &Parsed<T>,
        explicit: Option<&str>,
    ) -> Option<String> {
        match explicit {
            Some(slug) if is_valid_slug(slug) && fit_segment(slug.to_string()) != slug => {
                self.diags.push(
                    Diagnostic::error(
                        "unsafe-slug",
                        &p.file,
                        format!("slug {slug:?} cannot be a file name everywhere"),
                    )
                    .at(p.locator.value("slug"))
                    .expected(format!(
                        "at most {MAX_SLUG_BYTES} bytes, and not a name Windows reserves (con, nul, com1...)"
                    ))
                    .hint(format!("e.g. slug: {:?}", fit_segment(slug.to_string()))),
                );
                None
            }
            Some(slug) if is_valid_slug(slug) => Some(slug.to_string()),
            Some(slug) => {
                self.diags.push(
                    Diagnostic::error(
                        "unsafe-slug",
                        &p.file,
                        format!("slug {slug:?} cannot be used as a URL segment"),
                    )
                    .at(p.locator.value("slug"))
                    .expected(
                        "ASCII letters, digits, '-', '_' (no '/', '..', spaces or leading dot)",
                    )
                    .hint(
                        format!("e.g. slug: {:?}", slugify(slug)).replace("\"\"", "\"my-claim\""),
                    ),
                );
                None
            }
            None => {
                // A bundle (`<slug>/index.md`) is named by its folder.
                let named = match &p.bundle {
                    Some(_) => p.file.parent().unwrap_or(&p.file),
                    None => &p.file,
                };
                let stem = named
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                let slug = segment_slug(&stem);
                if slug.is_empty() {
                    self.diags.push(
                        Diagnostic::error(
                            "unsafe-slug",
                            &p.file,
                            "the file name has no letters or digits to make a URL from",
                        )
                        .hint("rename the file or set `slug:`"),
                    );
                    return None;
                }
                Some(slug)
            }
        }
    }

    /// Warnings about one claim's quality rather than its form (shown by `digest check`).
    pub(super) fn warn_claim(
        &mut self,
        p: &Parsed<RawClaim>,
        claim: &Claim,
        rating: &Rating,
        check: &crate::config::CheckConfig,
    ) {
        let today = self.options.today;
        let file = &claim.file;
        let loc = &p.locator;
        let length = claim.claim.chars().count();
        if length > check.max_claim_length {
            self.diags.push(
                Diagnostic::warning("claim-too-long", file, format!("claim is {length} characters long, over {}", check.max_claim_length))
                    .at(loc.value("claim"))
                    .hint("Google's ClaimReview guideline asks for 75 characters or fewer; move detail to the body"),
            );
        }
        let sources = std::iter::once((&claim.source, "source", None)).chain(
            claim
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s, "sources", Some(i))),
        );
        for (source, key, item) in sources {
            let what = match item {
                None => "the source".to_string(),
                Some(i) => format!("evidence item {}", i + 1),
            };
            if source.url.is_none() {
                self.diags.push(
                    Diagnostic::warning("source-no-url", file, format!("{what} has no address"))
                        .at(loc.nested(key, item, "publisher"))
                        .hint("it renders without a link; add `url` when one is known"),
                );
            } else if source.archive.is_none() {
                self.diags.push(
                    Diagnostic::warning(
                        "source-no-archive",
                        file,
                        format!("{what} has no archive link"),
                    )
                    .at(loc.nested(key, item, "url"))
                    .hint(
                        "add `archive:` (e.g. a web.archive.org snapshot) so the evidence survives",
                    ),
                );
            }
        }
        self.warn_dates(p, claim);
        if p.raw.claimant.0.is_empty() {
            self.diags.push(
                Diagnostic::warning("claimant-missing", file, "no `claimant`: the claim is shown without an author")
                    .at(loc.value("claim"))
                    .hint("add `claimant:` (an actor's name, slug or alias) when it is known; the ClaimReview then names no author for the claim"),
            );
        }
        let idle_days = (today - claim.modified()).num_days();
        if rating.key == "unverified" && idle_days > check.stale_unverified_days {
            self.diags.push(
                Diagnostic::warning("stale-unverified", file, format!("unverified for {idle_days} days with no correction"))
                    .at(loc.value("status"))
                    .hint(format!("revisit the verdict or add a correction (threshold: [check] stale_unverified_days = {})", check.stale_unverified_days)),
            );
        }
    }
}

/// "Did you mean" for an unknown status: the key of the rating it names by its label (`Faux`
/// for `false`), else the nearest key.
pub(super) fn status_hint(status: &str, ratings: &IdVec<RatingId, Rating>) -> Option<String> {
    let ratings = ratings.as_slice();
    if let Some(rating) = super::suggest::rating_by_label(status, ratings) {
        return Some(format!(
            "did you mean {:?}? {:?} is that rating's label; `status` takes its key",
            rating.key, rating.label
        ));
    }
    did_you_mean(status, ratings.iter().map(|r| r.key.as_str()))
        .map(|k| format!("did you mean {k:?}?"))
}

pub(super) fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}
