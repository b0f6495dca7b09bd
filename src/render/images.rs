//! The markup of a local image: a `<picture>` offering WebP and the original's format in a few
//! widths (`srcset`/`sizes`), with its `width` and `height` (no layout shift), lazy below the
//! fold. Also the page's share image (`og:image`).

use super::text::escape_markup;
use crate::model::media::{ImageInfo, Variant};
use crate::model::{Claim, Site};
use crate::urls::UrlBuilder;
use serde::Serialize;
use std::fmt::Write;

/// How wide an image is shown: the text column (44rem) on a wide screen, the screen otherwise.
const SIZES: &str = "(min-width: 48rem) 44rem, 100vw";

/// `<picture>` (or `<img>` when there is one file) for the image at `url` (already rewritten
/// for the base URL); `info` is what the driver measured and made of it, when it is a raster
/// image of the site. `lazy` for every image but the one above the fold.
pub fn picture(
    url: &str,
    info: Option<&ImageInfo>,
    alt: &str,
    title: &str,
    urls: &UrlBuilder,
    lazy: bool,
) -> String {
    let mut img = String::with_capacity(256);
    let srcset = |variants: &[Variant]| {
        variants
            .iter()
            .map(|v| format!("{} {}w", escape_markup(&urls.asset(&v.path)), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Published once, at the root, for every language.
    let src = info.map_or_else(|| url.to_string(), |i| urls.asset(&i.src));
    let _ = write!(img, "<img src=\"{}\"", escape_markup(&src));
    if let Some(info) = info.filter(|i| i.fallback.len() > 1) {
        let _ = write!(
            img,
            " srcset=\"{}\" sizes=\"{SIZES}\"",
            srcset(&info.fallback)
        );
    }
    if let Some(info) = info {
        let _ = write!(img, " width=\"{}\" height=\"{}\"", info.width, info.height);
    }
    let _ = write!(img, " alt=\"{}\"", escape_markup(alt.trim()));
    if !title.is_empty() {
        let _ = write!(img, " title=\"{}\"", escape_markup(title));
    }
    if lazy {
        img.push_str(" loading=\"lazy\"");
    }
    img.push_str(" decoding=\"async\">");
    match info.filter(|i| !i.webp.is_empty()) {
        Some(info) => format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">{img}</picture>",
            srcset(&info.webp)
        ),
        None => img,
    }
}

/// The image shared with a link to a page (`og:image`, `twitter:image`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ShareImage {
    /// Absolute.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The one place a claim's share image is chosen: its own `image` when given (the largest
/// file in the original's format, at most 1600 pixels wide, which every platform reads), else
/// its share card (`cards`: the verdict, the claim, who said it and when).
pub fn claim_share_image(site: &Site, claim: &Claim) -> ShareImage {
    own_image(site, claim).unwrap_or_else(|| super::cards::claim_card_image(site, claim))
}

/// Whether the claim's share image is its own (so it needs no card).
pub fn shares_own_image(site: &Site, claim: &Claim) -> bool {
    own_image(site, claim).is_some()
}

fn own_image(site: &Site, claim: &Claim) -> Option<ShareImage> {
    let image = claim.image.as_ref()?;
    let info = site.images.get(&image.path)?;
    let (path, width) = match info.fallback.last() {
        Some(v) => (v.path.as_str(), v.width),
        None => (info.src.as_str(), info.width),
    };
    let height = (u64::from(info.height) * u64::from(width) / u64::from(info.width.max(1))) as u32;
    Some(ShareImage {
        url: site.config.urls.absolute_asset(path),
        width,
        height,
        alt: image.alt.clone(),
    })
}
