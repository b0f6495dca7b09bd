//! Dates of the content. A claim's date is as precise as written (`YYYY-MM-DD`, `YYYY-MM` or
//! `YYYY`, or RFC 3339) and may be marked approximate; publication, source and correction dates
//! are days (`YYYY-MM-DD` or RFC 3339).

use chrono::{DateTime, Datelike, NaiveDate};

pub const EXPECTED_DATE: &str =
    "a date as YYYY-MM-DD (e.g. 2024-06-27) or RFC 3339 (2024-06-27T10:00:00+02:00)";
pub const EXPECTED_CLAIM_DATE: &str =
    "a date as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-06-27, 2024-06 or 2024), or RFC 3339";

/// The years a date may have, in `check` and `new` alike (four digits: the format's own limit).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;
pub const YEARS_HINT: &str = "the year must have four digits, from 1000 to 9999";
const MONTHS_HINT: &str = "the month must be from 01 to 12";
const DAYS_HINT: &str = "check that the day exists in that month";

/// Whether `date`'s year is one the content may use.
pub fn year_in_range(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
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

/// How much of a claim's date is known. Ordered from the least to the most precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    /// "year", "month", "day": the word the open data uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A claim's date: its first day (the sort key), how precise it is, and whether it is an
/// estimate. Ordered by first day, then precision: among claims of one first day, a day-precise
/// date sorts after (newer than) a month-precise one, which sorts after a year-precise one, so
/// that newest first a year's claims of unknown month come last, together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimDate {
    first_day: NaiveDate,
    precision: Precision,
    approximate: bool,
}

impl ClaimDate {
    pub fn day(date: NaiveDate) -> Self {
        ClaimDate {
            first_day: date,
            precision: Precision::Day,
            approximate: false,
        }
    }

    pub fn with_approximate(self, approximate: bool) -> Self {
        ClaimDate {
            approximate,
            ..self
        }
    }

    /// The first day the date covers: the sort key, and the day where a day is needed.
    pub fn first_day(self) -> NaiveDate {
        self.first_day
    }

    pub fn precision(self) -> Precision {
        self.precision
    }

    pub fn approximate(self) -> bool {
        self.approximate
    }

    pub fn year(self) -> i32 {
        self.first_day.year()
    }

    /// The month, unless only the year is known.
    pub fn month(self) -> Option<u32> {
        (self.precision >= Precision::Month).then(|| self.first_day.month())
    }

    /// The date as written, in ISO 8601 at its precision: "2024", "2024-06", "2024-06-27".
    pub fn iso(self) -> String {
        match self.precision {
            Precision::Year => self.first_day.format("%Y").to_string(),
            Precision::Month => self.first_day.format("%Y-%m").to_string(),
            Precision::Day => self.first_day.format("%Y-%m-%d").to_string(),
        }
    }

    /// A claim's date (not yet approximate), or what to check in it.
    pub fn parse(text: &str) -> Result<ClaimDate, &'static str> {
        let text = text.trim();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let (precision, first_day) = match text.split('-').collect::<Vec<_>>()[..] {
            [y] if digits(y, 4) => (Precision::Year, ymd(y, "1", "1")?),
            [y, m] if digits(y, 4) && digits(m, 2) => (Precision::Month, ymd(y, m, "1")?),
            _ => match parse_date(text) {
                Some(day) => (Precision::Day, day),
                None => return Err(refused_day_hint(text)),
            },
        };
        Ok(ClaimDate {
            first_day,
            precision,
            approximate: false,
        })
    }
}

/// The first day of a year or month written with the right number of digits.
fn ymd(year: &str, month: &str, day: &str) -> Result<NaiveDate, &'static str> {
    let year: i32 = year.parse().map_err(|_| YEARS_HINT)?;
    let month: u32 = month.parse().map_err(|_| MONTHS_HINT)?;
    if !YEARS.contains(&year) {
        return Err(YEARS_HINT);
    }
    if !(1..=12).contains(&month) {
        return Err(MONTHS_HINT);
    }
    NaiveDate::from_ymd_opt(year, month, day.parse().unwrap_or(1)).ok_or(DAYS_HINT)
}

/// What to check in a refused day: its year when that is what is wrong, then its month, else
/// its day.
pub fn refused_day_hint(text: &str) -> &'static str {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && !year_in_range(d)
    {
        return YEARS_HINT;
    }
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if let [y, m, ..] = parts[..] {
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return YEARS_HINT;
        }
        if !number(m) {
            return "write the month with two digits (2024-06)";
        }
        if !(1..=12).contains(&m.parse::<u32>().unwrap_or(0)) {
            return MONTHS_HINT;
        }
    }
    DAYS_HINT
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

    #[test]
    fn claim_dates_keep_their_precision() {
        let month = ClaimDate::parse("2024-06").unwrap();
        assert_eq!(month.precision(), Precision::Month);
        assert_eq!(
            month.first_day(),
            NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
        );
        assert_eq!((month.iso(), month.month()), ("2024-06".into(), Some(6)));
        let year = ClaimDate::parse(" 2024 ").unwrap();
        assert_eq!((year.iso(), year.month()), ("2024".into(), None));
        let day = ClaimDate::parse("2024-06-27T23:30:00-02:00").unwrap();
        assert_eq!(
            (day.iso(), day.precision()),
            ("2024-06-27".into(), Precision::Day)
        );
        let approximate = ClaimDate::parse("2024-06-01")
            .unwrap()
            .with_approximate(true);
        assert!(approximate.approximate() && approximate > ClaimDate::parse("2024-06").unwrap());
    }

    #[test]
    fn refused_claim_dates_say_what_to_check() {
        for (bad, hint) in [
            ("2024-13", MONTHS_HINT),
            ("2024-00", MONTHS_HINT),
            ("2024-13-01", MONTHS_HINT),
            ("24-06", YEARS_HINT),
            ("0999", YEARS_HINT),
            ("0999-01-01", YEARS_HINT),
            ("2024-02-30", DAYS_HINT),
            ("2024-6", "write the month with two digits (2024-06)"),
            ("juin 2024", DAYS_HINT),
            ("", DAYS_HINT),
        ] {
            assert_eq!(ClaimDate::parse(bad), Err(hint), "{bad:?}");
        }
    }

    #[test]
    fn newest_first_a_years_unknown_months_come_last() {
        let parse = |s: &str| ClaimDate::parse(s).unwrap();
        let mut dates = [
            parse("2024"),
            parse("2024-01-01"),
            parse("2024-01"),
            parse("2023-12-31"),
        ];
        dates.sort_by(|a, b| b.cmp(a));
        let iso: Vec<String> = dates.iter().map(|d| d.iso()).collect();
        assert_eq!(iso, ["2024-01-01", "2024-01", "2024", "2023-12-31"]);
    }
}
