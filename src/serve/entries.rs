//! The entry files of a site kept in memory between rebuilds: each one's parsed form, its
//! problems and its text, keyed by path. A rescan re-reads only the files whose stamp (size,
//! modification and change times, inode) moved, or that the watcher named.

use crate::config::position_of;
use crate::diag::Diagnostic;
use crate::source::entry::{ACTOR_KEYS, CLAIM_KEYS, PAGE_KEYS, RawActor, RawClaim, RawPage};
use crate::source::walk::{self, EntryKind, EntryPath};
use crate::source::{MAX_ENTRY_BYTES, Parsed, Sources, parse_text, split};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Every entry file of the site, parsed, in the walk's order.
#[derive(Default)]
pub struct EntryCache {
    /// In the order of `walk::find_entries`, which `source::load` keeps too.
    order: Vec<PathBuf>,
    files: HashMap<PathBuf, CachedEntry>,
    walk_problems: Vec<Diagnostic>,
}

/// What a rescan found.
#[derive(Debug, Default)]
pub struct Rescan {
    /// Entry files read again (changed, added), relative to the root.
    pub reread: Vec<PathBuf>,
    /// Entry files that are gone.
    pub removed: Vec<PathBuf>,
}

impl Rescan {
    pub fn is_empty(&self) -> bool {
        self.reread.is_empty() && self.removed.is_empty()
    }
}

struct CachedEntry {
    kind: EntryKind,
    stamp: Stamp,
    /// The file's text, normalized, for showing offending lines under diagnostics.
    text: Option<String>,
    parsed: Option<ParsedEntry>,
    problems: Vec<Diagnostic>,
}

#[derive(Clone)]
enum ParsedEntry {
    Claim(Box<Parsed<RawClaim>>),
    Actor(Box<Parsed<RawActor>>),
    Page(Box<Parsed<RawPage>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl EntryCache {
    /// Walks `content/` again; reads the files that are new, whose stamp moved, or that are in
    /// `force` (paths relative to the root, as the watcher reported them).
    pub fn rescan(&mut self, root: &Path, force: &HashSet<PathBuf>) -> Rescan {
        let (paths, walk_problems) = walk::find_entries(root);
        self.walk_problems = walk_problems;
        let stamps: Vec<Option<Stamp>> = paths
            .par_iter()
            .map(|p| std::fs::metadata(&p.absolute).ok().map(|m| stamp(&m)))
            .collect();
        let stale: Vec<(&EntryPath, Option<Stamp>)> = paths
            .iter()
            .zip(stamps)
            .filter(|(p, stamp)| {
                force.contains(&p.relative)
                    || self
                        .files
                        .get(&p.relative)
                        .is_none_or(|c| stamp.is_none() || Some(c.stamp) != *stamp)
            })
            .collect();
        let fresh: Vec<(PathBuf, CachedEntry)> = stale
            .par_iter()
            .map(|(path, stamp)| (path.relative.clone(), read_entry(path, *stamp)))
            .collect();
        let mut rescan = Rescan::default();
        let present: HashSet<&PathBuf> = paths.iter().map(|p| &p.relative).collect();
        let removed: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|k| !present.contains(k))
            .cloned()
            .collect();
        for path in &removed {
            self.files.remove(path);
        }
        rescan.removed = removed;
        for (path, entry) in fresh {
            rescan.reread.push(path.clone());
            self.files.insert(path, entry);
        }
        self.order = paths.into_iter().map(|p| p.relative).collect();
        rescan
    }

    /// Reads again the named files when each is a plain file already known: the walk is not
    /// needed then (the set of entries is the same). `None` when a walk is needed.
    pub fn refresh(&mut self, root: &Path, named: &HashSet<PathBuf>) -> Option<Rescan> {
        let mut fresh = Vec::with_capacity(named.len());
        for relative in named {
            let kind = self.files.get(relative)?.kind;
            let absolute = root.join(relative);
            let meta = std::fs::symlink_metadata(&absolute).ok()?;
            if !meta.file_type().is_file() {
                return None;
            }
            let path = EntryPath {
                kind,
                relative: relative.clone(),
                absolute,
            };
            fresh.push((relative.clone(), read_entry(&path, Some(stamp(&meta)))));
        }
        let mut rescan = Rescan::default();
        for (path, entry) in fresh {
            rescan.reread.push(path.clone());
            self.files.insert(path, entry);
        }
        Some(rescan)
    }

    /// The parsed entries, cloned, as `source::load` would have returned them.
    pub fn sources(&self) -> Sources {
        let mut sources = Sources::default();
        let parsed: Vec<&ParsedEntry> = self
            .order
            .iter()
            .filter_map(|p| self.files.get(p)?.parsed.as_ref())
            .collect();
        let clones: Vec<ParsedEntry> = parsed.par_iter().map(|&p| p.clone()).collect();
        for entry in clones {
            match entry {
                ParsedEntry::Claim(c) => sources.claims.push(*c),
                ParsedEntry::Actor(a) => sources.actors.push(*a),
                ParsedEntry::Page(p) => sources.pages.push(*p),
            }
        }
        sources
    }

    /// The problems found while walking and parsing (not validating).
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.walk_problems.iter().chain(
            self.order
                .iter()
                .filter_map(|p| self.files.get(p))
                .flat_map(|c| c.problems.iter()),
        )
    }

    /// The text of an entry file (normalized), from memory; `None` for a file not cached.
    pub fn text(&self, file: &Path) -> Option<&str> {
        self.files.get(file)?.text.as_deref()
    }
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    Stamp {
        len: meta.len(),
        modified: (meta.mtime(), meta.mtime_nsec()),
        changed: (meta.ctime(), meta.ctime_nsec()),
        inode: meta.ino(),
    }
}

/// Reads and parses one entry file as `source::load` does (size limit, UTF-8, front matter).
fn read_entry(path: &EntryPath, stamp: Option<Stamp>) -> CachedEntry {
    let mut entry = CachedEntry {
        kind: path.kind,
        stamp: stamp.unwrap_or(Stamp {
            len: u64::MAX,
            modified: (0, 0),
            changed: (0, 0),
            inode: 0,
        }),
        text: None,
        parsed: None,
        problems: Vec::new(),
    };
    let file = &path.relative;
    let problems = &mut entry.problems;
    if let Some(stamp) = stamp
        && stamp.len > MAX_ENTRY_BYTES
    {
        problems.push(
            Diagnostic::error(
                "too-large",
                file,
                format!(
                    "file is {} bytes, over the limit of {MAX_ENTRY_BYTES}",
                    stamp.len
                ),
            )
            .hint("an entry holds one claim's analysis; move data files to static/"),
        );
        return entry;
    }
    let bytes = match std::fs::read(&path.absolute) {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.push(Diagnostic::error("read", file, format!("cannot read: {e}")));
            return entry;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            problems.push(
                Diagnostic::error("not-utf8", file, "file is not valid UTF-8")
                    .at(Some(position_of(valid, valid.len())))
                    .expected("UTF-8 text")
                    .hint("re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"),
            );
            return entry;
        }
    };
    entry.parsed = match path.kind {
        EntryKind::Claim => parse_text::<RawClaim>(file, &text, CLAIM_KEYS, problems)
            .map(|c| ParsedEntry::Claim(Box::new(c))),
        EntryKind::Actor => parse_text::<RawActor>(file, &text, ACTOR_KEYS, problems)
            .map(|a| ParsedEntry::Actor(Box::new(a))),
        EntryKind::Page => parse_text::<RawPage>(file, &text, PAGE_KEYS, problems)
            .map(|p| ParsedEntry::Page(Box::new(p))),
    };
    entry.text = Some(split::normalize(&text).into_owned());
    entry
}
