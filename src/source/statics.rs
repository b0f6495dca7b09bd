//! The files of a site's `static/` folder, copied into the output as they are. Nothing outside
//! it may be published through it: a link inside it that leads out of it, or a `static` link
//! that leads out of the site (or into a hidden folder such as `.git`), is refused with a
//! diagnostic, and what cannot be read is reported rather than skipped.

use crate::diag::Diagnostic;
use std::path::{Component, Path, PathBuf};

/// The folder's files: (path relative to `static/`, path on disk). Hidden files are copied too
/// (`.well-known/`, `CNAME`...).
#[derive(Debug, Default, Clone)]
pub struct StaticFiles {
    pub files: Vec<(PathBuf, PathBuf)>,
    pub problems: Vec<Diagnostic>,
}

/// Reads `<root>/static`, with a diagnostic for every link that leaves the site and every
/// entry that cannot be read.
pub fn scan_static(root: &Path) -> StaticFiles {
    let mut found = StaticFiles::default();
    let folder = root.join("static");
    let Ok(meta) = std::fs::symlink_metadata(&folder) else {
        return found;
    };
    let Ok(site) = root.canonicalize() else {
        return found;
    };
    let static_root = match folder.canonicalize() {
        Ok(path) => path,
        Err(_) if meta.file_type().is_symlink() => {
            found.problems.push(broken_link(Path::new("static")));
            return found;
        }
        Err(e) => {
            found.problems.push(Diagnostic::error(
                "read",
                "static",
                format!("cannot read: {e}"),
            ));
            return found;
        }
    };
    if meta.file_type().is_symlink() && !publishable(&static_root, &site, None) {
        found
            .problems
            .push(escape(Path::new("static"), &static_root));
        return found;
    }
    if !static_root.is_dir() {
        return found;
    }
    let walker = walkdir::WalkDir::new(&folder)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1);
    for item in walker {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map_or_else(|| folder.clone(), Path::to_path_buf);
                found.problems.push(
                    Diagnostic::error(
                        "read",
                        site_relative(root, &path),
                        format!("cannot read: {e}"),
                    )
                    .hint("make the file readable, or remove it from static/"),
                );
                continue;
            }
        };
        let relative = entry
            .path()
            .strip_prefix(&folder)
            .expect("walked below it")
            .to_path_buf();
        let shown = Path::new("static").join(&relative);
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(t) if !publishable(&t, &site, Some(&static_root)) => {
                    found.problems.push(escape(&shown, &t));
                    continue;
                }
                Ok(t) if t.is_file() => {}
                // A link to a folder inside the site is not followed (it could loop).
                Ok(_) => continue,
                Err(_) => {
                    found.problems.push(broken_link(&shown));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        found.files.push((relative, entry.path().to_path_buf()));
    }
    found
}

/// The files of a site's `static/` folder (`scan_static` of its parent), without the
/// diagnostics: (path relative to the folder, path on disk).
pub fn static_files(folder: &Path) -> Vec<(PathBuf, PathBuf)> {
    let root = match folder.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    scan_static(root).files
}

/// Whether a link's target may be published. Inside `static/`, a link must stay inside it (a
/// contributor could otherwise publish a file that only exists where the site is built, such
/// as CI credentials); `static` itself may lead elsewhere in the site, but not to the site
/// folder itself nor under a hidden folder (`.git`, `.env`...).
fn publishable(target: &Path, site: &Path, static_root: Option<&Path>) -> bool {
    if let Some(static_root) = static_root {
        return target.starts_with(static_root);
    }
    let Ok(inside) = target.strip_prefix(site) else {
        return false;
    };
    inside.components().next().is_some()
        && inside.components().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        })
}

fn escape(shown: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        "symlink-escape",
        shown,
        format!(
            "this link leads out of static/ or the site, to {}",
            target.display()
        ),
    )
    .expected("files inside static/ (and static/ inside the site, outside hidden folders)")
    .hint("copy the files into static/ instead of linking to them")
}

fn broken_link(shown: &Path) -> Diagnostic {
    Diagnostic::error("read", shown, "broken link: its target does not exist")
        .hint("fix or remove the link")
}

fn site_relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
