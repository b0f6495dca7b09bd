//! The actor registry: resolves a reference (a name, a slug or an alias, in any case and with or
//! without accents) to one actor. References are tried against slugs, then names, then aliases,
//! then loosely (punctuation ignored); two actors answering at the same tier are ambiguous, but
//! an exact name is never made ambiguous by another actor's alias. The desk's people (`team`)
//! resolve the same way, in a registry of their own.

use crate::slug::{fold, spelled_slug};
use std::collections::HashMap;

use super::ids::ActorId;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolution<I = ActorId> {
    Found(I),
    /// Two or more actors answer to this reference.
    Ambiguous(Vec<I>),
    NotFound,
}

/// A registry of names, slugs and aliases, for one kind of id.
#[derive(Debug, Clone, PartialEq)]
pub struct Registry<I> {
    /// The tiers, in the order a reference is tried: slugs, names, aliases (folded keys),
    /// then every one of them loosely (`spelled_slug`).
    tiers: [HashMap<String, Vec<I>>; 4],
}

/// The actors' registry.
pub type ActorRegistry = Registry<ActorId>;

impl<I> Default for Registry<I> {
    fn default() -> Self {
        Registry {
            tiers: Default::default(),
        }
    }
}

const SLUG: usize = 0;
const NAME: usize = 1;
const ALIAS: usize = 2;
const LOOSE: usize = 3;

impl<I: Copy + PartialEq> Registry<I> {
    /// Registers the names an actor answers to: its slug, name and aliases.
    pub fn register<'a>(
        &mut self,
        id: I,
        slug: &str,
        name: &str,
        aliases: impl IntoIterator<Item = &'a str>,
    ) {
        self.add_key(SLUG, fold(slug), id);
        self.add_key(LOOSE, slug.to_string(), id);
        self.add_key(NAME, fold(name), id);
        self.add_key(LOOSE, spelled_slug(name), id);
        for alias in aliases {
            self.add_key(ALIAS, fold(alias), id);
            self.add_key(LOOSE, spelled_slug(alias), id);
        }
    }

    fn add_key(&mut self, tier: usize, key: String, id: I) {
        if key.is_empty() {
            return;
        }
        let ids = self.tiers[tier].entry(key).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    pub fn resolve(&self, reference: &str) -> Resolution<I> {
        let folded = fold(reference);
        let found = [SLUG, NAME, ALIAS]
            .into_iter()
            .find_map(|tier| self.tiers[tier].get(&folded))
            .or_else(|| self.tiers[LOOSE].get(&spelled_slug(reference)));
        match found.map(Vec::as_slice) {
            Some([id]) => Resolution::Found(*id),
            Some(ids) if !ids.is_empty() => Resolution::Ambiguous(ids.to_vec()),
            _ => Resolution::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Id;

    fn id(index: usize) -> ActorId {
        ActorId::new(index)
    }

    #[test]
    fn resolves_names_slugs_and_aliases_loosely() {
        let mut reg = ActorRegistry::default();
        reg.register(
            id(0),
            "dmitri-peskov",
            "Dmitri Peskov",
            ["Dmitry Peskov", "Дмитрий Песков"],
        );
        reg.register(id(1), "coree-du-nord", "Corée du Nord", ["RPDC"]);
        for r in [
            "dmitri peskov",
            "DMITRY PESKOV",
            "дмитрий песков",
            "dmitri-peskov",
        ] {
            assert_eq!(reg.resolve(r), Resolution::Found(id(0)), "{r}");
        }
        assert_eq!(reg.resolve("coree du nord"), Resolution::Found(id(1)));
        assert_eq!(reg.resolve("rpdc"), Resolution::Found(id(1)));
        assert_eq!(reg.resolve("Kim"), Resolution::NotFound);
    }

    #[test]
    fn shared_alias_is_ambiguous() {
        let mut reg = ActorRegistry::default();
        reg.register(id(0), "a", "Alpha", ["AB"]);
        reg.register(id(1), "b", "Beta", ["AB"]);
        assert_eq!(reg.resolve("ab"), Resolution::Ambiguous(vec![id(0), id(1)]));
    }

    #[test]
    fn slugs_then_names_then_aliases() {
        let mut reg = ActorRegistry::default();
        reg.register(id(0), "kim-jong-un", "Kim Jong Un", ["Kim", "c"]);
        reg.register(id(1), "kim", "Kim Yo Jong", ["Marshal"]);
        reg.register(id(2), "marshal", "Marshal", ["Kim Yo Jong"]);
        reg.register(id(3), "c", "C++", []);
        assert_eq!(
            reg.resolve("Kim"),
            Resolution::Found(id(1)),
            "slug before alias"
        );
        assert_eq!(
            reg.resolve("Marshal"),
            Resolution::Found(id(2)),
            "slug and name before alias"
        );
        assert_eq!(
            reg.resolve("Kim Yo Jong"),
            Resolution::Found(id(1)),
            "name before alias"
        );
        assert_eq!(
            reg.resolve("kim jong-un"),
            Resolution::Found(id(0)),
            "loosely"
        );
        assert_eq!(
            reg.resolve("C"),
            Resolution::Found(id(3)),
            "slug before alias"
        );
        assert_eq!(reg.resolve("c plus plus"), Resolution::Found(id(3)));
    }
}
