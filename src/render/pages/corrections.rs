//! The corrections page: every correction, newest first, under the corrections policy; past a
//! page's worth, split by year and month on stable URLs like long lists (`model::periods`).

use super::frame::{html, meta};
use super::parts;
use crate::model::periods::{self, Period, part_path};
use crate::model::{ClaimId, Correction};
use crate::render::i18n::{Strings, format_date};
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use crate::render::values::{RatingRef, rating_ref};
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Value};

/// The periods of the corrections pages, when the corrections are split.
pub fn split(site: &crate::model::Site) -> Vec<Period> {
    let dates: Vec<_> = site
        .corrections()
        .iter()
        .map(|(_, c)| periods::month_of_day(c.date))
        .collect();
    periods::split_dated(&dates)
        .map(|parts| parts.iter().map(|p| p.period).collect())
        .unwrap_or_default()
}

/// `/corrections/` (`period` None: the policy, then every correction or the newest part) or
/// one of its parts.
pub fn page(r: &Renderer, t: &Strings, period: Option<Period>) -> Result<Vec<u8>, RenderError> {
    let site = r.site;
    let all = site.corrections();
    let dates: Vec<_> = all
        .iter()
        .map(|(_, c)| periods::month_of_day(c.date))
        .collect();
    let split = periods::split_dated(&dates);
    let mut ctx = Context::new();
    let shown: Vec<usize> = match &split {
        None => (0..all.len()).collect(),
        Some(parts) => {
            let part = match period {
                None => parts.iter().find(|p| !p.items.is_empty()),
                Some(period) => parts.iter().find(|p| p.period == period),
            };
            let index = parts.iter().map(|p| (p.period, p.items.len()));
            ctx.insert_value("parts", parts::index(site, site_path::CORRECTIONS, index));
            if let Some(part) = part.filter(|_| period.is_none()) {
                ctx.insert("latest_period", &parts::period_label(site, part.period));
            }
            part.map(|p| p.items.clone()).unwrap_or_default()
        }
    };
    let items: Vec<Value> = shown.iter().map(|&i| item(r, all[i])).collect();
    ctx.insert_value("corrections", Value::from(items));
    let Some(period) = period else {
        if let Some(policy) = &site.corrections_policy {
            ctx.insert("policy_title", &policy.title);
            ctx.insert_value(
                "policy",
                Value::safe_string(
                    &r.markdown(&policy.body, &crate::urls::site_path::page(&policy.slug)),
                ),
            );
        }
        let mut m = meta(
            site,
            "corrections",
            t["corrections"].to_string(),
            t["corrections_intro"].to_string(),
            site_path::CORRECTIONS,
        );
        m.feed_url = Some(site.config.urls.path(site_path::CORRECTIONS_FEED));
        m.feed_title = Some(t["corrections_feed"].to_string());
        return html(r, "corrections.html", m, ctx);
    };
    let label = parts::period_label(site, period);
    ctx.insert("period", &label);
    let periods: Vec<Period> = split.iter().flatten().map(|p| p.period).collect();
    let at = periods.iter().position(|p| *p == period);
    let neighbour = |i: Option<usize>| {
        let p = periods.get(i?)?;
        Some(
            site.config
                .urls
                .path(&part_path(site_path::CORRECTIONS, *p)),
        )
    };
    let (newer, older) = (
        neighbour(at.and_then(|i| i.checked_sub(1))),
        neighbour(at.map(|i| i + 1)),
    );
    ctx.insert("newer_url", &newer);
    ctx.insert("older_url", &older);
    let title = format!("{} · {label}", t["corrections"]);
    let path = part_path(site_path::CORRECTIONS, period);
    let mut m = meta(
        site,
        "corrections",
        title,
        t["corrections_intro"].to_string(),
        &path,
    );
    m.prev_url = newer;
    m.next_url = older;
    html(r, "corrections.html", m, ctx)
}

fn item(r: &Renderer, (claim_id, c): (ClaimId, &Correction)) -> Value {
    #[derive(Serialize)]
    struct Item<'a> {
        date: String,
        date_iso: String,
        note: &'a str,
        previous_rating: Option<RatingRef<'a>>,
        rating_after: Option<RatingRef<'a>>,
    }
    let site = r.site;
    let mut item = Value::from_serializable(&Item {
        date: format_date(c.date, site.config.language),
        date_iso: c.date.to_string(),
        note: &c.note,
        previous_rating: c.previous_rating.map(|p| rating_ref(site, p)),
        rating_after: c.rating_after.map(|p| rating_ref(site, p)),
    })
    .into_map()
    .expect("a struct is a map");
    item.insert("claim".into(), r.values.claims[claim_id].clone());
    Value::from(item)
}
