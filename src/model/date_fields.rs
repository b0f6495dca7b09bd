//! Date fields: a claim's `date` (as precise as written, with `date_approximate`), the other
//! dates of an entry (days), and the warnings about them (`published` before the claim's date or
//! missing where the date has no day, dates in the future).

use super::dates::{
    ClaimDate, EXPECTED_CLAIM_DATE, EXPECTED_DATE, Precision, parse_date, refused_day_hint,
};
use super::site::Claim;
use super::validator::Validator;
use crate::diag::{Diagnostic, Position};
use crate::source::Parsed;
use crate::source::entry::{RawClaim, Scalar};
use chrono::NaiveDate;

impl Validator {
    pub(super) fn date<T>(
        &mut self,
        p: &Parsed<T>,
        value: Option<&Scalar>,
        key: &str,
        required: bool,
    ) -> Option<NaiveDate> {
        let Some(Scalar(text)) = value else {
            if required {
                self.diags.push(
                    Diagnostic::error(
                        "missing-field",
                        &p.file,
                        format!("missing required field `{key}`"),
                    )
                    .at(Some(Position { line: 1, column: 1 }))
                    .expected(format!("{key}: {EXPECTED_DATE}")),
                );
            }
            return None;
        };
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "invalid-date",
                    &p.file,
                    format!("invalid date {text:?} in `{key}`"),
                )
                .at(p.locator.value(key))
                .expected(EXPECTED_DATE)
                .hint(refused_day_hint(text)),
            );
        }
        parsed
    }

    /// A claim's `date`, as precise as written, with `date_approximate`.
    pub(super) fn claim_date(&mut self, p: &Parsed<RawClaim>) -> Option<ClaimDate> {
        let Some(Scalar(text)) = &p.raw.date else {
            self.diags.push(
                Diagnostic::error("missing-field", &p.file, "missing required field `date`")
                    .at(Some(Position { line: 1, column: 1 }))
                    .expected(format!("date: {EXPECTED_CLAIM_DATE}")),
            );
            return None;
        };
        match ClaimDate::parse(text) {
            Ok(date) => Some(date.with_approximate(p.raw.date_approximate)),
            Err(hint) => {
                self.diags.push(
                    Diagnostic::error(
                        "invalid-date",
                        &p.file,
                        format!("invalid date {text:?} in `date`"),
                    )
                    .at(p.locator.value("date"))
                    .expected(EXPECTED_CLAIM_DATE)
                    .hint(hint),
                );
                None
            }
        }
    }

    /// The warnings about a valid claim's dates.
    pub(super) fn warn_dates(&mut self, p: &Parsed<RawClaim>, claim: &Claim) {
        let today = self.options.today;
        if claim.published < claim.date.first_day() {
            self.diags.push(
                Diagnostic::warning(
                    "published-before-date",
                    &claim.file,
                    format!(
                        "published ({}) is before the claim's date ({})",
                        claim.published,
                        claim.date.iso()
                    ),
                )
                .at(p.locator.value("published")),
            );
        }
        if p.raw.published.is_none() && claim.date.precision() != Precision::Day {
            self.diags.push(
                Diagnostic::warning(
                    "published-missing",
                    &claim.file,
                    format!(
                        "no `published`, and the claim's date ({}) has no day: the fact-check is dated {}",
                        claim.date.iso(),
                        claim.published
                    ),
                )
                .at(p.locator.value("date"))
                .hint("add `published: YYYY-MM-DD`, the day this fact-check was published"),
            );
        }
        for (key, date) in [
            ("date", claim.date.first_day()),
            ("published", claim.published),
        ] {
            if date > today {
                self.diags.push(
                    Diagnostic::warning(
                        "future-date",
                        &claim.file,
                        format!("`{key}` ({date}) is in the future"),
                    )
                    .at(p.locator.value(key)),
                );
            }
        }
    }
}
