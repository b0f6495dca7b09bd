//! The desk's people: team profiles (`content/team/<slug>.md`) validated and sorted by name;
//! the `authors` and `editors` of claims resolved to them by slug or name (case- and
//! accent-insensitive, as actors are); each person's claims indexed. A name without a profile
//! is kept as plain text, with a warning (and a "did you mean" when a profile is close).

use super::build::{locate_item, slug_position};
use super::fields::non_empty;
use super::ids::{IdVec, MemberId};
use super::registry::{Registry, Resolution};
use super::site::{Credit, Member, Site};
use super::suggest::Suggester;
use super::validator::Validator;
use crate::diag::Diagnostic;
use crate::slug::{fit_segment, fold, spelled_slug};
use crate::source::Parsed;
use crate::source::entry::{RawClaim, RawMember};
use std::collections::HashSet;

/// The team while claims are read: its people, and how their names resolve.
pub(super) struct Team {
    pub(super) members: IdVec<MemberId, Member>,
    registry: Registry<MemberId>,
    suggester: Suggester<MemberId>,
}

impl Validator {
    pub(super) fn team(&mut self, profiles: &[Parsed<RawMember>]) -> Team {
        let mut members: Vec<Member> = Vec::new();
        for p in profiles {
            let name = self.required(p, p.raw.name.as_deref(), "name", "the person's name");
            let slug = self.entry_slug(p, p.raw.slug.as_deref());
            if let (Some(name), Some(slug)) = (name, slug) {
                members.push(Member {
                    refs: super::media::scan(
                        &p.file,
                        &p.body,
                        p.body_line,
                        &crate::urls::site_path::member(&slug),
                        &mut self.diags,
                    ),
                    slug,
                    name: name.to_string(),
                    role: non_empty(p.raw.role.as_deref()),
                    bio: p.body.clone(),
                    file: p.file.clone(),
                    lang: None,
                    wrote: Vec::new(),
                    edited: Vec::new(),
                });
            }
        }
        self.check_duplicate_slugs(
            members.iter().map(|m| (m.slug.as_str(), m.file.as_path())),
            "team profile",
            |file| slug_position(profiles, file),
        );
        members.sort_by(|a, b| fold(&a.name).cmp(&fold(&b.name)).then(a.slug.cmp(&b.slug)));
        let members: IdVec<MemberId, Member> = members.into();
        let mut registry = Registry::default();
        for (id, m) in members.iter_enumerated() {
            registry.register(id, &m.slug, &m.name, []);
        }
        let suggester = Suggester::from_names(
            members
                .iter_enumerated()
                .map(|(id, m)| (id, &m.slug, std::iter::once(m.name.as_str()))),
        );
        Team {
            members,
            registry,
            suggester,
        }
    }

    /// The people a claim's `authors` or `editors` (`key`) name, in order, each once.
    pub(super) fn credits(
        &mut self,
        p: &Parsed<RawClaim>,
        key: &str,
        names: &[String],
        team: &mut Team,
    ) -> Vec<Credit> {
        let mut credits = Vec::new();
        let mut seen_members = HashSet::new();
        let mut seen_names = HashSet::new();
        let mut located = 0;
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            match team.registry.resolve(name) {
                Resolution::Found(id) => {
                    if seen_members.insert(id) {
                        credits.push(Credit::Member(id));
                    }
                }
                Resolution::Ambiguous(ids) => {
                    let which: Vec<String> = ids
                        .iter()
                        .map(|&m| format!("{}", team.members[m].file.display()))
                        .collect();
                    self.diags.push(
                        Diagnostic::error(
                            "team-ambiguous",
                            &p.file,
                            format!(
                                "{name:?} in `{key}` matches several team profiles: {}",
                                which.join(", ")
                            ),
                        )
                        .at(locate_item(p, key, name, &mut located))
                        .hint("write the profile's slug (its file name without .md)"),
                    );
                }
                Resolution::NotFound => {
                    if !seen_names.insert(fold(name)) {
                        continue;
                    }
                    let at = locate_item(p, key, name, &mut located);
                    let diagnostic = match team.suggester.suggest(name) {
                        Some(near) => {
                            let near = &team.members[near];
                            Diagnostic::warning(
                                "team-similar",
                                &p.file,
                                format!(
                                    "{name:?} in `{key}` matches no team profile; did you mean {:?} ({})?",
                                    near.name, near.slug
                                ),
                            )
                            .hint(format!(
                                "write {:?} (or its slug); as written, {name:?} is shown without a link",
                                near.name
                            ))
                        }
                        None => Diagnostic::warning(
                            "team-unknown",
                            &p.file,
                            format!(
                                "{name:?} in `{key}` has no team profile (shown without a link)"
                            ),
                        )
                        .hint(format!(
                            "check the spelling, or create content/team/{}.md with at least `name:`",
                            fit_segment(spelled_slug(name))
                        )),
                    };
                    self.diags.push(diagnostic.at(at));
                    credits.push(Credit::Named(name.to_string()));
                }
            }
        }
        credits
    }
}

/// Fills each person's lists of claims written and edited (claims are newest first).
pub(super) fn index(site: &mut Site) {
    for (id, claim) in site.claims.iter_enumerated() {
        for credit in &claim.authors {
            if let Credit::Member(m) = credit {
                site.team[*m].wrote.push(id);
            }
        }
        for credit in &claim.editors {
            if let Credit::Member(m) = credit {
                site.team[*m].edited.push(id);
            }
        }
    }
}
