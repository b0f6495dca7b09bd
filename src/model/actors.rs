//! Actors: their profiles read into the site, and each entry's claimants and `about` resolved
//! to them (by name, slug or alias), an actor without a profile getting a page of its own.

use super::build::{locate_item, slug_position};
use super::fields::non_empty;
use super::ids::{ActorId, IdVec};
use super::registry::{ActorRegistry, Resolution};
use super::site::Actor;
use super::suggest::ActorSuggester;
use super::validator::Validator;
use crate::diag::Diagnostic;
use crate::slug::{fit_segment, slugify, spelled_slug};
use crate::source::Parsed;
use crate::source::entry::{RawActor, RawClaim};
use std::path::Path;

/// Above this many claimants and actors concerned, an entry gets a `too-many-actors` warning.
pub const MAX_ACTORS_PER_ENTRY: usize = 20;

impl Validator {
    pub(super) fn actors(
        &mut self,
        profiles: &[Parsed<RawActor>],
    ) -> (IdVec<ActorId, Actor>, ActorRegistry) {
        let mut actors = IdVec::new();
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
            let url = self.link(p, p.raw.url.as_deref(), || p.locator.value("url"));
            actors.push(Actor {
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
                refs: super::media::scan(
                    &p.file,
                    &p.body,
                    p.body_line,
                    &crate::urls::site_path::actor(&slug),
                    &mut self.diags,
                ),
                slug,
                bio: p.body.clone(),
                file: Some(p.file.clone()),
                lang: None,
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
        for (id, actor) in actors.iter_enumerated() {
            registry.register(
                id,
                &actor.slug,
                &actor.name,
                actor.aliases.iter().map(String::as_str),
            );
        }
        // An alias shared by two profiles makes every reference to it ambiguous: say so once, here.
        for (id, actor) in actors.iter_enumerated() {
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

    /// A claim's claimants and the actors it is about.
    /// `create`: whether actors without a profile are added (not for drafts left out).
    pub(super) fn resolve_actors(
        &mut self,
        p: &Parsed<RawClaim>,
        actors: &mut IdVec<ActorId, Actor>,
        registry: &mut ActorRegistry,
        suggester: &mut ActorSuggester,
        create: bool,
    ) -> (Vec<ActorId>, Vec<ActorId>) {
        let mut resolve = |v: &mut Self, key, names: &[String]| {
            v.resolve_all(p, key, names, (actors, registry, suggester), create)
        };
        let claimants = resolve(self, "claimant", &p.raw.claimant.0);
        let mut about = resolve(self, "about", &p.raw.about.0);
        // Claimants are not also "about": every consumer wanted them apart, and each filtered
        // with a scan of the claimants per name (names squared for a long entry).
        let claimant_set: std::collections::HashSet<ActorId> = claimants.iter().copied().collect();
        about.retain(|a| !claimant_set.contains(a));
        let count = p.raw.claimant.0.len() + p.raw.about.0.len();
        if count > MAX_ACTORS_PER_ENTRY {
            let key = if p.raw.claimant.0.len() >= p.raw.about.0.len() {
                "claimant"
            } else {
                "about"
            };
            self.diags.push(
                Diagnostic::warning(
                    "too-many-actors",
                    &p.file,
                    format!("{count} actors named in one entry, over {MAX_ACTORS_PER_ENTRY}"),
                )
                .at(p.locator.value(key))
                .hint("name the main actors only; lists show the first few and \"+N others\""),
            );
        }
        (claimants, about)
    }

    fn resolve_all(
        &mut self,
        p: &Parsed<RawClaim>,
        key: &str,
        names: &[String],
        (actors, registry, suggester): (
            &mut IdVec<ActorId, Actor>,
            &mut ActorRegistry,
            &mut ActorSuggester,
        ),
        create: bool,
    ) -> Vec<ActorId> {
        let mut ids = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut unprofiled = 0;
        let mut located = 0;
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
                        .at(locate_item(p, key, name, &mut located))
                        .hint("use the actor's slug or full name instead of the shared alias"),
                    );
                    continue;
                }
                Resolution::NotFound => {
                    // Spelled out ("C++" -> c-plus-plus) so that actors named only by
                    // symbols apart ("C", "C++", "C#") get pages of their own.
                    let slug = fit_segment(spelled_slug(name));
                    if slugify(name).is_empty() {
                        self.diags.push(
                            Diagnostic::error("actor-unknown", &p.file, format!("actor reference {name:?} in `{key}` matches no one and has no letters to make a page from"))
                                .at(locate_item(p, key, name, &mut located))
                                .expected("an actor's name, slug or alias"),
                        );
                        continue;
                    }
                    // Past the limit, `too-many-actors` speaks for the rest (and locating
                    // each name in a list of thousands would cost their square).
                    unprofiled += 1;
                    let similar = (unprofiled <= MAX_ACTORS_PER_ENTRY)
                        .then(|| suggester.suggest(name))
                        .flatten();
                    if let Some(near) = similar.map(|id| &actors[id]) {
                        self.diags.push(
                            Diagnostic::warning("actor-similar", &p.file, format!("actor {name:?} in `{key}` matches no one; did you mean {:?} ({})?", near.name, near.slug))
                                .at(locate_item(p, key, name, &mut located))
                                .hint(format!("write {:?} (or its slug or an alias); as written, a second page is made for {name:?}", near.name)),
                        );
                    } else if unprofiled <= MAX_ACTORS_PER_ENTRY {
                        self.diags.push(
                            Diagnostic::warning("actor-no-profile", &p.file, format!("actor {name:?} in `{key}` has no profile (a page is made for it)"))
                                .at(locate_item(p, key, name, &mut located))
                                .hint(format!("check the spelling, or create content/actors/{slug}.md with `name:` and `kind:` (person or organization: without it a claimant is left out of the ClaimReview's author)")),
                        );
                    }
                    if !create {
                        continue;
                    }
                    let id = actors.push(Actor {
                        slug: slug.clone(),
                        name: name.to_string(),
                        kind: None,
                        aliases: Vec::new(),
                        description: None,
                        url: None,
                        bio: String::new(),
                        file: None,
                        lang: None,
                        claims_made: Vec::new(),
                        claims_about: Vec::new(),
                        refs: Vec::new(),
                    });
                    registry.register(id, &slug, name, []);
                    id
                }
            };
            if seen.insert(id) {
                ids.push(id);
            }
        }
        ids
    }
}
