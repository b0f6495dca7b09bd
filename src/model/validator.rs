//! The state entries are validated with: the options of the run and the diagnostics found so
//! far. A leaf that `build` (the site as a whole) and `fields` (one entry's fields) both use, so
//! that neither imports the other for it.

use crate::diag::Diagnostics;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    pub include_drafts: bool,
    /// "Today", for warnings about dates in the future and stale verdicts.
    pub today: NaiveDate,
}

/// Checks entries and collects what it finds. Its checks live with their subject: the fields of
/// one entry in `fields`, what spans entries (actors, slugs, pages) in `build`.
pub(super) struct Validator {
    pub(super) diags: Diagnostics,
    pub(super) options: BuildOptions,
}

impl Validator {
    pub(super) fn new(options: BuildOptions) -> Self {
        Validator {
            diags: Diagnostics::default(),
            options,
        }
    }
}
