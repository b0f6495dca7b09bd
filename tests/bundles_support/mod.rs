//! Evidence images as a phone makes them, for the bundle tests: a JPEG whose EXIF holds a
//! camera, an orientation and a GPS position, and a PNG with an eXIf chunk and a text chunk.

use image::{ImageEncoder, RgbImage};

/// What the metadata says, to look for in the published bytes.
pub const CAMERA: &[u8] = b"SpyPhone 12";
pub const COMMENT: &[u8] = b"source lives at 12 Secret Street";

/// A JPEG of `width` x `height` pixels with an APP1 EXIF segment: Make, Orientation (6: the
/// camera was turned, the image is shown turned by 90 degrees) and a GPS IFD (latitude).
pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let tiff = exif_tiff();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A TIFF block (little-endian) with IFD0 {Make, Orientation, GPS pointer} and a GPS IFD
/// {GPSLatitudeRef, GPSLatitude}.
fn exif_tiff() -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 3 entries (2 + 36 + 4 bytes) = 42 -> ends at 50; then the Make text.
    let make_at = 50u32;
    let mut make = CAMERA.to_vec();
    make.push(0);
    let gps_at = make_at + make.len() as u32;
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, make.len() as u32, make_at);
    let mut orientation = 6u32.to_le_bytes();
    orientation[2..].fill(0);
    entry(&mut t, 0x0112, 3, 1, u32::from_le_bytes(orientation));
    entry(&mut t, 0x8825, 4, 1, gps_at);
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len() as u32, make_at);
    t.extend_from_slice(&make);
    // GPS IFD: 2 entries (2 + 24 + 4) = 30 bytes, then 3 rationals.
    let rationals_at = gps_at + 30;
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, rationals_at);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(48u32, 1u32), (51, 1), (2400, 100)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t
}

/// A PNG of `width` x `height` pixels with an eXIf chunk (the same EXIF) and a tEXt comment.
pub fn png_with_exif(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([200, (x % 256) as u8, (y % 256) as u8])
    });
    let mut plain = Vec::new();
    image::codecs::png::PngEncoder::new(&mut plain)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    // Signature (8) + IHDR (4 + 4 + 13 + 4): the chunks go right after it.
    let after_ihdr = 8 + 25;
    let mut out = plain[..after_ihdr].to_vec();
    out.extend(chunk(b"eXIf", &exif_tiff()));
    let mut text = b"Comment\0".to_vec();
    text.extend_from_slice(COMMENT);
    out.extend(chunk(b"tEXt", &text));
    out.extend_from_slice(&plain[after_ihdr..]);
    out
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Whether `bytes` hold any metadata the tests planted (or any EXIF at all).
pub fn carries_metadata(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"Exif\0\0") || has(b"eXIf") || has(b"tEXt") || has(CAMERA) || has(COMMENT) || has(b"II*\0")
}
