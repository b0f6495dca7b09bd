//! Dates of the content: `YYYY-MM-DD` or RFC 3339.

use chrono::{DateTime, NaiveDate};

pub const EXPECTED_DATE: &str =
    "a date as YYYY-MM-DD (e.g. 2024-06-27) or RFC 3339 (2024-06-27T10:00:00+02:00)";

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|dt| dt.date_naive())
        })
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
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
