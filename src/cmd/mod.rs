//! Floor 5: one verb each; orchestration only.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{BuildOptions, Site, build_site};
use crate::source;
use std::path::{Path, PathBuf};

/// Options shared by the verbs that load a site.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// A loaded and validated site, with every diagnostic of the loading.
pub struct Loaded {
    pub site: Option<Site>,
    pub templates: Vec<(String, Vec<u8>)>,
    pub diagnostics: Diagnostics,
}

/// Reads and validates the whole site: config, entries, templates. Never stops at the first
/// problem; `site` is None only when the configuration itself cannot be read.
pub fn load_site(options: &SiteOptions) -> Loaded {
    let root = &options.root;
    let mut diagnostics = Diagnostics::default();
    let config = match source::read_config(root) {
        Ok(config) => Some(config),
        Err(d) => {
            diagnostics.extend(d);
            None
        }
    };
    let (sources, source_diags) = source::load(root);
    diagnostics.extend(source_diags);
    let (templates, template_diags) = source::read_template_overrides(root);
    diagnostics.extend(template_diags);
    let site = config.and_then(|mut config: Config| {
        if let Some(base_url) = &options.base_url
            && let Err(e) = config.set_base_url(base_url)
        {
            diagnostics.push(Diagnostic::error(
                "config-base-url",
                "--base-url",
                e.to_string(),
            ));
            return None;
        }
        let today = chrono::Local::now().date_naive();
        let (site, model_diags) = build_site(
            config,
            sources,
            BuildOptions {
                include_drafts: options.include_drafts,
                today,
            },
        );
        diagnostics.extend(model_diags);
        Some(site)
    });
    diagnostics.finish(|file| source::file_text(root, file));
    Loaded {
        site,
        templates,
        diagnostics,
    }
}

pub(crate) fn relative_to(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}
