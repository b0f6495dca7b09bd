//! Reads a site's `templates/` folder.

use super::walk;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// A site's own `templates/` files (name relative to that folder, bytes), which override the
/// built-in theme file by file.
pub fn read_template_overrides(root: &Path) -> (Vec<(String, Vec<u8>)>, Diagnostics) {
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    let folder = root.join("templates");
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if let Some(problem) = walk::link_leaving_site(root, &canonical_root, Path::new("templates")) {
        diags.push(problem);
        return (files, diags);
    }
    if !folder.is_dir() {
        return (files, diags);
    }
    for item in walkdir::WalkDir::new(&folder).sort_by_file_name() {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&folder);
                let shown = path.strip_prefix(root).unwrap_or(path);
                diags.push(Diagnostic::error(
                    "read",
                    shown,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(&folder).expect("walked below it");
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => diags.push(Diagnostic::error(
                "read",
                Path::new("templates").join(rel),
                format!("cannot read: {e}"),
            )),
        }
    }
    (files, diags)
}
