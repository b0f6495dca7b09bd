//! The transparency pages a desk publishes (IFCN's principles): `digest init` writes a
//! methodology, funding and ownership, contact (with how to ask for a correction), a team profile
//! and a corrections policy, in the site's language; the footer links the pages, and the policy
//! shows atop `/corrections/` rather than as a page of its own.

mod common;

use common::{Page, digest, list_files};

fn init_and_build(language: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let site_arg = site.to_str().unwrap();
    let run = digest(&["init", site_arg, "--language", language], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = digest(&["build", "--root", site_arg], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, site)
}

fn page(site: &std::path::Path, path: &str) -> Page {
    let text = std::fs::read_to_string(site.join("public").join(path)).unwrap();
    Page::parse(path, &text)
}

#[test]
fn init_writes_the_transparency_pages_in_each_language() {
    for (language, slugs, policy_title) in [
        (
            "fr",
            ["methodologie", "financement", "contact"],
            "Politique de corrections",
        ),
        (
            "en",
            ["methodology", "funding", "contact"],
            "Corrections policy",
        ),
    ] {
        let (_tmp, site) = init_and_build(language);
        let files = list_files(&site.join("content"));
        assert!(
            files.iter().any(|f| f.starts_with("team/")),
            "{language}: a team profile: {files:?}"
        );
        let home = page(&site, "index.html");
        let footer = home.links_in(".site-footer");
        for slug in slugs {
            assert!(
                site.join("public").join(slug).join("index.html").is_file(),
                "{language}: /{slug}/"
            );
            assert!(
                footer
                    .iter()
                    .any(|href| href.ends_with(&format!("/{slug}/"))),
                "{language}: the footer links /{slug}/: {footer:?}"
            );
        }
        let corrections = page(&site, "corrections/index.html");
        assert_eq!(corrections.text(".corrections-policy h2"), policy_title);
        assert!(
            !site.join("public/corrections/corrections").exists()
                && !footer
                    .iter()
                    .any(|href| href.ends_with("/corrections/corrections/")),
            "{language}: the policy is no page of its own"
        );
    }
}
