//! Finds the entry files of a site: `content/claims/**.md` (or a bundle's
//! `content/claims/**/<slug>/index.md`, with its files: `bundle`), `content/actors/*.md`,
//! `content/pages/*.md`, `content/team/*.md`. Hidden files are skipped; a link that leads out of
//! the site is refused.

use super::bundle::{self, BundleFile};
use crate::diag::{Diagnostic, path_order};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    Claim,
    Actor,
    Page,
    /// A profile of the desk's people.
    Member,
}

impl EntryKind {
    pub fn folder(self) -> &'static str {
        match self {
            EntryKind::Claim => "claims",
            EntryKind::Actor => "actors",
            EntryKind::Page => "pages",
            EntryKind::Member => "team",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EntryPath {
    pub kind: EntryKind,
    /// Relative to the site root, for messages and slugs.
    pub relative: PathBuf,
    pub absolute: PathBuf,
    /// For a bundle's `index.md` (and its translations): the other files of its folder,
    /// published beside its page.
    pub bundle: Option<Vec<BundleFile>>,
}

/// `x.en.md` -> (`x`, `en`): an entry's language in its file name; `None` without a second
/// extension of two lowercase letters.
pub fn language_suffix(file: &Path) -> Option<(&str, &str)> {
    let stem = file.file_stem()?.to_str()?;
    let (base, code) = stem.rsplit_once('.')?;
    let looks_like_code = code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase());
    looks_like_code.then_some((base, code))
}

/// Lists entry files in a stable order, with diagnostics for what cannot be read safely.
pub fn find_entries(root: &Path) -> (Vec<EntryPath>, Vec<Diagnostic>) {
    let mut entries: Vec<EntryPath> = Vec::new();
    let mut problems = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if let Some(problem) = link_leaving_site(root, &canonical_root, Path::new("content")) {
        problems.push(problem);
        return (entries, problems);
    }
    for kind in [
        EntryKind::Claim,
        EntryKind::Actor,
        EntryKind::Page,
        EntryKind::Member,
    ] {
        let folder = root.join("content").join(kind.folder());
        let shown = Path::new("content").join(kind.folder());
        if let Some(problem) = link_leaving_site(root, &canonical_root, &shown) {
            problems.push(problem);
            continue;
        }
        if !folder.is_dir() {
            continue;
        }
        // Actors and pages are read only directly in their folder; deeper files are walked
        // only to say that they are ignored.
        let flat = kind != EntryKind::Claim;
        let first_of_kind = entries.len();
        let mut walker = WalkDir::new(&folder)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        while let Some(item) = walker.next() {
            let entry = match item {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| relative(root, p))
                        .unwrap_or_else(|| folder.clone());
                    problems.push(Diagnostic::error("read", path, format!("cannot read: {e}")));
                    continue;
                }
            };
            let path = entry.path();
            if !flat
                && entry.depth() > 0
                && entry.file_type().is_dir()
                && let Some(found) = bundle::read(root, &canonical_root, path)
            {
                walker.skip_current_dir();
                problems.extend(found.problems);
                let files = found.files;
                entries.extend(
                    found
                        .entries
                        .into_iter()
                        .map(|(relative, absolute)| EntryPath {
                            kind,
                            relative,
                            absolute,
                            bundle: Some(files.clone()),
                        }),
                );
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "md") {
                if entry.path_is_symlink() {
                    problems.extend(unfollowed_link(root, path));
                }
                continue;
            }
            let rel = relative(root, path);
            if flat && entry.depth() > 1 {
                problems.push(
                    Diagnostic::warning(
                        "entry-ignored",
                        rel,
                        format!(
                            "files in sub-folders of content/{} are not read",
                            kind.folder()
                        ),
                    )
                    .hint(format!(
                        "move it to content/{}/ (only claims may be filed in sub-folders)",
                        kind.folder()
                    )),
                );
                continue;
            }
            if entry.path_is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                    Ok(target) => {
                        problems.push(
                            Diagnostic::error(
                                "symlink-escape",
                                rel,
                                format!("this link leads out of the site, to {}", target.display()),
                            )
                            .expected("entry files inside the site folder")
                            .hint("copy the file into content/ instead of linking to it"),
                        );
                        continue;
                    }
                    Err(e) => {
                        problems.push(Diagnostic::error("read", rel, format!("broken link: {e}")));
                        continue;
                    }
                }
            } else if !entry.file_type().is_file() {
                continue;
            }
            entries.push(EntryPath {
                kind,
                relative: rel,
                absolute: path.to_path_buf(),
                bundle: None,
            });
        }
        // Sorted here rather than by the walk: walkdir compares file names it re-parses from
        // whole paths. Component order of the relative paths is the sorted walk's order.
        entries[first_of_kind..].sort_unstable_by(|a, b| path_order(&a.relative, &b.relative));
    }
    problems.extend(unread(root));
    (entries, problems)
}

/// Markdown files in `content/` that no folder of an entry kind holds (`content/claim/x.md`,
/// `content/x.md`): never read, so said once per file or folder rather than silently missing.
fn unread(root: &Path) -> Vec<Diagnostic> {
    let known = [
        EntryKind::Claim,
        EntryKind::Actor,
        EntryKind::Page,
        EntryKind::Member,
    ]
    .map(EntryKind::folder);
    let Ok(items) = std::fs::read_dir(root.join("content")) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, bool)> = items
        .flatten()
        .filter(|item| !item.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|item| {
            let name = item.file_name().to_string_lossy().into_owned();
            let kind = item.file_type().ok()?;
            let is_markdown = |p: &Path| p.extension().is_some_and(|e| e == "md");
            let unread = match kind.is_dir() {
                true => !known.contains(&name.as_str()) && holds_markdown(&item.path()),
                false => kind.is_file() && is_markdown(&item.path()),
            };
            unread.then(|| (Path::new("content").join(&name), kind.is_dir()))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(path, folder)| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let hint = match crate::diag::did_you_mean(&name, known) {
                Some(near) if folder => format!("did you mean content/{near}/? Rename the folder"),
                _ => "entries go in content/claims/ (claims, in sub-folders if you like), \
                      content/actors/, content/pages/ or content/team/"
                    .to_string(),
            };
            let what = match folder {
                true => format!(
                    "{} is not a folder of entries: its files are not read",
                    path.display()
                ),
                false => "files directly in content/ are not read".to_string(),
            };
            Diagnostic::warning("entry-ignored", path, what).hint(hint)
        })
        .collect()
}

/// Whether a folder holds a Markdown file at any depth (hidden ones aside).
fn holds_markdown(folder: &Path) -> bool {
    WalkDir::new(folder)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
}

/// A link in `content/` that is not an entry: walking never follows it, so its folder's files
/// would be silently missing; a broken or looping one is an error like a broken entry link.
fn unfollowed_link(root: &Path, path: &Path) -> Option<Diagnostic> {
    let rel = relative(root, path);
    match path.canonicalize() {
        Err(e) => Some(Diagnostic::error("read", rel, format!("broken link: {e}"))),
        Ok(target) if target.is_dir() => Some(
            Diagnostic::warning(
                "symlink-ignored",
                rel,
                "links to folders are not followed: the entries behind it are not read",
            )
            .hint("move or copy the folder into content/"),
        ),
        Ok(_) => None,
    }
}

/// A diagnostic when the site's folder `relative` (e.g. `content`) is a link that leads out of
/// the site: what it holds would be read (and published) from elsewhere.
pub fn link_leaving_site(
    root: &Path,
    canonical_root: &Path,
    relative: &Path,
) -> Option<Diagnostic> {
    let path = root.join(relative);
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let target = path.canonicalize().ok().filter(|_| is_link)?;
    if target.starts_with(canonical_root) {
        return None;
    }
    Some(
        Diagnostic::error(
            "symlink-escape",
            relative,
            format!("this link leads out of the site, to {}", target.display()),
        )
        .expected("the site's folders inside the site folder")
        .hint("copy the folder into the site instead of linking to it"),
    )
}

pub(super) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
