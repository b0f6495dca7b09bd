//! The entry files of a site kept in memory between rebuilds (`digest serve`): each one's
//! parsed form, its problems and its text, keyed by path. A rescan re-reads only the files whose stamp (size,
//! modification and change times, inode) moved, or that the watcher named.
//!
//! `model::build_site` takes the parsed entries by value, so each build needs a copy of them;
//! after a build a copy for the next one is made in the background, and only the entries read
//! again in between are copied on the critical path.

use crate::diag::Diagnostic;
use crate::source::entry::{
    ACTOR_KEYS, CLAIM_KEYS, MEMBER_KEYS, PAGE_KEYS, RawActor, RawClaim, RawMember, RawPage,
};
use crate::source::walk::{self, EntryKind, EntryPath};
use crate::source::{self, Parsed, Sources, parse_text, split};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Every entry file of the site, parsed, in the walk's order.
#[derive(Default)]
pub struct EntryCache {
    /// In the order of `walk::find_entries`, which `source::load` keeps too.
    order: Vec<PathBuf>,
    /// Counts the changes of `order`.
    generation: u64,
    files: HashMap<PathBuf, CachedEntry>,
    walk_problems: Vec<Diagnostic>,
    spare: Option<Spare>,
}

/// A copy of the parsed entries, made in the background for the next build, with the place of
/// each file in it.
struct Spare {
    copy: JoinHandle<(Sources, HashMap<PathBuf, Place>)>,
    /// The `generation` of the order it follows.
    generation: u64,
    /// Files read again since it was started: their copies are stale.
    stale: HashSet<PathBuf>,
}

/// What a rescan found.
#[derive(Default)]
pub struct Rescan {
    /// Entry files read again (changed, added), relative to the root.
    pub reread: Vec<PathBuf>,
    /// Entry files that are gone.
    pub removed: Vec<PathBuf>,
    /// What each file read again held before (None: new, or not parsed then).
    pub previous: Vec<(PathBuf, Option<Arc<ParsedEntry>>)>,
}

struct CachedEntry {
    kind: EntryKind,
    /// A bundle's files, for its `index.md`.
    bundle: Option<Vec<crate::source::bundle::BundleFile>>,
    stamp: Stamp,
    /// The file's text, normalized, for showing offending lines under diagnostics.
    text: Option<String>,
    parsed: Option<Arc<ParsedEntry>>,
    problems: Vec<Diagnostic>,
}

#[derive(Clone)]
pub enum ParsedEntry {
    Claim(Box<Parsed<RawClaim>>),
    Actor(Box<Parsed<RawActor>>),
    Page(Box<Parsed<RawPage>>),
    Member(Box<Parsed<RawMember>>),
}

/// Where an entry stands in `Sources`.
#[derive(Debug, Clone, Copy)]
enum Place {
    Claim(usize),
    Actor(usize),
    Page(usize),
    Member(usize),
}

/// Puts entries (in order) into `Sources`; the place of each, in the same order.
fn assemble(entries: impl Iterator<Item = ParsedEntry>) -> (Sources, Vec<Place>) {
    let mut sources = Sources::default();
    let mut places = Vec::new();
    for entry in entries {
        places.push(match entry {
            ParsedEntry::Claim(c) => {
                sources.claims.push(*c);
                Place::Claim(sources.claims.len() - 1)
            }
            ParsedEntry::Actor(a) => {
                sources.actors.push(*a);
                Place::Actor(sources.actors.len() - 1)
            }
            ParsedEntry::Page(p) => {
                sources.pages.push(*p);
                Place::Page(sources.pages.len() - 1)
            }
            ParsedEntry::Member(m) => {
                sources.team.push(*m);
                Place::Member(sources.team.len() - 1)
            }
        });
    }
    (sources, places)
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
                    || self.files.get(&p.relative).is_none_or(|c| {
                        stamp.is_none() || Some(c.stamp) != *stamp || c.bundle != p.bundle
                    })
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
        self.store(fresh, &mut rescan);
        let order: Vec<PathBuf> = paths.into_iter().map(|p| p.relative).collect();
        if order != self.order {
            self.order = order;
            self.generation += 1;
        }
        self.mark_stale(&rescan.reread);
        rescan
    }

    /// Whether paths under `content/` that are not entry files call for a new walk: a folder
    /// (created, or moved in), a link, a path gone that held entries, or a file in a bundle's
    /// folder. A plain file elsewhere (an editor's temporary or backup file) does not.
    pub fn needs_walk(&self, root: &Path, others: &HashSet<PathBuf>) -> bool {
        others.iter().any(|path| {
            self.in_bundle(path)
                || match std::fs::symlink_metadata(root.join(path)) {
                    Ok(meta) => !meta.file_type().is_file(),
                    Err(_) => self.files.keys().any(|file| file.starts_with(path)),
                }
        })
    }

    /// Whether `path` (relative to the root) is in a bundle's folder.
    pub fn in_bundle(&self, path: &Path) -> bool {
        self.files.iter().any(|(file, c)| {
            c.bundle.is_some() && file.parent().is_some_and(|folder| path.starts_with(folder))
        })
    }

    /// Reads again the named files when each is a plain file already known: the walk is not
    /// needed then (the set of entries is the same). `None` when a walk is needed.
    pub fn refresh(&mut self, root: &Path, named: &HashSet<PathBuf>) -> Option<Rescan> {
        let mut fresh = Vec::with_capacity(named.len());
        for relative in named {
            let cached = self.files.get(relative)?;
            // A bundle's files are listed by the walk.
            if cached.bundle.is_some() {
                return None;
            }
            let kind = cached.kind;
            let absolute = root.join(relative);
            let meta = std::fs::symlink_metadata(&absolute).ok()?;
            if !meta.file_type().is_file() {
                return None;
            }
            let path = EntryPath {
                kind,
                relative: relative.clone(),
                absolute,
                bundle: None,
            };
            fresh.push((relative.clone(), read_entry(&path, Some(stamp(&meta)))));
        }
        let mut rescan = Rescan::default();
        self.store(fresh, &mut rescan);
        self.mark_stale(&rescan.reread);
        Some(rescan)
    }

    /// Keeps the entries just read, noting in `rescan` each one and what it replaced.
    fn store(&mut self, fresh: Vec<(PathBuf, CachedEntry)>, rescan: &mut Rescan) {
        for (path, entry) in fresh {
            rescan.reread.push(path.clone());
            let previous = self.files.insert(path.clone(), entry);
            rescan
                .previous
                .push((path, previous.and_then(|e| e.parsed)));
        }
    }

    fn mark_stale(&mut self, reread: &[PathBuf]) {
        if let Some(spare) = &mut self.spare {
            spare.stale.extend(reread.iter().cloned());
        }
    }

    /// Starts copying the parsed entries in the background, for the next `sources`.
    pub fn prepare_copy(&mut self) {
        let snapshot: Vec<(PathBuf, Arc<ParsedEntry>)> = self
            .order
            .iter()
            .filter_map(|p| Some((p.clone(), self.files.get(p)?.parsed.clone()?)))
            .collect();
        let copy = std::thread::Builder::new()
            .name("digest-copy".into())
            .spawn(move || {
                let (sources, places) =
                    assemble(snapshot.iter().map(|(_, entry)| ParsedEntry::clone(entry)));
                let places = snapshot.into_iter().map(|(path, _)| path).zip(places);
                (sources, places.collect())
            });
        self.spare = copy.ok().map(|copy| Spare {
            copy,
            generation: self.generation,
            stale: HashSet::new(),
        });
    }

    /// The background copy brought up to date, when the order did not change since.
    fn take_spare(&mut self) -> Option<Sources> {
        let spare = self.spare.take()?;
        let (mut sources, places) = spare.copy.join().ok()?;
        if spare.generation != self.generation {
            return None;
        }
        for path in &spare.stale {
            let now = self.files.get(path)?.parsed.as_deref()?;
            match (places.get(path)?, now) {
                (Place::Claim(i), ParsedEntry::Claim(c)) => sources.claims[*i] = Parsed::clone(c),
                (Place::Actor(i), ParsedEntry::Actor(a)) => sources.actors[*i] = Parsed::clone(a),
                (Place::Page(i), ParsedEntry::Page(p)) => sources.pages[*i] = Parsed::clone(p),
                (Place::Member(i), ParsedEntry::Member(m)) => sources.team[*i] = Parsed::clone(m),
                _ => return None,
            }
        }
        // An entry that parses now but did not then is missing from the copy.
        let parsed = self
            .order
            .iter()
            .filter(|p| self.files.get(*p).is_some_and(|c| c.parsed.is_some()))
            .count();
        let copied = sources.claims.len() + sources.actors.len() + sources.pages.len();
        (parsed == copied).then_some(sources)
    }

    /// The parsed entries, copied, as `source::load` would have returned them.
    pub fn sources(&mut self) -> Sources {
        if let Some(sources) = self.take_spare() {
            return sources;
        }
        let parsed: Vec<&ParsedEntry> = self
            .order
            .iter()
            .filter_map(|p| self.files.get(p)?.parsed.as_deref())
            .collect();
        let copies: Vec<ParsedEntry> = parsed.par_iter().map(|&p| p.clone()).collect();
        assemble(copies.into_iter()).0
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

    /// The parsed entry of a file, as cached now.
    pub fn parsed(&self, file: &Path) -> Option<&Arc<ParsedEntry>> {
        self.files.get(file)?.parsed.as_ref()
    }

    /// The text of an entry file (normalized), from memory; `None` for a file not cached.
    pub fn text(&self, file: &Path) -> Option<&str> {
        self.files.get(file)?.text.as_deref()
    }
}

#[cfg(unix)]
fn stamp(meta: &std::fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    Stamp {
        len: meta.len(),
        modified: (meta.mtime(), meta.mtime_nsec()),
        changed: (meta.ctime(), meta.ctime_nsec()),
        inode: meta.ino(),
    }
}

/// Elsewhere the modification time and length stand for the file's identity.
#[cfg(not(unix))]
fn stamp(meta: &std::fs::Metadata) -> Stamp {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or((0, 0), |d| {
            (d.as_secs() as i64, i64::from(d.subsec_nanos()))
        });
    Stamp {
        len: meta.len(),
        modified,
        changed: modified,
        inode: 0,
    }
}

/// Reads and parses one entry file as `source::load` does (size limit, UTF-8, front matter).
fn read_entry(path: &EntryPath, stamp: Option<Stamp>) -> CachedEntry {
    let mut entry = CachedEntry {
        kind: path.kind,
        bundle: path.bundle.clone(),
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
    let Some(text) = source::read_entry_text(path, problems) else {
        return entry;
    };
    entry.parsed = match path.kind {
        EntryKind::Claim => {
            parse_text::<RawClaim>(file, &text, CLAIM_KEYS, problems).map(|mut c| {
                c.bundle = path.bundle.clone();
                ParsedEntry::Claim(Box::new(c))
            })
        }
        EntryKind::Actor => parse_text::<RawActor>(file, &text, ACTOR_KEYS, problems)
            .map(|a| ParsedEntry::Actor(Box::new(a))),
        EntryKind::Page => parse_text::<RawPage>(file, &text, PAGE_KEYS, problems)
            .map(|p| ParsedEntry::Page(Box::new(p))),
        EntryKind::Member => parse_text::<RawMember>(file, &text, MEMBER_KEYS, problems)
            .map(|m| ParsedEntry::Member(Box::new(m))),
    }
    .map(Arc::new);
    entry.text = Some(split::normalize(&text).into_owned());
    entry
}
