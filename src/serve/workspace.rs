//! The site kept in memory while serving, and its incremental rebuild: read again only the
//! entries that changed, validate the whole model again (cheap), render only the jobs whose
//! output can have changed, and keep only the outputs whose bytes changed.

use super::entries::EntryCache;
use super::plan;
use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{BuildOptions, ClaimId, Site, build_site};
use crate::render::{Job, Output, RenderError, Renderer};
use crate::source;
use crate::urls::site_path;
use axum::body::Bytes;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Path (relative to the base path, e.g. `claims/x/index.html`) -> bytes: a snapshot.
pub type Files = Arc<HashMap<String, Bytes>>;

/// A site's own `templates/` files: name (relative to that folder), bytes.
type Templates = Vec<(String, Vec<u8>)>;

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

/// What the watcher saw change since the last rebuild.
#[derive(Debug, Default, Clone)]
pub struct Touched {
    pub config: bool,
    pub templates: bool,
    pub statics: bool,
    /// Something under `content/` other than an entry file moved: walk it again.
    pub walk: bool,
    /// Entry files named by the watcher (relative to the root): read again whatever their stamp.
    pub entries: HashSet<PathBuf>,
    /// Other paths under `content/` (folders, editors' temporary files), relative to the root.
    pub others: HashSet<PathBuf>,
}

impl Touched {
    pub fn everything() -> Self {
        Touched {
            config: true,
            templates: true,
            statics: true,
            walk: true,
            entries: HashSet::new(),
            others: HashSet::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.config || self.templates || self.statics || self.walk)
            && self.entries.is_empty()
            && self.others.is_empty()
    }

    pub fn merge(&mut self, other: Touched) {
        self.config |= other.config;
        self.templates |= other.templates;
        self.statics |= other.statics;
        self.walk |= other.walk;
        self.entries.extend(other.entries);
        self.others.extend(other.others);
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

#[derive(Debug)]
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
    /// `http://127.0.0.1:1111`: replaces the origin of `base_url`, keeping its path.
    origin: String,
    include_drafts: bool,
    /// Render everything after an incremental build again and report the differences.
    verify: bool,
    entries: EntryCache,
    config: Option<Result<Config, Diagnostics>>,
    /// The path of `base_url` in `site.toml`, e.g. `/repo/`.
    base_path: String,
    templates: Option<(Templates, Diagnostics)>,
    statics: Files,
    rendered: Outputs,
    good: Option<Good>,
    /// Settings or theme changed since the last good build: render everything next time.
    pending_full: bool,
    /// Entry files read again since the last good build.
    changed_since_good: HashSet<PathBuf>,
    /// Whether a build was tried at all.
    attempted: bool,
}

/// The last site that built without errors, as served.
struct Good {
    site: Site,
    jobs: Vec<Job>,
    /// Where each job wrote (by job index).
    paths: Vec<String>,
    /// The job index of each claim's page.
    claim_jobs: Vec<usize>,
}

impl Good {
    fn new(site: Site, jobs: Vec<Job>, paths: Vec<String>) -> Good {
        let mut claim_jobs = vec![usize::MAX; site.claims.len()];
        for (i, job) in jobs.iter().enumerate() {
            if let Job::Claim(id) = *job
                && id < claim_jobs.len()
            {
                claim_jobs[id] = i;
            }
        }
        Good {
            site,
            jobs,
            paths,
            claim_jobs,
        }
    }
}

/// A rebuild's outcome, with what the server needs to show it.
pub struct Update<'a> {
    pub outcome: &'a Outcome,
    pub statics: Files,
    pub base_path: &'a str,
}

impl Workspace {
    pub fn new(root: PathBuf, origin: String, include_drafts: bool, verify: bool) -> Self {
        Workspace {
            root,
            origin,
            include_drafts,
            verify,
            entries: EntryCache::default(),
            config: None,
            base_path: "/".into(),
            templates: None,
            statics: Files::default(),
            rendered: Outputs::default(),
            good: None,
            pending_full: true,
            changed_since_good: HashSet::new(),
            attempted: false,
        }
    }

    /// The rendered outputs of the last good build.
    pub fn rendered(&self) -> Outputs {
        self.rendered.clone()
    }

    /// Forgets everything but the served outputs: the next rebuild reads and renders it all.
    pub fn reset(&mut self) {
        self.entries = EntryCache::default();
        self.config = None;
        self.templates = None;
        self.good = None;
        self.pending_full = true;
        self.changed_since_good.clear();
        self.attempted = false;
    }

    /// Rebuilds what `touched` can have changed. `publish` gets the outcome as soon as the new
    /// outputs are in place, before the previous site is freed.
    pub fn rebuild(&mut self, touched: &Touched, publish: &mut dyn FnMut(Update)) {
        let started = Instant::now();
        if touched.config {
            self.config = None;
            self.pending_full = true;
        }
        if touched.templates {
            self.templates = None;
            self.pending_full = true;
        }
        let mut changed = Vec::new();
        if touched.statics {
            changed.extend(self.reload_statics());
        }
        let mut reread = Vec::new();
        let mut entries_changed = false;
        let walk =
            touched.walk || !self.attempted || self.entries.needs_walk(&self.root, &touched.others);
        if walk || !touched.entries.is_empty() {
            let quick = match walk {
                true => None,
                false => self.entries.refresh(&self.root, &touched.entries),
            };
            let rescan = quick.unwrap_or_else(|| self.entries.rescan(&self.root, &touched.entries));
            entries_changed = !rescan.is_empty();
            self.changed_since_good
                .extend(rescan.reread.iter().cloned());
            self.changed_since_good.extend(rescan.removed);
            reread = rescan.reread;
        }
        // The same inputs give the same result (the same errors, or the same site).
        if self.attempted && !entries_changed && !touched.config && !touched.templates {
            let outcome = match changed.is_empty() {
                true => Outcome::Unchanged,
                false => Outcome::Built(Report {
                    rendered: 0,
                    jobs: self.good.as_ref().map_or(0, |g| g.jobs.len()),
                    changed,
                    full: false,
                    warnings: 0,
                    elapsed: started.elapsed(),
                    reread: Vec::new(),
                    missed: Vec::new(),
                    timings: Vec::new(),
                }),
            };
            return publish(self.update(&outcome));
        }
        self.attempted = true;
        if let Err(failure) = self.build(started, reread, changed, publish) {
            publish(self.update(&Outcome::Failed(failure)));
        }
    }

    fn update<'a>(&'a self, outcome: &'a Outcome) -> Update<'a> {
        Update {
            outcome,
            statics: self.statics.clone(),
            base_path: &self.base_path,
        }
    }

    fn build(
        &mut self,
        started: Instant,
        reread: Vec<PathBuf>,
        mut changed: Vec<String>,
        publish: &mut dyn FnMut(Update),
    ) -> Result<(), Failure> {
        let mut timings = vec![("read changed files", started.elapsed())];
        let mut lap = Instant::now();
        let mut mark = |name: &'static str| {
            timings.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        // Only the errors are kept (and shown); warnings are counted (`digest check` lists them).
        let mut problems = Problems::default();
        let config = self.config().clone();
        let (templates, template_problems) = self
            .templates
            .get_or_insert_with(|| source::read_template_overrides(&self.root))
            .clone();
        problems.add(template_problems.items());
        problems.add(self.entries.problems());
        let config = match config {
            Ok(config) => config,
            Err(config_problems) => {
                problems.add(config_problems.items());
                return Err(self.failure(problems, started));
            }
        };
        let sources = self.entries.sources();
        mark("copy parsed entries");
        let (site, model_problems) = build_site(
            config,
            sources,
            BuildOptions {
                include_drafts: self.include_drafts,
                today: chrono::Local::now().date_naive(),
            },
        );
        problems.add(model_problems.items());
        mark("validate");
        if !problems.errors.is_empty() {
            return Err(self.failure(problems, started));
        }
        let warnings = problems.warnings;
        let renderer = match Renderer::new(&site, &templates) {
            Ok(renderer) => renderer,
            Err(errors) => {
                push_render_errors(&mut problems.errors, errors);
                return Err(self.failure(problems, started));
            }
        };
        mark("prepare renderer");
        let jobs = renderer.jobs();
        // Same jobs and same shape: a job of the old site is the same job of the new one.
        let plan = match &self.good {
            Some(good) if !self.pending_full && good.jobs == jobs => plan::plan(
                &good.site,
                &site,
                &self.changed_since_good,
                &|page, claim| self.shows(good, page, claim),
            ),
            _ => None,
        };
        let full = plan.is_none();
        mark("plan");
        let selected: Vec<usize> = (0..jobs.len())
            .filter(|&i| plan.as_ref().is_none_or(|p| p.wants(&jobs[i])))
            .collect();
        let results: Vec<Result<Output, RenderError>> = selected
            .par_iter()
            .map(|&i| renderer.render(&jobs[i]))
            .collect();
        let mut outputs = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(output) => outputs.push(output),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            push_render_errors(&mut problems.errors, errors);
            return Err(self.failure(problems, started));
        }
        mark("render");

        let previous = self.good.take();
        let mut paths = match (&previous, full) {
            (Some(good), false) => good.paths.clone(),
            _ => vec![String::new(); jobs.len()],
        };
        for (&i, output) in selected.iter().zip(&outputs) {
            paths[i].clone_from(&output.path);
        }
        changed.append(&mut self.apply(outputs, full));
        mark("swap changed outputs");
        let missed = if self.verify && !full {
            self.verify_all(&renderer, &jobs)
        } else {
            Vec::new()
        };
        let outcome = Outcome::Built(Report {
            rendered: selected.len(),
            jobs: jobs.len(),
            changed,
            full,
            warnings,
            elapsed: started.elapsed(),
            reread,
            missed,
            timings,
        });
        publish(self.update(&outcome));
        // Freeing a large site takes a while: off the rebuilding thread.
        drop(renderer);
        if let Some(previous) = previous {
            std::thread::spawn(move || drop(previous));
        }
        self.good = Some(Good::new(site, jobs, paths));
        self.pending_full = false;
        self.changed_since_good.clear();
        self.entries.prepare_copy();
        Ok(())
    }

    /// Whether the served page of claim `page` links to claim `claim` (see `plan::Shows`).
    fn shows(&self, good: &Good, page: ClaimId, claim: ClaimId) -> bool {
        let Some(path) = good.claim_jobs.get(page).and_then(|&at| good.paths.get(at)) else {
            return true;
        };
        let url = good
            .site
            .config
            .urls
            .path(&site_path::claim(&good.site.claims[claim].slug));
        self.rendered
            .get(path)
            .is_none_or(|bytes| memchr::memmem::find(&bytes, url.as_bytes()).is_some())
    }

    /// Swaps in the outputs whose bytes changed; after a full render, drops the outputs no job
    /// made. Returns the paths that changed.
    fn apply(&mut self, outputs: Vec<Output>, full: bool) -> Vec<String> {
        let mut changed: Vec<String> = {
            let old = self.rendered.read();
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
            let old = std::mem::replace(&mut *self.rendered.write(), fresh);
            let now = self.rendered.read();
            changed.extend(old.into_keys().filter(|p| !now.contains_key(p)));
        } else if !changed.is_empty() {
            let wanted: HashSet<&String> = changed.iter().collect();
            let fresh: Vec<(String, Bytes)> = outputs
                .into_iter()
                .filter(|o| wanted.contains(&o.path))
                .map(|o| (o.path, Bytes::from(o.bytes)))
                .collect();
            self.rendered.write().extend(fresh);
        }
        changed.sort();
        changed
    }

    /// Renders every job and lists the outputs that differ from what is served.
    fn verify_all(&self, renderer: &Renderer, jobs: &[Job]) -> Vec<String> {
        let mut missed: Vec<String> = jobs
            .par_iter()
            .filter_map(|job| {
                let output = renderer.render(job).ok()?;
                let served = self.rendered.get(&output.path);
                (served.as_deref() != Some(output.bytes.as_slice())).then_some(output.path)
            })
            .collect();
        missed.sort();
        missed
    }

    /// The configuration, read once per change of `site.toml`, with the serving origin.
    fn config(&mut self) -> &Result<Config, Diagnostics> {
        if self.config.is_none() {
            let config = source::read_config(&self.root).and_then(|mut config| {
                let base_path = config.urls.base_path().to_string();
                let url = format!("{}{}", self.origin, base_path);
                config.set_base_url(&url).map_err(|e| {
                    let mut d = Diagnostics::default();
                    d.push(Diagnostic::error(
                        "config-base-url",
                        CONFIG_FILE,
                        e.to_string(),
                    ));
                    d
                })?;
                self.base_path = base_path;
                Ok(config)
            });
            self.config = Some(config);
        }
        self.config.as_ref().expect("just set")
    }

    fn failure(&self, problems: Problems, started: Instant) -> Failure {
        let mut errors = problems.errors;
        errors.finish(|file| {
            self.entries
                .text(file)
                .map(str::to_string)
                .or_else(|| source::file_text(&self.root, file))
        });
        Failure {
            errors,
            warnings: problems.warnings,
            elapsed: started.elapsed(),
        }
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

/// The errors of a build, and how many warnings it had.
#[derive(Default)]
struct Problems {
    errors: Diagnostics,
    warnings: usize,
}

impl Problems {
    fn add<'a>(&mut self, items: impl IntoIterator<Item = &'a Diagnostic>) {
        for d in items {
            if d.is_error() {
                self.errors.push(d.clone());
            } else {
                self.warnings += 1;
            }
        }
    }
}

fn push_render_errors(diagnostics: &mut Diagnostics, errors: Vec<RenderError>) {
    for e in errors {
        let file = match &e {
            RenderError::Template { name, .. } => name.clone(),
            RenderError::Page { .. } => "templates".to_string(),
        };
        diagnostics.push(Diagnostic::error("template", file, e.to_string()));
    }
}

/// Every file of `static/` (links only when they stay inside it), by path relative to it.
fn read_statics(folder: &Path) -> HashMap<String, Bytes> {
    let mut files = HashMap::new();
    for (relative, path) in source::static_files(folder) {
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
