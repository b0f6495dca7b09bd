//! A small content-addressed cache on disk (`.digest-cache/` at the site root): bytes stored
//! under the hash of everything that made them, so that an unchanged input is never processed
//! again. Writes are atomic (a temporary file renamed into place): a build killed halfway
//! leaves no torn entry, and two builds writing the same key write the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The cache's folder name at the site root (`digest init` puts it in `.gitignore`).
pub const CACHE_DIR: &str = ".digest-cache";

/// A hash of the inputs of one cached output.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    /// The key of `parts`, each length-prefixed (so that `("ab", "c")` and `("a", "bc")` differ).
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut hasher = blake3::Hasher::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Key(hasher.finalize().to_hex().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One namespace of the cache (`.digest-cache/<name>/`). A read-only cache (`digest check`)
/// reads what is there and stores nothing.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    writable: bool,
}

impl Cache {
    /// The namespace `name` of the site at `root`; the folder is made on the first `put`.
    pub fn open(root: &Path, name: &str, writable: bool) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR).join(name),
            writable,
        }
    }

    fn path(&self, key: &Key) -> PathBuf {
        // Two levels, so that no folder holds hundreds of thousands of files.
        self.dir.join(&key.0[..2]).join(&key.0[2..])
    }

    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        std::fs::read(self.path(key)).ok()
    }

    /// The file of `key`'s entry, when there is one, for a caller that links it rather than
    /// reading it (a warm build's share cards).
    pub fn file(&self, key: &Key) -> Option<PathBuf> {
        let path = self.path(key);
        std::fs::symlink_metadata(&path)
            .ok()?
            .is_file()
            .then_some(path)
    }

    /// Stores `bytes` under `key`: written beside, then renamed into place. A cache that cannot
    /// be written is not an error of the build (the output is made all the same).
    pub fn put(&self, key: &Key, bytes: &[u8]) -> std::io::Result<()> {
        if !self.writable {
            return Ok(());
        }
        let path = self.path(key);
        let dir = path.parent().expect("a key has a folder");
        std::fs::create_dir_all(dir)?;
        let temporary = dir.join(format!(
            ".{}.{}.tmp",
            &key.0[2..18],
            std::process::id() as u64 * 1_000_003 + unique()
        ));
        let mut file = std::fs::File::create(&temporary)?;
        let written = file.write_all(bytes).and_then(|()| file.sync_data());
        drop(file);
        match written.and_then(|()| std::fs::rename(&temporary, &path)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = std::fs::remove_file(&temporary);
                Err(e)
            }
        }
    }
}

/// A number no other temporary file of this process has.
fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_finds_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), "t", true);
        let key = Key::of(&[b"ab", b"c"]);
        assert_ne!(key, Key::of(&[b"a", b"bc"]));
        assert_eq!(cache.get(&key), None);
        cache.put(&key, b"bytes").unwrap();
        assert_eq!(cache.get(&key).as_deref(), Some(&b"bytes"[..]));
        let read_only = Cache::open(dir.path(), "r", false);
        read_only.put(&key, b"x").unwrap();
        assert_eq!(read_only.get(&key), None);
        assert!(!dir.path().join(CACHE_DIR).join("r").exists());
    }
}
