//! `digest check`: every validation of `build` (templates included, by rendering every page in
//! memory), writing nothing.

use super::SiteOptions;
use super::output_checks::output_dir_problem;
use crate::config::CONFIG_FILE;
use crate::diag::Diagnostics;
use crate::driver::{Touched, Update};
use crate::source;
use rayon::prelude::*;
use std::path::Path;

/// Checks the site; `output_dir` is `--output-dir` when given (else `site.toml`'s is checked).
pub fn check(options: &SiteOptions, output_dir: Option<&Path>) -> Diagnostics {
    let mut project = options.project(false);
    let (mut diagnostics, errors, configured) = match project.update(&Touched::everything()) {
        Update::Ready(ready) => {
            let errors: Vec<_> = ready
                .every_job()
                .par_iter()
                // A share card uses no template: drawing it could find nothing wrong.
                .filter(|(renderer, job)| renderer.card(job).is_none())
                .filter_map(|(renderer, job)| renderer.render(job).err())
                .collect();
            let configured = ready.site.config.output_dir.clone();
            (ready.diagnostics, errors, Some(configured))
        }
        Update::Failed(failure) => (failure.diagnostics, Vec::new(), project.output_dir()),
        Update::Unchanged => unreachable!("a first update reads everything"),
    };
    if !errors.is_empty() {
        diagnostics.extend(project.render_failed(errors).diagnostics);
    }
    // Reported after the content's problems: a refused output does not hide them.
    if let Some(configured) = configured {
        let config_text = source::file_text(&options.root, Path::new(CONFIG_FILE));
        let requested = output_dir.unwrap_or(&configured);
        if let Some(problem) = output_dir_problem(
            &options.root,
            requested,
            output_dir.is_some(),
            config_text.as_deref(),
        ) {
            diagnostics.push(problem);
        }
    }
    diagnostics.finish(|file| source::file_text(&options.root, file));
    diagnostics
}
