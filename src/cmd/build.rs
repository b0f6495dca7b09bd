//! `digest build`: load, validate, render every job in parallel into a staging folder, swap.

use super::SiteOptions;
use super::progress::Progress;
use crate::diag::Diagnostics;
use crate::driver::{Made, MediaContent, MediaFile, Stopwatch, Touched, Update};
use crate::output::{LockWait, OutputError, Staging};
use crate::render::RenderError;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildArgs {
    pub site: SiteOptions,
    pub output_dir: Option<PathBuf>,
    /// How long to wait while another build writes the same output.
    pub wait: LockWait,
    /// Show a progress bar when the build runs long (see `progress::wanted`).
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    /// Share cards drawn by this build, and taken from the cache (`.digest-cache/`).
    pub cards_drawn: usize,
    pub cards_cached: usize,
    pub elapsed: Duration,
    pub diagnostics: Diagnostics,
    /// The previous output, moved aside, for the caller to delete off the critical path.
    pub trash: Option<PathBuf>,
    /// Wall time of each stage, for `--verbose`.
    pub timings: Vec<(&'static str, Duration)>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the site has {} error(s); nothing was written", .0.error_count())]
    Content(Diagnostics),
    #[error(transparent)]
    Output(#[from] OutputError),
}

pub fn build(args: &BuildArgs) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let root = &args.site.root;
    let mut project = args.site.project(true);
    let ready = match project.update(&Touched::everything()) {
        Update::Ready(ready) => ready,
        Update::Failed(failure) => return Err(BuildError::Content(failure.diagnostics)),
        Update::Unchanged => unreachable!("a first update reads everything"),
    };
    let mut watch = Stopwatch::start();
    let requested = args
        .output_dir
        .as_deref()
        .unwrap_or(&ready.site.config.output_dir);
    let staging = Staging::begin_waiting(requested, root, args.wait)?;
    let every_job = ready.every_job();
    let progress = Progress::new(args.progress, every_job.len(), "Building");
    let cached = AtomicUsize::new(0);
    let results: Vec<Result<bool, JobError>> = every_job
        .par_iter()
        .map(|(renderer, job)| {
            let path = match ready.make_in(renderer, job).map_err(JobError::Render)? {
                Made::Output(out) => staging.write(&out.path, &out.bytes).map(|()| out.path),
                Made::Streamed { path } => staging
                    .write_with(&path, |file| {
                        renderer.stream(job, file).expect("a streamed job")
                    })
                    .map(|()| path),
                // A card drawn by an earlier build: linked from the cache, not copied.
                Made::Cached { path, file } => {
                    cached.fetch_add(1, Ordering::Relaxed);
                    staging.link(&path, &file).map(|()| path)
                }
            };
            let path = path.map_err(JobError::Output)?;
            progress.step();
            Ok(path.ends_with(".html"))
        })
        .collect();
    progress.finish();
    let cards = every_job.iter().filter(|(r, j)| r.card(j).is_some());
    let cards_cached = cached.into_inner();
    let cards_drawn = cards.count() - cards_cached;
    watch.mark("render and write");
    let mut pages = 0;
    let mut render_errors = Vec::new();
    for result in results {
        match result {
            Ok(is_page) => pages += usize::from(is_page),
            Err(JobError::Render(e)) => render_errors.push(e),
            Err(JobError::Output(e)) => {
                staging.abort();
                return Err(e.into());
            }
        }
    }
    let files = every_job.len();
    drop(every_job);
    let (mut timings, diagnostics) = (ready.timings, ready.diagnostics);
    if !render_errors.is_empty() {
        staging.abort();
        let mut all = diagnostics;
        all.extend(project.render_failed(render_errors).diagnostics);
        return Err(BuildError::Content(all));
    }
    let copied = match staging
        .copy_files(ready.statics)
        .and_then(|n| Ok(n + write_media(&staging, ready.media)?))
    {
        Ok(n) => n,
        Err(e) => {
            staging.abort();
            return Err(e.into());
        }
    };
    watch.mark("copy static and bundle files");
    let output = staging.target().to_path_buf();
    let trash = staging.commit()?;
    watch.mark("swap");
    timings.extend(watch.laps);
    Ok(BuildReport {
        timings,
        output,
        pages,
        files: files + copied + 1,
        cards_drawn,
        cards_cached,
        elapsed: started.elapsed(),
        diagnostics,
        trash,
    })
}

/// Writes the bundles' files: copies of the files kept as they are, the images made.
fn write_media(staging: &Staging, media: &[MediaFile]) -> Result<usize, OutputError> {
    let copies: Vec<(PathBuf, PathBuf)> = media
        .iter()
        .filter_map(|f| match &f.content {
            MediaContent::File(source) => Some((PathBuf::from(&f.path), source.clone())),
            MediaContent::Bytes(_) => None,
        })
        .collect();
    staging.copy_files(&copies)?;
    media
        .par_iter()
        .filter_map(|f| match &f.content {
            MediaContent::Bytes(bytes) => Some(staging.write(&f.path, bytes)),
            MediaContent::File(_) => None,
        })
        .collect::<Result<Vec<()>, OutputError>>()?;
    Ok(media.len())
}

enum JobError {
    Render(RenderError),
    Output(OutputError),
}
