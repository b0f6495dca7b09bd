//! Watches `site.toml`, `content/`, `templates/` and `static/`, and hands over what changed in
//! batches: events that come within a short quiet time of each other make one batch (an editor's
//! save is often several events), so one save makes one rebuild.

use crate::driver::Touched;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A batch closes after this long without a new event...
const QUIET: Duration = Duration::from_millis(60);
/// ...or this long after its first event, whichever comes first.
const LONGEST: Duration = Duration::from_millis(400);
/// A rebuild that asked to be retried (it ran out of file descriptors) runs again after this.
const RETRY: Duration = Duration::from_millis(500);
const FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// Whether a rebuild should run again without waiting for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    Done,
    Retry,
}

/// Starts watching `root` (absolute); `on_change` runs on the watching thread, one batch at a
/// time (events that arrive meanwhile make the next batch).
pub fn spawn(
    root: PathBuf,
    mut on_change: impl FnMut(Touched) -> Rebuilt + Send + 'static,
) -> notify::Result<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel();
    let mut watcher: RecommendedWatcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })?;
    // The root itself, not recursively: site.toml, and folders created later.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched = HashSet::new();
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
            watched.insert(folder);
        }
    }
    let mut rewatch = HashSet::new();
    let handle = std::thread::Builder::new()
        .name("digest-watch".into())
        .spawn(move || {
            let mut retry = false;
            loop {
                let mut touched = Touched::default();
                match next_event(&rx, retry) {
                    Waited::Event(first) => add(&root, first, &mut touched, &mut rewatch),
                    Waited::Retry => touched.merge(Touched::everything()),
                    Waited::Closed => return,
                }
                let deadline = Instant::now() + LONGEST;
                loop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    match rx.recv_timeout(QUIET.min(left)) {
                        Ok(event) => add(&root, event, &mut touched, &mut rewatch),
                        Err(mpsc::RecvTimeoutError::Timeout) => break,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                for folder in FOLDERS {
                    let path = root.join(folder);
                    // A folder deleted, or moved away and back, loses its watch (or keeps one
                    // on the moved folder): watch it afresh and read it again.
                    if rewatch.remove(folder) && watched.remove(folder) {
                        let _ = watcher.unwatch(&path);
                        touched.merge(touched_folder(folder));
                    }
                    if !watched.contains(folder)
                        && path.is_dir()
                        && watcher.watch(&path, RecursiveMode::Recursive).is_ok()
                    {
                        watched.insert(folder);
                        touched.merge(touched_folder(folder));
                    }
                }
                retry = !touched.is_empty() && on_change(touched) == Rebuilt::Retry;
            }
        })
        .map_err(notify::Error::io)?;
    Ok(handle)
}

enum Waited {
    Event(notify::Result<Event>),
    Retry,
    Closed,
}

fn next_event(rx: &mpsc::Receiver<notify::Result<Event>>, retry: bool) -> Waited {
    if !retry {
        return rx.recv().map_or(Waited::Closed, Waited::Event);
    }
    match rx.recv_timeout(RETRY) {
        Ok(event) => Waited::Event(event),
        Err(mpsc::RecvTimeoutError::Timeout) => Waited::Retry,
        Err(mpsc::RecvTimeoutError::Disconnected) => Waited::Closed,
    }
}

fn add(
    root: &Path,
    event: notify::Result<Event>,
    touched: &mut Touched,
    rewatch: &mut HashSet<&'static str>,
) {
    let event = match event {
        Ok(event) => event,
        // Lost events (a queue overflow...): look at everything again.
        Err(_) => return touched.merge(Touched::everything()),
    };
    if event.need_rescan() {
        return touched.merge(Touched::everything());
    }
    if let EventKind::Access(kind) = event.kind
        && kind != AccessKind::Close(AccessMode::Write)
    {
        return;
    }
    for path in &event.paths {
        if let Some(folder) = watched_folder(root, path) {
            rewatch.insert(folder);
        }
        classify(root, path, touched);
    }
}

/// The watched folder that `path` is itself (not a file inside it).
fn watched_folder(root: &Path, path: &Path) -> Option<&'static str> {
    let relative = path.strip_prefix(root).ok()?;
    FOLDERS
        .into_iter()
        .find(|folder| relative == Path::new(folder))
}

fn classify(root: &Path, path: &Path, touched: &mut Touched) {
    let Ok(relative) = path.strip_prefix(root) else {
        return;
    };
    let mut components = relative.components();
    let Some(Component::Normal(first)) = components.next() else {
        return;
    };
    let Some(first) = first.to_str() else {
        return;
    };
    let nested = components.next().is_some();
    match first {
        "site.toml" if !nested => touched.config = true,
        "content" if relative.extension().is_some_and(|e| e == "md") => {
            touched.entries.insert(relative.to_path_buf());
        }
        "content" => {
            touched.others.insert(relative.to_path_buf());
        }
        "templates" => touched.templates = true,
        "static" => touched.statics = true,
        _ => {}
    }
}

fn touched_folder(folder: &str) -> Touched {
    Touched {
        walk: folder == "content",
        templates: folder == "templates",
        statics: folder == "static",
        ..Touched::default()
    }
}
