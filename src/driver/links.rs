//! Before anything is rendered: every local link and image of the entries leads to a file the
//! site publishes (a bundle's file, a file of `static/`, a generated file), every claim's
//! `image` is a raster image, and no bundle file takes the place of a generated one.

use super::media::{MediaFile, slash_path};
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::model::Site;
use crate::model::media::LocalRef;
use crate::urls::names_a_file;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Names a claim's folder keeps for what the site generates there: its page, its share card
/// and its embeddable card.
pub const CLAIM_FOLDER_NAMES: &[&str] = &["index.html", "card.png", "embed"];

/// The problems of the site's links, images and bundle files; `generated` gives the output
/// path of every job of every language (`en/…` for English), asked only when a target is
/// neither a static nor a bundle file (most links lead out of the site).
pub fn check<'g>(
    site: &Site,
    media: &[MediaFile],
    statics: &[(PathBuf, PathBuf)],
    generated: &dyn Fn() -> &'g HashSet<String>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let static_paths: HashSet<String> = statics.iter().map(|(r, _)| slash_path(r)).collect();
    let mut published: HashMap<&str, &MediaFile> = HashMap::new();
    for file in media {
        if let Some(reason) = collision(file, &static_paths, generated(), &published) {
            let shown = shown_path(file);
            problems.push(
                Diagnostic::error(
                    "bundle-collision",
                    shown,
                    format!("this file cannot be published at /{}: {reason}", file.path),
                )
                .hint("rename the file (and the links to it in the entry)"),
            );
        }
        published.entry(file.path.as_str()).or_insert(file);
    }
    let exists = |path: &str| {
        published.contains_key(path)
            || static_paths.contains(path)
            || generated_at(generated(), path)
    };
    refs(site, &exists, &mut problems);
    problems
}

/// The problems of the links and images of another language's site: its files are the
/// default language's (`media`, `static/`), its pages its own (under `prefix`, `en/`) or,
/// where it has none, the rest of the site's; `site_wide` as `check`'s `generated`.
pub fn check_translation<'g>(
    site: &Site,
    media: &[MediaFile],
    statics: &[(PathBuf, PathBuf)],
    prefix: &str,
    site_wide: &dyn Fn() -> &'g HashSet<String>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let files: HashSet<&str> = media.iter().map(|f| f.path.as_str()).collect();
    let static_paths: HashSet<String> = statics.iter().map(|(r, _)| slash_path(r)).collect();
    let exists = |path: &str| {
        files.contains(path)
            || static_paths.contains(path)
            || generated_at(site_wide(), &format!("{prefix}{path}"))
            || generated_at(site_wide(), path)
    };
    refs(site, &exists, &mut problems);
    problems
}

/// Whether a page or file is generated at `path`, a folder URL standing for its `index.html`.
fn generated_at(generated: &HashSet<String>, path: &str) -> bool {
    generated.contains(path)
        || generated.contains(format!("{path}index.html").as_str())
        || generated.contains(format!("{path}/index.html").as_str())
}

/// Every local link and image of the site's entries that leads to no file or page, and every
/// claim `image` that is not a raster image.
fn refs(site: &Site, exists: &dyn Fn(&str) -> bool, problems: &mut Diagnostics) {
    let mut missing = |file: &Path, r: &LocalRef, bundle: Option<bool>| {
        if exists(&r.path) {
            return;
        }
        problems.push(match r.image || names_a_file(&r.path) {
            true => missing_file(file, &r.path, Some(r.at), bundle),
            false => missing_page(file, &r.path, r.at),
        });
    };
    for claim in &site.claims {
        let bundle = Some(!claim.bundle.is_empty() || claim.file.ends_with("index.md"));
        for r in &claim.refs {
            missing(&claim.file, r, bundle);
        }
    }
    for actor in &site.actors {
        if let Some(file) = &actor.file {
            actor.refs.iter().for_each(|r| missing(file, r, None));
        }
    }
    for member in &site.team {
        member
            .refs
            .iter()
            .for_each(|r| missing(&member.file, r, None));
    }
    for page in site.pages.iter().chain(&site.corrections_policy) {
        page.refs.iter().for_each(|r| missing(&page.file, r, None));
    }
    for claim in &site.claims {
        let Some(image) = &claim.image else { continue };
        if site.images.contains_key(&image.path) {
            continue;
        }
        if exists(&image.path) {
            problems.push(
                Diagnostic::error(
                    "image-not-raster",
                    &claim.file,
                    format!(
                        "image /{} is not a JPEG, PNG, GIF or WebP image",
                        image.path
                    ),
                )
                .at(image.at)
                .hint("give `image` a screenshot or photo; link other files from the body"),
            );
        } else {
            let bundle = Some(!claim.bundle.is_empty() || claim.file.ends_with("index.md"));
            problems.push(missing_file(&claim.file, &image.path, image.at, bundle));
        }
    }
}

/// Why a bundle's file cannot be published at its path, if it cannot.
fn collision(
    file: &MediaFile,
    statics: &HashSet<String>,
    generated: &HashSet<String>,
    published: &HashMap<&str, &MediaFile>,
) -> Option<String> {
    let inside = file
        .path
        .strip_prefix("claims/")
        .and_then(|rest| rest.split_once('/'))
        .map_or(file.path.as_str(), |(_, inside)| inside);
    let first = inside.split('/').next().unwrap_or_default();
    if CLAIM_FOLDER_NAMES.contains(&first) {
        return Some(format!(
            "`{first}` is what the site generates in a claim's folder"
        ));
    }
    if generated.contains(file.path.as_str()) {
        return Some("the site generates a file there".into());
    }
    if statics.contains(&file.path) {
        return Some(format!("static/{} is published there", file.path));
    }
    if let Some(other) = published.get(file.path.as_str()) {
        return Some(format!(
            "{} publishes a file there (a resized copy of an image is named <name>.<width>w.<format>)",
            shown_path(other).display()
        ));
    }
    None
}

/// A bundle's file as the site folder names it.
fn shown_path(file: &MediaFile) -> PathBuf {
    let inside = file
        .path
        .strip_prefix("claims/")
        .and_then(|rest| rest.split_once('/'))
        .map_or(file.path.as_str(), |(_, inside)| inside);
    file.entry.parent().unwrap_or(&file.entry).join(inside)
}

fn missing_page(file: &Path, path: &str, at: Position) -> Diagnostic {
    Diagnostic::error(
        "missing-page",
        file,
        format!("/{path} is not a page of the site"),
    )
    .at(Some(at))
    .expected("the site path of a page the build makes, such as /claims/<slug>/ or /actors/<slug>/")
    .hint("check the slug (a claim's is its file name or `slug:`); a draft's page is only made with --drafts")
}

fn missing_file(file: &Path, path: &str, at: Option<Position>, bundle: Option<bool>) -> Diagnostic {
    let hint = match bundle {
        Some(false) if path.starts_with("claims/") => {
            "to publish a file with this entry, make it a bundle: move the entry to <slug>/index.md and put the file beside it"
        }
        _ => {
            "check the file's name and folder (names are case-sensitive); a site path such as /img/x.png is a file of static/"
        }
    };
    Diagnostic::error(
        "missing-file",
        file,
        format!("/{path} is not a file of the site"),
    )
    .at(at)
    .expected("a file beside the entry's index.md (a bundle), or a file of static/ written from the site's root (/img/x.png)")
    .hint(hint)
}
