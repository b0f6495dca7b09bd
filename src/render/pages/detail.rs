//! The two detail pages: a claim (with its JSON-LD, sources, corrections and related claims) and
//! an actor (profile, scorecard, chart and timelines).

use super::{HtmlFn, index_html, meta};
use crate::model::{ActorId, ClaimId, timeline};
use crate::render::i18n::{self, format_date};
use crate::render::values::{rating_ref, source_value};
use crate::render::{Output, RenderError, Renderer, charts, jsonld, markdown};
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Value};

pub(super) fn claim_page(r: &Renderer, id: ClaimId, html: &HtmlFn) -> Result<Output, RenderError> {
    let site = r.site;
    let claim = &site.claims[id];
    let path = site_path::claim(&claim.slug);
    #[derive(Serialize)]
    struct CorrectionValue<'a> {
        date: String,
        date_iso: String,
        note: &'a str,
        previous_rating: Option<crate::render::values::RatingRef<'a>>,
    }
    #[derive(Serialize)]
    struct Detail<'a> {
        source: crate::render::values::SourceValue<'a>,
        sources: Vec<crate::render::values::SourceValue<'a>>,
        corrections: Vec<CorrectionValue<'a>>,
        modified: Option<String>,
        modified_iso: Option<String>,
        /// Where an imported fact-check was first published.
        original_url: Option<&'a str>,
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
        original_url: claim.original_url.as_deref(),
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
    let description = crate::render::verdict_line(site, claim);
    html(
        "claim.html",
        index_html(&path),
        meta(site, "claim", claim.title.clone(), description, &path),
        ctx,
    )
}

pub(super) fn actor_page(r: &Renderer, id: ActorId, html: &HtmlFn) -> Result<Output, RenderError> {
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
    let all = actor.all_claims();
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
