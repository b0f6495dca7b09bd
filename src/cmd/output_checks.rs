//! The checks `check` and `build` share about what goes into the output: no file of `static/`
//! may take the place of a generated file (or of digest's own marker), and the output folder must
//! be one that `build` would accept.

use crate::config::{CONFIG_FILE, find_key};
use crate::diag::Diagnostic;
use crate::output::{self, MARKER};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// An error for each file of `static/` that would replace a generated file, sit where the site
/// has a folder of generated pages (or inside a generated file), or take a name digest owns.
/// `generated` holds the output paths of every job (`/`-separated).
pub fn static_collisions(
    statics: &[(PathBuf, PathBuf)],
    generated: &HashSet<&str>,
) -> Vec<Diagnostic> {
    let generated_folders: HashSet<&str> = generated
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();
    let mut problems = Vec::new();
    for (relative, _) in statics {
        let name = slash_path(relative);
        let first = name.split('/').next().unwrap_or_default();
        let reason = if first == MARKER || first.starts_with(".digest-") {
            format!("`{first}` is a name digest keeps for itself in the output")
        } else if generated.contains(name.as_str()) {
            format!("it would replace the generated `{name}`")
        } else if generated_folders.contains(name.as_str()) {
            format!("the site generates pages under `{name}/`")
        } else if let Some(page) = ancestors(&name).find(|a| generated.contains(a)) {
            format!("the site generates the file `{page}`, which cannot also be a folder")
        } else {
            continue;
        };
        problems.push(
            Diagnostic::error(
                "static-collision",
                Path::new("static").join(relative),
                format!("this static file collides with the generated site: {reason}"),
            )
            .hint("rename or move the file in static/; generated pages are changed through content/ and templates/"),
        );
    }
    problems
}

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

fn slash_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `a/b/c` gives `a`, `a/b`.
fn ancestors(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('/').map(|(i, _)| &name[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_collision_is_found() {
        let generated: HashSet<&str> = ["index.html", "claims/x/index.html", "atom.xml"].into();
        let statics: Vec<(PathBuf, PathBuf)> = [
            "index.html",
            "claims/x/index.html",
            "claims",
            "atom.xml/evil",
            ".digest-output",
            "claims/extra.txt",
            "logo.png",
        ]
        .iter()
        .map(|p| (PathBuf::from(p), PathBuf::new()))
        .collect();
        let files: Vec<String> = static_collisions(&statics, &generated)
            .iter()
            .map(|d| d.file.display().to_string())
            .collect();
        assert_eq!(
            files,
            [
                "static/index.html",
                "static/claims/x/index.html",
                "static/claims",
                "static/atom.xml/evil",
                "static/.digest-output"
            ]
        );
    }
}
