//! What an entry points at in the site: the local link and image targets of its Markdown (with
//! their line and column in the file, so that the driver can say which one is missing), the
//! claim's `image`, and the processed images the driver hands to the renderer as data.

use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::source::Parsed;
use crate::source::entry::RawImage;
use crate::urls::{is_linkable, resolve_local};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::Path;

/// A link or image of an entry's Markdown that points into the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalRef {
    /// The site path it resolves to (`claims/x/a.png`, `img/logo.png`, `timeline/`).
    pub path: String,
    pub at: Position,
    pub image: bool,
}

/// A claim's `image`: the claim as it appeared (a screenshot), shown as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimImage {
    /// The site path of the file (a bundle file or a file of `static/`).
    pub path: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Where `src` is written, for a missing file.
    pub at: Option<Position>,
}

/// A local raster image as published: its size (after orientation) and its files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageInfo {
    pub width: u32,
    pub height: u32,
    /// The site path of the largest file in the original's format (the `<img>`'s `src`).
    pub src: String,
    /// The same image in the original's format, by width (smallest first).
    pub fallback: Vec<Variant>,
    /// In WebP, by width (smallest first); empty for an image published as it is.
    pub webp: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub path: String,
    pub width: u32,
}

/// The images of the site, by the site path of their source file (filled by the driver).
pub type ImageTable = BTreeMap<String, ImageInfo>;

/// The Markdown extensions of the site: the model scans with the ones the renderer renders with.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The local targets of a body written at `body_line` of `file`, for a page at `page_dir`;
/// an image without alternative text is an error, one loaded from another site a warning.
pub fn scan(
    file: &Path,
    body: &str,
    body_line: usize,
    page_dir: &str,
    diags: &mut Diagnostics,
) -> Vec<LocalRef> {
    let finder = memchr::memmem::find;
    if finder(body.as_bytes(), b"](").is_none() && finder(body.as_bytes(), b"]:").is_none() {
        return Vec::new();
    }
    let mut refs = Vec::new();
    let mut open_image: Option<(usize, Position, bool)> = None; // (alt length, at, external)
    let mut alt_len = 0;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let at = || body_position(body, range.start, body_line);
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some((path, _)) = resolve_local(page_dir, &dest_url) {
                    refs.push(LocalRef {
                        path,
                        at: at(),
                        image: true,
                    });
                }
                open_image = Some((alt_len, at(), is_linkable(&dest_url)));
            }
            Event::Text(t) | Event::Code(t) if open_image.is_some() => {
                alt_len += t.trim().len();
            }
            Event::End(TagEnd::Image) => {
                let Some((before, position, external)) = open_image.take() else {
                    continue;
                };
                if alt_len == before {
                    diags.push(
                        Diagnostic::error("image-alt-missing", file, "this image has no alternative text")
                            .at(Some(position))
                            .expected("![what the image shows](file.png)")
                            .hint("describe what a reader who cannot see it must know: who, what, where it appeared"),
                    );
                }
                if external {
                    diags.push(
                        Diagnostic::warning("image-external", file, "this image is loaded from another site: it is shown as a link, not loaded")
                            .at(Some(position))
                            .hint("archive the evidence as a file in the entry's bundle (content/claims/<slug>/index.md beside it): links rot and platforms delete posts"),
                    );
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some((path, _)) = resolve_local(page_dir, &dest_url) {
                    refs.push(LocalRef {
                        path,
                        at: at(),
                        image: false,
                    });
                }
            }
            _ => {}
        }
    }
    refs
}

/// The file position of a byte offset of the body.
fn body_position(body: &str, offset: usize, body_line: usize) -> Position {
    let p = crate::config::position_of(body, offset);
    Position {
        line: body_line + p.line - 1,
        column: p.column,
    }
}

/// A claim's `image`, checked: `src` a local file, `alt` given.
pub fn claim_image<T>(
    p: &Parsed<T>,
    raw: &RawImage,
    page_dir: &str,
    diags: &mut Diagnostics,
) -> Option<ClaimImage> {
    let at = |field: &str| p.locator.nested("image", None, field);
    let src = raw.src.as_deref().map(str::trim).unwrap_or_default();
    let alt = raw.alt.as_deref().map(str::trim).unwrap_or_default();
    let mut ok = true;
    if src.is_empty() {
        diags.push(
            Diagnostic::error("missing-field", &p.file, "`image` has no `src`")
                .at(p.locator.value("image"))
                .expected("image: { src: \"capture.png\", alt: \"...\" }")
                .hint("a file beside the entry's index.md (a bundle), or a site path such as \"/img/x.png\""),
        );
        ok = false;
    }
    if alt.is_empty() {
        diags.push(
            Diagnostic::error("image-alt-missing", &p.file, "`image` has no `alt` text")
                .at(at("src").or_else(|| p.locator.value("image")))
                .expected("alt: \"what the image shows\"")
                .hint("describe what a reader who cannot see it must know: who, what, where it appeared"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let Some((path, _)) = resolve_local(page_dir, src).filter(|(path, _)| !path.is_empty()) else {
        diags.push(
            Diagnostic::error("image-not-local", &p.file, format!("image {src:?} is not a file of the site"))
                .at(at("src"))
                .expected("a file beside the entry's index.md, or a site path such as \"/img/x.png\"")
                .hint("archive the evidence as a file in the entry's bundle: links rot and platforms delete posts"),
        );
        return None;
    };
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Some(ClaimImage {
        path,
        alt: alt.to_string(),
        caption: text(&raw.caption),
        credit: text(&raw.credit),
        at: at("src"),
    })
}
