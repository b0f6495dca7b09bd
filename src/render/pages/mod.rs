//! Page jobs: what each page kind puts in its template's context, and the non-HTML outputs.

mod detail;
mod globals;

pub use globals::set_globals;

use super::i18n::{self, format_date};
use super::values::rating_ref;
use super::{
    Output, RenderError, Renderer, assets, charts, data, feeds, markdown, search, sitemap,
    theme::Theme,
};
use crate::model::{ActorId, ClaimId, RatingId, Site, TagId, timeline};
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    Claim(ClaimId),
    Timeline,
    Actors,
    Actor(ActorId),
    ActorFeed(ActorId),
    Ratings,
    Rating(RatingId),
    Tags,
    Tag(TagId),
    Page(usize),
    Corrections,
    CorrectionsFeed,
    Search,
    SearchIndex,
    NotFound,
    Feed,
    Sitemap,
    /// One part (from 1) of a sitemap split by the protocol's limits.
    SitemapPart(usize),
    Robots,
    NoJekyll,
    Cname,
    RatingsCss,
    HighlightCss,
    Asset(usize),
    ClaimsJson,
    ClaimsCsv,
}

pub fn plan(site: &Site, has_code: bool, theme: &Theme) -> Vec<Job> {
    // The single big jobs (every claim on one page or in one file) go first, so that the two
    // workers are not left waiting on one of them at the end.
    let mut jobs = vec![
        Job::Timeline,
        Job::ClaimsJson,
        Job::SearchIndex,
        Job::ClaimsCsv,
        Job::Feed,
        Job::Sitemap,
        Job::Home,
        Job::Actors,
        Job::Ratings,
        Job::Tags,
        Job::Corrections,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((1..=sitemap::part_count(site)).map(Job::SitemapPart));
    jobs.extend((0..site.ratings.len()).map(Job::Rating));
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend((0..site.actors.len()).map(Job::Actor));
    jobs.extend((0..site.claims.len()).map(Job::Claim));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.actors.len()).map(Job::ActorFeed));
    jobs.extend([
        Job::CorrectionsFeed,
        Job::Robots,
        Job::NoJekyll,
        Job::RatingsCss,
    ]);
    jobs.extend((0..theme.assets.len()).map(Job::Asset));
    if has_code {
        jobs.push(Job::HighlightCss);
    }
    if site.config.cname.is_some() {
        jobs.push(Job::Cname);
    }
    jobs
}

#[derive(Serialize)]
pub(super) struct PageMeta<'a> {
    kind: &'a str,
    title: String,
    description: String,
    url: String,
    canonical: String,
    feed_url: Option<String>,
    feed_title: Option<String>,
}

pub(super) fn meta(
    site: &Site,
    kind: &'static str,
    title: String,
    description: String,
    path: &str,
) -> PageMeta<'static> {
    let urls = &site.config.urls;
    PageMeta {
        kind,
        title,
        description,
        url: urls.path(path),
        canonical: urls.absolute(path),
        feed_url: None,
        feed_title: None,
    }
}

pub(super) fn index_html(path: &str) -> String {
    format!("{path}index.html")
}

pub fn render(r: &Renderer, job: &Job) -> Result<Output, RenderError> {
    let site = r.site;
    let t = i18n::strings(site.config.language);
    let html = |template: &str,
                path: String,
                meta: PageMeta,
                ctx: Context|
     -> Result<Output, RenderError> {
        let mut ctx = ctx;
        ctx.insert("page", &meta);
        // Rendered straight into bytes: `Tera::render` would check the whole page is UTF-8
        // again (it is by construction), a twentieth of a 10,000-claim build.
        let mut bytes = Vec::with_capacity(16 * 1024);
        r.theme
            .tera
            .render_to(template, &ctx, &mut bytes)
            .map_err(|e| RenderError::Page {
                page: meta.url.clone(),
                message: format!("{template}: {e}"),
            })?;
        Ok(Output { path, bytes })
    };
    let bytes = |path: &str, bytes: Vec<u8>| {
        Ok(Output {
            path: path.to_string(),
            bytes,
        })
    };
    match *job {
        Job::Home => {
            let mut ctx = Context::new();
            let latest: Vec<ClaimId> =
                (0..site.claims.len().min(site.config.home_latest)).collect();
            ctx.insert_value("latest", r.values.claim_list(&latest));
            let description = if site.config.description.is_empty() {
                site.config.title.clone()
            } else {
                site.config.description.clone()
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
            html("index.html", "index.html".into(), m, ctx)
        }
        Job::Claim(id) => detail::claim_page(r, id, &html),
        Job::Timeline => {
            let all: Vec<ClaimId> = (0..site.claims.len()).collect();
            let mut ctx = Context::new();
            ctx.insert_value(
                "groups",
                r.values.timeline(site, &timeline::group(site, &all)),
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
            html("timeline.html", index_html(site_path::TIMELINE), m, ctx)
        }
        Job::Actors => {
            let mut order: Vec<ActorId> = (0..site.actors.len()).collect();
            order.sort_by(|&a, &b| {
                site.actors[b]
                    .claim_count()
                    .cmp(&site.actors[a].claim_count())
                    .then(a.cmp(&b))
            });
            let mut ctx = Context::new();
            let rows: Vec<Value> = order
                .iter()
                .map(|&a| {
                    let actor = &site.actors[a];
                    let mut row = r.values.actors[a]
                        .clone()
                        .into_map()
                        .expect("an actor is a map");
                    let title = format!("{} — {}", t["scorecard"], actor.name);
                    let id = format!("sc-{}", actor.slug);
                    let card = charts::scorecard(site, &actor.claims_made, &id, &title);
                    row.insert("scorecard".into(), Value::from_serializable(&card));
                    Value::from(row)
                })
                .collect();
            ctx.insert_value("actors", Value::from(rows));
            ctx.insert("scorecard_min", &site.config.scorecard.min_claims);
            let m = meta(
                site,
                "actors",
                t["actors"].to_string(),
                t["actors_intro"].to_string(),
                site_path::ACTORS,
            );
            html("actors.html", index_html(site_path::ACTORS), m, ctx)
        }
        Job::Actor(id) => detail::actor_page(r, id, &html),
        Job::ActorFeed(id) => {
            let actor = &site.actors[id];
            let claims = actor.all_claims();
            let title = format!("{} — {}", site.config.title, actor.name);
            bytes(
                &site_path::actor_feed(&actor.slug),
                feeds::claims_feed(
                    site,
                    &site_path::actor_feed(&actor.slug),
                    &site_path::actor(&actor.slug),
                    title,
                    &claims,
                ),
            )
        }
        Job::Ratings => {
            let m = meta(
                site,
                "ratings",
                t["ratings"].to_string(),
                t["ratings_intro"].to_string(),
                site_path::RATINGS,
            );
            html(
                "ratings.html",
                index_html(site_path::RATINGS),
                m,
                Context::new(),
            )
        }
        Job::Rating(id) => {
            let rating = &site.ratings[id];
            let path = site_path::rating(&rating.key);
            let mut ctx = Context::new();
            ctx.insert_value("rating", r.values.ratings[id].clone());
            ctx.insert_value(
                "groups",
                r.values
                    .timeline(site, &timeline::group(site, &rating.claims)),
            );
            let description = rating
                .description
                .clone()
                .unwrap_or_else(|| t["rating_page_intro"].to_string());
            html(
                "rating.html",
                index_html(&path),
                meta(site, "rating", rating.label.clone(), description, &path),
                ctx,
            )
        }
        Job::Tags => {
            let mut ctx = Context::new();
            ctx.insert_value("tags", Value::from(r.values.tags.clone()));
            let m = meta(
                site,
                "tags",
                t["tags"].to_string(),
                t["tags_intro"].to_string(),
                site_path::TAGS,
            );
            html("tags.html", index_html(site_path::TAGS), m, ctx)
        }
        Job::Tag(id) => {
            let tag = &site.tags[id];
            let path = site_path::tag(&tag.slug);
            let mut ctx = Context::new();
            ctx.insert_value("tag", r.values.tags[id].clone());
            let chart = charts::monthly(site, &tag.claims, "chart-tag", t["chart_title"]);
            ctx.insert("chart", &chart);
            ctx.insert_value(
                "groups",
                r.values.timeline(site, &timeline::group(site, &tag.claims)),
            );
            let description = format!(
                "{} — {}",
                tag.name,
                i18n::count(tag.claims.len(), t["claim_word"], t["claims_word"])
            );
            html(
                "tag.html",
                index_html(&path),
                meta(site, "tag", tag.name.clone(), description, &path),
                ctx,
            )
        }
        Job::Page(id) => {
            let page = &site.pages[id];
            let path = site_path::page(&page.slug);
            let mut ctx = Context::new();
            ctx.insert_value(
                "content",
                Value::safe_string(&markdown::to_html(&page.body, r.markdown)),
            );
            let description = page
                .description
                .clone()
                .unwrap_or_else(|| page.title.clone());
            html(
                "page.html",
                index_html(&path),
                meta(site, "page", page.title.clone(), description, &path),
                ctx,
            )
        }
        Job::Corrections => {
            #[derive(Serialize)]
            struct Item<'a> {
                date: String,
                date_iso: String,
                note: &'a str,
                previous_rating: Option<super::values::RatingRef<'a>>,
            }
            let items: Vec<Value> = site
                .corrections()
                .iter()
                .map(|(claim_id, c)| {
                    let mut item = Value::from_serializable(&Item {
                        date: format_date(c.date, site.config.language),
                        date_iso: c.date.to_string(),
                        note: &c.note,
                        previous_rating: c.previous_rating.map(|p| rating_ref(site, p)),
                    })
                    .into_map()
                    .expect("a struct is a map");
                    item.insert("claim".into(), r.values.claims[*claim_id].clone());
                    Value::from(item)
                })
                .collect();
            let mut ctx = Context::new();
            ctx.insert_value("corrections", Value::from(items));
            let mut m = meta(
                site,
                "corrections",
                t["corrections"].to_string(),
                t["corrections_intro"].to_string(),
                site_path::CORRECTIONS,
            );
            m.feed_url = Some(site.config.urls.path(site_path::CORRECTIONS_FEED));
            m.feed_title = Some(t["corrections_feed"].to_string());
            html(
                "corrections.html",
                index_html(site_path::CORRECTIONS),
                m,
                ctx,
            )
        }
        Job::CorrectionsFeed => bytes(
            site_path::CORRECTIONS_FEED,
            feeds::corrections_feed(
                site,
                format!("{} — {}", site.config.title, t["corrections"]),
            ),
        ),
        Job::Search => {
            let m = meta(
                site,
                "search",
                t["search"].to_string(),
                t["search_label"].to_string(),
                site_path::SEARCH,
            );
            html(
                "search.html",
                index_html(site_path::SEARCH),
                m,
                Context::new(),
            )
        }
        Job::SearchIndex => bytes(site_path::SEARCH_INDEX, search::index(site)),
        Job::NotFound => {
            let mut m = meta(
                site,
                "404",
                t["not_found_title"].to_string(),
                t["not_found_text"].to_string(),
                site_path::NOT_FOUND,
            );
            m.canonical = String::new();
            html("404.html", site_path::NOT_FOUND.into(), m, Context::new())
        }
        Job::Feed => {
            let all: Vec<ClaimId> = (0..site.claims.len()).collect();
            bytes(
                site_path::FEED,
                feeds::claims_feed(
                    site,
                    site_path::FEED,
                    site_path::HOME,
                    site.config.title.clone(),
                    &all,
                ),
            )
        }
        Job::Sitemap => bytes(site_path::SITEMAP, sitemap::sitemap(site)),
        Job::SitemapPart(n) => bytes(&sitemap::part_path(n), sitemap::part(site, n)),
        Job::Robots => bytes(site_path::ROBOTS, assets::robots(site)),
        Job::NoJekyll => bytes(".nojekyll", Vec::new()),
        Job::Cname => bytes(
            "CNAME",
            format!("{}\n", site.config.cname.as_deref().unwrap_or_default()).into_bytes(),
        ),
        Job::RatingsCss => bytes(assets::RATINGS_CSS, assets::ratings_css(site)),
        Job::HighlightCss => bytes(
            assets::HIGHLIGHT_CSS,
            super::highlight::stylesheet().into_bytes(),
        ),
        Job::Asset(i) => {
            let (name, content) = r
                .theme
                .assets
                .iter()
                .nth(i)
                .expect("planned from the theme");
            bytes(name, content.clone())
        }
        Job::ClaimsJson => bytes(site_path::CLAIMS_JSON, data::claims_json(site)),
        Job::ClaimsCsv => bytes(site_path::CLAIMS_CSV, data::claims_csv(site)),
    }
}

/// The actors with the most claims, by name, for the timeline's actor filter.
fn top_actors(r: &Renderer, limit: usize) -> Value {
    let site = r.site;
    let mut order: Vec<ActorId> = (0..site.actors.len())
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

pub(super) type HtmlFn<'a> =
    dyn Fn(&str, String, PageMeta, Context) -> Result<Output, RenderError> + 'a;
