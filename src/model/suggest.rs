//! "Did you mean" for references that resolve to nothing: an actor reference close to a known
//! name, slug or alias (a typo would otherwise split one actor's record in two), and a status
//! written as a rating's label rather than its key; an author or editor close to a team
//! profile's name or slug.

use super::{Actor, ActorId, IdVec, Rating};
use crate::slug::fold;

/// Past this many comparisons in one build, no more actor suggestions are looked for: each
/// unknown name is compared with every known one, and a hostile site may have thousands of both.
const COMPARISON_BUDGET: usize = 200_000;

/// The names, slugs and aliases known before entries are read, folded.
pub(super) struct Suggester<I> {
    /// (folded key, its length in characters, id)
    keys: Vec<(String, usize, I)>,
    budget: usize,
}

/// Suggests actors.
pub(super) type ActorSuggester = Suggester<ActorId>;

impl ActorSuggester {
    pub(super) fn new(actors: &IdVec<ActorId, Actor>) -> Self {
        Suggester::from_names(actors.iter_enumerated().map(|(id, actor)| {
            let names = std::iter::once(actor.name.as_str());
            (
                id,
                &actor.slug,
                names.chain(actor.aliases.iter().map(String::as_str)),
            )
        }))
    }
}

impl<I: Copy + Ord> Suggester<I> {
    /// A suggester of the slug and names (a name, aliases) of each id.
    pub(super) fn from_names<'a, N: Iterator<Item = &'a str>>(
        all: impl Iterator<Item = (I, &'a String, N)>,
    ) -> Self {
        let mut keys = Vec::new();
        for (id, slug, names) in all {
            keys.push((fold(&slug.replace('-', " ")), id));
            keys.extend(names.map(|n| (fold(n), id)));
        }
        keys.retain(|(key, _)| !key.is_empty());
        keys.sort();
        keys.dedup();
        Suggester {
            keys: keys
                .into_iter()
                .map(|(key, id)| {
                    let length = key.chars().count();
                    (key, length, id)
                })
                .collect(),
            budget: COMPARISON_BUDGET,
        }
    }

    /// The known actor whose name, slug or alias is nearest `reference` (accents and case
    /// folded), within a typo or two; None when none is near or the budget is spent.
    pub(super) fn suggest(&mut self, reference: &str) -> Option<I> {
        let folded = fold(reference);
        let length = folded.chars().count();
        if length < 4 || self.budget < self.keys.len() {
            return None;
        }
        self.budget -= self.keys.len();
        self.keys
            .iter()
            .filter_map(|(key, key_length, id)| {
                let key_length = *key_length;
                let allowed = (length.min(key_length) / 5).clamp(1, 3);
                if key_length.abs_diff(length) > allowed {
                    return None;
                }
                let distance = strsim::osa_distance(&folded, key);
                (distance <= allowed).then_some((distance, *id))
            })
            .min()
            .map(|(_, id)| id)
    }
}

/// The rating whose label `status` spells (any case, with or without accents): `status: Faux`
/// where the scale labels `false` "Faux".
pub(super) fn rating_by_label<'a>(status: &str, ratings: &'a [Rating]) -> Option<&'a Rating> {
    let folded = fold(status);
    ratings.iter().find(|r| fold(&r.label) == folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Id;

    fn actor(slug: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            slug: slug.into(),
            name: name.into(),
            kind: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: None,
            url: None,
            bio: String::new(),
            file: None,
            lang: None,
            claims_made: Vec::new(),
            claims_about: Vec::new(),
            refs: Vec::new(),
        }
    }

    #[test]
    fn suggests_a_near_name_slug_or_alias() {
        let actors: IdVec<ActorId, Actor> = vec![
            actor("dmitri-peskov", "Dmitri Peskov", &["Dmitry Peskov"]),
            actor("kim-jong-un", "Kim Jong-un", &[]),
        ]
        .into();
        let (peskov, kim) = (ActorId::new(0), ActorId::new(1));
        let mut s = ActorSuggester::new(&actors);
        assert_eq!(s.suggest("Dmitri Peskof"), Some(peskov));
        assert_eq!(s.suggest("DMITRY PESKÖV"), Some(peskov));
        assert_eq!(s.suggest("kim-jong-um"), Some(kim));
        assert_eq!(s.suggest("Vladimir Putin"), None);
        assert_eq!(s.suggest("Kim"), None);
    }
}
