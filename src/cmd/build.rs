//! `digest build`: load, validate, render every job in parallel into a staging folder, swap.

use super::output_checks::static_collisions;
use super::{SiteOptions, load_site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{LockWait, OutputError, Staging};
use crate::render::{RenderError, Renderer};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildArgs {
    pub site: SiteOptions,
    pub output_dir: Option<PathBuf>,
    /// How long to wait while another build writes the same output.
    pub wait: LockWait,
}

#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
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
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut mark = |name: &'static str| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let loaded = load_site(&args.site);
    mark("load and validate");
    let mut diagnostics = loaded.diagnostics;
    let site = match loaded.site {
        Some(site) if !diagnostics.has_errors() => site,
        _ => return Err(BuildError::Content(diagnostics)),
    };
    let renderer = Renderer::new(&site, &loaded.templates)
        .map_err(|errors| content_errors(&mut diagnostics, errors))?;
    mark("prepare shared values");
    let requested = args
        .output_dir
        .as_deref()
        .unwrap_or(&site.config.output_dir);
    let staging = Staging::begin_waiting(requested, root, args.wait)?;
    let jobs = renderer.jobs();
    let results: Vec<Result<(String, bool), JobError>> = jobs
        .par_iter()
        .map(|job| {
            let out = renderer.render(job).map_err(JobError::Render)?;
            staging
                .write(&out.path, &out.bytes)
                .map_err(JobError::Output)?;
            let is_page = out.path.ends_with(".html");
            Ok((out.path, is_page))
        })
        .collect();
    mark("render and write");
    let mut pages = 0;
    let mut paths = Vec::with_capacity(results.len());
    let mut render_errors = Vec::new();
    for result in results {
        match result {
            Ok((path, is_page)) => {
                pages += usize::from(is_page);
                paths.push(path);
            }
            Err(JobError::Render(e)) => render_errors.push(e),
            Err(JobError::Output(e)) => {
                staging.abort();
                return Err(e.into());
            }
        }
    }
    if !render_errors.is_empty() {
        staging.abort();
        return Err(content_errors(&mut diagnostics, render_errors));
    }
    let generated: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let collisions = static_collisions(&loaded.statics, &generated);
    if !collisions.is_empty() {
        staging.abort();
        collisions.into_iter().for_each(|d| diagnostics.push(d));
        return Err(BuildError::Content(diagnostics));
    }
    let copied = match staging.copy_files(&loaded.statics) {
        Ok(n) => n,
        Err(e) => {
            staging.abort();
            return Err(e.into());
        }
    };
    mark("copy static");
    let output = staging.target().to_path_buf();
    let trash = staging.commit()?;
    mark("swap");
    Ok(BuildReport {
        timings,
        output,
        pages,
        files: jobs.len() + copied + 1,
        elapsed: started.elapsed(),
        diagnostics,
        trash,
    })
}

enum JobError {
    Render(RenderError),
    Output(OutputError),
}

fn content_errors(diagnostics: &mut Diagnostics, errors: Vec<RenderError>) -> BuildError {
    for e in errors {
        let file = match &e {
            RenderError::Template { name, .. } => name.clone(),
            RenderError::Page { .. } => "templates".to_string(),
        };
        diagnostics.push(
            Diagnostic::error("template", file, e.to_string()).hint(
                "fix the template; the built-in ones are in the digest repository's templates/",
            ),
        );
    }
    BuildError::Content(std::mem::take(diagnostics))
}
