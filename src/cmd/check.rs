//! `digest check`: every validation of `build` (templates included, by rendering every page in
//! memory), writing nothing.

use super::SiteOptions;
use crate::diag::Diagnostics;
use crate::driver::{Touched, Update};
use rayon::prelude::*;

pub fn check(options: &SiteOptions) -> Diagnostics {
    let mut project = options.project();
    let (mut diagnostics, errors) = match project.update(&Touched::everything()) {
        Update::Ready(ready) => {
            let errors: Vec<_> = ready
                .jobs
                .par_iter()
                .filter_map(|job| ready.renderer.render(job).err())
                .collect();
            (ready.diagnostics, errors)
        }
        Update::Failed(failure) => return failure.diagnostics,
        Update::Unchanged => unreachable!("a first update reads everything"),
    };
    if !errors.is_empty() {
        diagnostics.extend(project.render_failed(errors).diagnostics);
    }
    diagnostics
}
