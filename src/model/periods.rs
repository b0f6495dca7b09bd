//! Long lists split on stable URLs: a list of claims longer than a page holds is split by year,
//! and a year longer than a page by month. A claim stays in the part of its own date however many
//! claims are added, so a part's address never shifts (unlike "page 7 of N"). The claims of a
//! long year dated by the year only are a part of their own, last in the year (`UNKNOWN_MONTH`).

use super::dates::ClaimDate;
use super::ids::{ActorId, ClaimId, RatingId, TagId};
use super::site::Site;
use crate::urls::site_path;
use chrono::{Datelike, NaiveDate};

/// The most claims one HTML page lists: at about 800 bytes a list item, with the page's header,
/// charts and index, a page stays under 250 KB.
pub const MAX_LIST_ITEMS: usize = 200;

/// One part of a split list: a year (`month` 0), or a month of a long year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    /// 1 to 12; 0 for the whole year; `UNKNOWN_MONTH` for the claims dated by the year only.
    pub month: u32,
}

/// The month of a `Period` that holds a long year's claims dated by the year only.
pub const UNKNOWN_MONTH: u32 = 13;

/// The year and month (1 to 12, or `UNKNOWN_MONTH`) a claim's date falls in.
pub fn month_of(date: ClaimDate) -> (i32, u32) {
    (date.year(), date.month().unwrap_or(UNKNOWN_MONTH))
}

/// The year and month of a day.
pub fn month_of_day(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
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
    let dates: Vec<(i32, u32)> = claims
        .iter()
        .map(|&c| month_of(site.claims[c].date))
        .collect();
    let parts = split_dated(&dates)?;
    Some(
        parts
            .into_iter()
            .map(|p| Part {
                period: p.period,
                claims: p.items.into_iter().map(|i| claims[i]).collect(),
                split: p.split,
            })
            .collect(),
    )
}

/// A part of a list of dated items: the items' places in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedPart {
    pub period: Period,
    pub items: Vec<usize>,
    pub split: bool,
}

/// The parts of a list of dated items, newest first (`dates`, each item's year and month as
/// `month_of` gives them, sorted newest first): `None` when it fits on one page.
pub fn split_dated(dates: &[(i32, u32)]) -> Option<Vec<DatedPart>> {
    if dates.len() <= MAX_LIST_ITEMS {
        return None;
    }
    let mut parts = Vec::new();
    let mut start = 0;
    while start < dates.len() {
        let year = dates[start].0;
        let end = start + dates[start..].iter().take_while(|d| d.0 == year).count();
        parts.extend(year_parts(year, start..end, dates));
        start = end;
    }
    Some(parts)
}

fn year_parts(year: i32, items: std::ops::Range<usize>, dates: &[(i32, u32)]) -> Vec<DatedPart> {
    let whole = Period { year, month: 0 };
    if items.len() <= MAX_LIST_ITEMS {
        return vec![DatedPart {
            period: whole,
            items: items.collect(),
            split: false,
        }];
    }
    let mut parts = vec![DatedPart {
        period: whole,
        items: Vec::new(),
        split: true,
    }];
    for i in items {
        let month = dates[i].1;
        match parts.last_mut() {
            Some(part) if part.period.month == month => part.items.push(i),
            _ => parts.push(DatedPart {
                period: Period { year, month },
                items: vec![i],
                split: false,
            }),
        }
    }
    parts
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
            Listed::Timeline => site.claims.ids().collect(),
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

/// The site path of a part of a list: `timeline/2024/`, `actors/x/2024/06/`; `timeline/2024/00/`
/// for the claims of a long year dated by the year only.
pub fn part_path(list_path: &str, period: Period) -> String {
    match period.month {
        0 => format!("{list_path}{}/", period.year),
        UNKNOWN_MONTH => format!("{list_path}{}/00/", period.year),
        month => format!("{list_path}{}/{month:02}/", period.year),
    }
}

/// The lists of a site that are split, with their parts.
pub fn split_lists(site: &Site) -> Vec<(Listed, Vec<Part>)> {
    let lists = std::iter::once(Listed::Timeline)
        .chain(site.actors.ids().map(Listed::Actor))
        .chain(site.ratings.ids().map(Listed::Rating))
        .chain(site.tags.ids().map(Listed::Tag));
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

/// The actors index past a page's worth of actors: one page per initial (`a` to `z`, `0-9` for
/// digits, `_` for the rest), each with its actors in name order. `None` when one page holds them.
pub fn actor_initials(site: &Site) -> Option<Vec<(&'static str, Vec<ActorId>)>> {
    if site.actors.len() <= MAX_LIST_ITEMS {
        return None;
    }
    let mut initials: Vec<(&'static str, Vec<ActorId>)> = Vec::new();
    for (id, actor) in site.actors.iter_enumerated() {
        let key = initial(&actor.name);
        match initials.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ids)) => ids.push(id),
            None => initials.push((key, vec![id])),
        }
    }
    initials.sort_by_key(|(key, _)| INITIALS.iter().position(|k| k == key));
    Some(initials)
}

/// The page of the actors under one initial: `actors/a-z/b/`.
pub fn initial_path(initial: &str) -> String {
    format!("{}a-z/{initial}/", site_path::ACTORS)
}

const INITIALS: [&str; 28] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z", "0-9", "_",
];

fn initial(name: &str) -> &'static str {
    let folded = crate::slug::fold(name);
    match folded.chars().next() {
        Some(c @ 'a'..='z') => INITIALS[(c as u8 - b'a') as usize],
        Some('0'..='9') => "0-9",
        _ => "_",
    }
}

/// The claims of `list` (in site order) that fall in `period`.
pub fn within(site: &Site, list: &[ClaimId], period: Period) -> Vec<ClaimId> {
    list.iter()
        .copied()
        .filter(|&id| {
            let (year, month) = month_of(site.claims[id].date);
            year == period.year && (period.month == 0 || month == period.month)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `per_month[i]` items in month 12 - i of `year`, newest first.
    fn dates(year: i32, per_month: &[usize]) -> Vec<(i32, u32)> {
        per_month
            .iter()
            .enumerate()
            .flat_map(|(i, &n)| std::iter::repeat_n((year, 12 - i as u32), n))
            .collect()
    }

    #[test]
    fn a_short_year_is_one_part_and_a_long_one_is_split_by_month() {
        let mut list = dates(2024, &[150, 100]);
        list.extend(dates(2023, &[100, 90]));
        let parts = split_dated(&list).expect("440 items are split");
        let shape: Vec<(i32, u32, usize, bool)> = parts
            .iter()
            .map(|p| (p.period.year, p.period.month, p.items.len(), p.split))
            .collect();
        assert_eq!(
            shape,
            [
                (2024, 0, 0, true),
                (2024, 12, 150, false),
                (2024, 11, 100, false),
                (2023, 0, 190, false)
            ]
        );
        assert_eq!(parts[3].items[0], 250, "places in the list");
        assert!(split_dated(&dates(2024, &[MAX_LIST_ITEMS])).is_none());
    }

    #[test]
    fn a_long_years_claims_of_unknown_month_are_a_part_of_their_own() {
        let mut list = dates(2024, &[150, 100]);
        list.extend(std::iter::repeat_n((2024, UNKNOWN_MONTH), 3));
        let parts = split_dated(&list).expect("253 items are split");
        let last = parts.last().expect("parts");
        assert_eq!((last.period.month, last.items.len()), (UNKNOWN_MONTH, 3));
        assert_eq!(part_path("timeline/", last.period), "timeline/2024/00/");
        let date = ClaimDate::parse("2024").unwrap();
        assert_eq!(month_of(date), (2024, UNKNOWN_MONTH));
    }
}
