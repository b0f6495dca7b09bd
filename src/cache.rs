//! Floor 0: a content-addressed cache of made files (share cards, resized images), in
//! `.digest-cache/` at the site root, so that a warm build makes nothing again. A file is named
//! by the hash of everything it was made from (`Key`); a key's bytes never change, so an entry is
//! written once and then only read. Writes go to a temporary file renamed into place: a reader,
//! or another build writing the same key at the same time, sees a whole file or none. The cache
//! is a help, never a need: a folder that cannot be read or written only makes the build slower.

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The cache's folder, relative to the site root.
pub const DIR: &str = ".digest-cache";

/// The name of a cached file: a 128-bit hash of its inputs, as 32 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Builds a key from the inputs of a made file, each written with its length, so that
/// `("ab", "c")` and `("a", "bc")` differ. SipHash-1-3 with fixed keys is fully specified, so a
/// key is the same across builds, machines and Rust versions (unlike `std`'s `DefaultHasher`).
pub struct KeyHasher(SipHasher13);

impl Default for KeyHasher {
    fn default() -> Self {
        KeyHasher(SipHasher13::new_with_keys(
            0x6469_6765_7374,
            0x0063_6163_6865,
        ))
    }
}

impl KeyHasher {
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn number(&mut self, n: u64) -> &mut Self {
        self.0.write_u64(n);
        self
    }

    pub fn finish(&self) -> Key {
        Key(format!("{:032x}", self.0.finish128().as_u128()))
    }
}

/// The cache of one site, and what it did during a build.
#[derive(Debug, Default)]
pub struct Cache {
    /// None: no cache (every lookup misses, nothing is written).
    dir: Option<PathBuf>,
    hits: AtomicUsize,
    writes: AtomicUsize,
}

/// Each temporary file of this process gets its own name.
static TEMP: AtomicUsize = AtomicUsize::new(0);

impl Cache {
    /// The cache of the site at `root` (`<root>/.digest-cache/`), made on the first write.
    pub fn open(root: &Path) -> Cache {
        Cache {
            dir: Some(root.join(DIR)),
            ..Cache::default()
        }
    }

    /// A cache that keeps nothing.
    pub fn none() -> Cache {
        Cache::default()
    }

    /// Where the entry of `key` is (or would be): `<dir>/<2 hex>/<30 hex>`, so that no folder
    /// holds more than a few hundred entries per 100,000.
    fn path(&self, key: &Key) -> Option<PathBuf> {
        let (fan, rest) = key.0.split_at(2);
        Some(self.dir.as_ref()?.join(fan).join(rest))
    }

    /// The bytes cached under `key`, if any.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key)?).ok()?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(bytes)
    }

    /// The file of `key`'s entry, when there is one (counted as a hit), for a caller that links
    /// it rather than reading it.
    pub fn file(&self, key: &Key) -> Option<PathBuf> {
        let path = self.path(key)?;
        std::fs::symlink_metadata(&path).ok()?.is_file().then(|| {
            self.hits.fetch_add(1, Ordering::Relaxed);
            path
        })
    }

    /// Caches `bytes` under `key`: written to a temporary file, then renamed into place (atomic
    /// on one file system; the last of two builds writing the same key wins with the same bytes).
    pub fn put(&self, key: &Key, bytes: &[u8]) -> std::io::Result<()> {
        let Some(path) = self.path(key) else {
            return Ok(());
        };
        let dir = path.parent().expect("an entry is in a folder");
        std::fs::create_dir_all(dir)?;
        let n = TEMP.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
        let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written?;
        self.writes.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// The bytes under `key`, else made by `make` and cached (a failed write is only a miss next
    /// time). Returns the bytes and whether they were made now.
    pub fn get_or_make(&self, key: &Key, make: impl FnOnce() -> Vec<u8>) -> (Vec<u8>, bool) {
        if let Some(bytes) = self.get(key) {
            return (bytes, false);
        }
        let bytes = make();
        let _ = self.put(key, &bytes);
        (bytes, true)
    }

    /// How many lookups found their entry.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// How many entries were written.
    pub fn writes(&self) -> usize {
        self.writes.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parts: &[&str]) -> Key {
        let mut h = KeyHasher::default();
        for p in parts {
            h.text(p);
        }
        h.finish()
    }

    #[test]
    fn keys_are_stable_and_length_prefixed() {
        assert_eq!(key(&["a", "b"]), key(&["a", "b"]));
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        assert_eq!(key(&["card"]).as_str().len(), 32);
        // A fixed value: a change of hash would silently empty every cache.
        assert_eq!(key(&["card"]).as_str(), "523ffd10a4a073399428f6aa8cf0928b");
    }

    #[test]
    fn put_then_get_and_counts() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let cache = Cache::open(dir.path());
        let k = key(&["x"]);
        assert_eq!(cache.get(&k), None);
        let (bytes, made) = cache.get_or_make(&k, || b"made".to_vec());
        assert!(made);
        assert_eq!(bytes, b"made");
        let (bytes, made) = cache.get_or_make(&k, || unreachable!("cached"));
        assert!(!made);
        assert_eq!(bytes, b"made");
        assert_eq!((cache.hits(), cache.writes()), (1, 1));
        // No temporary file is left behind.
        let fan = dir.path().join(DIR).join(&k.as_str()[..2]);
        let names: Vec<_> = std::fs::read_dir(fan).expect("the fan folder").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn no_cache_keeps_nothing() {
        let cache = Cache::none();
        let k = key(&["x"]);
        cache.put(&k, b"x").expect("a no-op");
        assert_eq!(cache.get(&k), None);
    }
}
