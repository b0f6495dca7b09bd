//! Long lists split on stable URLs: a list of claims longer than a page holds is split by year,
//! and a year longer than a page by month. A claim stays in the part of its own date however many
//! claims are added, so a part's address never shifts (unlike "page 7 of N").

use super::timeline::{YearGroup, group};
use super::{ActorId, ClaimId, RatingId, Site, TagId};
use crate::urls::site_path;

/// The most claims one HTML page lists: at about 800 bytes a list item, with the page's header,
/// charts and index, a page stays under 250 KB.
pub const MAX_LIST_ITEMS: usize = 200;

/// One part of a split list: a year (`month` 0), or a month of a long year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    /// 1 to 12; 0 for the whole year.
    pub month: u32,
}

/// A part of a split list and the claims it holds (none for the page of a year split by month,
/// which lists its months).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub period: Period,
    pub claims: Vec<ClaimId>,
    /// The year is split: its page lists its months, which hold the claims.
    pub split: bool,
}

/// The parts of `claims` (in site order, newest first), newest first: `None` when the list fits
/// on one page. A year's page comes before its months'.
pub fn parts(site: &Site, claims: &[ClaimId]) -> Option<Vec<Part>> {
    if claims.len() <= MAX_LIST_ITEMS {
        return None;
    }
    Some(group(site, claims).iter().flat_map(year_parts).collect())
}

fn year_parts(year: &YearGroup) -> Vec<Part> {
    let count: usize = year.months.iter().map(|m| m.claims.len()).sum();
    let whole = Period {
        year: year.year,
        month: 0,
    };
    if count <= MAX_LIST_ITEMS {
        let claims = year.months.iter().flat_map(|m| m.claims.iter().copied());
        return vec![Part {
            period: whole,
            claims: claims.collect(),
            split: false,
        }];
    }
    let months = year.months.iter().map(|m| Part {
        period: Period {
            year: m.year,
            month: m.month,
        },
        claims: m.claims.clone(),
        split: false,
    });
    std::iter::once(Part {
        period: whole,
        claims: Vec::new(),
        split: true,
    })
    .chain(months)
    .collect()
}

/// A list that splits when long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listed {
    Timeline,
    Actor(ActorId),
    Rating(RatingId),
    Tag(TagId),
}

impl Listed {
    /// The list's own page (a site path such as `actors/x/`).
    pub fn path(self, site: &Site) -> String {
        match self {
            Listed::Timeline => site_path::TIMELINE.to_string(),
            Listed::Actor(id) => site_path::actor(&site.actors[id].slug),
            Listed::Rating(id) => site_path::rating(&site.ratings[id].key),
            Listed::Tag(id) => site_path::tag(&site.tags[id].slug),
        }
    }

    /// Every claim of the list, in site order (newest first).
    pub fn claims(self, site: &Site) -> Vec<ClaimId> {
        match self {
            Listed::Timeline => (0..site.claims.len()).collect(),
            Listed::Actor(id) => {
                let mut all = site.actors[id].all_claims();
                all.sort_unstable();
                all
            }
            Listed::Rating(id) => site.ratings[id].claims.clone(),
            Listed::Tag(id) => site.tags[id].claims.clone(),
        }
    }
}

/// The site path of a part of a list: `timeline/2024/`, `actors/x/2024/06/`.
pub fn part_path(list_path: &str, period: Period) -> String {
    match period.month {
        0 => format!("{list_path}{}/", period.year),
        month => format!("{list_path}{}/{month:02}/", period.year),
    }
}

/// The lists of a site that are split, with their parts.
pub fn split_lists(site: &Site) -> Vec<(Listed, Vec<Part>)> {
    let lists = std::iter::once(Listed::Timeline)
        .chain((0..site.actors.len()).map(Listed::Actor))
        .chain((0..site.ratings.len()).map(Listed::Rating))
        .chain((0..site.tags.len()).map(Listed::Tag));
    lists
        .filter(|list| list_len(site, *list) > MAX_LIST_ITEMS)
        .filter_map(|list| Some((list, parts(site, &list.claims(site))?)))
        .collect()
}

fn list_len(site: &Site, list: Listed) -> usize {
    match list {
        Listed::Timeline => site.claims.len(),
        Listed::Actor(id) => site.actors[id].claim_count(),
        Listed::Rating(id) => site.ratings[id].claims.len(),
        Listed::Tag(id) => site.tags[id].claims.len(),
    }
}

/// The claims of `list` (in site order) that fall in `period`.
pub fn within(site: &Site, list: &[ClaimId], period: Period) -> Vec<ClaimId> {
    use chrono::Datelike;
    list.iter()
        .copied()
        .filter(|&id| {
            let date = site.claims[id].date;
            date.year() == period.year && (period.month == 0 || date.month() == period.month)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(year: i32, per_month: &[usize]) -> YearGroup {
        let mut next = 0;
        YearGroup {
            year,
            months: per_month
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let claims = (next..next + n).collect();
                    next += n;
                    super::super::timeline::MonthGroup {
                        year,
                        month: 12 - i as u32,
                        claims,
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn a_short_year_is_one_part_and_a_long_one_is_split_by_month() {
        let short = year_parts(&year(2023, &[100, 90]));
        assert_eq!(short.len(), 1);
        assert_eq!(
            short[0].period,
            Period {
                year: 2023,
                month: 0
            }
        );
        assert_eq!(short[0].claims.len(), 190);
        let long = year_parts(&year(2024, &[200, 150]));
        let periods: Vec<(u32, usize, bool)> = long
            .iter()
            .map(|p| (p.period.month, p.claims.len(), p.split))
            .collect();
        assert_eq!(periods, [(0, 0, true), (12, 200, false), (11, 150, false)]);
    }
}
