//! The pages that list claims or actors: home, timeline, actors, ratings, tags, corrections,
//! search and the 404 page. One function per page kind.

use super::frame::{html, meta};
use super::parts;
use crate::model::periods::Listed;
use crate::model::{ActorId, ClaimId, RatingId, TagId, timeline};
use crate::render::charts;
use crate::render::i18n::{self, Strings};
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use crate::urls::site_path;
use tera::{Context, Value};

type Page = Result<Vec<u8>, RenderError>;

pub fn home(r: &Renderer, t: &Strings) -> Page {
    let site = r.site;
    let mut ctx = Context::new();
    let latest: Vec<ClaimId> = site.claims.ids().take(site.config.home_latest).collect();
    ctx.insert_value("latest", r.values.claim_list(&latest));
    let description = match site.config.description.is_empty() {
        true => site.config.title.clone(),
        false => site.config.description.clone(),
    };
    let mut m = meta(
        site,
        "home",
        site.config.title.clone(),
        description,
        site_path::HOME,
    );
    m.feed_url = Some(site.config.urls.path(site_path::FEED));
    m.feed_title = Some(t["feed"].to_string());
    html(r, "index.html", m, ctx)
}

pub fn timeline(r: &Renderer, t: &Strings) -> Page {
    let site = r.site;
    let all: Vec<ClaimId> = site.claims.ids().collect();
    let mut ctx = Context::new();
    let shown = parts::first_page(r, &mut ctx, Listed::Timeline)
        .map_or_else(|| all.clone(), |(_, latest)| latest);
    ctx.insert_value(
        "groups",
        r.values.timeline(site, &timeline::group(site, &shown)),
    );
    ctx.insert("count", &all.len());
    ctx.insert_value("filter_actors", top_actors(r, 200));
    let chart = charts::monthly(site, &all, "chart-timeline", t["chart_title"]);
    ctx.insert("chart", &chart);
    let m = meta(
        site,
        "timeline",
        t["timeline"].to_string(),
        t["all_claims_timeline"].to_string(),
        site_path::TIMELINE,
    );
    html(r, "timeline.html", m, ctx)
}

pub fn ratings(r: &Renderer, t: &Strings) -> Page {
    let m = meta(
        r.site,
        "ratings",
        t["ratings"].to_string(),
        t["ratings_intro"].to_string(),
        site_path::RATINGS,
    );
    html(r, "ratings.html", m, Context::new())
}

pub fn rating(r: &Renderer, t: &Strings, id: RatingId) -> Page {
    let site = r.site;
    let rating = &site.ratings[id];
    let mut ctx = Context::new();
    ctx.insert_value("rating", r.values.ratings[id].clone());
    let shown = parts::first_page(r, &mut ctx, Listed::Rating(id))
        .map_or_else(|| rating.claims.clone(), |(_, latest)| latest);
    ctx.insert_value(
        "groups",
        r.values.timeline(site, &timeline::group(site, &shown)),
    );
    let description = rating
        .description
        .clone()
        .unwrap_or_else(|| t["rating_page_intro"].to_string());
    let path = site_path::rating(&rating.key);
    let mut m = meta(site, "rating", rating.label.clone(), description, &path);
    m.feed_url = Some(site.config.urls.path(&site_path::rating_feed(&rating.key)));
    m.feed_title = Some(format!("{} — {}", t["feed"], rating.label));
    html(r, "rating.html", m, ctx)
}

pub fn tags(r: &Renderer, t: &Strings) -> Page {
    let mut ctx = Context::new();
    ctx.insert_value("tags", Value::from(r.values.tags.as_slice().to_vec()));
    let m = meta(
        r.site,
        "tags",
        t["tags"].to_string(),
        t["tags_intro"].to_string(),
        site_path::TAGS,
    );
    html(r, "tags.html", m, ctx)
}

pub fn tag(r: &Renderer, t: &Strings, id: TagId) -> Page {
    let site = r.site;
    let tag = &site.tags[id];
    let mut ctx = Context::new();
    ctx.insert_value("tag", r.values.tags[id].clone());
    let chart = charts::monthly(site, &tag.claims, "chart-tag", t["chart_title"]);
    ctx.insert("chart", &chart);
    let shown = parts::first_page(r, &mut ctx, Listed::Tag(id))
        .map_or_else(|| tag.claims.clone(), |(_, latest)| latest);
    ctx.insert_value(
        "groups",
        r.values.timeline(site, &timeline::group(site, &shown)),
    );
    let description = format!(
        "{} — {}",
        tag.name,
        i18n::count(
            tag.claims.len(),
            t["claim_word"],
            t["claims_word"],
            site.config.language
        )
    );
    let path = site_path::tag(&tag.slug);
    let mut m = meta(site, "tag", tag.name.clone(), description, &path);
    m.feed_url = Some(site.config.urls.path(&site_path::tag_feed(&tag.slug)));
    m.feed_title = Some(format!("{} — {}", t["feed"], tag.name));
    html(r, "tag.html", m, ctx)
}

pub fn search(r: &Renderer, t: &Strings) -> Page {
    let m = meta(
        r.site,
        "search",
        t["search"].to_string(),
        t["search_label"].to_string(),
        site_path::SEARCH,
    );
    html(r, "search.html", m, Context::new())
}

pub fn not_found(r: &Renderer, t: &Strings) -> Page {
    let mut m = meta(
        r.site,
        "404",
        t["not_found_title"].to_string(),
        t["not_found_text"].to_string(),
        site_path::NOT_FOUND,
    );
    m.canonical = String::new();
    html(r, "404.html", m, Context::new())
}

/// The actors with the most claims, by name, for the timeline's actor filter.
fn top_actors(r: &Renderer, limit: usize) -> Value {
    let site = r.site;
    let mut order: Vec<ActorId> = site
        .actors
        .ids()
        .filter(|&a| site.actors[a].claim_count() > 0)
        .collect();
    order.sort_by(|&a, &b| {
        site.actors[b]
            .claim_count()
            .cmp(&site.actors[a].claim_count())
            .then(a.cmp(&b))
    });
    order.truncate(limit);
    order.sort();
    Value::from(
        order
            .iter()
            .map(|&a| r.values.actors[a].clone())
            .collect::<Vec<_>>(),
    )
}
