//! The actor registry: resolves a reference (a name, a slug or an alias, in any case and with or
//! without accents) to one actor.

use crate::slug::{fold, slugify};
use std::collections::HashMap;

pub type ActorId = usize;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    Found(ActorId),
    /// Two or more actors answer to this reference.
    Ambiguous(Vec<ActorId>),
    NotFound,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ActorRegistry {
    by_key: HashMap<String, Vec<ActorId>>,
}

impl ActorRegistry {
    /// Registers the names an actor answers to: its slug, name and aliases.
    pub fn register<'a>(
        &mut self,
        id: ActorId,
        slug: &str,
        names: impl IntoIterator<Item = &'a str>,
    ) {
        self.add_key(slug.to_string(), id);
        for name in names {
            self.add_key(fold(name), id);
            self.add_key(slugify(name), id);
        }
    }

    fn add_key(&mut self, key: String, id: ActorId) {
        if key.is_empty() {
            return;
        }
        let ids = self.by_key.entry(key).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    pub fn resolve(&self, reference: &str) -> Resolution {
        let exact = self.by_key.get(&fold(reference));
        let loose = || self.by_key.get(&slugify(reference));
        match exact.or_else(loose).map(Vec::as_slice) {
            Some([id]) => Resolution::Found(*id),
            Some(ids) if !ids.is_empty() => Resolution::Ambiguous(ids.to_vec()),
            _ => Resolution::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_names_slugs_and_aliases_loosely() {
        let mut reg = ActorRegistry::default();
        reg.register(
            0,
            "dmitri-peskov",
            ["Dmitri Peskov", "Dmitry Peskov", "Дмитрий Песков"],
        );
        reg.register(1, "coree-du-nord", ["Corée du Nord", "RPDC"]);
        for r in [
            "dmitri peskov",
            "DMITRY PESKOV",
            "дмитрий песков",
            "dmitri-peskov",
        ] {
            assert_eq!(reg.resolve(r), Resolution::Found(0), "{r}");
        }
        assert_eq!(reg.resolve("coree du nord"), Resolution::Found(1));
        assert_eq!(reg.resolve("rpdc"), Resolution::Found(1));
        assert_eq!(reg.resolve("Kim"), Resolution::NotFound);
    }

    #[test]
    fn shared_alias_is_ambiguous() {
        let mut reg = ActorRegistry::default();
        reg.register(0, "a", ["Alpha", "AB"]);
        reg.register(1, "b", ["Beta", "AB"]);
        assert_eq!(reg.resolve("ab"), Resolution::Ambiguous(vec![0, 1]));
    }
}
