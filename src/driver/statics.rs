//! The files of `static/` against the generated site: none may take the place of a generated
//! file (or of digest's own marker), sit where the site generates a folder, or inside a file.

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::MARKER;
use crate::render::{Job, Renderer};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The collisions of `statics` with the outputs of `jobs` (none are computed without statics).
pub fn collisions(
    statics: &[(PathBuf, PathBuf)],
    renderer: &Renderer,
    jobs: &[Job],
) -> Diagnostics {
    if statics.is_empty() {
        return Diagnostics::default();
    }
    let paths: Vec<String> = jobs.iter().map(|job| renderer.path(job)).collect();
    let generated: HashSet<&str> = paths.iter().map(String::as_str).collect();
    static_collisions(statics, &generated).into_iter().collect()
}

/// An error for each file of `static/` that would replace a generated file, sit where the site
/// has a folder of generated pages (or inside a generated file), or take a name digest owns.
/// `generated` holds the output paths of every job (`/`-separated).
fn static_collisions(statics: &[(PathBuf, PathBuf)], generated: &HashSet<&str>) -> Vec<Diagnostic> {
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
