//! A raster image as published: decoded once, turned upright (EXIF orientation), resized to a
//! few widths (never upscaled) and encoded again, in WebP and in the original's format. Encoding
//! from decoded pixels is what strips the metadata (EXIF with its GPS position and camera, XMP,
//! comments, PNG text and eXIf chunks): none of it is written again. Every output is cached by
//! the hash of the source's bytes and of what made it, so an unchanged image is never encoded
//! twice. Pure but for the cache: the caller reads the source and writes the outputs.

use crate::cache::{Cache, Key};
use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, IntoImageView, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat};
use rayon::prelude::*;
use std::io::Cursor;

/// The widths published (those below the image's own width, and its own up to the largest).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// Bumped when an encoder setting changes: every cached output is made again.
const VERSION: &[u8] = b"images-v1";
const MAX_SIDE: u32 = 16_384;

/// The formats of published images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }
}

/// The raster formats read, by file extension (lower case).
pub fn is_raster(extension: &str) -> bool {
    matches!(extension, "jpg" | "jpeg" | "png" | "gif" | "webp")
}

/// One published file of an image.
pub struct Encoded {
    pub width: u32,
    pub format: Format,
    /// The full-size file that stands at the source's own path.
    pub original: bool,
    pub bytes: Vec<u8>,
}

/// An image as published: its displayed size and its files.
pub struct Published {
    pub width: u32,
    pub height: u32,
    /// The original's format (PNG for a GIF): the `<img>` fallback.
    pub fallback: Format,
    pub files: Vec<Encoded>,
}

/// The image in `bytes` published with `keep_metadata` (the original kept as it is) or not.
pub fn publish(bytes: &[u8], keep_metadata: bool, cache: &Cache) -> Result<Published, String> {
    let source = blake3::hash(bytes);
    let settings: &[u8] = if keep_metadata { b"keep" } else { b"strip" };
    let key = |what: &[u8]| Key::of(&[VERSION, source.as_bytes(), settings, what]);
    let meta_key = key(b"meta");
    let mut decoded: Option<DynamicImage> = None;
    let (width, height, fallback) = match cache.get(&meta_key).and_then(|m| parse_meta(&m)) {
        Some(meta) => meta,
        None => {
            let (image, fallback) = decode(bytes)?;
            let meta = (image.width(), image.height(), fallback);
            decoded = Some(image);
            let _ = cache.put(&meta_key, format_meta(meta).as_bytes());
            meta
        }
    };
    let mut wanted: Vec<(u32, Format, bool)> = Vec::new();
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] {
        widths.push(width);
    }
    for &w in &widths {
        if fallback != Format::Webp {
            wanted.push((w, Format::Webp, false));
        }
        if w != width {
            wanted.push((w, fallback, false));
        }
    }
    wanted.push((width, fallback, true));
    let cached: Vec<Option<Vec<u8>>> = wanted
        .iter()
        .map(|&(w, format, original)| match original && keep_metadata {
            true => Some(bytes.to_vec()),
            false => cache.get(&key(&output_name(w, format))),
        })
        .collect();
    if decoded.is_none() && cached.iter().any(Option::is_none) {
        decoded = Some(decode(bytes)?.0);
    }
    let files: Result<Vec<Encoded>, String> = wanted
        .par_iter()
        .zip(cached)
        .map(|(&(w, format, original), cached)| {
            let bytes = match cached {
                Some(bytes) => bytes,
                None => {
                    let image = decoded.as_ref().expect("decoded when something is missing");
                    let made = encode(image, w, format)?;
                    let _ = cache.put(&key(&output_name(w, format)), &made);
                    made
                }
            };
            Ok(Encoded {
                width: w,
                format,
                original,
                bytes,
            })
        })
        .collect();
    Ok(Published {
        width,
        height,
        fallback,
        files: files?,
    })
}

fn output_name(width: u32, format: Format) -> Vec<u8> {
    format!("{width}.{}", format.extension()).into_bytes()
}

fn format_meta((w, h, f): (u32, u32, Format)) -> String {
    format!("{w} {h} {}", f.extension())
}

fn parse_meta(bytes: &[u8]) -> Option<(u32, u32, Format)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut parts = text.split(' ');
    let w = parts.next()?.parse().ok()?;
    let h = parts.next()?.parse().ok()?;
    let f = match parts.next()? {
        "jpg" => Format::Jpeg,
        "png" => Format::Png,
        "webp" => Format::Webp,
        _ => return None,
    };
    Some((w, h, f))
}

/// Decodes (the first frame of a GIF) and turns the image upright; the format to fall back to.
fn decode(bytes: &[u8]) -> Result<(DynamicImage, Format), String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let fallback = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png | ImageFormat::Gif) => Format::Png,
        Some(ImageFormat::WebP) => Format::Webp,
        _ => return Err("not a JPEG, PNG, GIF or WebP image".into()),
    };
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    let image = match image.color().has_alpha() && fallback != Format::Jpeg {
        true => DynamicImage::ImageRgba8(image.into_rgba8()),
        false => DynamicImage::ImageRgb8(image.into_rgb8()),
    };
    Ok((image, fallback))
}

/// `image` at `width` (height in proportion) in `format`.
fn encode(image: &DynamicImage, width: u32, format: Format) -> Result<Vec<u8>, String> {
    let height = ((u64::from(image.height()) * u64::from(width) + u64::from(image.width()) / 2)
        / u64::from(image.width()))
    .max(1) as u32;
    let alpha = image.color().has_alpha();
    let pixels: Vec<u8> = if width == image.width() {
        image.as_bytes().to_vec()
    } else {
        let pixel_type = image.pixel_type().ok_or("unsupported pixel type")?;
        let mut resized = Image::new(width, height, pixel_type);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(image, &mut resized, &options)
            .map_err(|e| e.to_string())?;
        resized.into_vec()
    };
    let color = if alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    match format {
        Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
            .write_image(&pixels, width, height, color)
            .map_err(|e| e.to_string())?,
        Format::Png => image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&pixels, width, height, color)
            .map_err(|e| e.to_string())?,
        Format::Webp => {
            let encoder = match alpha {
                true => webp::Encoder::from_rgba(&pixels, width, height),
                false => webp::Encoder::from_rgb(&pixels, width, height),
            };
            out = encoder.encode(82.0).to_vec();
        }
    }
    Ok(out)
}
