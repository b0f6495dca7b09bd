//! The folders a build leaves beside the output (`.<name>.digest-staging-<pid>` while it writes,
//! `.<name>.digest-trash-<pid>-…` for the previous site until it is deleted) and their cleanup.
//!
//! A folder is owned by a live process for exactly as long as that process holds a lock on its
//! marker file: the build on its staging folder, the deleter on the trash it removes. So a
//! leftover is removed only when no process holds its marker, or, without a marker, when the
//! process named in it is gone. The marker is removed last, so a deleter killed midway leaves a
//! folder that the next build still recognises and finishes removing.

use super::error::{OutputError, io, refused};
use super::names::MARKER;
use super::target::carries_marker;
use std::fs::File;
use std::path::Path;

/// Deletes a folder digest made (it must carry the marker), the marker last. Returns at once
/// when another process is already deleting it.
pub fn remove_tree(path: &Path) -> Result<(), OutputError> {
    if !carries_marker(path) {
        return Err(refused(
            path,
            "it was not created by digest (no marker file)",
        ));
    }
    match lock_marker(path) {
        Some(marker) => remove_locked(path, marker),
        None => Ok(()),
    }
}

/// Removes staging and trash folders beside `target` whose owner is gone. Called with the
/// output's lock held, so no build of this output is writing.
pub fn remove_leftovers(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.digest-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = file_name.strip_prefix(&prefix).and_then(kind_and_owner) else {
            continue;
        };
        // Only real folders: a link named like a leftover is not followed.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        let has_marker = std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file());
        let owner_gone = pid.is_some_and(|pid| pid == std::process::id() || !process_alive(pid));
        if has_marker {
            if let Some(marker) = lock_marker(&path) {
                let _ = remove_locked(&path, marker);
            }
        } else if kind == Kind::Trash && owner_gone {
            // A previous site whose deleter was stopped after removing its marker (earlier
            // versions removed it first): only digest names folders so.
            let _ = std::fs::remove_dir_all(&path);
        } else if owner_gone {
            // A staging folder gets its marker at once: without one, only an empty folder is
            // digest's for sure.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Staging,
    Trash,
}

/// The kind of a leftover and the pid in its name when it is exactly as digest writes it
/// (`staging-<pid>`, `trash-<pid>-<time>-<n>`, `old-<pid>-<time>-<n>`, the latter a previous
/// site set aside where folders cannot be exchanged in one step).
fn kind_and_owner(name: &str) -> Option<(Kind, Option<u32>)> {
    if let Some(rest) = name.strip_prefix("staging-") {
        return Some((Kind::Staging, number(rest)));
    }
    let rest = name
        .strip_prefix("trash-")
        .or_else(|| name.strip_prefix("old-"))?;
    let parts: Vec<&str> = rest.split('-').collect();
    let exact = parts.len() == 3 && parts.iter().all(|p| all_digits(p));
    let pid = if exact { number(parts[0]) } else { None };
    Some((Kind::Trash, pid))
}

/// A number written as digest writes them: digits only, no sign or spaces.
fn number(text: &str) -> Option<u32> {
    if all_digits(text) {
        text.parse().ok()
    } else {
        None
    }
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The marker of `folder`, locked by this process, or None when another process holds it.
pub(super) fn lock_marker(folder: &Path) -> Option<File> {
    let marker = File::open(folder.join(MARKER)).ok()?;
    marker.try_lock().ok()?;
    Some(marker)
}

fn remove_locked(path: &Path, marker: File) -> Result<(), OutputError> {
    for entry in std::fs::read_dir(path).map_err(io(path))?.flatten() {
        if entry.file_name() == MARKER {
            continue;
        }
        let child = entry.path();
        let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&child)
        } else {
            std::fs::remove_file(&child)
        };
        removed.map_err(io(&child))?;
    }
    // Unix lets a locked file be removed, which keeps the lock to the end; Windows does not.
    #[cfg(not(unix))]
    drop(marker);
    std::fs::remove_file(path.join(MARKER)).map_err(io(path))?;
    #[cfg(unix)]
    drop(marker);
    std::fs::remove_dir(path).map_err(io(path))
}

/// Whether a process with this id exists (Unix: `kill(pid, 0)`); elsewhere, assumed alive.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names_give_their_kind_and_owner() {
        let cases = [
            ("staging-42", Some((Kind::Staging, Some(42)))),
            ("staging-1-2", Some((Kind::Staging, None))),
            (
                "trash-42-1796109285508936142-3",
                Some((Kind::Trash, Some(42))),
            ),
            ("old-7-1-1", Some((Kind::Trash, Some(7)))),
            ("trash-1-2", Some((Kind::Trash, None))),
            ("trash-+1-2-3", Some((Kind::Trash, None))),
            ("lock", None),
            ("other", None),
        ];
        for (name, expected) in cases {
            assert_eq!(kind_and_owner(name), expected, "{name}");
        }
    }

    #[test]
    fn this_process_is_alive_an_impossible_pid_is_not() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(u32::MAX));
    }
}
