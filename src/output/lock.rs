//! One build at a time per output folder: an exclusive lock (`flock` on Unix) on a file beside
//! the output, `.<name>.digest-lock`, held from the checks before staging until the swap is done.
//! The system releases it when the process ends, however it ends, so a killed build never blocks
//! the next one. The holder removes the file before releasing it (on Unix), and a process that
//! gets the lock checks that the file it locked is still the one at that path: a build waiting
//! on a removed file tries again, so two builds never both think they hold the lock.

use super::error::{OutputError, io};
use super::names::sibling;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a build waits for another build of the same output, and whom to tell it waits.
#[derive(Debug, Clone, Copy)]
pub struct LockWait {
    pub limit: Duration,
    /// Called once, with the lock file's path, when the lock is taken by another process.
    pub notify: Option<fn(&Path)>,
}

impl Default for LockWait {
    fn default() -> Self {
        LockWait {
            limit: Duration::from_secs(300),
            notify: None,
        }
    }
}

/// The lock on an output folder, released (and its file removed) when dropped.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    /// Takes the lock of `target` (a resolved output path), waiting up to `wait.limit`.
    pub fn acquire(target: &Path, wait: LockWait) -> Result<OutputLock, OutputError> {
        let path = lock_path(target);
        let started = Instant::now();
        let mut told = false;
        loop {
            let file = open_lock_file(&path).map_err(io(&path))?;
            match file.try_lock() {
                Ok(()) if still_at(&file, &path) => return Ok(OutputLock { file, path }),
                Ok(()) => continue,
                Err(TryLockError::Error(e)) => return Err(io(&path)(e)),
                Err(TryLockError::WouldBlock) => {}
            }
            if started.elapsed() >= wait.limit {
                return Err(OutputError::Busy {
                    path: target.to_path_buf(),
                    waited: started.elapsed().as_secs(),
                });
            }
            if !told && let Some(notify) = wait.notify {
                notify(&path);
                told = true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked; Windows cannot remove an open file, so it stays there.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// `.<name>.digest-lock` beside the output.
pub fn lock_path(target: &Path) -> PathBuf {
    sibling(target, "lock")
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A link planted in the lock file's place must not make digest create files elsewhere.
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Whether `file` is still the file at `path` (the previous holder may have removed it).
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_gives_up_and_the_file_goes_with_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = OutputLock::acquire(&target, LockWait::default()).unwrap();
        assert!(lock_path(&target).is_file());
        let quick = LockWait {
            limit: Duration::from_millis(200),
            notify: None,
        };
        assert!(matches!(
            OutputLock::acquire(&target, quick),
            Err(OutputError::Busy { .. })
        ));
        drop(first);
        assert!(!lock_path(&target).exists());
        let second = OutputLock::acquire(&target, quick).unwrap();
        drop(second);
    }
}
