//! Floor 5: one verb each; orchestration only.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
mod init_bilingual;
pub mod new;
pub mod output_checks;
pub mod progress;
pub mod serve;
pub mod translate;

use crate::driver::{BaseUrl, Options, Project};
use std::path::PathBuf;

/// Options shared by the verbs that load a site.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

impl SiteOptions {
    /// A one-shot project of the site (`build`, `check`); `write_cache` stores processed
    /// images in `.digest-cache/` (`check` writes nothing).
    pub fn project(&self, write_cache: bool) -> Project {
        Project::new(Options {
            root: self.root.clone(),
            base_url: self
                .base_url
                .clone()
                .map_or(BaseUrl::FromConfig, BaseUrl::Replace),
            include_drafts: self.include_drafts,
            incremental: false,
            write_cache,
        })
    }
}
