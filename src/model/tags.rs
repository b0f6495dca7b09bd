//! Tags: one per name, names told apart by their letters, digits and the symbols `+` and `#`
//! ("C", "C++" and "C#" are three tags), each with a slug unique among tags.

use super::ids::TagId;
use super::ids::{Id, IdVec};
use super::site::Tag;
use crate::slug::{fit_segment, segment_slug, spelled_slug};
use std::collections::HashMap;

/// The tags met so far, in the order they were first met.
#[derive(Default)]
pub(super) struct TagTable {
    /// A tag's identity (`spelled_slug` of its name) -> its id.
    ids: HashMap<String, TagId>,
    /// By id: the identity, and the name as first written.
    tags: Vec<(String, String)>,
}

impl TagTable {
    /// The id of the tag `name`, None when it has no letter or digit to make a URL from.
    pub(super) fn intern(&mut self, name: &str) -> Option<TagId> {
        if segment_slug(name).is_empty() {
            return None;
        }
        let key = spelled_slug(name);
        let next = TagId::new(self.tags.len());
        let id = *self.ids.entry(key.clone()).or_insert(next);
        if id == next {
            self.tags.push((key, name.trim().to_string()));
        }
        Some(id)
    }

    /// The tags by id, without claims yet. A tag's slug is its name's (`/tags/c/` for "C++"),
    /// unless tags differing only by `+` or `#` share it: then each has its spelled-out slug
    /// (`c`, `c-plus-plus`, `c-sharp`), whatever order they came in.
    pub(super) fn into_tags(self) -> IdVec<TagId, Tag> {
        let plain: Vec<String> = self.tags.iter().map(|(_, n)| segment_slug(n)).collect();
        let mut sharing: HashMap<&str, usize> = HashMap::new();
        for slug in &plain {
            *sharing.entry(slug.as_str()).or_default() += 1;
        }
        let shared: Vec<bool> = plain.iter().map(|s| sharing[s.as_str()] > 1).collect();
        self.tags
            .into_iter()
            .zip(plain)
            .zip(shared)
            .map(|(((key, name), plain), shared)| Tag {
                name,
                slug: if shared { fit_segment(key) } else { plain },
                claims: Vec::new(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_tell_tags_apart_only_when_they_collide() {
        let mut table = TagTable::default();
        let ids: Vec<_> = ["C++", "C#", "C", "c", "Rust", "F#"]
            .iter()
            .map(|n| table.intern(n).unwrap().index())
            .collect();
        assert_eq!(ids, [0, 1, 2, 2, 3, 4]);
        assert_eq!(table.intern("#"), None);
        let slugs: Vec<String> = table.into_tags().into_iter().map(|t| t.slug).collect();
        assert_eq!(slugs, ["c-plus-plus", "c-sharp", "c", "rust", "f"]);
    }
}
