//! The detail pages: a claim (with its JSON-LD, sources, corrections and related claims), an
//! actor (profile, scorecard, chart and timelines) and a plain page.

use super::frame::{html, meta};
use super::{parts, share};
use crate::model::periods::{self, Listed};
use crate::model::{ActorId, ClaimId, PageId, timeline};
use crate::render::i18n::{self, Strings, format_date};
use crate::render::images::{claim_share_image, picture};
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use crate::render::values::{LinkValue, actor_link, lang, rating_ref, source_value};
use crate::render::{charts, jsonld, text};
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Value};

type Page = Result<Vec<u8>, RenderError>;

pub fn claim<'a>(r: &Renderer<'a>, id: ClaimId) -> Page {
    let site = r.site;
    let claim = &site.claims[id];
    let path = site_path::claim(&claim.slug);
    #[derive(Serialize)]
    struct CorrectionValue<'a> {
        date: String,
        date_iso: String,
        note: &'a str,
        previous_rating: Option<crate::render::values::RatingRef<'a>>,
        rating_after: Option<crate::render::values::RatingRef<'a>>,
    }
    /// The notice next to the verdict: when it last changed, and what it was before.
    #[derive(Serialize)]
    struct Rerated<'a> {
        date: String,
        date_iso: String,
        previous_rating: crate::render::values::RatingRef<'a>,
    }
    #[derive(Serialize)]
    struct Detail<'a> {
        /// Every name: list items show only a few (`values::names_shown`).
        claimants: Vec<LinkValue<'a>>,
        claimants_more: usize,
        about: Vec<LinkValue<'a>>,
        about_more: usize,
        source: crate::render::values::SourceValue<'a>,
        sources: Vec<crate::render::values::SourceValue<'a>>,
        corrections: Vec<CorrectionValue<'a>>,
        rerated: Option<Rerated<'a>>,
        modified: Option<String>,
        modified_iso: Option<String>,
        /// Where an imported fact-check was first published.
        original_url: Option<&'a str>,
        /// The claim as it appeared, shown in the verdict card.
        image: Option<ImageValue<'a>>,
        /// The claimant's exact words.
        quote: Option<&'a str>,
        /// The byline: a profile's name links to its page; a name without one has no `url`.
        authors: Vec<Credited<'a>>,
        editors: Vec<Credited<'a>>,
    }
    #[derive(Serialize)]
    struct ImageValue<'a> {
        html: String,
        caption: Option<&'a str>,
        credit: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Credited<'a> {
        name: &'a str,
        url: Option<String>,
        /// The language of `name` when not the page's (an untranslated profile's).
        lang: Option<&'static str>,
    }
    let credited = |c: &'a crate::model::Credit| {
        let (name, slug) = c.shown(site);
        Credited {
            name,
            url: slug.map(|s| site.config.urls.path(&site_path::member(s))),
            lang: match c {
                crate::model::Credit::Member(id) => lang(site.team[*id].lang),
                crate::model::Credit::Named(_) => None,
            },
        }
    };
    let modified = claim.modified();
    let actor_link = |&a: &ActorId| actor_link(site, a);
    let detail = Detail {
        claimants: claim.claimants.iter().map(actor_link).collect(),
        claimants_more: 0,
        about: claim.about.iter().map(actor_link).collect(),
        about_more: 0,
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
                rating_after: c.rating_after.map(|p| rating_ref(site, p)),
            })
            .collect(),
        rerated: claim.last_rerating().and_then(|c| {
            Some(Rerated {
                date: format_date(c.date, site.config.language),
                date_iso: c.date.to_string(),
                previous_rating: rating_ref(site, c.previous_rating?),
            })
        }),
        modified: (modified > claim.published).then(|| format_date(modified, site.config.language)),
        modified_iso: (modified > claim.published).then(|| modified.to_string()),
        original_url: claim.original_url.as_deref(),
        image: claim.image.as_ref().map(|image| {
            let urls = &site.config.urls;
            let info = site.images.get(&image.path);
            ImageValue {
                // Above the fold: not lazy.
                html: picture(&urls.asset(&image.path), info, &image.alt, "", urls, false),
                caption: image.caption.as_deref(),
                credit: image.credit.as_deref(),
            }
        }),
        quote: claim.quote.as_deref(),
        authors: claim.authors.iter().map(credited).collect(),
        editors: claim.editors.iter().map(credited).collect(),
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
        Value::safe_string(&r.markdown(&claim.body, &path)),
    );
    value.insert("related".into(), r.values.claim_list(&r.related[id]));
    let mut ctx = Context::new();
    ctx.insert_value("claim", Value::from(value));
    ctx.insert_value(
        "jsonld",
        Value::safe_string(&jsonld::claim_review(site, claim)),
    );
    ctx.insert("share", &share::links(site, id));
    let description = text::verdict_line(site, claim);
    let mut m = meta(site, "claim", claim.title.clone(), description, &path);
    m.image = Some(claim_share_image(site, claim));
    html(r, "claim.html", m, ctx)
}

pub fn actor(r: &Renderer, t: &Strings, id: ActorId) -> Page {
    let site = r.site;
    let actor = &site.actors[id];
    let path = site_path::actor(&actor.slug);
    let mut value = r.values.actors[id]
        .clone()
        .into_map()
        .expect("an actor is a map");
    value.insert("aliases".into(), Value::from_serializable(&actor.aliases));
    value.insert("website".into(), Value::from_serializable(&actor.url));
    value.insert(
        "bio".into(),
        Value::safe_string(&r.markdown(&actor.bio, &path)),
    );
    let mut ctx = Context::new();
    ctx.insert_value("actor", Value::from(value));
    // The claims the actor made, as the scorecard counts them: a verdict on a claim made
    // about them is not theirs.
    ctx.insert(
        "chart",
        &charts::monthly(site, &actor.claims_made, "chart-actor", t["chart_title"]),
    );
    let title = format!("{} — {}", t["scorecard"], actor.name);
    let card = charts::scorecard(site, &actor.claims_made, "scorecard-actor", &title);
    ctx.insert("scorecard", &card);
    ctx.insert("off_scale", &charts::off_scale(site, &actor.claims_made));
    ctx.insert("scorecard_min", &site.config.scorecard.min_claims);
    // A long list shows its newest part; the others have pages of their own.
    let (made, about) = match parts::first_page(r, &mut ctx, Listed::Actor(id)) {
        Some((period, _)) => (
            periods::within(site, &actor.claims_made, period),
            periods::within(site, &actor.claims_about, period),
        ),
        None => (actor.claims_made.clone(), actor.claims_about.clone()),
    };
    ctx.insert_value(
        "made_groups",
        r.values.timeline(site, &timeline::group(site, &made)),
    );
    ctx.insert_value(
        "about_groups",
        r.values.timeline(site, &timeline::group(site, &about)),
    );
    let description = actor.description.clone().unwrap_or_else(|| {
        format!(
            "{} — {}",
            actor.name,
            i18n::count(
                actor.claim_count(),
                t["claim_word"],
                t["claims_word"],
                site.config.language
            )
        )
    });
    let mut m = meta(site, "actor", actor.name.clone(), description, &path);
    m.feed_url = Some(site.config.urls.path(&site_path::actor_feed(&actor.slug)));
    m.feed_title = Some(format!("{} — {}", t["feed"], actor.name));
    m.image = Some(crate::render::cards::actor_share_image(site, id));
    html(r, "actor.html", m, ctx)
}

pub fn page(r: &Renderer, id: PageId) -> Page {
    let site = r.site;
    let page = &site.pages[id];
    let path = site_path::page(&page.slug);
    let mut ctx = Context::new();
    ctx.insert_value(
        "content",
        Value::safe_string(&r.markdown(&page.body, &path)),
    );
    let description = page
        .description
        .clone()
        .unwrap_or_else(|| page.title.clone());
    html(
        r,
        "page.html",
        meta(site, "page", page.title.clone(), description, &path),
        ctx,
    )
}
