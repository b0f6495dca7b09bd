//! Page bundles and their images (issue 12): an entry's own files published beside its page,
//! its images scrubbed of metadata and published in a few widths, under a sub-path; missing
//! files and missing alternative text refused at their line.

mod bundles_support;
mod common;

use bundles_support::{carries_metadata, jpeg_with_gps, png_with_exif};
use common::site::{Site, site_toml};
use common::{Page, diagnostics};
use std::time::Duration;

const SUB_BASE: &str = "https://example.github.io/repo/";
const BUNDLE: &str = "content/claims/2024/phone-photo";

fn claim(extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: A photo from the front\nclaim: The photo shows troops at the border.\n\
         claimant: Someone\ndate: 2024-06-26\nstatus: \"false\"\n\
         source: {{ publisher: Paper, url: \"https://news.example.org/a\", archive: \"https://web.archive.org/a\" }}\n\
         {extra}---\n{body}\n"
    )
}

/// A site with a bundle: a phone photo (GPS EXIF, turned) as the claim's image, a screenshot
/// (PNG with eXIf and tEXt) and a PDF linked from the body, and a logo from `static/`.
fn evidence_site(settings: &str) -> Site {
    let site = Site::new(&[("site.toml", &format!("{}{settings}", site_toml("en")))]);
    site.write(
        &format!("{BUNDLE}/index.md"),
        &claim(
            "image:\n  src: photo.jpg\n  alt: \"Soldiers by a truck\"\n  caption: \"The photo as shared\"\n  credit: \"Unknown\"\n",
            "What the post showed:\n\n![The screenshot of the post](shot.png)\n\n\
             The [full report](docs/report.pdf), our [logo](/img/logo.png) and ![the logo](/img/logo.png).",
        ),
    );
    site.write_bytes(&format!("{BUNDLE}/photo.jpg"), &jpeg_with_gps(2000, 1000));
    site.write_bytes(&format!("{BUNDLE}/shot.png"), &png_with_exif(1400, 800));
    site.write_bytes(&format!("{BUNDLE}/docs/report.pdf"), b"%PDF-1.4 evidence\n");
    let logo = image::RgbImage::from_pixel(64, 32, image::Rgb([10, 20, 30]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    logo.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    site.write_bytes("static/img/logo.png", bytes.get_ref());
    site
}

#[test]
fn a_bundle_is_published_scrubbed_and_responsive_under_a_sub_path() {
    let site = evidence_site("");
    let sources = [
        std::fs::read(site.path(&format!("{BUNDLE}/photo.jpg"))).unwrap(),
        std::fs::read(site.path(&format!("{BUNDLE}/shot.png"))).unwrap(),
    ];
    assert!(
        sources.iter().all(|s| carries_metadata(s)),
        "the test's sources carry metadata"
    );
    let out = site.build(&["--base-url", SUB_BASE]);

    // Every published image decodes and carries no metadata.
    let images: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| [".jpg", ".png", ".webp"].iter().any(|e| f.ends_with(e)))
        .filter(|f| f.starts_with("claims/"))
        .collect();
    assert!(images.len() >= 8, "{images:?}");
    for file in &images {
        let bytes = std::fs::read(out.path(file)).unwrap();
        image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{file} does not decode: {e}"));
        assert!(!carries_metadata(&bytes), "{file} still carries metadata");
    }
    assert_eq!(
        std::fs::read(out.path("claims/phone-photo/docs/report.pdf")).unwrap(),
        b"%PDF-1.4 evidence\n"
    );

    let page = out.page("claims/phone-photo/index.html");
    // Every image has its size and a text; only the claim's own image (above the fold) loads
    // at once.
    for img in page.select("img") {
        let attr = |name: &str| img.value().attr(name).unwrap_or_default().to_string();
        assert!(attr("width").parse::<u32>().unwrap() > 0, "{}", img.html());
        assert!(attr("height").parse::<u32>().unwrap() > 0, "{}", img.html());
        assert!(!attr("alt").trim().is_empty(), "{}", img.html());
        assert!(attr("src").starts_with("/repo/"), "{}", img.html());
    }
    let evidence = page.one(".verdict-card__evidence img");
    assert_eq!(evidence.value().attr("loading"), None);
    // The photo was taken turned (EXIF orientation 6): it is published upright.
    assert_eq!(evidence.value().attr("width"), Some("1000"));
    assert_eq!(evidence.value().attr("height"), Some("2000"));
    let caption = page.text(".verdict-card__evidence figcaption");
    assert!(
        caption.contains("The photo as shared") && caption.contains("Unknown"),
        "{caption}"
    );
    for img in page.select(".prose img") {
        assert_eq!(img.value().attr("loading"), Some("lazy"), "{}", img.html());
    }
    let shot = page.one(".prose picture");
    let webp = shot.select(&common::selector("source")).next().unwrap();
    assert_eq!(webp.value().attr("type"), Some("image/webp"));
    let widths = |srcset: &str| -> Vec<u32> {
        srcset
            .split(", ")
            .map(|c| {
                c.rsplit(' ')
                    .next()
                    .unwrap()
                    .trim_end_matches('w')
                    .parse()
                    .unwrap()
            })
            .collect()
    };
    // Turned too (its eXIf says so): 800 pixels wide, so 480 and its own width.
    assert_eq!(widths(webp.value().attr("srcset").unwrap()), [480, 800]);
    let fallback = shot.select(&common::selector("img")).next().unwrap();
    assert!(widths(fallback.value().attr("srcset").unwrap()).len() >= 2);
    for candidate in fallback.value().attr("srcset").unwrap().split(", ") {
        let url = candidate.split(' ').next().unwrap();
        let file = url.strip_prefix("/repo/").unwrap();
        assert!(out.exists(file), "{url} is not published");
    }
    assert_eq!(
        page.links_in(".prose")
            .iter()
            .filter(|l| l.ends_with(".pdf") || l.ends_with("logo.png"))
            .cloned()
            .collect::<Vec<_>>(),
        [
            "/repo/claims/phone-photo/docs/report.pdf",
            "/repo/img/logo.png"
        ]
    );

    // The claim's image is the page's share image: absolute, with its size and text.
    let og = page.attr("meta[property='og:image']", "content");
    let file = og
        .strip_prefix(SUB_BASE)
        .expect("an absolute URL under the base");
    let shared = image::load_from_memory(&std::fs::read(out.path(file)).unwrap()).unwrap();
    assert_eq!(
        page.attr("meta[property='og:image:width']", "content"),
        shared.width().to_string()
    );
    assert_eq!(
        page.attr("meta[property='og:image:alt']", "content"),
        "Soldiers by a truck"
    );
    assert_eq!(
        page.attr("meta[name='twitter:card']", "content"),
        "summary_large_image"
    );
    assert!(
        !out.exists("claims/phone-photo/card.png"),
        "a claim with its own image gets no share card"
    );

    common::check_links_under(&out.dir, "/repo/");
}

#[test]
fn an_unchanged_image_is_taken_from_the_cache() {
    let site = evidence_site("");
    let out = site.build(&[]);
    let published = std::fs::read(out.path("claims/phone-photo/shot.480w.webp")).unwrap();
    // Swap the cached bytes of that file for others: the next build publishes what the
    // cache holds, so it did not encode the image again.
    let marker = std::fs::read(out.path("claims/phone-photo/shot.480w.png")).unwrap();
    let mut swapped = 0;
    for file in common::list_files(&site.path(".digest-cache")) {
        let path = site.path(".digest-cache").join(&file);
        if std::fs::read(&path).unwrap() == published {
            std::fs::write(&path, &marker).unwrap();
            swapped += 1;
        }
    }
    assert_eq!(swapped, 1, "the cache holds each output once");
    let again = site.build(&[]);
    assert_eq!(
        std::fs::read(again.path("claims/phone-photo/shot.480w.webp")).unwrap(),
        marker
    );
}

#[test]
fn keep_metadata_publishes_the_originals_as_they_are() {
    let site = evidence_site("\n[images]\nkeep_metadata = true\n");
    let out = site.build(&[]);
    let source = std::fs::read(site.path(&format!("{BUNDLE}/photo.jpg"))).unwrap();
    assert_eq!(
        std::fs::read(out.path("claims/phone-photo/photo.jpg")).unwrap(),
        source
    );
    let resized = std::fs::read(out.path("claims/phone-photo/photo.480w.jpg")).unwrap();
    assert!(!carries_metadata(&resized));
}

#[test]
fn missing_alt_text_and_missing_files_are_errors_at_their_line() {
    let site = evidence_site("");
    let file = format!("{BUNDLE}/index.md");
    let at = |report: &serde_json::Value, code: &str| -> Vec<(u64, u64)> {
        diagnostics(report)
            .errors()
            .code(code)
            .file(&file)
            .iter()
            .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
            .collect()
    };
    // `image` stands on line 8, its `src` on line 9; the body starts on line 11.
    site.write(
        &file,
        &claim("image:\n  src: photo.jpg\n", "First line.\n\n![](shot.png)"),
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(at(&report, "image-alt-missing"), [(9, 3), (13, 1)]);
    site.write(
        &file,
        &claim(
            "image:\n  src: photo.jpeg\n  alt: A photo\n",
            "![A chart](chart.png) and [the data](data.csv).\n\n\
             ![Logo](/img/nothing.png) ![Far](https://x.example.org/a.png) [a page](/timeline/)",
        ),
    );
    // Pages, actors' and team profiles' Markdown too (from the site's root).
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nOur logo:\n![Logo](/img/gone.png)\n",
    );
    site.write(
        "content/team/jane.md",
        "---\nname: Jane\n---\n[My CV](/files/cv.pdf)\n",
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        at(&report, "missing-file"),
        [(9, 3), (12, 1), (12, 27), (14, 1)]
    );
    let elsewhere: Vec<(String, u64)> = diagnostics(&report)
        .code("missing-file")
        .iter()
        .filter(|d| d["file"] != file.as_str())
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        elsewhere,
        [
            ("content/pages/about.md".to_string(), 5),
            ("content/team/jane.md".to_string(), 4)
        ]
    );
    let warnings = diagnostics(&report).warnings().code("image-external");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0]["hint"].as_str().unwrap().contains("links rot"));
}

#[test]
fn bundle_files_cannot_take_generated_names_or_leave_the_folder() {
    let site = evidence_site("");
    // Real images (an unreadable one would be refused first).
    let png = png_with_exif(64, 64);
    site.write_bytes(&format!("{BUNDLE}/card.png"), &png);
    site.write_bytes(&format!("{BUNDLE}/shot.480w.webp"), &png);
    site.write(&format!("{BUNDLE}/notes.md"), "---\ntitle: x\n---\n");
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let all = diagnostics(&report);
    let files = |code: &str| -> Vec<String> {
        all.clone()
            .code(code)
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    };
    let mut collisions = files("bundle-collision");
    collisions.sort();
    assert_eq!(
        collisions,
        [
            format!("{BUNDLE}/card.png"),
            format!("{BUNDLE}/shot.480w.webp")
        ]
    );
    assert_eq!(files("entry-ignored"), [format!("{BUNDLE}/notes.md")]);
    #[cfg(unix)]
    {
        std::fs::remove_file(site.path(&format!("{BUNDLE}/card.png"))).unwrap();
        let link = site.path(&format!("{BUNDLE}/host.txt"));
        std::os::unix::fs::symlink(
            site.path("site.toml").parent().unwrap().parent().unwrap(),
            &link,
        )
        .unwrap();
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
        let (_, report) = site.check_json(&[]);
        let escapes = diagnostics(&report).code("symlink-escape");
        assert_eq!(escapes.len(), 1, "{report:#}");
        assert_eq!(escapes[0]["file"], format!("{BUNDLE}/host.txt"));
    }
    assert!(
        !site.path("out").exists() && !site.path(".digest-cache").exists(),
        "check writes nothing"
    );
}

#[test]
fn the_csp_allows_only_the_sites_own_images() {
    let site = evidence_site("");
    let out = site.build(&[]);
    let page: Page = out.page("claims/phone-photo/index.html");
    let csp = page.attr("meta[http-equiv='Content-Security-Policy']", "content");
    let img_src: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("img-src "))
        .unwrap()
        .split(' ')
        .collect();
    assert_eq!(img_src, ["'self'"], "{csp}");
}

#[test]
fn serve_publishes_a_bundles_files_and_their_changes() {
    let site = evidence_site("");
    let server = common::serve::Server::start(&site);
    let base = "/digest/claims/phone-photo";
    server.wait_for_text(
        &format!("{base}/"),
        "The photo as shared",
        Duration::from_secs(60),
    );
    let report = server.get(&format!("{base}/docs/report.pdf"));
    assert_eq!(report.status, 200);
    assert_eq!(report.body, "%PDF-1.4 evidence\n");
    assert_eq!(server.get(&format!("{base}/shot.480w.webp")).status, 200);
    // A bundle's file edited in place (its entry untouched) is served again.
    common::serve::save(
        &site,
        &format!("{BUNDLE}/docs/report.pdf"),
        "%PDF-1.4 revised\n",
    );
    server.wait_for_text(
        &format!("{base}/docs/report.pdf"),
        "revised",
        Duration::from_secs(30),
    );
}

#[test]
fn a_static_image_with_metadata_is_published_as_it_is_with_a_warning() {
    let site = evidence_site("");
    let leak = jpeg_with_gps(64, 48);
    site.write_bytes("static/img/leak.jpg", &leak);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let warnings = diagnostics(&report).code("static-image-metadata");
    let files: Vec<&str> = warnings
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["static/img/leak.jpg"], "the logo carries none");
    let out = site.build(&[]);
    assert_eq!(std::fs::read(out.path("img/leak.jpg")).unwrap(), leak);
}
