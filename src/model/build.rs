//! Validation: raw entries in, the immutable `Site` out, with every problem as a diagnostic.

use super::dates::{EXPECTED_DATE, parse_date};
use super::registry::{ActorRegistry, Resolution};
use super::*;
use crate::color::{Rgb, parse_hex};
use crate::diag::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::slug::slugify;
use crate::source::entry::{RawActor, RawClaim, RawPage, RawSource, Scalar};
use crate::source::{Parsed, Sources};
use crate::urls::{RESERVED_SEGMENTS, is_linkable, is_valid_slug};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    pub include_drafts: bool,
    /// "Today", for warnings about dates in the future and stale verdicts.
    pub today: NaiveDate,
}

/// Validates the sources into a site. Errors and warnings both go to the diagnostics; the site
/// is returned even with errors (so that `check` can go on), but must not be rendered then.
pub fn build_site(
    config: Config,
    mut sources: Sources,
    options: BuildOptions,
) -> (Site, Diagnostics) {
    let mut v = Validator {
        diags: Diagnostics::default(),
        options,
    };
    let ratings = ratings_from(&config);
    let (mut actors, mut registry) = v.actors(&sources.actors);
    let drafts = options.include_drafts;
    let mut claims: Vec<Claim> = Vec::with_capacity(sources.claims.len());
    let mut tag_names: Vec<String> = Vec::new();
    let mut tag_ids: HashMap<String, TagId> = HashMap::new();
    // Each claim's own fields are checked in parallel; actors (which may be created on first
    // mention) and tags are then resolved in file order, so that ids do not depend on threads.
    let checked: Vec<CheckedClaim> = sources
        .claims
        .par_iter_mut()
        .map(|parsed| check_claim(parsed, &ratings, &config.check, options))
        .collect();
    for (parsed, checked) in sources.claims.iter().zip(checked) {
        v.diags.extend(checked.problems);
        if parsed.raw.draft && !drafts {
            // Validated like any entry, but the actors it names must not get pages.
            let (mut scratch_actors, mut scratch_registry) = (actors.clone(), registry.clone());
            v.resolve_actors(parsed, &mut scratch_actors, &mut scratch_registry);
            continue;
        }
        let errors_before = v.diags.error_count();
        let (claimants, about) = v.resolve_actors(parsed, &mut actors, &mut registry);
        let Some(mut claim) = checked.claim else {
            continue;
        };
        if v.diags.error_count() > errors_before {
            continue;
        }
        v.diags.extend(checked.warnings);
        claim.claimants = claimants;
        claim.about = about;
        claim.tags = parsed
            .raw
            .tags
            .iter()
            .filter_map(|name| {
                let slug = slugify(name);
                if slug.is_empty() {
                    v.diags.push(
                        Diagnostic::error(
                            "tag-empty",
                            &parsed.file,
                            format!("tag {name:?} has no letters or digits to make a URL from"),
                        )
                        .at(parsed.locator.text_in("tags", name)),
                    );
                    return None;
                }
                Some(*tag_ids.entry(slug).or_insert_with(|| {
                    tag_names.push(name.trim().to_string());
                    tag_names.len() - 1
                }))
            })
            .collect();
        claim.tags.dedup();
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
    let pages = v.pages(&sources.pages);

    let mut site = Site {
        config,
        claims,
        actors,
        ratings,
        tags: tag_names
            .into_iter()
            .zip(tag_ids_in_order(&tag_ids))
            .map(|(name, slug)| Tag {
                name,
                slug,
                claims: Vec::new(),
            })
            .collect(),
        pages,
        registry,
        updated: None,
    };
    index(&mut site);
    (site, v.diags)
}

/// Tag slugs by id (the map's values are the ids, 0..n).
fn tag_ids_in_order(tag_ids: &HashMap<String, TagId>) -> Vec<String> {
    let mut slugs = vec![String::new(); tag_ids.len()];
    for (slug, &id) in tag_ids {
        slugs[id] = slug.clone();
    }
    slugs
}

/// Fills the per-actor, per-rating and per-tag lists in one pass over the sorted claims, then
/// sorts actors and tags. Ids stored in claims are remapped to the sorted order.
fn index(site: &mut Site) {
    for (id, claim) in site.claims.iter().enumerate() {
        for &a in &claim.claimants {
            site.actors[a].claims_made.push(id);
        }
        for &a in &claim.about {
            if !claim.claimants.contains(&a) {
                site.actors[a].claims_about.push(id);
            }
        }
        site.ratings[claim.rating].claims.push(id);
        for &t in &claim.tags {
            site.tags[t].claims.push(id);
        }
    }
    site.updated = site.claims.iter().map(Claim::modified).max();

    // Actors by name, tags by count: remap the ids claims hold.
    let mut actor_order: Vec<ActorId> = (0..site.actors.len()).collect();
    actor_order.sort_by(|&a, &b| {
        crate::slug::fold(&site.actors[a].name)
            .cmp(&crate::slug::fold(&site.actors[b].name))
            .then(site.actors[a].slug.cmp(&site.actors[b].slug))
    });
    let mut tag_order: Vec<TagId> = (0..site.tags.len()).collect();
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
    for (id, actor) in site.actors.iter().enumerate() {
        registry.register(
            id,
            &actor.slug,
            std::iter::once(actor.name.as_str()).chain(actor.aliases.iter().map(String::as_str)),
        );
    }
    site.registry = registry;
}

fn inverse(order: &[usize]) -> Vec<usize> {
    let mut new_id = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    new_id
}

fn reorder<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&old| slots[old].take().expect("a permutation"))
        .collect()
}

fn ratings_from(config: &Config) -> Vec<Rating> {
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
            claims: Vec::new(),
        })
        .collect()
}

struct Validator {
    diags: Diagnostics,
    options: BuildOptions,
}

/// One claim checked on its own: the claim (without actors) when its fields are valid, the
/// problems found, and the quality warnings to report if it also resolves.
struct CheckedClaim {
    claim: Option<Claim>,
    problems: Diagnostics,
    warnings: Diagnostics,
}

fn check_claim(
    parsed: &mut Parsed<RawClaim>,
    ratings: &[Rating],
    check: &crate::config::CheckConfig,
    options: BuildOptions,
) -> CheckedClaim {
    let mut fields = Validator {
        diags: Diagnostics::default(),
        options,
    };
    let mut claim = fields.claim(parsed, ratings);
    if let Some(claim) = &mut claim {
        claim.body = std::mem::take(&mut parsed.body);
    }
    let mut quality = Validator {
        diags: Diagnostics::default(),
        options,
    };
    if let Some(claim) = &claim {
        quality.warn_claim(parsed, claim, &ratings[claim.rating], check);
    }
    CheckedClaim {
        claim,
        problems: fields.diags,
        warnings: quality.diags,
    }
}

impl Validator {
    fn actors(&mut self, profiles: &[Parsed<RawActor>]) -> (Vec<Actor>, ActorRegistry) {
        let mut actors = Vec::with_capacity(profiles.len());
        for p in profiles {
            let Some(name) = self.required(
                p,
                p.raw.name.as_deref(),
                "name",
                "the actor's name, e.g. \"Dmitri Peskov\"",
            ) else {
                continue;
            };
            let Some(slug) = self.entry_slug(p, p.raw.slug.as_deref()) else {
                continue;
            };
            let url = self.link(p, p.raw.url.as_deref(), p.locator.value("url"));
            actors.push(Actor {
                slug,
                name: name.to_string(),
                kind: p.raw.kind.as_ref().map(|k| k.trim().to_lowercase()),
                aliases: p
                    .raw
                    .aliases
                    .iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect(),
                description: non_empty(p.raw.description.as_deref()),
                url,
                bio: p.body.clone(),
                file: Some(p.file.clone()),
                claims_made: Vec::new(),
                claims_about: Vec::new(),
            });
        }
        self.check_duplicate_slugs(
            actors
                .iter()
                .map(|a| (a.slug.as_str(), a.file.as_deref().unwrap_or(Path::new("")))),
            "actor",
            |file| slug_position(profiles, file),
        );
        let mut registry = ActorRegistry::default();
        for (id, actor) in actors.iter().enumerate() {
            registry.register(
                id,
                &actor.slug,
                std::iter::once(actor.name.as_str())
                    .chain(actor.aliases.iter().map(String::as_str)),
            );
        }
        // An alias shared by two profiles makes every reference to it ambiguous: say so once, here.
        for (id, actor) in actors.iter().enumerate() {
            for alias in &actor.aliases {
                if let Resolution::Ambiguous(ids) = registry.resolve(alias)
                    && ids[0] == id
                {
                    let others: Vec<String> = ids
                        .iter()
                        .map(|&o| {
                            actors[o]
                                .file
                                .as_deref()
                                .unwrap_or(Path::new(""))
                                .display()
                                .to_string()
                        })
                        .collect();
                    let p = profiles
                        .iter()
                        .find(|p| Some(&p.file) == actor.file.as_ref());
                    self.diags.push(
                        Diagnostic::warning("alias-ambiguous", actor.file.clone().unwrap_or_default(), format!("alias {alias:?} belongs to several actors: {}", others.join(", ")))
                            .at(p.and_then(|p| p.locator.text_in("aliases", alias)))
                            .hint("entries that use this alias cannot be resolved; keep it on one profile"),
                    );
                }
            }
        }
        (actors, registry)
    }

    /// A claim's own fields; its actors are resolved afterwards (`resolve_actors`).
    fn claim(&mut self, p: &Parsed<RawClaim>, ratings: &[Rating]) -> Option<Claim> {
        let raw = &p.raw;
        let errors_before = self.diags.error_count();
        let title = self.required(
            p,
            raw.title.as_deref(),
            "title",
            "the headline of the fact-check",
        );
        let claim_text = self.required(
            p,
            raw.claim.as_deref(),
            "claim",
            "the claim as reviewed, in one sentence",
        );
        let date = self.date(p, raw.date.as_ref(), "date", true);
        let published = match raw.published.as_ref() {
            Some(_) => self.date(p, raw.published.as_ref(), "published", false),
            None => date,
        };
        let rating = self.rating(p, raw.status.as_ref(), ratings);
        let source = match &raw.source {
            Some(s) => self.source(p, s, "source", None),
            None => {
                self.diags.push(
                    Diagnostic::error("missing-field", &p.file, "missing required field `source`")
                        .at(Some(Position { line: 1, column: 1 }))
                        .expected("source: { publisher: \"...\", title: \"...\", url: \"https://...\" }")
                        .hint("say where the claim appeared; the url may be left out when the article gives none"),
                );
                None
            }
        };
        let sources: Vec<Source> = raw
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| self.source(p, s, "sources", Some(i)))
            .collect();
        let corrections = self.corrections(p, ratings);
        let slug = self.entry_slug(p, raw.slug.as_deref());
        if self.diags.error_count() > errors_before {
            return None;
        }
        Some(Claim {
            slug: slug?,
            file: p.file.clone(),
            title: title?.to_string(),
            claim: claim_text?.to_string(),
            claimants: Vec::new(),
            about: Vec::new(),
            date: date?,
            published: published?,
            rating: rating?,
            summary: non_empty(raw.summary.as_deref()),
            source: source?,
            sources,
            tags: Vec::new(),
            corrections,
            draft: raw.draft,
            // Moved in by `check_claim`: a copy would hold every body twice in memory.
            body: String::new(),
        })
    }

    fn pages(&mut self, raw_pages: &[Parsed<RawPage>]) -> Vec<Page> {
        let mut pages = Vec::new();
        for p in raw_pages {
            if p.raw.draft && !self.options.include_drafts {
                continue;
            }
            let title = self.required(p, p.raw.title.as_deref(), "title", "the page's title");
            let slug = self.entry_slug(p, p.raw.slug.as_deref());
            if let Some(slug) = &slug
                && RESERVED_SEGMENTS.contains(&slug.as_str())
            {
                self.diags.push(
                    Diagnostic::error(
                        "page-slug-reserved",
                        &p.file,
                        format!("page slug {slug:?} is taken by a built-in page"),
                    )
                    .at(p.locator.value("slug"))
                    .hint("set `slug:` to another value, e.g. \"about-ratings\""),
                );
                continue;
            }
            if let (Some(title), Some(slug)) = (title, slug) {
                pages.push(Page {
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

    fn required<'a, T>(
        &mut self,
        p: &Parsed<T>,
        value: Option<&'a str>,
        key: &str,
        expected: &str,
    ) -> Option<&'a str> {
        match value.map(str::trim) {
            Some(v) if !v.is_empty() => Some(v),
            _ => {
                let (message, at) = match value {
                    Some(_) => (format!("field `{key}` is empty"), p.locator.value(key)),
                    None => (
                        format!("missing required field `{key}`"),
                        Some(Position { line: 1, column: 1 }),
                    ),
                };
                self.diags.push(
                    Diagnostic::error("missing-field", &p.file, message)
                        .at(at)
                        .expected(format!("{key}: {expected}")),
                );
                None
            }
        }
    }

    fn date<T>(
        &mut self,
        p: &Parsed<T>,
        value: Option<&Scalar>,
        key: &str,
        required: bool,
    ) -> Option<NaiveDate> {
        let Some(Scalar(text)) = value else {
            if required {
                self.diags.push(
                    Diagnostic::error(
                        "missing-field",
                        &p.file,
                        format!("missing required field `{key}`"),
                    )
                    .at(Some(Position { line: 1, column: 1 }))
                    .expected(format!("{key}: {EXPECTED_DATE}")),
                );
            }
            return None;
        };
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "invalid-date",
                    &p.file,
                    format!("invalid date {text:?} in `{key}`"),
                )
                .at(p.locator.value(key))
                .expected(EXPECTED_DATE)
                .hint("check that the day exists in that month"),
            );
        }
        parsed
    }

    fn rating(
        &mut self,
        p: &Parsed<RawClaim>,
        value: Option<&Scalar>,
        ratings: &[Rating],
    ) -> Option<RatingId> {
        let keys = || ratings.iter().map(|r| r.key.as_str());
        let expected = format!("one of {}", keys().collect::<Vec<_>>().join(", "));
        let Some(Scalar(key)) = value else {
            self.diags.push(
                Diagnostic::error("missing-field", &p.file, "missing required field `status`")
                    .at(Some(Position { line: 1, column: 1 }))
                    .expected(expected),
            );
            return None;
        };
        let found = ratings.iter().position(|r| r.key == *key);
        if found.is_none() {
            let hint = did_you_mean(key, keys()).map(|k| format!("did you mean {k:?}?"));
            self.diags.push(
                Diagnostic::error("unknown-status", &p.file, format!("unknown status {key:?}"))
                    .at(p.locator.value("status"))
                    .expected(expected)
                    .hint_opt(
                        hint.or_else(|| {
                            Some("the scale is set by [[ratings]] in site.toml".into())
                        }),
                    ),
            );
        }
        found
    }

    fn source<T>(
        &mut self,
        p: &Parsed<T>,
        raw: &RawSource,
        key: &str,
        item: Option<usize>,
    ) -> Option<Source> {
        let at = |field: &str| p.locator.nested(key, item, field);
        let publisher = non_empty(raw.publisher.as_deref());
        let title = non_empty(raw.title.as_deref());
        let what = match item {
            Some(i) => format!("`{key}` item {}", i + 1),
            None => format!("`{key}`"),
        };
        if publisher.is_none() && title.is_none() && raw.url.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "source-empty",
                    &p.file,
                    format!("{what} names neither a publisher nor a title"),
                )
                .at(at("publisher"))
                .expected("publisher: \"...\" or title: \"...\""),
            );
            return None;
        }
        let date = match &raw.date {
            Some(Scalar(text)) => match parse_date(text) {
                Some(d) => Some(d),
                None => {
                    self.diags.push(
                        Diagnostic::error(
                            "invalid-date",
                            &p.file,
                            format!("invalid date {text:?} in {what}"),
                        )
                        .at(at("date"))
                        .expected(EXPECTED_DATE),
                    );
                    return None;
                }
            },
            None => None,
        };
        let errors = self.diags.error_count();
        let url = self.link(p, raw.url.as_deref(), at("url"));
        let archive = self.link(p, raw.archive.as_deref(), at("archive"));
        (self.diags.error_count() == errors).then_some(Source {
            publisher,
            title,
            url,
            date,
            archive,
        })
    }

    /// An optional URL from content: only http(s) URLs pass.
    fn link<T>(
        &mut self,
        p: &Parsed<T>,
        url: Option<&str>,
        at: Option<Position>,
    ) -> Option<String> {
        let url = url.map(str::trim).filter(|u| !u.is_empty())?;
        if is_linkable(url) {
            return Some(url.to_string());
        }
        self.diags.push(
            Diagnostic::error("unsafe-url", &p.file, format!("URL {url:?} is not an http(s) address"))
                .at(at)
                .expected("an address starting with https:// or http://")
                .hint("leave `url` out when the address is unknown; javascript:, data: and file: URLs are never linked"),
        );
        None
    }

    fn corrections(&mut self, p: &Parsed<RawClaim>, ratings: &[Rating]) -> Vec<Correction> {
        let mut out = Vec::new();
        for (i, raw) in p.raw.corrections.iter().enumerate() {
            let at = |field: &str| p.locator.nested("corrections", Some(i), field);
            let Some(date) = parse_date(&raw.date.0) else {
                self.diags.push(
                    Diagnostic::error(
                        "invalid-date",
                        &p.file,
                        format!("invalid date {:?} in correction {}", raw.date.0, i + 1),
                    )
                    .at(at("date"))
                    .expected(EXPECTED_DATE),
                );
                continue;
            };
            let previous_rating = match &raw.previous_status {
                None => None,
                Some(Scalar(key)) => match ratings.iter().position(|r| r.key == *key) {
                    Some(id) => Some(id),
                    None => {
                        let hint = did_you_mean(key, ratings.iter().map(|r| r.key.as_str()))
                            .map(|k| format!("did you mean {k:?}?"));
                        self.diags.push(
                            Diagnostic::error(
                                "unknown-status",
                                &p.file,
                                format!("unknown previous_status {key:?} in correction {}", i + 1),
                            )
                            .at(at("previous_status"))
                            .expected(format!(
                                "one of {}",
                                ratings
                                    .iter()
                                    .map(|r| r.key.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ))
                            .hint_opt(hint),
                        );
                        continue;
                    }
                },
            };
            out.push(Correction {
                date,
                note: raw.note.trim().to_string(),
                previous_rating,
            });
        }
        out.sort_by_key(|c| c.date);
        out
    }

    /// The slug of an entry: `slug:` when given (validated), else the file name's.
    fn entry_slug<T>(&mut self, p: &Parsed<T>, explicit: Option<&str>) -> Option<String> {
        match explicit {
            Some(slug) if is_valid_slug(slug) => Some(slug.to_string()),
            Some(slug) => {
                self.diags.push(
                    Diagnostic::error(
                        "unsafe-slug",
                        &p.file,
                        format!("slug {slug:?} cannot be used as a URL segment"),
                    )
                    .at(p.locator.value("slug"))
                    .expected(
                        "ASCII letters, digits, '-', '_' (no '/', '..', spaces or leading dot)",
                    )
                    .hint(
                        format!("e.g. slug: {:?}", slugify(slug)).replace("\"\"", "\"my-claim\""),
                    ),
                );
                None
            }
            None => {
                let stem = p
                    .file
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                let slug = slugify(&stem);
                if slug.is_empty() {
                    self.diags.push(
                        Diagnostic::error(
                            "unsafe-slug",
                            &p.file,
                            "the file name has no letters or digits to make a URL from",
                        )
                        .hint("rename the file or set `slug:`"),
                    );
                    return None;
                }
                Some(slug)
            }
        }
    }

    /// A claim's claimants and the actors it is about.
    fn resolve_actors(
        &mut self,
        p: &Parsed<RawClaim>,
        actors: &mut Vec<Actor>,
        registry: &mut ActorRegistry,
    ) -> (Vec<ActorId>, Vec<ActorId>) {
        let claimants = self.resolve_all(p, "claimant", &p.raw.claimant.0, actors, registry);
        let about = self.resolve_all(p, "about", &p.raw.about.0, actors, registry);
        (claimants, about)
    }

    fn resolve_all(
        &mut self,
        p: &Parsed<RawClaim>,
        key: &str,
        names: &[String],
        actors: &mut Vec<Actor>,
        registry: &mut ActorRegistry,
    ) -> Vec<ActorId> {
        let mut ids = Vec::new();
        for name in names.iter().map(|n| n.trim()) {
            let id = match registry.resolve(name) {
                Resolution::Found(id) => id,
                Resolution::Ambiguous(candidates) => {
                    let names: Vec<String> = candidates
                        .iter()
                        .map(|&c| format!("{} ({})", actors[c].name, actors[c].slug))
                        .collect();
                    self.diags.push(
                        Diagnostic::error(
                            "actor-ambiguous",
                            &p.file,
                            format!(
                                "{name:?} in `{key}` matches several actors: {}",
                                names.join(", ")
                            ),
                        )
                        .at(p.locator.text_in(key, name))
                        .hint("use the actor's slug or full name instead of the shared alias"),
                    );
                    continue;
                }
                Resolution::NotFound => {
                    let slug = slugify(name);
                    if slug.is_empty() {
                        self.diags.push(
                            Diagnostic::error("actor-unknown", &p.file, format!("actor reference {name:?} in `{key}` matches no one and has no letters to make a page from"))
                                .at(p.locator.text_in(key, name))
                                .expected("an actor's name, slug or alias"),
                        );
                        continue;
                    }
                    self.diags.push(
                        Diagnostic::warning("actor-no-profile", &p.file, format!("actor {name:?} in `{key}` has no profile (a page is made for it)"))
                            .at(p.locator.text_in(key, name))
                            .hint(format!("check the spelling, or create content/actors/{slug}.md with at least `name:`")),
                    );
                    let id = actors.len();
                    actors.push(Actor {
                        slug: slug.clone(),
                        name: name.to_string(),
                        kind: None,
                        aliases: Vec::new(),
                        description: None,
                        url: None,
                        bio: String::new(),
                        file: None,
                        claims_made: Vec::new(),
                        claims_about: Vec::new(),
                    });
                    registry.register(id, &slug, [name]);
                    id
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    fn check_duplicate_slugs<'a>(
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

    /// Warnings about one claim's quality rather than its form (shown by `digest check`).
    fn warn_claim(
        &mut self,
        p: &Parsed<RawClaim>,
        claim: &Claim,
        rating: &Rating,
        check: &crate::config::CheckConfig,
    ) {
        let today = self.options.today;
        let file = &claim.file;
        let loc = &p.locator;
        let length = claim.claim.chars().count();
        if length > check.max_claim_length {
            self.diags.push(
                Diagnostic::warning("claim-too-long", file, format!("claim is {length} characters long, over {}", check.max_claim_length))
                    .at(loc.value("claim"))
                    .hint("Google's ClaimReview guideline asks for 75 characters or fewer; move detail to the body"),
            );
        }
        let sources = std::iter::once((&claim.source, "source", None)).chain(
            claim
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s, "sources", Some(i))),
        );
        for (source, key, item) in sources {
            let what = match item {
                None => "the source".to_string(),
                Some(i) => format!("evidence item {}", i + 1),
            };
            if source.url.is_none() {
                self.diags.push(
                    Diagnostic::warning("source-no-url", file, format!("{what} has no address"))
                        .at(loc.nested(key, item, "publisher"))
                        .hint("it renders without a link; add `url` when one is known"),
                );
            } else if source.archive.is_none() {
                self.diags.push(
                    Diagnostic::warning(
                        "source-no-archive",
                        file,
                        format!("{what} has no archive link"),
                    )
                    .at(loc.nested(key, item, "url"))
                    .hint(
                        "add `archive:` (e.g. a web.archive.org snapshot) so the evidence survives",
                    ),
                );
            }
        }
        if claim.published < claim.date {
            self.diags.push(
                Diagnostic::warning(
                    "published-before-date",
                    file,
                    format!(
                        "published ({}) is before the claim's date ({})",
                        claim.published, claim.date
                    ),
                )
                .at(loc.value("published")),
            );
        }
        for (key, date) in [("date", claim.date), ("published", claim.published)] {
            if date > today {
                self.diags.push(
                    Diagnostic::warning(
                        "future-date",
                        file,
                        format!("`{key}` ({date}) is in the future"),
                    )
                    .at(loc.value(key)),
                );
            }
        }
        let idle_days = (today - claim.modified()).num_days();
        if rating.key == "unverified" && idle_days > check.stale_unverified_days {
            self.diags.push(
                Diagnostic::warning("stale-unverified", file, format!("unverified for {idle_days} days with no correction"))
                    .at(loc.value("status"))
                    .hint(format!("revisit the verdict or add a correction (threshold: [check] stale_unverified_days = {})", check.stale_unverified_days)),
            );
        }
    }
}

/// Where an entry sets `slug:` (None when its slug comes from the file name).
fn slug_position<T>(entries: &[Parsed<T>], file: &Path) -> Option<Position> {
    entries
        .iter()
        .find(|p| p.file == file)
        .and_then(|p| p.locator.value("slug"))
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}
