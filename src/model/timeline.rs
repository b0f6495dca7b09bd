//! Timeline groups: claims by year and month, newest first, computed once in one pass. A claim
//! dated by its year only is in its year's group of unknown month, last in the year (the site's
//! order puts it there: `ClaimDate`'s ordering).

use super::ids::ClaimId;
use super::site::Site;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGroup {
    pub year: i32,
    /// None: the claims dated by their year only.
    pub month: Option<u32>,
    pub claims: Vec<ClaimId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearGroup {
    pub year: i32,
    pub months: Vec<MonthGroup>,
}

/// Groups claims (already in site order: newest first) by year and month.
pub fn group(site: &Site, claims: &[ClaimId]) -> Vec<YearGroup> {
    let mut years: Vec<YearGroup> = Vec::new();
    for &id in claims {
        let date = site.claims[id].date;
        let (year, month) = (date.year(), date.month());
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearGroup {
                year,
                months: Vec::new(),
            });
        }
        let months = &mut years.last_mut().expect("pushed above").months;
        if months.last().is_none_or(|m| m.month != month) {
            months.push(MonthGroup {
                year,
                month,
                claims: Vec::new(),
            });
        }
        months.last_mut().expect("pushed above").claims.push(id);
    }
    years
}
