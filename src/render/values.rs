//! Template values built once per site and shared by every page: a claim's summary is
//! serialized once, not once per list it appears in (values are reference-counted).

use super::i18n::{format_claim_date, format_date, format_month, format_unknown_month};
use crate::model::timeline::YearGroup;
use crate::model::{ActorId, Claim, ClaimId, IdVec, RatingId, Site, Source, TagId};
use crate::urls::site_path;
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

/// Heading levels at which claim items appear in lists (home and related: 3; timeline, tags,
/// ratings: 4; an actor's timelines: 5).
const LIST_ITEM_LEVELS: [u8; 3] = [3, 4, 5];

/// How each claim's list item is rendered ahead: once, at level 3 (`item`), when the theme's
/// lists are the built-in ones, which set the heading level with `heading_level`; else once per
/// level (`html3`, `html4`, `html5`), which a site's own `components.html` may use. One render in
/// three, and two strings a claim fewer in memory (70 MB at 50,000 claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemLevels {
    One,
    Each,
}

/// Names shown in a claim's list item: all of them up to `LIST_NAMES_ALL`, else the first
/// `LIST_NAMES_SHOWN` and "+N others". An item is copied into every list of each actor it names:
/// all names in it made the output grow with the square of the names of one entry.
const LIST_NAMES_ALL: usize = 4;
const LIST_NAMES_SHOWN: usize = 3;
/// Actor slugs an item carries for the timeline's filter, for the same reason.
const FILTER_SLUGS: usize = 20;

/// The names a list item shows, and how many it leaves out.
pub fn names_shown<T>(names: &[T]) -> (&[T], usize) {
    if names.len() <= LIST_NAMES_ALL {
        (names, 0)
    } else {
        (&names[..LIST_NAMES_SHOWN], names.len() - LIST_NAMES_SHOWN)
    }
}

/// The shared values of a site.
#[derive(Default)]
pub struct SharedValues {
    pub claims: IdVec<ClaimId, Value>,
    pub actors: IdVec<ActorId, Value>,
    pub ratings: IdVec<RatingId, Value>,
    pub tags: IdVec<TagId, Value>,
}

#[derive(Serialize)]
pub struct LinkValue<'a> {
    pub name: &'a str,
    pub url: String,
    /// The language of `name` when not the page's (`lang` attribute, WCAG 3.1.2): an
    /// untranslated profile's, on a translated site.
    pub lang: Option<&'static str>,
}

/// A text's `lang` attribute value, when the text is not in the page's language.
pub fn lang(language: Option<crate::config::Language>) -> Option<&'static str> {
    language.map(crate::config::Language::code)
}

/// An actor's name and link.
pub fn actor_link(site: &Site, id: ActorId) -> LinkValue<'_> {
    let actor = &site.actors[id];
    LinkValue {
        name: &actor.name,
        url: site.config.urls.path(&site_path::actor(&actor.slug)),
        lang: lang(actor.lang),
    }
}

#[derive(Serialize)]
struct ClaimSummary<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    claim: &'a str,
    /// As precise as written, "vers" an estimate: "vers juin 2024".
    date: String,
    /// ISO 8601 at the date's precision: "2024-06".
    date_iso: String,
    /// "day", "month" or "year".
    date_precision: &'static str,
    date_approximate: bool,
    published: String,
    published_iso: String,
    rating: RatingRef<'a>,
    /// At most a few: see `names_shown` (the claim page has them all).
    claimants: Vec<LinkValue<'a>>,
    /// How many claimants `claimants` leaves out.
    claimants_more: usize,
    about: Vec<LinkValue<'a>>,
    about_more: usize,
    summary: Option<&'a str>,
    tags: Vec<LinkValue<'a>>,
    corrected: bool,
    /// Actor slugs (the first `FILTER_SLUGS`), space-separated, for the timeline filter.
    actor_slugs: String,
}

#[derive(Serialize)]
pub struct RatingRef<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub url: String,
    pub score: Option<u32>,
    /// The language of `label` when not the page's (the default language's, untranslated).
    pub lang: Option<&'static str>,
}

#[derive(Serialize)]
struct ActorSummary<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    kind: Option<&'a str>,
    /// The kind in the site's language ("Personne", "État"...).
    kind_label: Option<String>,
    description: Option<&'a str>,
    /// The language of the profile's name and description when not the page's.
    lang: Option<&'static str>,
    made: usize,
    about: usize,
    total: usize,
    has_profile: bool,
}

#[derive(Serialize)]
struct RatingSummary<'a> {
    key: &'a str,
    label: &'a str,
    url: String,
    score: Option<u32>,
    description: Option<&'a str>,
    /// The language of `label`, and of `description`, when not the page's.
    lang: Option<&'static str>,
    description_lang: Option<&'static str>,
    count: usize,
    /// Share of all claims, in whole percent.
    percent: usize,
}

#[derive(Serialize)]
struct TagSummary<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

impl SharedValues {
    pub fn new(site: &Site) -> Self {
        let urls = &site.config.urls;
        let language = site.config.language;
        let claims: Vec<Value> = site
            .claims
            .as_slice()
            .par_iter()
            .map(|c| claim_value(site, c))
            .collect();
        let strings = super::i18n::strings(language);
        let actors = site
            .actors
            .iter()
            .map(|a| {
                Value::from_serializable(&ActorSummary {
                    slug: &a.slug,
                    name: &a.name,
                    url: urls.path(&site_path::actor(&a.slug)),
                    kind: a.kind.as_deref(),
                    kind_label: a.kind.as_deref().map(|k| {
                        strings
                            .get(format!("kind_{k}").as_str())
                            .map_or_else(|| k.to_string(), |l| l.to_string())
                    }),
                    description: a.description.as_deref(),
                    lang: lang(a.lang),
                    made: a.claims_made.len(),
                    about: a.claims_about.len(),
                    total: a.claim_count(),
                    has_profile: a.file.is_some(),
                })
            })
            .collect();
        let ratings = rating_summaries(site);
        let tags = site
            .tags
            .iter()
            .map(|t| {
                Value::from_serializable(&TagSummary {
                    name: &t.name,
                    slug: &t.slug,
                    url: urls.path(&site_path::tag(&t.slug)),
                    count: t.claims.len(),
                })
            })
            .collect();
        SharedValues {
            claims: claims.into(),
            actors,
            ratings,
            tags,
        }
    }

    /// Renders each claim's list item once per heading level with the theme's `claim_item`
    /// component, so that the many lists a claim appears in (timeline, actors, tags, ratings,
    /// related claims) copy its HTML instead of rendering it again. Without that component in
    /// the theme (an override removed it) the lists render their items themselves.
    pub fn prerender_list_items(
        &mut self,
        tera: &tera::Tera,
        levels: ItemLevels,
        strings: &Value,
    ) -> Result<(), super::output::RenderError> {
        if !tera.contains_component("claim_item") {
            return Ok(());
        }
        let mut implicits = tera::Context::new();
        implicits.insert_value("t", strings.clone());
        // In place: a second set of every claim's value made the peak of a large build.
        self.claims
            .as_mut_slice()
            .par_iter_mut()
            .try_for_each(|claim| {
                let value = std::mem::replace(claim, Value::none());
                *claim = with_list_items(value, tera, levels, &implicits)?;
                Ok(())
            })
            .map_err(list_item_error)
    }

    /// The values of the claims `ids` made again (their fields changed, not their place), and
    /// the scale's counts. Returns whether the counts changed (a verdict changed).
    pub fn refresh_claims(
        &mut self,
        site: &Site,
        ids: &[ClaimId],
        tera: &tera::Tera,
        levels: ItemLevels,
        strings: &Value,
    ) -> Result<bool, super::output::RenderError> {
        let with_items = tera.contains_component("claim_item");
        let mut implicits = tera::Context::new();
        implicits.insert_value("t", strings.clone());
        for &id in ids {
            let value = claim_value(site, &site.claims[id]);
            self.claims[id] = match with_items {
                true => {
                    with_list_items(value, tera, levels, &implicits).map_err(list_item_error)?
                }
                false => value,
            };
        }
        let ratings = rating_summaries(site);
        let recounted = ratings != self.ratings;
        self.ratings = ratings;
        Ok(recounted)
    }

    /// A list of claim summaries, sharing the values (cheap clones).
    pub fn claim_list(&self, ids: &[ClaimId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&id| self.claims[id].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// Timeline groups as template values: years, each with its months and their claims.
    pub fn timeline(&self, site: &Site, groups: &[YearGroup]) -> Value {
        #[derive(Serialize)]
        struct Month {
            label: String,
            id: String,
            count: usize,
        }
        let language = site.config.language;
        let years: Vec<Value> = groups
            .iter()
            .map(|y| {
                let months: Vec<Value> = y
                    .months
                    .iter()
                    .map(|m| {
                        let mut month = Value::from_serializable(&Month {
                            label: match m.month {
                                Some(month) => format_month(m.year, month, language),
                                None => format_unknown_month(m.year, language),
                            },
                            id: format!("m-{}-{:02}", m.year, m.month.unwrap_or(0)),
                            count: m.claims.len(),
                        })
                        .into_map()
                        .expect("a struct is a map");
                        month.insert("claims".into(), self.claim_list(&m.claims));
                        Value::from(month)
                    })
                    .collect();
                let count: usize = y.months.iter().map(|m| m.claims.len()).sum();
                let mut year = tera::Map::new();
                year.insert("year".into(), Value::from(y.year));
                year.insert("id".into(), Value::from(format!("y-{}", y.year)));
                year.insert("count".into(), Value::from(count));
                year.insert("months".into(), Value::from(months));
                Value::from(year)
            })
            .collect();
        Value::from(years)
    }
}

/// The scale as lists show it: each rating with its count and share of all claims.
fn rating_summaries(site: &Site) -> IdVec<RatingId, Value> {
    let urls = &site.config.urls;
    let total = site.claims.len().max(1);
    site.ratings
        .iter()
        .map(|r| {
            Value::from_serializable(&RatingSummary {
                key: &r.key,
                label: &r.label,
                url: urls.path(&site_path::rating(&r.key)),
                score: r.score,
                description: r.description.as_deref(),
                lang: lang(r.label_lang),
                description_lang: lang(r.description_lang),
                count: r.claims.len(),
                percent: (r.claims.len() * 100 + total / 2) / total,
            })
        })
        .collect()
}

/// A claim as lists show it.
fn claim_value(site: &Site, c: &Claim) -> Value {
    let urls = &site.config.urls;
    let actor_link = |id: &ActorId| actor_link(site, *id);
    let (claimants, claimants_more) = names_shown(&c.claimants);
    let (about, about_more) = names_shown(&c.about);
    Value::from_serializable(&ClaimSummary {
        slug: &c.slug,
        url: urls.path(&site_path::claim(&c.slug)),
        title: &c.title,
        claim: &c.claim,
        date: format_claim_date(c.date, site.config.language),
        date_iso: c.date.iso(),
        date_precision: c.date.precision().as_str(),
        date_approximate: c.date.approximate(),
        published: format_date(c.published, site.config.language),
        published_iso: c.published.to_string(),
        rating: rating_ref(site, c.rating),
        claimants: claimants.iter().map(actor_link).collect(),
        claimants_more,
        about: about.iter().map(actor_link).collect(),
        about_more,
        summary: c.summary.as_deref(),
        tags: c
            .tags
            .iter()
            .map(|t| LinkValue {
                name: &site.tags[*t].name,
                url: urls.path(&site_path::tag(&site.tags[*t].slug)),
                lang: None,
            })
            .collect(),
        corrected: !c.corrections.is_empty(),
        actor_slugs: c
            .actors()
            .take(FILTER_SLUGS)
            .map(|a| site.actors[a].slug.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// A claim's value with its list item rendered at each heading level (`html3`...).
fn with_list_items(
    claim: Value,
    tera: &tera::Tera,
    levels: ItemLevels,
    implicits: &tera::Context,
) -> Result<Value, tera::Error> {
    // (level, the key it is kept under)
    let keyed: Vec<(u8, String)> = match levels {
        ItemLevels::One => vec![(LIST_ITEM_LEVELS[0], "item".to_string())],
        ItemLevels::Each => LIST_ITEM_LEVELS
            .iter()
            .map(|&level| (level, format!("html{level}")))
            .collect(),
    };
    let mut items = Vec::with_capacity(keyed.len());
    for (level, key) in keyed {
        let mut args = tera::Context::new();
        // A map's value is shared, not copied.
        args.insert_value("c", claim.clone());
        args.insert("level", &level);
        let html =
            tera.render_component_with_implicits("claim_item", &args, implicits, None, true)?;
        items.push((key, html));
    }
    // The only holder of the map now: taken, not copied.
    let mut map = claim.into_map().expect("a claim is a map");
    for (key, html) in items {
        map.insert(key.into(), Value::safe_string(&html));
    }
    Ok(Value::from(map))
}

fn list_item_error(e: tera::Error) -> super::output::RenderError {
    super::output::RenderError::Template {
        name: "templates/components.html".into(),
        message: format!("claim_item: {e}"),
    }
}

pub fn rating_ref(site: &Site, id: crate::model::RatingId) -> RatingRef<'_> {
    let r = &site.ratings[id];
    RatingRef {
        key: &r.key,
        label: &r.label,
        url: site.config.urls.path(&site_path::rating(&r.key)),
        score: r.score,
        lang: lang(r.label_lang),
    }
}

#[derive(Serialize)]
pub struct SourceValue<'a> {
    pub publisher: Option<&'a str>,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub archive: Option<&'a str>,
}

pub fn source_value<'a>(site: &Site, s: &'a Source) -> SourceValue<'a> {
    SourceValue {
        publisher: s.publisher.as_deref(),
        title: s.title.as_deref(),
        url: s.url.as_deref(),
        date: s.date.map(|d| format_date(d, site.config.language)),
        date_iso: s.date.map(|d| d.to_string()),
        archive: s.archive.as_deref(),
    }
}
