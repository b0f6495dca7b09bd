//! The site kept in memory while serving: the driver's incremental project, the outputs as
//! served, and `static/`. A rebuild renders the jobs the project selects and swaps in only the
//! outputs whose bytes changed.

use crate::diag::Diagnostics;
use crate::driver::{self, BaseUrl, Project, Touched};
use crate::render::{Job, Output, RenderError, Renderer};
use axum::body::Bytes;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Path (relative to the base path, e.g. `claims/x/index.html`) -> bytes: a snapshot.
pub type Files = Arc<HashMap<String, Bytes>>;

/// The rendered outputs, shared with the server and changed in place (only the outputs whose
/// bytes changed are written; readers hold the lock only to clone one entry's `Bytes`).
#[derive(Clone, Default)]
pub struct Outputs(Arc<RwLock<HashMap<String, Bytes>>>);

impl Outputs {
    pub fn get(&self, path: &str) -> Option<Bytes> {
        self.read().get(path).cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Bytes>> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Bytes>> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// The result of one rebuild.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing that matters changed (an editor's swap file, a save without change).
    Unchanged,
    Built(Report),
    /// The site has errors; the last good site is still served.
    Failed(Failure),
}

#[derive(Debug, Default)]
pub struct Report {
    /// Jobs rendered (the rest were known not to change).
    pub rendered: usize,
    /// Every job of the site.
    pub jobs: usize,
    /// Output and static paths whose bytes changed, appeared or disappeared.
    pub changed: Vec<String>,
    /// Whether every job was rendered (first build, settings or theme changed, shape changed).
    pub full: bool,
    pub warnings: usize,
    pub elapsed: Duration,
    /// Entry files read again.
    pub reread: Vec<PathBuf>,
    /// With `verify` on: outputs that a full render would have made differently (a bug).
    pub missed: Vec<String>,
    /// Wall time of each stage, for `--verbose`.
    pub timings: Vec<(&'static str, Duration)>,
}

#[derive(Debug)]
pub struct Failure {
    /// The errors, sorted, with their source lines.
    pub errors: Diagnostics,
    pub warnings: usize,
    pub elapsed: Duration,
}

impl Failure {
    /// Whether the build failed because the process had no file descriptor left (EMFILE or
    /// ENFILE), which says nothing about the site.
    pub fn lacked_descriptors(&self) -> bool {
        self.errors
            .items()
            .iter()
            .any(|d| d.message.contains("Too many open files") || d.message.contains("os error 24"))
    }
}

pub struct Workspace {
    root: PathBuf,
    project: Project,
    /// Render everything after an incremental build again and report the differences.
    verify: bool,
    /// The path of `base_url` in `site.toml`, e.g. `/repo/`.
    base_path: String,
    statics: Files,
    rendered: Outputs,
}

/// A rebuild's outcome, with what the server needs to show it.
pub struct Update<'a> {
    pub outcome: &'a Outcome,
    pub statics: Files,
    pub base_path: &'a str,
}

impl Workspace {
    pub fn new(root: PathBuf, origin: String, include_drafts: bool, verify: bool) -> Self {
        let project = Project::new(driver::Options {
            root: root.clone(),
            base_url: BaseUrl::Origin(origin),
            include_drafts,
            incremental: true,
            write_cache: true,
        });
        Workspace {
            root,
            project,
            verify,
            base_path: "/".into(),
            statics: Files::default(),
            rendered: Outputs::default(),
        }
    }

    /// The rendered outputs of the last good build.
    pub fn rendered(&self) -> Outputs {
        self.rendered.clone()
    }

    /// Forgets everything but the served outputs: the next rebuild reads and renders it all.
    pub fn reset(&mut self) {
        self.project.reset();
    }

    /// Rebuilds after `touched` changed and tells `publish` what came of it.
    pub fn rebuild(&mut self, touched: &Touched, publish: &mut dyn FnMut(Update)) {
        let started = Instant::now();
        let mut changed = Vec::new();
        if touched.statics {
            changed.extend(self.reload_statics());
        }
        let outcome = self.render(touched, started, changed);
        if let Some(base_path) = self.project.base_path() {
            self.base_path = base_path.to_string();
        }
        publish(Update {
            outcome: &outcome,
            statics: self.statics.clone(),
            base_path: &self.base_path,
        });
    }

    fn render(&mut self, touched: &Touched, started: Instant, mut changed: Vec<String>) -> Outcome {
        let mut ready = match self.project.update(touched) {
            driver::Update::Unchanged if changed.is_empty() => return Outcome::Unchanged,
            driver::Update::Unchanged => {
                return Outcome::Built(Report {
                    changed,
                    elapsed: started.elapsed(),
                    ..Report::default()
                });
            }
            driver::Update::Failed(failure) => return failed(failure, started),
            driver::Update::Ready(ready) => ready,
        };
        let mut timings = std::mem::take(&mut ready.timings);
        let lap = Instant::now();
        let mut work: Vec<(&Renderer, &Job)> = ready
            .selected
            .iter()
            .map(|&i| (&ready.renderer, &ready.jobs[i]))
            .collect();
        for (renderer, jobs, selected) in &ready.translations {
            work.extend(selected.iter().map(|&i| (renderer, &jobs[i])));
        }
        let results: Vec<Result<Output, RenderError>> = work
            .par_iter()
            .map(|(renderer, job)| renderer.render(job))
            .collect();
        let rendered = work.len();
        drop(work);
        let (outputs, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
        let errors: Vec<RenderError> = errors.into_iter().filter_map(Result::err).collect();
        let mut outputs: Vec<Output> = outputs.into_iter().filter_map(Result::ok).collect();
        // The bundles' files change only on a full pass (a claim with a bundle or an image is
        // never revised in place): served from memory like the pages.
        let media_paths: Vec<String> = match ready.full || ready.reshaped {
            true => {
                let media: Vec<Output> = ready
                    .media
                    .par_iter()
                    .filter_map(|f| {
                        let bytes = f.content.bytes().ok()?;
                        Some(Output {
                            path: f.path.clone(),
                            bytes,
                        })
                    })
                    .collect();
                let paths = media.iter().map(|o| o.path.clone()).collect();
                outputs.extend(media);
                paths
            }
            false => Vec::new(),
        };
        timings.push(("render", lap.elapsed()));
        let translated: usize = ready.translations.iter().map(|(_, j, _)| j.len()).sum();
        let (jobs, full, warnings) = (ready.jobs.len() + translated, ready.full, ready.warnings);
        let reread = std::mem::take(&mut ready.reread);
        let paths: Option<HashSet<String>> = match ready.full || !ready.reshaped {
            true => None,
            false => Some(
                ready
                    .every_job()
                    .into_iter()
                    .map(|(renderer, j)| renderer.path(j))
                    .chain(media_paths)
                    .collect(),
            ),
        };
        if !errors.is_empty() {
            drop(ready);
            let mut failure = self.project.render_failed(errors);
            failure.reread = reread;
            return failed(failure, started);
        }
        let lap = Instant::now();
        changed.append(&mut apply(&self.rendered, outputs, full, paths));
        timings.push(("swap changed outputs", lap.elapsed()));
        let missed = match self.verify && !full {
            true => verify(&ready.every_job(), ready.media, &self.rendered),
            false => Vec::new(),
        };
        Outcome::Built(Report {
            rendered,
            jobs,
            changed,
            full,
            warnings,
            elapsed: started.elapsed(),
            reread,
            missed,
            timings,
        })
    }

    /// Reads `static/` again; returns the paths that changed.
    fn reload_statics(&mut self) -> Vec<String> {
        let fresh = read_statics(&self.root.join("static"));
        let old = &self.statics;
        let mut changed: Vec<String> = fresh
            .iter()
            .filter(|(p, b)| old.get(*p) != Some(*b))
            .map(|(p, _)| p.clone())
            .chain(old.keys().filter(|p| !fresh.contains_key(*p)).cloned())
            .collect();
        changed.sort();
        self.statics = Arc::new(fresh);
        changed
    }
}

/// Renders every job of the site again and lists the outputs that differ from what is served,
/// or are served though no job makes them.
fn verify(
    jobs: &[(&Renderer, &Job)],
    media: &[driver::MediaFile],
    served: &Outputs,
) -> Vec<String> {
    let outputs: Vec<Output> = jobs
        .par_iter()
        .filter_map(|(renderer, job)| renderer.render(job).ok())
        .collect();
    let made: HashSet<&str> = outputs
        .iter()
        .map(|o| o.path.as_str())
        .chain(media.iter().map(|f| f.path.as_str()))
        .collect();
    let mut missed: Vec<String> = outputs
        .iter()
        .filter(|o| served.get(&o.path).as_deref() != Some(o.bytes.as_slice()))
        .map(|o| o.path.clone())
        .chain(
            served
                .read()
                .keys()
                .filter(|p| !made.contains(p.as_str()))
                .cloned(),
        )
        .collect();
    missed.sort();
    missed
}

/// Swaps in the outputs whose bytes changed; after a full render (or, with `keep`, the
/// paths of every job), drops the outputs no job makes. Returns the paths that changed.
fn apply(
    rendered: &Outputs,
    outputs: Vec<Output>,
    full: bool,
    keep: Option<HashSet<String>>,
) -> Vec<String> {
    let mut changed: Vec<String> = {
        let old = rendered.read();
        outputs
            .iter()
            .filter(|o| {
                old.get(&o.path)
                    .is_none_or(|b| b.as_ref() != o.bytes.as_slice())
            })
            .map(|o| o.path.clone())
            .collect()
    };
    if full {
        let fresh: HashMap<String, Bytes> = outputs
            .into_iter()
            .map(|o| (o.path, Bytes::from(o.bytes)))
            .collect();
        let old = std::mem::replace(&mut *rendered.write(), fresh);
        let now = rendered.read();
        changed.extend(old.into_keys().filter(|p| !now.contains_key(p)));
    } else {
        let wanted: HashSet<&String> = changed.iter().collect();
        let fresh: Vec<(String, Bytes)> = outputs
            .into_iter()
            .filter(|o| wanted.contains(&o.path))
            .map(|o| (o.path, Bytes::from(o.bytes)))
            .collect();
        let mut served = rendered.write();
        served.extend(fresh);
        if let Some(keep) = keep {
            let gone: Vec<String> = served
                .keys()
                .filter(|p| !keep.contains(*p))
                .cloned()
                .collect();
            for path in gone {
                served.remove(&path);
                changed.push(path);
            }
        }
    }
    changed.sort();
    changed
}
fn failed(failure: driver::Failure, started: Instant) -> Outcome {
    Outcome::Failed(Failure {
        errors: failure.diagnostics,
        warnings: failure.warnings,
        elapsed: started.elapsed(),
    })
}

/// Every file of `static/` (links only when they stay inside it), by path relative to it.
fn read_statics(folder: &Path) -> HashMap<String, Bytes> {
    let mut files = HashMap::new();
    for (relative, path) in crate::source::static_files(folder) {
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if let Ok(bytes) = std::fs::read(&path) {
            files.insert(name, Bytes::from(bytes));
        }
    }
    files
}
