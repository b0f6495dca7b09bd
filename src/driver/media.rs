//! The files published beside the pages: each bundle's files (its raster images scrubbed and
//! resized by `images`, the others as they are), and the size of the images of `static/`. The
//! renderer gets the result as data (`Site::images`); the commands write the files.

use crate::cache::Cache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::images::{self, Format, Published};
use crate::model::Site;
use crate::model::media::{ImageInfo, ImageTable, Variant};
use crate::urls::site_path;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A file to publish, by its output path (`claims/x/a.png`).
#[derive(Debug, Clone)]
pub struct MediaFile {
    pub path: String,
    pub content: MediaContent,
    /// The claim's entry file it belongs to, for messages.
    pub entry: PathBuf,
}

#[derive(Debug, Clone)]
pub enum MediaContent {
    /// Copied as it is.
    File(PathBuf),
    /// Made by the build (a scrubbed or resized image).
    Bytes(std::sync::Arc<Vec<u8>>),
}

impl MediaContent {
    pub fn bytes(&self) -> std::io::Result<Vec<u8>> {
        match self {
            MediaContent::File(path) => std::fs::read(path),
            MediaContent::Bytes(bytes) => Ok(bytes.to_vec()),
        }
    }
}

/// The bundles' files and the site's images, with what could not be read.
#[derive(Debug, Default)]
pub struct Media {
    pub files: Vec<MediaFile>,
    pub images: ImageTable,
    pub problems: Diagnostics,
}

/// Prepares every bundle's files (in parallel; images through the cache at the site root) and
/// measures the raster images of `static/`. `translations`: the site in its other languages,
/// whose bundles share their original's files: a file is published once, at its first path.
pub fn prepare(
    site: &Site,
    translations: &[Site],
    statics: &[(PathBuf, PathBuf)],
    root: &Path,
    write_cache: bool,
) -> Media {
    let cache = Cache::open(root, "images", write_cache);
    let keep = site.config.images.keep_metadata;
    let mut work: Vec<(&Path, String, &str, &Path)> = site
        .claims
        .iter()
        .flat_map(|claim| {
            let dir = site_path::claim(&claim.slug);
            claim.bundle.iter().map(move |f| {
                let out = format!("{dir}{}", f.name);
                (claim.file.as_path(), out, f.name.as_str(), f.path.as_path())
            })
        })
        .collect();
    if translations
        .iter()
        .any(|t| t.claims.iter().any(|c| !c.bundle.is_empty()))
    {
        let mut seen: std::collections::HashSet<String> =
            work.iter().map(|(_, out, ..)| out.clone()).collect();
        for claim in translations.iter().flat_map(|t| t.claims.iter()) {
            let dir = site_path::claim(&claim.slug);
            for f in &claim.bundle {
                let out = format!("{dir}{}", f.name);
                if seen.insert(out.clone()) {
                    work.push((claim.file.as_path(), out, f.name.as_str(), f.path.as_path()));
                }
            }
        }
    }
    type Done = Result<(Vec<MediaFile>, Option<(String, ImageInfo)>), Box<Diagnostic>>;
    let done: Vec<Done> = work
        .par_iter()
        .map(|&(entry, ref path, name, source)| {
            let entry_file = entry.to_path_buf();
            if !is_raster(path) {
                let file = MediaFile {
                    path: path.clone(),
                    content: MediaContent::File(source.to_path_buf()),
                    entry: entry_file,
                };
                return Ok((vec![file], None));
            }
            let shown = entry.parent().unwrap_or(entry).join(name);
            let bytes = std::fs::read(source).map_err(|e| {
                Box::new(Diagnostic::error(
                    "read",
                    &shown,
                    format!("cannot read: {e}"),
                ))
            })?;
            let published = images::publish(&bytes, keep, &cache).map_err(|e| {
                Box::new(Diagnostic::error(
                    "image-unreadable",
                    &shown,
                    format!("this image cannot be decoded: {e}"),
                )
                .hint("save it again as JPEG, PNG or WebP, or give it the extension of what it is"))
            })?;
            Ok(publish_files(path, published, &entry_file))
        })
        .collect();
    let mut media = Media::default();
    for item in done {
        match item {
            Ok((files, image)) => {
                media.files.extend(files);
                media.images.extend(image);
            }
            Err(problem) => media.problems.push(*problem),
        }
    }
    let measured: Vec<(String, ImageInfo, bool)> = statics
        .par_iter()
        .filter_map(|(relative, source)| {
            let path = slash_path(relative);
            is_raster(&path).then_some(())?;
            let (width, height) = measure(source)?;
            let info = ImageInfo {
                width,
                height,
                src: path.clone(),
                fallback: Vec::new(),
                webp: Vec::new(),
            };
            Some((path, info, carries_metadata(source)))
        })
        .collect();
    for (path, info, metadata) in measured {
        if metadata {
            media.problems.push(
                Diagnostic::warning(
                    "static-image-metadata",
                    Path::new("static").join(&path),
                    "this image carries EXIF or XMP metadata (a camera, a date, maybe a GPS position), and static/ is published as it is",
                )
                .hint("strip it (e.g. `exiftool -all= FILE`), or move it into an entry's bundle, whose images are published without it"),
            );
        }
        media.images.insert(path, info);
    }
    media
}

/// Whether the start of an image file holds EXIF (JPEG, PNG `eXIf`, WebP) or XMP metadata.
fn carries_metadata(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(256 * 1024);
    let read = std::fs::File::open(path).and_then(|f| f.take(256 * 1024).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let finder = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    finder(b"Exif\0\0") || finder(b"eXIf") || finder(b"EXIF") || finder(b"http://ns.adobe.com/xap/")
}

/// The files of one published image and its entry in the table.
fn publish_files(
    path: &str,
    published: Published,
    entry: &Path,
) -> (Vec<MediaFile>, Option<(String, ImageInfo)>) {
    let stem = match path.rfind('.') {
        Some(dot) => &path[..dot],
        None => path,
    };
    let largest = images::WIDTHS[images::WIDTHS.len() - 1];
    let mut info = ImageInfo {
        width: published.width,
        height: published.height,
        src: path.to_string(),
        fallback: Vec::new(),
        webp: Vec::new(),
    };
    let mut files = Vec::new();
    for file in published.files {
        let out = match file.original {
            true => path.to_string(),
            false => format!("{stem}.{}w.{}", file.width, file.format.extension()),
        };
        let variant = Variant {
            path: out.clone(),
            width: file.width,
        };
        match (file.format == published.fallback, file.format) {
            (true, _) if file.width <= largest => info.fallback.push(variant),
            (false, Format::Webp) => info.webp.push(variant),
            _ => {}
        }
        files.push(MediaFile {
            path: out,
            content: MediaContent::Bytes(std::sync::Arc::new(file.bytes)),
            entry: entry.to_path_buf(),
        });
    }
    info.fallback.sort_by_key(|v| v.width);
    info.webp.sort_by_key(|v| v.width);
    (files, Some((path.to_string(), info)))
}

/// The displayed size of an image file (its EXIF orientation applied), from its header.
fn measure(path: &Path) -> Option<(u32, u32)> {
    use image::ImageDecoder;
    let reader = image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?;
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation().ok()?,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    Some(if turned { (h, w) } else { (w, h) })
}

fn is_raster(path: &str) -> bool {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    extension.is_some_and(|e| images::is_raster(&e))
}

pub fn slash_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
