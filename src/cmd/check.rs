//! `digest check`: every validation of `build` (templates included, by rendering every page in
//! memory), writing nothing.

use super::output_checks::{output_dir_problem, static_collisions};
use super::{SiteOptions, load_site};
use crate::config::CONFIG_FILE;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::Renderer;
use crate::source;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;

/// Checks the site; `output_dir` is `--output-dir` when given (else `site.toml`'s is checked).
pub fn check(options: &SiteOptions, output_dir: Option<&Path>) -> Diagnostics {
    let loaded = load_site(options);
    let mut diagnostics = loaded.diagnostics;
    // Found first, reported last: a refused output does not hide the content's problems.
    let output_problem = loaded.site.as_ref().and_then(|site| {
        let config_text = source::file_text(&options.root, Path::new(CONFIG_FILE));
        output_dir_problem(
            &options.root,
            output_dir.unwrap_or(&site.config.output_dir),
            output_dir.is_some(),
            config_text.as_deref(),
        )
    });
    if let Some(site) = &loaded.site
        && !diagnostics.has_errors()
    {
        match Renderer::new(site, &loaded.templates) {
            Ok(renderer) => {
                let (paths, errors): (Vec<_>, Vec<_>) = renderer
                    .jobs()
                    .par_iter()
                    .map(|job| renderer.render(job).map(|out| out.path))
                    .partition(Result::is_ok);
                for e in errors.into_iter().filter_map(Result::err) {
                    diagnostics.push(Diagnostic::error("template", "templates", e.to_string()));
                }
                let paths: Vec<String> = paths.into_iter().filter_map(Result::ok).collect();
                let generated: HashSet<&str> = paths.iter().map(String::as_str).collect();
                for d in static_collisions(&loaded.statics, &generated) {
                    diagnostics.push(d);
                }
            }
            Err(errors) => {
                for e in errors {
                    diagnostics.push(Diagnostic::error("template", "templates", e.to_string()));
                }
            }
        }
    }
    if let Some(problem) = output_problem {
        diagnostics.push(problem);
    }
    diagnostics.finish(|file| source::file_text(&options.root, file));
    diagnostics
}
