//! Floor 0: the only code that writes. A build goes into a staging folder next to the output;
//! on success the two are exchanged atomically, so a failed or killed build never leaves a
//! half-written site. `digest` only ever replaces or deletes a folder that carries its marker,
//! and only one build at a time writes a given output (`lock`).

mod error;
mod leftovers;
mod lock;
mod names;
mod target;

pub use error::OutputError;
pub use leftovers::remove_tree;
pub use lock::{LockWait, OutputLock, lock_path};
pub use names::MARKER;
pub use target::{carries_marker, normalize, resolve_target};

use error::{io, refused};
use names::{MARKER_TEXT, sibling};

use std::collections::HashSet;
use std::fs::File;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// An output folder being built.
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// A hash of every path written (by components, so `a//b` and `a/b` count once), for the
    /// count at commit: 8 bytes a file, where the paths themselves took 19 MB at 50,000 claims.
    written: Mutex<HashSet<u64>>,
    /// The staging folder's marker, locked: the folder's owner is alive while this is held.
    _marker: File,
    _lock: OutputLock,
}

impl Staging {
    /// Checks that `target` may be (re)placed, and creates a fresh staging folder beside it.
    pub fn begin(target: &Path, site_root: &Path) -> Result<Staging, OutputError> {
        Staging::begin_waiting(target, site_root, LockWait::default())
    }

    /// As `begin`, waiting as `wait` says while another build writes the same output.
    /// `target` is relative to `site_root` unless absolute (see `resolve_target`).
    pub fn begin_waiting(
        target: &Path,
        site_root: &Path,
        wait: LockWait,
    ) -> Result<Staging, OutputError> {
        let target = resolve_target(site_root, target)?;
        let parent = target
            .parent()
            .ok_or_else(|| refused(&target, "it has no parent folder"))?;
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        // Now that the parents exist, links among them resolve: check the real place again.
        let name = target.file_name().expect("a path with a parent has a name");
        let real_parent = parent.canonicalize().map_err(io(parent))?;
        let target = resolve_target(site_root, &real_parent.join(name))?;
        let lock = OutputLock::acquire(&target, wait)?;
        // Another build may have changed the output while this one waited.
        let target = resolve_target(site_root, &target)?;
        leftovers::remove_leftovers(&target);
        let staging = sibling(&target, &format!("staging-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        std::fs::create_dir(&staging).map_err(io(&staging))?;
        spread_children(&staging);
        std::fs::write(staging.join(MARKER), MARKER_TEXT).map_err(io(&staging))?;
        let marker = leftovers::lock_marker(&staging)
            .ok_or_else(|| refused(&staging, "its marker is locked by another process"))?;
        Ok(Staging {
            target,
            staging,
            written: Mutex::default(),
            _marker: marker,
            _lock: lock,
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes one output file; `relative` is checked so that nothing lands outside the folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        std::fs::write(&path, bytes).map_err(io(&path))
    }

    /// Writes one output file through `write`, buffered, without holding it whole in memory.
    pub fn write_with(
        &self,
        relative: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        let file = File::create(&path).map_err(io(&path))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 18, file);
        write(&mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(io(&path))
    }

    /// Puts a made file (a share card from `.digest-cache/`) into the output as a hard link: no
    /// byte is read or written. A copy where a link cannot be made (another file system).
    pub fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        if std::fs::hard_link(source, &path).is_ok() {
            return Ok(());
        }
        std::fs::copy(source, &path).map(|_| ()).map_err(io(source))
    }

    /// The staged path of output `relative` (checked), its folders made.
    fn place(&self, relative: &str) -> Result<PathBuf, OutputError> {
        let relative = checked_relative(relative)?;
        self.record(relative);
        let path = self.staging.join(relative);
        let mut components = relative.components();
        let first = self
            .staging
            .join(components.next().expect("checked: not empty"));
        match components.count() {
            0 => {}
            // A first-level folder (claims/, actors/, tags/...) holds thousands of page folders:
            // place it where the previous output's freed inodes are not (`create_placed`).
            1 => create_placed(&first),
            _ => {
                let dir = path.parent().expect("a nested path has a parent");
                // Most pages have a folder of their own, made here: one `mkdir`, no `stat` first.
                match std::fs::create_dir(dir) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(_) => {
                        create_placed(&first);
                        std::fs::create_dir_all(dir).map_err(io(dir))?;
                    }
                }
            }
        }
        Ok(path)
    }

    /// Copies files into the output: (path relative to the output, source file).
    pub fn copy_files(&self, files: &[(PathBuf, PathBuf)]) -> Result<usize, OutputError> {
        for (relative, source) in files {
            let relative = relative.to_string_lossy();
            let relative = checked_relative(&relative)?;
            self.record(relative);
            let dest = self.staging.join(relative);
            if let Some(dir) = dest.parent() {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            std::fs::copy(source, &dest).map_err(io(source))?;
        }
        Ok(files.len())
    }

    /// Puts the staged site in place of the old one, atomically where the system allows; the
    /// old tree is removed afterwards, off the path the user waits on where possible.
    /// A staging folder missing any file written is never swapped in.
    pub fn commit(self) -> Result<Option<PathBuf>, OutputError> {
        let written = self.written.lock().map_or(0, |w| w.len());
        let marked = carries_marker(&self.staging);
        let found = count_files(&self.staging) - usize::from(marked);
        if found != written || !marked {
            let path = self.staging.clone();
            self.abort();
            return Err(OutputError::Incomplete {
                path,
                found,
                written,
            });
        }
        if !self.target.exists() {
            std::fs::rename(&self.staging, &self.target).map_err(io(&self.target))?;
            return Ok(None);
        }
        exchange(&self.staging, &self.target).map_err(io(&self.target))?;
        // `staging` now holds the previous site: move it out of the way for deletion.
        let trash = sibling(&self.target, &format!("trash-{}", unique()));
        std::fs::rename(&self.staging, &trash).map_err(io(&trash))?;
        // An empty folder that was adopted as the output has no marker for the deleter.
        if std::fs::remove_dir(&trash).is_ok() {
            return Ok(None);
        }
        Ok(Some(trash))
    }

    /// Drops the staging folder after a failed build; the previous site is untouched.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }

    fn record(&self, relative: &Path) {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        // Fixed keys: two paths collide with odds of one in 2^64 per pair, and a collision only
        // makes a commit refuse a complete folder, never accept an incomplete one.
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(relative);
        if let Ok(mut written) = self.written.lock() {
            written.insert(hash);
        }
    }
}

/// The files (not folders) under `dir`, read from the directory entries alone (no `stat`);
/// the folders in parallel (on the critical path: 110 ms for 22,000 folders, one at a time).
fn count_files(dir: &Path) -> usize {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let (folders, files): (Vec<_>, Vec<_>) = entries
        .flatten()
        .partition(|entry| entry.file_type().is_ok_and(|t| t.is_dir()));
    let nested: usize = folders
        .par_iter()
        .map(|folder| count_files(&folder.path()))
        .sum();
    files.len() + nested
}

/// Marks a folder as a "top directory" for ext4's Orlov allocator: the folders made in it are
/// placed by a hash of their name over all block groups instead of next to it. A no-op on other
/// file systems.
fn spread_children(dir: &Path) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        const FS_TOPDIR_FL: libc::c_long = 0x0002_0000;
        let Ok(folder) = std::fs::File::open(dir) else {
            return;
        };
        let mut flags: libc::c_long = 0;
        // SAFETY: the descriptor is open for the duration of both calls; `flags` outlives them.
        unsafe {
            if libc::ioctl(folder.as_raw_fd(), libc::FS_IOC_GETFLAGS, &mut flags) == 0 {
                flags |= FS_TOPDIR_FL;
                libc::ioctl(folder.as_raw_fd(), libc::FS_IOC_SETFLAGS, &flags);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
}

/// Creates a folder of the staging root (a "top directory") where ext4 has not just freed
/// inodes, for it and the thousands of page folders that will be made next to it.
///
/// Measured on this project's VM (ext4 without a journal): for a minute after the previous
/// output is deleted, ext4 will not reuse its inodes, and every file created in those block
/// groups pays for checking each of them again (seconds of system time for 10,000 pages, half a
/// minute for 50,000). The groups a new folder lands in cannot be named, but its first-level
/// folder's `mkdir` already pays that check in the group it lands in: so a few candidates are
/// made under fresh names (Orlov places each by a hash of its name), the quickest one is kept
/// and renamed into place, and the others are removed. Spreading every page folder instead
/// (`FS_TOPDIR_FL` on the first-level folder) avoids the freed groups too but scans every group
/// descriptor per folder, about 150 µs each. Losing a race to another worker is fine: the
/// folder exists either way.
fn create_placed(dir: &Path) {
    const CANDIDATES: usize = 3;
    if dir.is_dir() {
        return;
    }
    let mut best: Option<(Duration, PathBuf)> = None;
    for _ in 0..CANDIDATES {
        let fresh = dir.with_file_name(format!(".placing-{}", unique()));
        let started = Instant::now();
        if std::fs::create_dir(&fresh).is_err() {
            continue;
        }
        let took = started.elapsed();
        let keep = best.as_ref().is_none_or(|(quickest, _)| took < *quickest);
        let discard = if keep {
            best.replace((took, fresh)).map(|(_, old)| old)
        } else {
            Some(fresh)
        };
        if let Some(folder) = discard {
            let _ = std::fs::remove_dir(folder);
        }
    }
    if let Some((_, fresh)) = best
        && rename_no_replace(&fresh, dir).is_err()
    {
        let _ = std::fs::remove_dir(&fresh);
    }
}

/// A name part no other call, in this process or another, returns (workers may ask at once).
fn unique() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{}-{nanos}-{n}", std::process::id())
}

fn checked_relative(relative: &str) -> Result<&Path, OutputError> {
    let path = Path::new(relative);
    let safe = !relative.is_empty()
        && !relative.contains('\0')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(path)
    } else {
        Err(OutputError::Escape(relative.to_string()))
    }
}

/// Renames `from` to `to` unless `to` exists.
fn rename_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        renameat2(from, to, libc::RENAME_NOREPLACE)
    }
    #[cfg(not(target_os = "linux"))]
    {
        if to.exists() {
            return Err(std::io::ErrorKind::AlreadyExists.into());
        }
        std::fs::rename(from, to)
    }
}

#[cfg(target_os = "linux")]
fn renameat2(a: &Path, b: &Path, flags: libc::c_uint) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; the call does not retain them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            flags,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`), else with two renames.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if renameat2(a, b, libc::RENAME_EXCHANGE).is_ok() {
        return Ok(());
    }
    let aside = sibling(b, &format!("old-{}", unique()));
    std::fs::rename(b, &aside)?;
    if let Err(e) = std::fs::rename(a, b) {
        std::fs::rename(&aside, b)?;
        return Err(e);
    }
    std::fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_cannot_escape() {
        assert!(checked_relative("claims/x/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\0b", "./a"] {
            assert!(checked_relative(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn refuses_site_root_content_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.toml"), "").unwrap();
        assert!(Staging::begin(root, root).is_err());
        assert!(Staging::begin(root.parent().unwrap(), root).is_err());
        assert!(Staging::begin(&root.join("content"), root).is_err());
        std::fs::create_dir_all(root.join("mine")).unwrap();
        std::fs::write(root.join("mine/keep.txt"), "x").unwrap();
        assert!(Staging::begin(&root.join("mine"), root).is_err());
        assert!(root.join("mine/keep.txt").exists());
    }

    #[test]
    fn commit_swaps_and_abort_keeps_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let first = Staging::begin(&out, root).unwrap();
        first.write("index.html", b"one").unwrap();
        assert_eq!(first.commit().unwrap(), None);
        let second = Staging::begin(&out, root).unwrap();
        second.write("index.html", b"two").unwrap();
        second.abort();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        let third = Staging::begin(&out, root).unwrap();
        third.write("index.html", b"three").unwrap();
        let trash = third.commit().unwrap().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"three");
        remove_tree(&trash).unwrap();
        assert!(!trash.exists());
    }

    #[test]
    fn a_staging_folder_that_lost_a_file_is_never_swapped_in() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out, dir.path()).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&out, dir.path()).unwrap();
        second.write("index.html", b"two").unwrap();
        second.write("claims/a/index.html", b"a").unwrap();
        second.write("claims//a/index.html", b"a again").unwrap();
        std::fs::remove_dir_all(second.staging.join("claims")).unwrap();
        let staging = second.staging.clone();
        assert!(matches!(
            second.commit(),
            Err(OutputError::Incomplete {
                found: 1,
                written: 2,
                ..
            })
        ));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        assert!(!staging.exists());
    }

    #[test]
    fn page_folders_are_made_from_parallel_writers_without_leftover_names() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, dir.path()).unwrap();
        (0..64).into_par_iter().for_each(|i| {
            let section = ["claims", "actors"][i % 2];
            let page = format!("{section}/p{i}/index.html");
            staging.write(&page, page.as_bytes()).unwrap();
        });
        staging.write("claims/p0/feed.xml", b"feed").unwrap();
        staging.commit().unwrap();
        let mut top: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        top.sort();
        assert_eq!(top, [MARKER, "actors", "claims"]);
        for i in 0..64 {
            let page = format!("{}/p{i}/index.html", ["claims", "actors"][i % 2]);
            assert_eq!(std::fs::read(out.join(&page)).unwrap(), page.as_bytes());
        }
        assert_eq!(
            std::fs::read(out.join("claims/p0/feed.xml")).unwrap(),
            b"feed"
        );
        assert_eq!(std::fs::read_dir(out.join("claims")).unwrap().count(), 32);
    }
}
