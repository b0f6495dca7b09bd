//! A bundle in several languages (issue 14): `<slug>/index.en.md` beside `<slug>/index.md`
//! shares its slug and its files, published once at the original's path; the translation's
//! relative links and images lead there, under the base's sub-path; its verdict is checked
//! against its original's.

mod common;

use common::languages::{SITE_TOML, claim};
use common::{Built, Page, Site, diagnostics};

const BUNDLE: &str = "content/claims/photo-du-front";

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("a PNG");
    bytes.into_inner()
}

/// A claim with an `image` from its bundle and a body linking a bundle image, a bundle PDF, a
/// file of `static/` and a page.
fn bundle_claim(title: &str, status: &str, words: &str) -> String {
    let entry = claim(title, title, status, "Front");
    let (front, _) = entry.rsplit_once("---\n").expect("front matter");
    format!(
        "{front}image:\n  src: photo.png\n  alt: \"{words}, photo\"\n---\n\
         ![{words}](shot.png)\n\n[PDF](docs/report.pdf), ![logo](/img/logo.png), [{words}](/timeline/).\n"
    )
}

fn site(translation_status: &str) -> Site {
    let site = Site::new(&[("site.toml", SITE_TOML)]);
    site.write(
        &format!("{BUNDLE}/index.md"),
        &bundle_claim("La photo du front", "false", "Des soldats"),
    );
    site.write(
        &format!("{BUNDLE}/index.en.md"),
        &bundle_claim("The photo from the front", translation_status, "Soldiers"),
    );
    site.write_bytes(&format!("{BUNDLE}/photo.png"), &png(900, 400));
    site.write_bytes(&format!("{BUNDLE}/shot.png"), &png(300, 200));
    site.write_bytes(&format!("{BUNDLE}/docs/report.pdf"), b"%PDF-1.4 evidence\n");
    site.write_bytes("static/img/logo.png", &png(64, 32));
    site
}

/// Every local URL a page loads or links to (`src`, `srcset`, `href`), without the query.
fn local_urls(page: &Page) -> Vec<String> {
    let mut urls = Vec::new();
    for element in page.select("main img, main source, main a") {
        let value = element.value();
        for name in ["src", "href"] {
            urls.extend(value.attr(name).map(str::to_string));
        }
        if let Some(srcset) = value.attr("srcset") {
            urls.extend(
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
    }
    urls.retain(|u| u.starts_with('/'));
    urls
}

/// Whether a root-relative URL of the site (`/digest/...`) names a file or page of `out`.
fn resolves(out: &Built, url: &str) -> bool {
    let path = url.strip_prefix("/digest/").expect("under the sub-path");
    let path = path.split(['#', '?']).next().unwrap_or_default();
    match path.is_empty() || path.ends_with('/') {
        true => out.exists(&format!("{path}index.html")),
        false => out.exists(path),
    }
}

#[test]
fn a_bundle_translation_shares_its_slug_and_its_files_published_once() {
    let site = site("false");
    let out = site.build(&[]);
    assert!(out.exists("claims/photo-du-front/index.html"));
    assert!(out.exists("en/claims/photo-du-front/index.html"));
    for file in ["photo.png", "shot.png", "docs/report.pdf"] {
        assert!(
            out.exists(&format!("claims/photo-du-front/{file}")),
            "{file}"
        );
    }
    let under_en: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| f.starts_with("en/claims/photo-du-front/"))
        .filter(|f| !f.ends_with(".html"))
        .collect();
    assert!(under_en.is_empty(), "files published twice: {under_en:?}");

    let en = out.page("en/claims/photo-du-front/index.html");
    let urls = local_urls(&en);
    for expected in [
        "/digest/claims/photo-du-front/photo.png",
        "/digest/claims/photo-du-front/shot.png",
        "/digest/claims/photo-du-front/docs/report.pdf",
        "/digest/img/logo.png",
        "/digest/en/timeline/",
    ] {
        assert!(urls.iter().any(|u| u == expected), "{expected} in {urls:?}");
    }
    let broken: Vec<&String> = urls.iter().filter(|u| !resolves(&out, u)).collect();
    assert!(broken.is_empty(), "broken on the English page: {broken:?}");
    // The images carry their measured size in every language.
    let shot = en
        .select("main img")
        .into_iter()
        .find(|i| i.value().attr("alt") == Some("Soldiers"))
        .expect("the body's image");
    assert_eq!(shot.value().attr("width"), Some("300"));
    let og = en.attr("meta[property='og:image']", "content");
    assert_eq!(
        og.strip_prefix("https://example.github.io")
            .map(|u| resolves(&out, u)),
        Some(true),
        "{og}"
    );
    // The two pages are translations of each other.
    let alternates = common::languages::alternates(&en);
    assert_eq!(
        alternates.get("fr").map(String::as_str),
        Some("https://example.github.io/digest/claims/photo-du-front/")
    );
}

#[test]
fn a_bundle_translation_with_another_verdict_is_an_error_at_its_status() {
    let site = site("true");
    let (run, report) = site.check_json(&[]);
    assert_ne!(run.code, 0);
    let found = diagnostics(&report)
        .code("translation-verdict")
        .file(&format!("{BUNDLE}/index.en.md"))
        .errors();
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["line"], 6, "the line of `status:`");
}

#[test]
fn a_bundle_in_one_language_only_publishes_its_files_with_a_warning() {
    let site = site("false");
    site.remove(&format!("{BUNDLE}/index.md"));
    let (_, report) = site.check_json(&[]);
    let found = diagnostics(&report)
        .code("translation-without-original")
        .file(&format!("{BUNDLE}/index.en.md"));
    assert_eq!(found.warnings().len(), 1, "{report:#}");
    let out = site.build(&[]);
    assert!(out.exists("en/claims/photo-du-front/index.html"));
    assert!(!out.exists("claims/photo-du-front/index.html"));
    assert!(out.exists("claims/photo-du-front/shot.png"));
    let urls = local_urls(&out.page("en/claims/photo-du-front/index.html"));
    let broken: Vec<&String> = urls.iter().filter(|u| !resolves(&out, u)).collect();
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_missing_file_of_a_bundle_translation_is_an_error_at_its_line() {
    let site = site("false");
    let mut text = bundle_claim("The photo from the front", "false", "Soldiers");
    text.push_str("\n![A chart](chart.png)\n");
    site.write(&format!("{BUNDLE}/index.en.md"), &text);
    let (run, report) = site.check_json(&[]);
    assert_ne!(run.code, 0);
    let found = diagnostics(&report)
        .code("missing-file")
        .file(&format!("{BUNDLE}/index.en.md"))
        .errors();
    assert_eq!(found.len(), 1, "{report:#}");
    let line = text.lines().position(|l| l.contains("chart.png")).unwrap() + 1;
    assert_eq!(found[0]["line"], line);
}

#[test]
fn a_bundle_translation_in_a_language_the_site_has_not_is_ignored_with_a_warning() {
    let site = site("false");
    site.write(
        &format!("{BUNDLE}/index.de.md"),
        &bundle_claim("Das Foto", "false", "Soldaten"),
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    let found = diagnostics(&report)
        .code("entry-ignored")
        .file(&format!("{BUNDLE}/index.de.md"));
    assert_eq!(found.warnings().len(), 1, "{report:#}");
    let out = site.build(&[]);
    assert!(!out.exists("de/claims/photo-du-front/index.html"));
    assert!(out.exists("claims/photo-du-front/index.html"));
}
