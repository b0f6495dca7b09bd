//! What `check` says of the output folder: one that `build` would accept.

use crate::config::{CONFIG_FILE, find_key};
use crate::diag::Diagnostic;
use crate::output;
use std::path::Path;

/// An error when `build` would refuse the output folder; `from_flag` says whether it came from
/// `--output-dir` (else from `site.toml`, whose text places the diagnostic).
pub fn output_dir_problem(
    root: &Path,
    requested: &Path,
    from_flag: bool,
    config_text: Option<&str>,
) -> Option<Diagnostic> {
    let refused = output::resolve_target(root, requested).err()?;
    let diagnostic = if from_flag {
        Diagnostic::error("output-dir", "--output-dir", refused.to_string())
    } else {
        Diagnostic::error("output-dir", CONFIG_FILE, refused.to_string())
            .at(config_text.and_then(|text| find_key(text, "output_dir")))
    };
    Some(
        diagnostic
            .expected("a folder of its own: inside the site (e.g. \"public\") or an absolute path elsewhere")
            .hint("set output_dir in site.toml or pass --output-dir"),
    )
}
