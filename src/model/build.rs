//! Validation: raw entries in, the immutable `Site` out, with every problem as a diagnostic.

use super::fields::{CheckedClaim, check_claim, non_empty};
use super::ids::Id;
use super::ids::{ActorId, IdVec, RatingId, TagId};
use super::registry::ActorRegistry;
use super::site::{Claim, Page, Rating, Site, profile_language};
use super::suggest::ActorSuggester;
use super::tags::TagTable;
use super::validator::{BuildOptions, Validator};
use crate::color::{Rgb, parse_hex};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::slug::segment_slug;
use crate::source::entry::{RawClaim, RawPage};
use crate::source::{Parsed, Sources};
use crate::urls::reserved_segment;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// The slug of the page that holds the corrections policy (`content/pages/corrections.md`): it
/// is the corrections page's introduction, not a page of its own.
pub const CORRECTIONS_POLICY_SLUG: &str = "corrections";

/// Validates the sources into a site. Errors and warnings both go to the diagnostics; the site
/// is returned even with errors (so that `check` can go on), but must not be rendered then.
pub fn build_site(
    config: Config,
    mut sources: Sources,
    options: BuildOptions,
) -> (Site, Diagnostics) {
    let mut v = Validator::new(options);
    let ratings = ratings_from(&config);
    let (mut actors, mut registry) = v.actors(&sources.actors);
    let mut suggester = ActorSuggester::new(&actors);
    let mut team = v.team(&sources.team);
    for actor in actors.iter_mut() {
        actor.lang = (actor.file.as_deref()).and_then(|f| profile_language(&config, f));
    }
    for member in team.members.iter_mut() {
        member.lang = profile_language(&config, &member.file);
    }
    let drafts = options.include_drafts;
    let mut claims: Vec<Claim> = Vec::with_capacity(sources.claims.len());
    let mut tag_table = TagTable::default();
    // Each claim's own fields are checked in parallel; actors (which may be created on first
    // mention) and tags are then resolved in file order, so that ids do not depend on threads.
    let checked: Vec<CheckedClaim> = sources
        .claims
        .par_iter_mut()
        .map(|parsed| check_claim(parsed, &ratings, &config.check, options))
        .collect();
    for (parsed, checked) in sources.claims.iter().zip(checked) {
        v.diags.extend(checked.problems);
        let authors = v.credits(parsed, "authors", &parsed.raw.authors.0, &mut team);
        let editors = v.credits(parsed, "editors", &parsed.raw.editors.0, &mut team);
        empty_tags(parsed, &mut v.diags);
        if parsed.raw.draft && !drafts {
            // Validated like any entry, but the actors it names must not get pages (and a copy
            // of every actor per draft cost drafts x actors).
            v.resolve_actors(parsed, &mut actors, &mut registry, &mut suggester, false);
            continue;
        }
        let errors_before = v.diags.error_count();
        let (claimants, about) =
            v.resolve_actors(parsed, &mut actors, &mut registry, &mut suggester, true);
        let Some(mut claim) = checked.claim else {
            continue;
        };
        if v.diags.error_count() > errors_before {
            continue;
        }
        v.diags.extend(checked.warnings);
        claim.claimants = claimants;
        claim.about = about;
        claim.authors = authors;
        claim.editors = editors;
        // An empty tag was reported above (`empty_tags`).
        claim.tags = parsed
            .raw
            .tags
            .iter()
            .filter_map(|name| tag_table.intern(name))
            .collect();
        let mut seen = std::collections::HashSet::new();
        claim.tags.retain(|&t| seen.insert(t));
        claims.push(claim);
    }
    v.check_duplicate_slugs(
        claims.iter().map(|c| (c.slug.as_str(), c.file.as_path())),
        "claim",
        |file| slug_position(&sources.claims, file),
    );
    claims.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(b.published.cmp(&a.published))
            .then(a.slug.cmp(&b.slug))
    });
    let mut pages = v.pages(&sources.pages);
    let corrections_policy = pages
        .iter()
        .position(|p| p.slug == CORRECTIONS_POLICY_SLUG)
        .map(|at| pages.remove(at));

    let mut site = Site {
        config,
        claims: claims.into(),
        actors,
        ratings,
        tags: tag_table.into_tags(),
        pages: pages.into(),
        corrections_policy,
        registry,
        team: team.members,
        updated: None,
        images: Default::default(),
    };
    index(&mut site);
    (site, v.diags)
}

/// Fills the per-actor, per-rating and per-tag lists in one pass over the sorted claims, then
/// sorts actors and tags. Ids stored in claims are remapped to the sorted order.
fn index(site: &mut Site) {
    for (id, claim) in site.claims.iter_enumerated() {
        for &a in &claim.claimants {
            site.actors[a].claims_made.push(id);
        }
        for &a in &claim.about {
            site.actors[a].claims_about.push(id);
        }
        site.ratings[claim.rating].claims.push(id);
        for &t in &claim.tags {
            site.tags[t].claims.push(id);
        }
    }
    site.updated = site.claims.iter().map(Claim::modified).max();
    super::team::index(site);

    // Actors by name, tags by count: remap the ids claims hold.
    let mut actor_order: Vec<ActorId> = site.actors.ids().collect();
    actor_order.sort_by(|&a, &b| {
        crate::slug::fold(&site.actors[a].name)
            .cmp(&crate::slug::fold(&site.actors[b].name))
            .then(site.actors[a].slug.cmp(&site.actors[b].slug))
    });
    let mut tag_order: Vec<TagId> = site.tags.ids().collect();
    tag_order.sort_by(|&a, &b| {
        site.tags[b]
            .claims
            .len()
            .cmp(&site.tags[a].claims.len())
            .then(site.tags[a].slug.cmp(&site.tags[b].slug))
    });
    let actor_new = inverse(&actor_order);
    let tag_new = inverse(&tag_order);
    for claim in &mut site.claims {
        claim.claimants.iter_mut().for_each(|a| *a = actor_new[*a]);
        claim.about.iter_mut().for_each(|a| *a = actor_new[*a]);
        claim.tags.iter_mut().for_each(|t| *t = tag_new[*t]);
    }
    site.actors = reorder(std::mem::take(&mut site.actors), &actor_order);
    site.tags = reorder(std::mem::take(&mut site.tags), &tag_order);
    let mut registry = ActorRegistry::default();
    for (id, actor) in site.actors.iter_enumerated() {
        registry.register(
            id,
            &actor.slug,
            &actor.name,
            actor.aliases.iter().map(String::as_str),
        );
    }
    site.registry = registry;
}

/// Each old id's new id, for ids listed in their new order.
fn inverse<I: Id>(order: &[I]) -> IdVec<I, I> {
    let mut new_id = IdVec::filled(I::new(0), order.len());
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = I::new(new);
    }
    new_id
}

fn reorder<I: Id, T>(items: IdVec<I, T>, order: &[I]) -> IdVec<I, T> {
    let mut slots: IdVec<I, Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&old| slots[old].take().expect("a permutation"))
        .collect()
}

fn ratings_from(config: &Config) -> IdVec<RatingId, Rating> {
    // A text the site's language lacks is the default language's (`Config::for_language`).
    let translated = config.language != config.default_language;
    let fallback = |texts: &std::collections::BTreeMap<String, String>| {
        (translated && !texts.contains_key(config.language.code()))
            .then_some(config.default_language)
    };
    config
        .ratings
        .iter()
        .map(|r| Rating {
            key: r.key.clone(),
            label: r.label.clone(),
            score: r.score.filter(|&s| s > 0),
            color: r
                .color
                .as_deref()
                .and_then(parse_hex)
                .unwrap_or(Rgb(0x5f, 0x63, 0x68)),
            description: r.description.clone(),
            label_lang: fallback(&r.labels),
            description_lang: r.description.as_ref().and(fallback(&r.descriptions)),
            claims: Vec::new(),
        })
        .collect()
}

impl Validator {
    fn pages(&mut self, raw_pages: &[Parsed<RawPage>]) -> Vec<Page> {
        let mut pages = Vec::new();
        for p in raw_pages {
            if p.raw.draft && !self.options.include_drafts {
                continue;
            }
            let title = self.required(p, p.raw.title.as_deref(), "title", "the page's title");
            let slug = self.entry_slug(p, p.raw.slug.as_deref());
            if let Some(slug) = &slug
                && slug != CORRECTIONS_POLICY_SLUG
                && let Some(why) = reserved_segment(slug)
            {
                self.diags.push(
                    Diagnostic::error(
                        "page-slug-reserved",
                        &p.file,
                        format!("page slug {slug:?} {why}"),
                    )
                    .at(p.locator.value("slug"))
                    .hint("set `slug:` to another value, e.g. \"about-ratings\""),
                );
                continue;
            }
            if let (Some(title), Some(slug)) = (title, slug) {
                pages.push(Page {
                    refs: super::media::scan(
                        &p.file,
                        &p.body,
                        p.body_line,
                        &crate::urls::site_path::page(&slug),
                        &mut self.diags,
                    ),
                    slug,
                    file: p.file.clone(),
                    title: title.to_string(),
                    description: non_empty(p.raw.description.as_deref()),
                    body: p.body.clone(),
                });
            }
        }
        self.check_duplicate_slugs(
            pages.iter().map(|p| (p.slug.as_str(), p.file.as_path())),
            "page",
            |file| slug_position(raw_pages, file),
        );
        pages
    }

    pub(super) fn check_duplicate_slugs<'a>(
        &mut self,
        items: impl Iterator<Item = (&'a str, &'a Path)>,
        what: &str,
        locate: impl Fn(&Path) -> Option<Position>,
    ) {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for (slug, file) in items {
            if let Some(first) = seen.insert(slug, file) {
                self.diags.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        file,
                        format!("{what} slug {slug:?} is also used by {}", first.display()),
                    )
                    .at(locate(file))
                    .hint("two entries would write the same page: rename one file or set `slug:`"),
                );
            }
        }
    }
}

/// The tags with no letter or digit to make a URL from, reported whatever else the entry's
/// problems are (so that one run names them all).
fn empty_tags(parsed: &Parsed<RawClaim>, diags: &mut Diagnostics) {
    let mut located = 0;
    for name in parsed
        .raw
        .tags
        .iter()
        .filter(|n| segment_slug(n).is_empty())
    {
        diags.push(
            Diagnostic::error(
                "tag-empty",
                &parsed.file,
                format!("tag {name:?} has no letters or digits to make a URL from"),
            )
            .at(locate_item(parsed, "tags", name, &mut located)),
        );
    }
}

/// Problems of one list located at their item; past them, at the list (each search walks the
/// list: one per item of a list of thousands would cost their square).
const MAX_LOCATED: usize = 50;

/// Where `name` stands in the list `key`, for the first `MAX_LOCATED` problems of the list.
pub(super) fn locate_item<T>(
    p: &Parsed<T>,
    key: &str,
    name: &str,
    located: &mut usize,
) -> Option<Position> {
    *located += 1;
    if *located <= MAX_LOCATED {
        p.locator.text_in(key, name)
    } else {
        p.locator.value(key)
    }
}

/// Where an entry sets `slug:` (None when its slug comes from the file name).
pub(super) fn slug_position<T>(entries: &[Parsed<T>], file: &Path) -> Option<Position> {
    entries
        .iter()
        .find(|p| p.file == file)
        .and_then(|p| p.locator.value("slug"))
}
