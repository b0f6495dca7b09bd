//! Page jobs: what each page kind puts in its template's context, and the non-HTML outputs.

use super::i18n::{self, format_date};
use super::values::{LinkValue, rating_ref, source_value};
use super::{
    Output, RenderError, Renderer, assets, charts, data, feeds, jsonld, markdown, search,
    theme::Theme,
};
use crate::model::{ActorId, ClaimId, RatingId, Site, TagId, timeline};
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Tera, Value};

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
    let mut jobs = vec![
        Job::Timeline,
        Job::Home,
        Job::Actors,
        Job::Ratings,
        Job::Tags,
        Job::Corrections,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((0..site.ratings.len()).map(Job::Rating));
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend((0..site.actors.len()).map(Job::Actor));
    jobs.extend((0..site.claims.len()).map(Job::Claim));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.actors.len()).map(Job::ActorFeed));
    jobs.extend([
        Job::Feed,
        Job::CorrectionsFeed,
        Job::Sitemap,
        Job::Robots,
        Job::NoJekyll,
        Job::RatingsCss,
        Job::SearchIndex,
        Job::ClaimsJson,
        Job::ClaimsCsv,
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

/// The globals every template sees: `site` (title, language, navigation, scale) and `t` (UI strings).
pub fn set_globals(tera: &mut Tera, site: &Site, values: &super::SharedValues, has_code: bool) {
    let urls = &site.config.urls;
    let t = i18n::strings(site.config.language);
    #[derive(Serialize)]
    struct Nav<'a> {
        label: &'a str,
        url: String,
        kind: &'a str,
    }
    let nav = vec![
        Nav {
            label: t["timeline"],
            url: urls.path(site_path::TIMELINE),
            kind: "timeline",
        },
        Nav {
            label: t["actors"],
            url: urls.path(site_path::ACTORS),
            kind: "actors",
        },
        Nav {
            label: t["ratings"],
            url: urls.path(site_path::RATINGS),
            kind: "ratings",
        },
        Nav {
            label: t["tags"],
            url: urls.path(site_path::TAGS),
            kind: "tags",
        },
        Nav {
            label: t["search"],
            url: urls.path(site_path::SEARCH),
            kind: "search",
        },
    ];
    let pages: Vec<LinkValue> = site
        .pages
        .iter()
        .map(|p| LinkValue {
            name: &p.title,
            url: urls.path(&site_path::page(&p.slug)),
        })
        .collect();
    let global = serde_json::json!({
        "title": site.config.title,
        "description": site.config.description,
        "lang": site.config.language.code(),
        "base_url": urls.base_url(),
        "base_path": urls.base_path(),
        "home_url": urls.path(site_path::HOME),
        "feed_url": urls.path(site_path::FEED),
        "corrections_url": urls.path(site_path::CORRECTIONS),
        "corrections_feed_url": urls.path(site_path::CORRECTIONS_FEED),
        "search_url": urls.path(site_path::SEARCH),
        "search_index_url": urls.path(site_path::SEARCH_INDEX),
        "claims_json_url": urls.path(site_path::CLAIMS_JSON),
        "claims_csv_url": urls.path(site_path::CLAIMS_CSV),
        "css_url": urls.path("assets/site.css"),
        "ratings_css_url": urls.path(assets::RATINGS_CSS),
        "js_url": urls.path("assets/site.js"),
        "highlight_css_url": if has_code { Some(urls.path(assets::HIGHLIGHT_CSS)) } else { None },
        "publisher": { "name": site.config.publisher.name, "url": site.config.publisher.url.clone().unwrap_or_else(|| urls.base_url()) },
        "nav": nav,
        "pages": pages,
        "claim_count": site.claims.len(),
        "updated": site.updated.map(|d| format_date(d, site.config.language)),
    });
    let mut global = Value::from_serializable(&global)
        .into_map()
        .expect("an object");
    global.insert("ratings".into(), Value::from(values.ratings.clone()));
    let ctx = tera.global_context();
    ctx.insert_value("site", Value::from(global));
    ctx.insert("t", &t);
}

#[derive(Serialize)]
struct PageMeta<'a> {
    kind: &'a str,
    title: String,
    description: String,
    url: String,
    canonical: String,
    feed_url: Option<String>,
    feed_title: Option<String>,
}

fn meta(
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

fn index_html(path: &str) -> String {
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
        let text = r
            .theme
            .tera
            .render(template, &ctx)
            .map_err(|e| RenderError::Page {
                page: meta.url.clone(),
                message: format!("{template}: {e}"),
            })?;
        Ok(Output {
            path,
            bytes: text.into_bytes(),
        })
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
        Job::Claim(id) => claim_page(r, id, &html),
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
        Job::Actor(id) => actor_page(r, id, &html),
        Job::ActorFeed(id) => {
            let actor = &site.actors[id];
            let claims: Vec<ClaimId> = actor
                .claims_made
                .iter()
                .chain(&actor.claims_about)
                .copied()
                .collect();
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
        Job::Sitemap => bytes(site_path::SITEMAP, assets::sitemap(site)),
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

type HtmlFn<'a> = dyn Fn(&str, String, PageMeta, Context) -> Result<Output, RenderError> + 'a;

fn claim_page(r: &Renderer, id: ClaimId, html: &HtmlFn) -> Result<Output, RenderError> {
    let site = r.site;
    let claim = &site.claims[id];
    let path = site_path::claim(&claim.slug);
    #[derive(Serialize)]
    struct CorrectionValue<'a> {
        date: String,
        date_iso: String,
        note: &'a str,
        previous_rating: Option<super::values::RatingRef<'a>>,
    }
    #[derive(Serialize)]
    struct Detail<'a> {
        source: super::values::SourceValue<'a>,
        sources: Vec<super::values::SourceValue<'a>>,
        corrections: Vec<CorrectionValue<'a>>,
        modified: Option<String>,
        modified_iso: Option<String>,
    }
    let modified = claim.modified();
    let detail = Detail {
        source: source_value(site, &claim.source),
        sources: claim
            .sources
            .iter()
            .map(|s| source_value(site, s))
            .collect(),
        corrections: claim
            .corrections
            .iter()
            .rev()
            .map(|c| CorrectionValue {
                date: format_date(c.date, site.config.language),
                date_iso: c.date.to_string(),
                note: &c.note,
                previous_rating: c.previous_rating.map(|p| rating_ref(site, p)),
            })
            .collect(),
        modified: (modified > claim.published).then(|| format_date(modified, site.config.language)),
        modified_iso: (modified > claim.published).then(|| modified.to_string()),
    };
    let mut value = r.values.claims[id]
        .clone()
        .into_map()
        .expect("a claim is a map");
    for (k, v) in Value::from_serializable(&detail)
        .into_map()
        .expect("a struct is a map")
    {
        value.insert(k, v);
    }
    value.insert(
        "body".into(),
        Value::safe_string(&markdown::to_html(&claim.body, r.markdown)),
    );
    value.insert("related".into(), r.values.claim_list(&r.related[id]));
    let mut ctx = Context::new();
    ctx.insert_value("claim", Value::from(value));
    ctx.insert_value(
        "jsonld",
        Value::safe_string(&jsonld::claim_review(site, claim)),
    );
    let description = match &claim.summary {
        Some(s) => format!(
            "« {} » — {} : {}",
            claim.claim, site.ratings[claim.rating].label, s
        ),
        None => format!("« {} » — {}", claim.claim, site.ratings[claim.rating].label),
    };
    html(
        "claim.html",
        index_html(&path),
        meta(site, "claim", claim.title.clone(), description, &path),
        ctx,
    )
}

fn actor_page(r: &Renderer, id: ActorId, html: &HtmlFn) -> Result<Output, RenderError> {
    let site = r.site;
    let actor = &site.actors[id];
    let path = site_path::actor(&actor.slug);
    let t = i18n::strings(site.config.language);
    let mut value = r.values.actors[id]
        .clone()
        .into_map()
        .expect("an actor is a map");
    value.insert("aliases".into(), Value::from_serializable(&actor.aliases));
    value.insert("website".into(), Value::from_serializable(&actor.url));
    value.insert(
        "bio".into(),
        Value::safe_string(&markdown::to_html(&actor.bio, r.markdown)),
    );
    let mut ctx = Context::new();
    ctx.insert_value("actor", Value::from(value));
    let all: Vec<ClaimId> = actor
        .claims_made
        .iter()
        .chain(&actor.claims_about)
        .copied()
        .collect();
    ctx.insert(
        "chart",
        &charts::monthly(site, &all, "chart-actor", t["chart_title"]),
    );
    let title = format!("{} — {}", t["scorecard"], actor.name);
    let card = charts::scorecard(site, &actor.claims_made, "scorecard-actor", &title);
    ctx.insert("scorecard", &card);
    ctx.insert("scorecard_min", &site.config.scorecard.min_claims);
    ctx.insert_value(
        "made_groups",
        r.values
            .timeline(site, &timeline::group(site, &actor.claims_made)),
    );
    ctx.insert_value(
        "about_groups",
        r.values
            .timeline(site, &timeline::group(site, &actor.claims_about)),
    );
    let description = actor.description.clone().unwrap_or_else(|| {
        format!(
            "{} — {}",
            actor.name,
            i18n::count(actor.claim_count(), t["claim_word"], t["claims_word"])
        )
    });
    let mut m = meta(site, "actor", actor.name.clone(), description, &path);
    m.feed_url = Some(site.config.urls.path(&site_path::actor_feed(&actor.slug)));
    m.feed_title = Some(format!("{} — {}", t["feed"], actor.name));
    html("actor.html", index_html(&path), m, ctx)
}
