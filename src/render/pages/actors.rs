//! The actors index: every actor with its counts and scorecard, by number of claims. Past a
//! page's worth of actors it shows the most cited and an index of initials, each initial a page
//! of its own (`/actors/a-z/<initial>/`, actors in name order).

use super::frame::{html, meta};
use crate::model::periods::{actor_initials, initial_path};
use crate::model::{ActorId, Site};
use crate::render::charts;
use crate::render::i18n::Strings;
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Value};

/// How many of the most cited actors the first page of a split index shows.
const MOST_CITED: usize = 100;

/// The initials of a split actors index (none when one page holds every actor).
pub fn initials(site: &Site) -> Vec<&'static str> {
    actor_initials(site)
        .map(|all| all.into_iter().map(|(key, _)| key).collect())
        .unwrap_or_default()
}

/// `/actors/` (`initial` None) or the page of one initial.
pub fn page(r: &Renderer, t: &Strings, initial: Option<&str>) -> Result<Vec<u8>, RenderError> {
    let site = r.site;
    let split = actor_initials(site);
    let mut ctx = Context::new();
    let shown: Vec<ActorId> = match (&split, initial) {
        (None, _) => by_count(site, site.actors.ids().collect()),
        (Some(_), None) => {
            let mut most = by_count(site, site.actors.ids().collect());
            most.truncate(MOST_CITED);
            most
        }
        (Some(all), Some(key)) => all
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, ids)| ids.clone())
            .unwrap_or_default(),
    };
    if let Some(all) = &split {
        ctx.insert_value("initials", index(site, all));
        ctx.insert("most_cited", &initial.is_none());
    }
    let rows: Vec<Value> = shown.iter().map(|&a| row(r, t, a)).collect();
    ctx.insert_value("actors", Value::from(rows));
    ctx.insert("scorecard_min", &site.config.scorecard.min_claims);
    let (title, path) = match initial {
        None => (t["actors"].to_string(), site_path::ACTORS.to_string()),
        Some(key) => (
            format!("{} · {}", t["actors"], label(key, t)),
            initial_path(key),
        ),
    };
    ctx.insert("initial", &initial.map(|key| label(key, t)));
    let m = meta(site, "actors", title, t["actors_intro"].to_string(), &path);
    html(r, "actors.html", m, ctx)
}

/// Most claims first, then name order.
fn by_count(site: &Site, mut ids: Vec<ActorId>) -> Vec<ActorId> {
    ids.sort_by(|&a, &b| {
        site.actors[b]
            .claim_count()
            .cmp(&site.actors[a].claim_count())
            .then(a.cmp(&b))
    });
    ids
}

fn row(r: &Renderer, t: &Strings, id: ActorId) -> Value {
    let site = r.site;
    let actor = &site.actors[id];
    let mut row = r.values.actors[id]
        .clone()
        .into_map()
        .expect("an actor is a map");
    let title = format!("{} — {}", t["scorecard"], actor.name);
    let card_id = format!("sc-{}", actor.slug);
    let card = charts::scorecard(site, &actor.claims_made, &card_id, &title);
    row.insert("scorecard".into(), Value::from_serializable(&card));
    Value::from(row)
}

fn label(key: &str, t: &Strings) -> String {
    match key {
        "0-9" => "0–9".to_string(),
        "_" => t["other_initials"].to_string(),
        letter => letter.to_uppercase(),
    }
}

fn index(site: &Site, all: &[(&'static str, Vec<ActorId>)]) -> Value {
    #[derive(Serialize)]
    struct Initial {
        label: String,
        url: String,
        count: usize,
    }
    let t = crate::render::i18n::strings(site.config.language);
    let initials: Vec<Initial> = all
        .iter()
        .map(|(key, ids)| Initial {
            label: label(key, t),
            url: site.config.urls.path(&initial_path(key)),
            count: ids.len(),
        })
        .collect();
    Value::from_serializable(&initials)
}
