//! Reads the site's settings, `site.toml`.

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// Reads and parses `site.toml`.
pub fn read_config(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, Path::new(CONFIG_FILE)),
        Err(e) => {
            let mut diags = Diagnostics::default();
            diags.push(
                Diagnostic::error("config-missing", CONFIG_FILE, format!("cannot read {}: {e}", path.display()))
                    .hint("run digest from a site folder, pass --root DIR, or create one with `digest init`"),
            );
            Err(diags)
        }
    }
}
