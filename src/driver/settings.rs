//! The settings as the project reads them: `site.toml` with its base URL overridden.

use super::BaseUrl;
use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics};

/// The one place the base URL is overridden, for `--base-url` and for `serve`.
pub(super) fn with_base_url(mut config: Config, base_url: &BaseUrl) -> Result<Config, Diagnostics> {
    let (url, file) = match base_url {
        BaseUrl::FromConfig => return Ok(config),
        BaseUrl::Replace(url) => (url.clone(), "--base-url"),
        BaseUrl::Origin(origin) => (format!("{origin}{}", config.urls.base_path()), CONFIG_FILE),
    };
    match config.set_base_url(&url) {
        Ok(()) => Ok(config),
        Err(e) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(
                Diagnostic::error("config-base-url", file, e.to_string())
                    .expected("an absolute http(s) URL such as \"https://user.github.io/repo/\""),
            );
            Err(diagnostics)
        }
    }
}
