//! `digest check`: every validation of `build` (templates included, by rendering every page in
//! memory), writing nothing.

use super::{SiteOptions, load_site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::Renderer;
use rayon::prelude::*;

pub fn check(options: &SiteOptions) -> Diagnostics {
    let loaded = load_site(options);
    let mut diagnostics = loaded.diagnostics;
    if let Some(site) = &loaded.site
        && !diagnostics.has_errors()
    {
        match Renderer::new(site, &loaded.templates) {
            Ok(renderer) => {
                let errors: Vec<_> = renderer
                    .jobs()
                    .par_iter()
                    .filter_map(|job| renderer.render(job).err())
                    .collect();
                for e in errors {
                    diagnostics.push(Diagnostic::error("template", "templates", e.to_string()));
                }
            }
            Err(errors) => {
                for e in errors {
                    diagnostics.push(Diagnostic::error("template", "templates", e.to_string()));
                }
            }
        }
    }
    diagnostics
}
