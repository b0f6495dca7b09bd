//! Dates of the content: `YYYY-MM-DD` or RFC 3339.

use chrono::{DateTime, NaiveDate};

pub const EXPECTED_DATE: &str =
    "a date as YYYY-MM-DD (e.g. 2024-06-27) or RFC 3339 (2024-06-27T10:00:00+02:00)";

/// The years a date may have, in `check` and `new` alike (four digits: the format's own limit).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;
pub const YEARS_HINT: &str = "the year must have four digits, from 1000 to 9999";

/// Whether `date`'s year is one the content may use.
pub fn year_in_range(date: NaiveDate) -> bool {
    YEARS.contains(&chrono::Datelike::year(&date))
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|dt| dt.date_naive())
        })
        .filter(|&d| year_in_range(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_both_forms_and_rejects_impossible_dates() {
        assert_eq!(
            parse_date("2024-06-27"),
            NaiveDate::from_ymd_opt(2024, 6, 27)
        );
        assert_eq!(
            parse_date("2024-06-27T23:30:00-02:00"),
            NaiveDate::from_ymd_opt(2024, 6, 27)
        );
        for bad in [
            "2024-02-30",
            "2024-13-01",
            "27/06/2024",
            "yesterday",
            "",
            "20240-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
