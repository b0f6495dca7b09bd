//! Where the output goes: the folder the user asked for, normalised and resolved, then checked
//! so that a build can never replace the site itself, its sources, or a folder digest did not make.

use super::error::{OutputError, io, refused};
use super::names::{MARKER, MARKER_TEXT};
use std::path::{Component, Path, PathBuf};

/// The output folder for `requested` (relative to `site_root` unless absolute), or why it is
/// refused. Reads the disk but changes nothing, so `check` can ask too.
///
/// The path is normalised lexically first (`zz/../x` is `x` even when `zz` does not exist), a
/// relative path may not climb out of the site with `..`, and a link in place of the output is
/// followed: the site is written into the link's target, beside which the swap happens.
pub fn resolve_target(site_root: &Path, requested: &Path) -> Result<PathBuf, OutputError> {
    let root = normalize(&absolute(site_root));
    let target = if requested.is_absolute() {
        normalize(requested)
    } else {
        let relative = normalize(requested);
        if relative.components().next() == Some(Component::ParentDir) {
            return Err(refused(
                requested,
                "its `..` climbs out of the site folder; give an absolute path to write the site outside it",
            ));
        }
        root.join(relative)
    };
    let target = follow_link(&target)?;
    check_target(&target, &root)?;
    Ok(target)
}

/// Whether `folder` carries digest's marker: a plain file starting with the marker's text. An
/// empty or foreign `.digest-output` does not count.
pub fn carries_marker(folder: &Path) -> bool {
    use std::io::Read;
    let path = folder.join(MARKER);
    let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
    let mut start = vec![0; MARKER_TEXT.len()];
    is_file
        && std::fs::File::open(&path)
            .and_then(|mut f| f.read_exact(&mut start))
            .is_ok()
        && start == MARKER_TEXT.as_bytes()
}

/// Removes `.` and resolves `..` against the components before it, without asking the disk (a
/// missing folder then cannot hide a `..`). `..` at the start of a relative path is kept.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

pub(super) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The folder a link in place of the output leads to (so the swap happens beside it and the
/// link keeps pointing at the new site); the path itself when it is not a link.
fn follow_link(target: &Path) -> Result<PathBuf, OutputError> {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(target.to_path_buf());
    }
    target.canonicalize().map_err(|e| OutputError::Refused {
        path: target.to_path_buf(),
        reason: format!(
            "it is a link to a folder that cannot be reached ({e}); create the folder it points to or remove the link"
        ),
    })
}

/// The path as the system resolves it, as far as it exists: a missing tail is kept as written.
fn resolved(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut tail = Vec::new();
    while let Err(_e) = existing.canonicalize() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut out = existing.canonicalize().unwrap_or_else(|_| existing.into());
    out.extend(tail.iter().rev());
    out
}

fn check_target(target: &Path, site_root: &Path) -> Result<(), OutputError> {
    let (t, root) = (resolved(target), resolved(site_root));
    if root.starts_with(&t) {
        return Err(refused(
            target,
            "it is the site folder or one of its parents",
        ));
    }
    let sources = ["content", "templates", "static"].map(|f| resolved(&site_root.join(f)));
    if sources.iter().any(|source| t.starts_with(source)) {
        return Err(refused(
            target,
            "it is inside the site's content/, templates/ or static/",
        ));
    }
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(refused(target, "it exists and is not a folder"));
    }
    // An output digest wrote may hold a page or static file named like a site's parts.
    if carries_marker(target) {
        return Ok(());
    }
    if target.join("site.toml").exists() || target.join("content").exists() {
        return Err(refused(target, "it holds a site (site.toml or content/)"));
    }
    let empty = std::fs::read_dir(target)
        .map_err(io(target))?
        .next()
        .is_none();
    if !empty {
        return Err(OutputError::Refused {
            path: target.to_path_buf(),
            reason: "it is not empty and was not created by digest (no .digest-output marker); move it away or choose another --output-dir".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_without_the_disk() {
        let cases = [
            ("/a/zz/../../b", "/b"),
            ("/s/zz/../../s", "/s"),
            ("/a/./b/../c", "/a/c"),
            ("/../a", "/a"),
            ("zz/../../x", "../x"),
            ("a/b/..", "a"),
        ];
        for (given, expected) in cases {
            assert_eq!(normalize(Path::new(given)), Path::new(expected), "{given}");
        }
    }

    #[test]
    fn a_relative_path_may_not_climb_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir(&root).unwrap();
        for bad in ["zz/../../site", "..", "../elsewhere", "a/../../site/out"] {
            assert!(resolve_target(&root, Path::new(bad)).is_err(), "{bad}");
        }
        let ok = resolve_target(&root, Path::new("zz/../out")).unwrap();
        assert_eq!(ok, normalize(&absolute(&root)).join("out"));
    }
}
