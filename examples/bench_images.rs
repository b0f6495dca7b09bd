//! Time per image of `digest::images::publish` (decode, orientation, resize to 480/960/1600,
//! WebP and original-format encodes), cold (empty cache) and warm (every output cached), on
//! pictures the size of a phone's: a 4032x3024 photo (JPEG) and a 1170x2532 screenshot (PNG).
//! `cargo run --release --example bench_images [ROUNDS]`; figures in bench/README.md.

use digest::cache::Cache;
use image::{ImageEncoder, RgbImage};
use std::time::Instant;

fn photo(width: u32, height: u32) -> RgbImage {
    // Smooth gradients with fine noise: closer to a photo than flat colour.
    let mut seed = 0x2545_f491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed % 24) as u8;
        image::Rgb([
            ((x * 255 / width) as u8).saturating_add(n),
            ((y * 255 / height) as u8).saturating_add(n),
            (((x + y) / 16 % 200) as u8).saturating_add(n),
        ])
    })
}

fn screenshot(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let line = (y / 40) % 3 == 0 && x > 60 && x < width - 60 && (x / 9) % 7 != 0;
        if line {
            image::Rgb([30, 30, 30])
        } else {
            image::Rgb([250, 250, 248])
        }
    })
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let mut jpeg = Vec::new();
    let p = photo(4032, 3024);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(
            p.as_raw(),
            p.width(),
            p.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let mut png = Vec::new();
    let s = screenshot(1170, 2532);
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            s.as_raw(),
            s.width(),
            s.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    println!("where the time of a cold photo goes (one thread):");
    breakdown(&jpeg);
    for (name, bytes) in [
        ("photo 4032x3024 JPEG", &jpeg),
        ("screenshot 1170x2532 PNG", &png),
    ] {
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        let mut out_bytes = 0;
        for _ in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache::open(dir.path(), "images", true);
            let t = Instant::now();
            let published = digest::images::publish(bytes, false, &cache).unwrap();
            cold.push(t.elapsed().as_secs_f64() * 1000.0);
            out_bytes = published.files.iter().map(|f| f.bytes.len()).sum::<usize>();
            let t = Instant::now();
            digest::images::publish(bytes, false, &cache).unwrap();
            warm.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        cold.sort_by(f64::total_cmp);
        warm.sort_by(f64::total_cmp);
        println!(
            "{name} ({} KB): cold median {:.0} ms (min {:.0}), warm median {:.1} ms; {} KB published",
            bytes.len() / 1024,
            cold[rounds / 2],
            cold[0],
            warm[rounds / 2],
            out_bytes / 1024
        );
    }
}

/// Where the time of one cold image goes, and the encoders compared at 1600 pixels wide.
fn breakdown(jpeg: &[u8]) {
    use image::ImageEncoder;
    let t = Instant::now();
    let decoded = image::load_from_memory(jpeg).unwrap().into_rgb8();
    println!("  decode {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .write_image(
            decoded.as_raw(),
            decoded.width(),
            decoded.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    println!(
        "  full-size JPEG encode {:.0} ms, {} KB",
        t.elapsed().as_secs_f64() * 1000.0,
        out.len() / 1024
    );
    let small =
        image::imageops::resize(&decoded, 1600, 1200, image::imageops::FilterType::Triangle);
    let t = Instant::now();
    let lossy = webp::Encoder::from_rgb(small.as_raw(), 1600, 1200)
        .encode(82.0)
        .to_vec();
    println!(
        "  1600 px WebP (libwebp, lossy q82) {:.0} ms, {} KB",
        t.elapsed().as_secs_f64() * 1000.0,
        lossy.len() / 1024
    );
    let t = Instant::now();
    let mut lossless = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut lossless)
        .write_image(small.as_raw(), 1600, 1200, image::ExtendedColorType::Rgb8)
        .unwrap();
    println!(
        "  1600 px WebP (image's own, lossless only) {:.0} ms, {} KB",
        t.elapsed().as_secs_f64() * 1000.0,
        lossless.len() / 1024
    );
    let t = Instant::now();
    let mut j = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut j, 82)
        .write_image(small.as_raw(), 1600, 1200, image::ExtendedColorType::Rgb8)
        .unwrap();
    println!(
        "  1600 px JPEG q82 {:.0} ms, {} KB",
        t.elapsed().as_secs_f64() * 1000.0,
        j.len() / 1024
    );
    let src = image::DynamicImage::ImageRgb8(decoded);
    let t = Instant::now();
    let mut dst =
        fast_image_resize::images::Image::new(1600, 1200, fast_image_resize::PixelType::U8x3);
    fast_image_resize::Resizer::new()
        .resize(&src, &mut dst, &fast_image_resize::ResizeOptions::new())
        .unwrap();
    println!(
        "  resize 4032 -> 1600 (fast_image_resize, Lanczos3) {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let _ = src.resize_exact(1600, 1200, image::imageops::FilterType::Lanczos3);
    println!(
        "  resize 4032 -> 1600 (image's own, Lanczos3) {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
