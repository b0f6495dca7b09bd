//! The parts of long lists (`model::periods`): the timeline's, an actor's, a rating's and a tag's
//! claims split by year and month, each part a page of its own, with the index of every part on
//! the list's first page and on each part.

use super::frame::{html, meta};
use crate::model::periods::{self, Listed, Period, part_path};
use crate::model::{ClaimId, Site, timeline};
use crate::render::i18n::{Strings, format_month, format_unknown_month};
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use serde::Serialize;
use tera::{Context, Value};

/// A split list's first page shows its newest part's claims and the index of every part (put
/// into `ctx` as `parts` and `latest_period`): the claims to show, or `None` when the list is not
/// split.
pub fn first_page(r: &Renderer, ctx: &mut Context, list: Listed) -> Option<(Period, Vec<ClaimId>)> {
    let site = r.site;
    let parts = r.parts(list)?;
    let newest = parts.iter().find(|p| !p.claims.is_empty())?;
    let counts = parts.iter().map(|p| (p.period, p.claims.len()));
    ctx.insert_value("parts", index(site, &list.path(site), counts));
    ctx.insert("latest_period", &period_label(site, newest.period));
    Some((newest.period, newest.claims.clone()))
}

#[derive(Serialize)]
struct IndexEntry {
    label: String,
    url: String,
    count: usize,
    months: Vec<IndexEntry>,
}

/// Years, newest first, each with its count and, when split, its months.
pub fn index(site: &Site, list_path: &str, parts: impl Iterator<Item = (Period, usize)>) -> Value {
    let urls = &site.config.urls;
    let mut years: Vec<IndexEntry> = Vec::new();
    for (period, count) in parts {
        let entry = IndexEntry {
            label: period_label(site, period),
            url: urls.path(&part_path(list_path, period)),
            count,
            months: Vec::new(),
        };
        match (period.month, years.last_mut()) {
            (0, _) | (_, None) => years.push(entry),
            (_, Some(year)) => {
                year.count += entry.count;
                year.months.push(entry);
            }
        }
    }
    Value::from_serializable(&years)
}

fn title(site: &Site, t: &Strings, list: Listed) -> String {
    match list {
        Listed::Timeline => t["timeline"].to_string(),
        Listed::Actor(id) => site.actors[id].name.clone(),
        Listed::Rating(id) => site.ratings[id].label.clone(),
        Listed::Tag(id) => site.tags[id].name.clone(),
    }
}

/// "2024", "juin 2024", "2024 (mois inconnu)".
pub fn period_label(site: &Site, period: Period) -> String {
    match period.month {
        0 => period.year.to_string(),
        periods::UNKNOWN_MONTH => format_unknown_month(period.year, site.config.language),
        m => format_month(period.year, m, site.config.language),
    }
}

/// The page of one part of a list.
pub fn page(
    r: &Renderer,
    t: &Strings,
    list: Listed,
    period: Period,
) -> Result<Vec<u8>, RenderError> {
    let site = r.site;
    let list_path = list.path(site);
    let parts = r.parts(list).unwrap_or_default();
    let at = parts.iter().position(|p| p.period == period);
    let part = at.map(|i| &parts[i]);
    let label = period_label(site, period);
    let list_title = title(site, t, list);
    let mut ctx = Context::new();
    ctx.insert("list_title", &list_title);
    // The title's language when not the page's: an untranslated profile's, a rating's label.
    let list_lang = match list {
        Listed::Actor(id) => site.actors[id].lang,
        Listed::Rating(id) => site.ratings[id].label_lang,
        Listed::Timeline | Listed::Tag(_) => None,
    };
    ctx.insert("list_lang", &crate::render::values::lang(list_lang));
    ctx.insert("list_url", &site.config.urls.path(&list_path));
    ctx.insert("period", &label);
    let counts = parts.iter().map(|p| (p.period, p.claims.len()));
    ctx.insert_value("parts", index(site, &list_path, counts));
    let claims = part.map_or(&[][..], |p| p.claims.as_slice());
    let split = part.is_some_and(|p| p.split);
    let count = match (split, at) {
        // A split year's claims are in the months that follow it.
        (true, Some(i)) => parts[i + 1..]
            .iter()
            .take_while(|p| p.period.year == period.year)
            .map(|p| p.claims.len())
            .sum(),
        _ => claims.len(),
    };
    ctx.insert("count", &count);
    ctx.insert("is_actor", &matches!(list, Listed::Actor(_)));
    match list {
        Listed::Actor(id) => {
            let actor = &site.actors[id];
            let made = periods::within(site, &actor.claims_made, period);
            let about = periods::within(site, &actor.claims_about, period);
            ctx.insert_value(
                "made_groups",
                r.values.timeline(site, &timeline::group(site, &made)),
            );
            ctx.insert_value(
                "about_groups",
                r.values.timeline(site, &timeline::group(site, &about)),
            );
        }
        _ => ctx.insert_value(
            "groups",
            r.values.timeline(site, &timeline::group(site, claims)),
        ),
    }
    ctx.insert("split", &split);
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| parts.get(i))
            .map(|p| site.config.urls.path(&part_path(&list_path, p.period)))
    };
    // Parts run newest first: the previous page is the newer one.
    let newer = neighbour(at.and_then(|i| i.checked_sub(1)));
    let older = neighbour(at.map(|i| i + 1));
    ctx.insert("newer_url", &newer);
    ctx.insert("older_url", &older);
    let path = part_path(&list_path, period);
    let description = format!("{list_title} — {label}");
    let mut m = meta(
        site,
        "part",
        format!("{list_title} · {label}"),
        description,
        &path,
    );
    m.prev_url = newer;
    m.next_url = older;
    html(r, "list_part.html", m, ctx)
}
