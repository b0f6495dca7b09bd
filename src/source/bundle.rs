//! Page bundles: a folder of `content/claims/` holding an `index.md` is one entry (its slug the
//! folder's name) with its own files (images, PDFs), published beside its page. Its
//! translations (`index.en.md`) are entries of the same bundle, sharing its files (a folder with
//! only a translation is a bundle too). Its other Markdown files are not entries; a link that
//! leads out of the folder is refused, a link to a folder is not followed, and a file name must
//! be usable in a URL as it is.

use super::walk::relative;
use crate::diag::Diagnostic;
use crate::slug::is_safe_segment;
use std::path::{Path, PathBuf};

/// A bundle's file larger than this is refused: evidence is a screenshot or a document, and a
/// video belongs to an archive.
pub const MAX_BUNDLE_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// One file of a bundle: its name inside the folder (`/`-separated, e.g. `img/a.png`) and where
/// it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    pub name: String,
    pub path: PathBuf,
}

/// What a bundle's folder holds: its entries (`index.md` and its translations, relative to the
/// site root and on disk), its files and what was refused.
pub struct Found {
    pub entries: Vec<(PathBuf, PathBuf)>,
    pub files: Vec<BundleFile>,
    pub problems: Vec<Diagnostic>,
}

/// Whether a bundle's file name is a translation of its `index.md` (`index.en.md`).
pub fn is_translated_index(name: &str) -> bool {
    name.strip_prefix("index.")
        .and_then(|rest| rest.strip_suffix(".md"))
        .is_some_and(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The bundle in `folder` (a folder under `content/claims/`), or `None` when it holds no
/// `index.md` nor a translation of one (a plain folder of entries).
pub fn read(root: &Path, canonical_root: &Path, folder: &Path) -> Option<Found> {
    let index = folder.join("index.md");
    let mut names: Vec<String> = Vec::new();
    match std::fs::symlink_metadata(&index) {
        Ok(meta) if meta.is_dir() => return None,
        Ok(_) => names.push("index.md".into()),
        Err(_) => {}
    }
    // Its translations: looked for only when it is a bundle, or could be one.
    let listed = std::fs::read_dir(folder).ok()?;
    let mut translations: Vec<String> = listed
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| is_translated_index(name))
        .collect();
    translations.sort_unstable();
    names.extend(translations);
    if names.is_empty() {
        return None;
    }
    let mut found = Found {
        entries: Vec::new(),
        files: Vec::new(),
        problems: Vec::new(),
    };
    for name in &names {
        let path = folder.join(name);
        match entry_file(root, canonical_root, &path) {
            Ok(true) => found.entries.push((relative(root, &path), path)),
            Ok(false) => {}
            Err(problem) => found.problems.push(*problem),
        }
    }
    if found.entries.is_empty() {
        // A folder named `index.md`, or a link refused: no entry, no files published.
        return (!found.problems.is_empty()).then_some(found);
    }
    let Ok(canonical_folder) = folder.canonicalize() else {
        return Some(found);
    };
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| folder.to_path_buf(), Path::to_path_buf);
                found.problems.push(Diagnostic::error(
                    "read",
                    relative(root, &path),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let shown = relative(root, path);
        let inside = path.strip_prefix(folder).expect("walked below it");
        if inside == Path::new("index.md")
            || (entry.depth() == 1 && is_translated_index(&entry.file_name().to_string_lossy()))
        {
            continue;
        }
        let mut source = path.to_path_buf();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(t) if !t.starts_with(&canonical_folder) => {
                    found
                        .problems
                        .push(escape(&shown, &t, "the bundle's folder"));
                    continue;
                }
                Ok(t) if t.is_dir() => {
                    found.problems.push(
                        Diagnostic::warning(
                            "symlink-ignored",
                            shown,
                            "links to folders are not followed: the files behind it are not published",
                        )
                        .hint("move or copy the folder into the bundle"),
                    );
                    continue;
                }
                Ok(t) => source = t,
                Err(e) => {
                    found.problems.push(Diagnostic::error(
                        "read",
                        shown,
                        format!("broken link: {e}"),
                    ));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if path.extension().is_some_and(|ext| ext == "md") {
            found.problems.push(
                Diagnostic::warning(
                    "entry-ignored",
                    shown,
                    "a Markdown file inside a bundle is neither an entry nor published",
                )
                .hint(
                    "a bundle holds one entry, its index.md; move other entries out of its folder",
                ),
            );
            continue;
        }
        let segments: Vec<String> = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if let Some(bad) = segments.iter().find(|s| !is_safe_segment(s)) {
            found.problems.push(
                Diagnostic::error(
                    "unsafe-file-name",
                    shown,
                    format!("the name {bad:?} cannot be published as it is in a URL"),
                )
                .expected("ASCII letters, digits, '-', '_' and '.' (no space, accent or leading dot)")
                .hint("rename it with ASCII letters, digits, '-', '_' and '.' (links in the entry too)"),
            );
            continue;
        }
        let size = std::fs::metadata(&source).map_or(0, |m| m.len());
        if size > MAX_BUNDLE_FILE_BYTES {
            found.problems.push(
                Diagnostic::error(
                    "too-large",
                    shown,
                    format!("file is {size} bytes, over the limit of {MAX_BUNDLE_FILE_BYTES}"),
                )
                .hint("publish a smaller copy (a screenshot, an excerpt) and keep the original in your archive"),
            );
            continue;
        }
        found.files.push(BundleFile {
            name: segments.join("/"),
            path: source,
        });
    }
    Some(found)
}

/// Whether an entry file of a bundle is one to read: a file, or a link to a file inside the
/// site.
fn entry_file(root: &Path, canonical_root: &Path, path: &Path) -> Result<bool, Box<Diagnostic>> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(false);
    };
    if !meta.file_type().is_symlink() {
        return Ok(meta.is_file());
    }
    let shown = relative(root, path);
    match path.canonicalize() {
        Ok(t) if t.starts_with(canonical_root) && t.is_file() => Ok(true),
        Ok(t) => Err(Box::new(escape(&shown, &t, "the site"))),
        Err(e) => Err(Box::new(Diagnostic::error(
            "read",
            shown,
            format!("broken link: {e}"),
        ))),
    }
}

fn escape(shown: &Path, target: &Path, place: &str) -> Diagnostic {
    Diagnostic::error(
        "symlink-escape",
        shown,
        format!("this link leads out of {place}, to {}", target.display()),
    )
    .expected(format!("files inside {place}"))
    .hint("copy the file into the bundle instead of linking to it")
}
