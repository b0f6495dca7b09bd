//! What changed in a site folder since the last update, as the watcher reports it (or
//! everything, for a one-shot build).

use std::collections::HashSet;
use std::path::PathBuf;

/// What changed since the last update.
#[derive(Debug, Default, Clone)]
pub struct Touched {
    pub config: bool,
    pub templates: bool,
    pub statics: bool,
    /// Something under `content/` other than an entry file moved: walk it again.
    pub walk: bool,
    /// Entry files named by the watcher (relative to the root): read again whatever their stamp.
    pub entries: HashSet<PathBuf>,
    /// Other paths under `content/` (folders, editors' temporary files), relative to the root.
    pub others: HashSet<PathBuf>,
}

impl Touched {
    pub fn everything() -> Self {
        Touched {
            config: true,
            templates: true,
            statics: true,
            walk: true,
            entries: HashSet::new(),
            others: HashSet::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.config || self.templates || self.statics || self.walk)
            && self.entries.is_empty()
            && self.others.is_empty()
    }

    pub fn merge(&mut self, other: Touched) {
        self.config |= other.config;
        self.templates |= other.templates;
        self.statics |= other.statics;
        self.walk |= other.walk;
        self.entries.extend(other.entries);
        self.others.extend(other.others);
    }
}
