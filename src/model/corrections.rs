//! A claim's `corrections:`: each one's date and previous verdict, and their order. The list is
//! written oldest first (the content contract); one listed out of date order, or dated before
//! the fact-check's publication, is a warning.

use super::dates::{EXPECTED_DATE, parse_date};
use super::fields::status_hint;
use super::ids::{IdVec, RatingId};
use super::site::{Correction, Rating};
use super::validator::Validator;
use crate::diag::Diagnostic;
use crate::source::Parsed;
use crate::source::entry::{RawClaim, Scalar};
use chrono::NaiveDate;

impl Validator {
    /// The claim's corrections, oldest first (by date; a stable sort keeps the list's order for
    /// one day), with the problems of their dates and order. `published`: the fact-check's.
    pub(super) fn corrections(
        &mut self,
        p: &Parsed<RawClaim>,
        ratings: &IdVec<RatingId, Rating>,
        published: Option<NaiveDate>,
    ) -> Vec<Correction> {
        // With each correction, its index in the list.
        let mut out: Vec<(usize, Correction)> = Vec::new();
        for (i, raw) in p.raw.corrections.iter().enumerate() {
            let at = |field: &str| p.locator.nested("corrections", Some(i), field);
            let Some(date) = parse_date(&raw.date.0) else {
                self.diags.push(
                    Diagnostic::error(
                        "invalid-date",
                        &p.file,
                        format!("invalid date {:?} in correction {}", raw.date.0, i + 1),
                    )
                    .at(at("date"))
                    .expected(EXPECTED_DATE),
                );
                continue;
            };
            let previous_rating = match &raw.previous_status {
                None => None,
                Some(Scalar(key)) => match ratings.position(|r| r.key == *key) {
                    Some(id) => Some(id),
                    None => {
                        let hint = status_hint(key, ratings);
                        self.diags.push(
                            Diagnostic::error(
                                "unknown-status",
                                &p.file,
                                format!("unknown previous_status {key:?} in correction {}", i + 1),
                            )
                            .at(at("previous_status"))
                            .expected(format!(
                                "one of {}",
                                ratings
                                    .iter()
                                    .map(|r| r.key.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ))
                            .hint_opt(hint),
                        );
                        continue;
                    }
                },
            };
            out.push((
                i,
                Correction {
                    date,
                    note: raw.note.trim().to_string(),
                    previous_rating,
                    rating_after: None,
                },
            ));
        }
        self.check_order(p, &out);
        if let Some(published) = published {
            self.check_after_publication(p, &out, published);
        }
        out.sort_by_key(|(_, c)| c.date);
        out.into_iter().map(|(_, c)| c).collect()
    }

    /// Each correction listed after a later-dated one. A warning: the page lists corrections by
    /// date and derives the verdict chain from that order (a stable sort), so what is shown is
    /// well defined; but the list and the dates disagree, and one of them is wrong.
    fn check_order(&mut self, p: &Parsed<RawClaim>, listed: &[(usize, Correction)]) {
        // The corrections dated after every one listed above them, in list order (so by
        // increasing date): the first one listed above a correction and dated after it is
        // always among them. With the latest re-rating so far, a list of thousands (a hostile
        // entry) is checked in n log n time rather than each item against all before it.
        let mut records: Vec<&(usize, Correction)> = Vec::new();
        let mut latest_rerating: Option<NaiveDate> = None;
        for item in listed {
            let (i, c) = item;
            let at = records.partition_point(|(_, e)| e.date <= c.date);
            let reratings =
                c.previous_rating.is_some() && latest_rerating.is_some_and(|d| d > c.date);
            if c.previous_rating.is_some() {
                latest_rerating = latest_rerating.max(Some(c.date));
            }
            // The first correction listed above this one but dated after it: where it belongs.
            let Some(&&(j, ref later)) = records.get(at) else {
                records.push(item);
                continue;
            };
            let (n, m) = (i + 1, j + 1);
            let mut message = format!(
                "correction {n} (dated {}) is listed after correction {m} (dated {}): the list \
                 is read oldest first",
                c.date, later.date
            );
            let hint = if reratings {
                message.push_str(
                    "; both re-rate the claim, and the verdict chain shown follows the dates",
                );
                "if the list's order is right, fix the date; else move this correction up, and \
                 check that each previous_status is the verdict the correction replaced"
            } else {
                "move it up, or fix its date if it is a typo: pages list corrections by date"
            };
            self.diags.push(
                Diagnostic::warning("corrections-order", &p.file, message)
                    .at(p.locator.nested("corrections", Some(*i), "date"))
                    .expected(format!(
                        "listed before correction {m}, or a date on or after {}",
                        later.date
                    ))
                    .hint(hint),
            );
        }
    }

    /// Each correction dated before the fact-check was published.
    fn check_after_publication(
        &mut self,
        p: &Parsed<RawClaim>,
        listed: &[(usize, Correction)],
        published: NaiveDate,
    ) {
        for (i, c) in listed.iter().filter(|(_, c)| c.date < published) {
            let published_at = match p.raw.published {
                Some(_) => "`published`",
                None => "the claim's `date` (no `published`)",
            };
            self.diags.push(
                Diagnostic::warning(
                    "correction-before-published",
                    &p.file,
                    format!(
                        "correction {} is dated {}, before the fact-check was published ({published}, \
                         from {published_at}): a correction changes a published fact-check",
                        i + 1,
                        c.date
                    ),
                )
                .at(p.locator.nested("corrections", Some(*i), "date"))
                .expected(format!("a date on or after {published}"))
                .hint("fix the correction's date, or `published` if it is the one that is wrong"),
            );
        }
    }
}
