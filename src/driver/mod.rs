//! Floor 4: the one pipeline of `digest build`, `check` and `serve`. A `Project` reads the site
//! (settings, entries, templates), validates it into the model, prepares the renderer and says
//! which jobs to render; the commands render them and put the outputs where they go (a staging
//! folder, nowhere, memory). An incremental project (`serve`) keeps the parsed entries, the
//! compiled theme and the last good site between updates, so that an edit costs what it
//! changes: a claim edited in place is revised alone, and only the jobs that show what changed
//! are rendered.

mod entries;
mod languages;
mod links;
mod made;
mod media;
mod plan;
mod rebuild;
mod settings;
mod statics;
mod stopwatch;
mod touched;
mod translations;
mod untranslated;

pub use made::Made;
use made::render_diagnostic;
pub use media::{MediaContent, MediaFile};
pub use stopwatch::Stopwatch;
pub use touched::Touched;

use crate::cache::Cache;
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::{BuildOptions, ClaimId, Site};
use crate::render::{Job, Prepared, RenderError, Renderer};
use crate::source::{self, Sources, StaticFiles};
use entries::{EntryCache, ParsedEntry};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A site's own `templates/` files: name (relative to that folder), bytes.
type Templates = Vec<(String, Vec<u8>)>;

/// How a project reads its site.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: BaseUrl,
    pub include_drafts: bool,
    /// Keep what the next update can reuse (`digest serve`); a one-shot build keeps nothing.
    pub incremental: bool,
    /// Store processed images in `.digest-cache/` (`build`, `serve`; `check` writes nothing).
    pub write_cache: bool,
}

/// Where the site's URLs point.
#[derive(Debug, Clone, Default)]
pub enum BaseUrl {
    /// `base_url` of `site.toml`.
    #[default]
    FromConfig,
    /// `--base-url`.
    Replace(String),
    /// `digest serve`: this origin (`http://127.0.0.1:1111`) with the path of `base_url`.
    Origin(String),
}

/// The outcome of an update.
#[allow(clippy::large_enum_variant)] // one per update: a box would only add an allocation
pub enum Update<'a> {
    /// Nothing that matters changed since the last update.
    Unchanged,
    Ready(Ready<'a>),
    /// The site has errors; nothing is to be rendered.
    Failed(Failure),
}

/// A validated site, ready to render.
pub struct Ready<'a> {
    pub site: &'a Site,
    pub renderer: Renderer<'a>,
    /// Every job of the site.
    pub jobs: &'a [Job],
    /// The site's other languages: renderer, jobs and the jobs (indices) to render.
    pub translations: Vec<(Renderer<'a>, &'a [Job], &'a [usize])>,
    /// The files of `static/` to publish: (path relative to it, path on disk).
    pub statics: &'a [(PathBuf, PathBuf)],
    /// The bundles' files (images scrubbed and resized), published beside their claims.
    pub media: &'a [MediaFile],
    /// The jobs (indices into `jobs`) whose output may differ from the last update's.
    pub selected: Vec<usize>,
    /// Whether every job is selected.
    pub full: bool,
    /// Whether outputs may have gone: claims, actors or tags removed (the selection came from
    /// comparing two sites), or the parts of a rating's list changed with a verdict.
    pub reshaped: bool,
    /// The warnings (all of them for a one-shot project; the count only otherwise).
    pub diagnostics: Diagnostics,
    pub warnings: usize,
    /// Entry files read again.
    pub reread: Vec<PathBuf>,
    pub timings: Vec<(&'static str, Duration)>,
    /// Made files kept between builds (`.digest-cache/`): the share cards.
    pub cache: &'a Cache,
}

/// A site that cannot be rendered, and why.
#[derive(Debug)]
pub struct Failure {
    /// Errors first quoted and sorted; warnings too for a one-shot project.
    pub diagnostics: Diagnostics,
    pub warnings: usize,
    pub reread: Vec<PathBuf>,
}

pub struct Project {
    options: Options,
    entries: EntryCache,
    config: Option<Result<Config, Diagnostics>>,
    templates: Option<(Templates, Diagnostics)>,
    statics: Option<StaticFiles>,
    good: Option<Good>,
    /// The version each entry file had in the last good site, for the files read since.
    since_good: HashMap<PathBuf, Option<Arc<ParsedEntry>>>,
    /// The theme must be compiled again (settings or templates changed).
    theme_stale: bool,
    /// Select every job next time (first update, a failed render...).
    pending_full: bool,
    /// Entry files appeared or went since the last good site: validate it all.
    reshaped: bool,
    attempted: bool,
    cache: Cache,
}

/// The last site that validated and prepared, as rendered.
struct Good {
    site: Site,
    prepared: Prepared,
    jobs: Vec<Job>,
    /// The model's warnings, which a claim revised in place updates.
    model_diagnostics: Diagnostics,
    claim_by_file: HashMap<PathBuf, ClaimId>,
    /// The site in its other languages (`[[languages]]`).
    translations: Vec<translations::Translation>,
    /// The table of every language's pages and shared files, for a site in several.
    languages: Option<Arc<crate::render::languages::Languages>>,
    media: Vec<MediaFile>,
}

impl Project {
    pub fn new(options: Options) -> Self {
        Project {
            cache: Cache::open(&options.root, "cards", options.write_cache),
            options,
            entries: EntryCache::default(),
            config: None,
            templates: None,
            statics: None,
            good: None,
            since_good: HashMap::new(),
            theme_stale: true,
            pending_full: true,
            reshaped: true,
            attempted: false,
        }
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The path of the site's URLs (`/` or `/repo/`), once the settings were read.
    pub fn base_path(&self) -> Option<&str> {
        match self.config.as_ref()? {
            Ok(config) => Some(config.urls.base_path()),
            Err(_) => None,
        }
    }

    /// `output_dir` of `site.toml`, once the settings were read.
    pub fn output_dir(&self) -> Option<PathBuf> {
        match self.config.as_ref()? {
            Ok(config) => Some(config.output_dir.clone()),
            Err(_) => None,
        }
    }

    /// Forgets everything: the next update reads and selects it all (after a crash).
    pub fn reset(&mut self) {
        *self = Project::new(self.options.clone());
    }

    /// Reads what `touched` says changed (everything the first time), validates, prepares.
    pub fn update(&mut self, touched: &Touched) -> Update<'_> {
        let mut watch = Stopwatch::start();
        if touched.config {
            self.config = None;
            self.theme_stale = true;
        }
        if touched.templates {
            self.templates = None;
            self.theme_stale = true;
        }
        if touched.statics {
            self.statics = None;
        }
        let (reread, walked) = self.read_entries(touched);
        // A bundle's file changed: its images are published again by a full pass.
        let bundles = self.options.incremental
            && touched
                .others
                .iter()
                .any(|path| self.entries.in_bundle(path));
        self.reshaped |= bundles;
        let settings = touched.config || touched.templates || touched.statics || bundles;
        if self.attempted && reread.is_empty() && !walked && !settings {
            return Update::Unchanged;
        }
        self.attempted = true;
        watch.mark("read changed files");
        let config = match self.config().clone() {
            Ok(config) => config,
            Err(problems) => return self.failed(problems, reread),
        };
        let mut problems = self.templates().1.clone();
        problems.extend(self.statics().problems.iter().cloned().collect());
        if self.options.incremental {
            problems.extend(self.entries.problems().cloned().collect());
        }
        if !problems.has_errors()
            && !self.reshaped
            && !self.theme_stale
            && !self.pending_full
            && !config.is_multilingual()
        {
            match self.revise(&mut watch, &reread) {
                Some(Ok((selected, reshaped))) => {
                    return self.ready(selected, false, reshaped, problems, reread, watch);
                }
                Some(Err(errors)) => {
                    problems.extend(errors);
                    return self.failed(problems, reread);
                }
                None => {}
            }
        }
        self.rebuild(config, problems, reread, watch)
    }

    /// Converts what failed to render into diagnostics; the next update selects every job.
    pub fn render_failed(&mut self, errors: Vec<RenderError>) -> Failure {
        self.pending_full = true;
        let mut diagnostics = Diagnostics::default();
        for e in errors {
            diagnostics.push(render_diagnostic(e));
        }
        Failure {
            diagnostics,
            warnings: 0,
            reread: Vec::new(),
        }
    }

    /// A theme that did not compile or prepare, with the problems found before.
    fn prepare_failed(&mut self, errors: Vec<RenderError>, problems: Diagnostics) -> Update<'_> {
        let mut failure = self.render_failed(errors);
        failure.diagnostics.extend(problems);
        Update::Failed(self.finish(failure))
    }

    /// A `Ready` over the good site.
    fn ready(
        &mut self,
        selected: Vec<usize>,
        full: bool,
        reshaped: bool,
        problems: Diagnostics,
        reread: Vec<PathBuf>,
        watch: Stopwatch,
    ) -> Update<'_> {
        let good = self.good.as_ref().expect("a good site was just made");
        let statics = self.statics.as_ref().map_or(&[][..], |s| &s.files[..]);
        let renderer = good.prepared.renderer(&good.site);
        let mut collisions = statics::collisions(statics, &renderer, &good.jobs);
        let generated = std::cell::OnceCell::new();
        let paths = || generated.get_or_init(|| translations::site_wide_paths(good, &renderer));
        collisions.extend(links::check(&good.site, &good.media, statics, &paths));
        for t in &good.translations {
            collisions.extend(translations::check_links(t, &good.media, statics, &paths));
        }
        if collisions.has_errors() {
            let mut problems = problems;
            problems.extend(collisions);
            problems.extend(good.model_diagnostics.clone());
            return self.failed(problems, reread);
        }
        self.since_good.clear();
        self.pending_full = false;
        self.reshaped = false;
        let good = self.good.as_ref().expect("a good site was just made");
        let statics = self.statics.as_ref().map_or(&[][..], |s| &s.files[..]);
        let mut diagnostics = problems;
        let warnings = diagnostics.warning_count() + good.model_diagnostics.warning_count();
        if !self.options.incremental {
            diagnostics.extend(good.model_diagnostics.clone());
            diagnostics.finish(|file| {
                self.entries
                    .text(file)
                    .map(str::to_string)
                    .or_else(|| source::file_text(&self.options.root, file))
            });
        }
        let translations = good
            .translations
            .iter()
            .map(translations::Translation::ready);
        Update::Ready(Ready {
            site: &good.site,
            renderer: good.prepared.renderer(&good.site),
            jobs: &good.jobs,
            translations: translations.collect(),
            statics,
            media: &good.media,
            selected,
            full,
            reshaped,
            diagnostics,
            warnings,
            reread,
            timings: watch.laps,
            cache: &self.cache,
        })
    }

    fn failed(&mut self, diagnostics: Diagnostics, reread: Vec<PathBuf>) -> Update<'_> {
        let failure = Failure {
            warnings: diagnostics.warning_count(),
            diagnostics,
            reread,
        };
        Update::Failed(self.finish(failure))
    }

    /// Quotes the offending lines (from memory when kept, else from the files) and sorts; an
    /// incremental project keeps the errors only.
    fn finish(&self, mut failure: Failure) -> Failure {
        if self.options.incremental {
            let mut errors = Diagnostics::default();
            for d in failure.diagnostics.items().iter().filter(|d| d.is_error()) {
                errors.push(d.clone());
            }
            failure.diagnostics = errors;
        }
        failure.diagnostics.finish(|file| {
            self.entries
                .text(file)
                .map(str::to_string)
                .or_else(|| source::file_text(&self.options.root, file))
        });
        failure
    }

    /// Reads the entries that changed (incremental) and notes the version each had in the last
    /// good site. Returns the files read again and whether the set of entries may have changed
    /// (always, for a one-shot project).
    fn read_entries(&mut self, touched: &Touched) -> (Vec<PathBuf>, bool) {
        if !self.options.incremental {
            return (Vec::new(), true);
        }
        let root = &self.options.root;
        let walk =
            touched.walk || !self.attempted || self.entries.needs_walk(root, &touched.others);
        if !walk && touched.entries.is_empty() {
            return (Vec::new(), false);
        }
        let quick = match walk {
            true => None,
            false => self.entries.refresh(root, &touched.entries),
        };
        let rescan = quick.unwrap_or_else(|| self.entries.rescan(root, &touched.entries));
        let mut reshaped = !rescan.removed.is_empty();
        for (file, previous) in rescan.previous {
            reshaped |= previous.is_none();
            self.since_good.entry(file).or_insert(previous);
        }
        self.reshaped |= reshaped;
        (rescan.reread, reshaped)
    }

    /// Every parsed entry: a copy of the cache (incremental) or read now (one-shot).
    fn sources(&mut self, problems: &mut Diagnostics) -> Sources {
        if self.options.incremental {
            return self.entries.sources();
        }
        let (sources, read_problems) = source::load(&self.options.root);
        problems.extend(read_problems);
        sources
    }

    /// The settings, read once per change of `site.toml`, with the base URL overridden.
    fn config(&mut self) -> &Result<Config, Diagnostics> {
        if self.config.is_none() {
            let config = source::read_config(&self.options.root)
                .and_then(|config| settings::with_base_url(config, &self.options.base_url));
            self.config = Some(config);
        }
        self.config.as_ref().expect("just set")
    }

    fn statics(&mut self) -> &StaticFiles {
        let root = &self.options.root;
        self.statics
            .get_or_insert_with(|| source::scan_static(root))
    }

    fn templates(&mut self) -> &(Templates, Diagnostics) {
        let root = &self.options.root;
        self.templates
            .get_or_insert_with(|| source::read_template_overrides(root))
    }

    fn build_options(&self) -> BuildOptions {
        BuildOptions {
            include_drafts: self.options.include_drafts,
            today: chrono::Local::now().date_naive(),
        }
    }
}
