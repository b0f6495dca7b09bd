//! Property tests of the loading pipeline on broken input, through the library API (faster than
//! the binary): arbitrary bytes and "almost valid" entries (a valid claim, actor profile or page
//! with random mutations: byte flips, truncation, inserted `---`, tabs, quotes, brackets, random
//! Unicode, deleted, duplicated and swapped lines) go through `digest::source::parse_text` and
//! then `digest::model::build_site` on a small fixed configuration, as `digest check` does
//! (`src/cmd/mod.rs`, `load_site`). Nothing may panic, and every diagnostic must have a
//! non-empty message, a file, and a position inside that file; the diagnostics must sort and
//! render (human and JSON). A site that validates without errors is also rendered in memory.
//! The fixtures and generators are in `fuzz_support/`.
//!
//! The number of cases per property is `PROPTEST_CASES` (default 512, so that `cargo test` stays
//! fast). The long run:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release --test fuzz
//! ```
//!
//! A failure is shrunk by proptest to a minimal input, printed, and saved under
//! `tests/fuzz.proptest-regressions` so that it is replayed first next time.

use digest::config::Config;
use digest::diag::Diagnostics;
use digest::model::{BuildOptions, build_site};
use digest::source::entry::{ACTOR_KEYS, CLAIM_KEYS, PAGE_KEYS, RawActor, RawClaim, RawPage};
use digest::source::{Sources, parse_text, split};
use fuzz_support::values::{random_actor, random_claim};
use fuzz_support::{ACTOR, CLAIM, File, Kind, PAGE, SITE_TOML, arbitrary_file, site_files};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod fuzz_support;
#[path = "common/yaml.rs"]
mod yaml;

fn config() -> Config {
    Config::parse(SITE_TOML, Path::new("site.toml")).expect("the fixed site.toml is valid")
}

/// Loads the files as `digest check` would and checks the invariants; panics on a violation.
fn check_site(files: &[File], drafts: bool) -> Diagnostics {
    let mut problems = Vec::new();
    let mut sources = Sources::default();
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    for f in files {
        let path = f.path.as_path();
        match f.kind {
            Kind::Claim => {
                if let Some(p) = parse_text::<RawClaim>(path, &f.text, CLAIM_KEYS, &mut problems) {
                    sources.claims.push(p);
                }
            }
            Kind::Actor => {
                if let Some(p) = parse_text::<RawActor>(path, &f.text, ACTOR_KEYS, &mut problems) {
                    sources.actors.push(p);
                }
            }
            Kind::Page => {
                if let Some(p) = parse_text::<RawPage>(path, &f.text, PAGE_KEYS, &mut problems) {
                    sources.pages.push(p);
                }
            }
        }
        // As `source::file_text` gives it to the diagnostics: BOM dropped, CRLF as LF.
        texts.insert(f.path.clone(), split::normalize(&f.text).into_owned());
    }
    let mut diagnostics = Diagnostics::default();
    problems.into_iter().for_each(|d| diagnostics.push(d));
    let (site, model_diags) = build_site(
        config(),
        sources,
        BuildOptions {
            include_drafts: drafts,
            today: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date"),
        },
    );
    diagnostics.extend(model_diags);
    diagnostics.finish(|file| texts.get(file).cloned());
    for d in diagnostics.items() {
        assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
        assert!(!d.file.as_os_str().is_empty(), "no file: {d:?}");
        let text = texts
            .get(&d.file)
            .unwrap_or_else(|| panic!("a diagnostic names a file that was not loaded: {d:?}"));
        if let Some(p) = d.position {
            let line_count = text.split('\n').count();
            assert!(
                p.line >= 1 && p.column >= 1 && p.line <= line_count,
                "position {}:{} outside the file ({line_count} lines): {d:?}\n{text:?}",
                p.line,
                p.column
            );
        }
    }
    let human = diagnostics.render_human(false);
    assert_eq!(human.is_empty(), diagnostics.is_empty());
    let json = diagnostics.to_json();
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(diagnostics.items().len())
    );
    if !diagnostics.has_errors() {
        // A valid site renders: every page, in memory.
        let prepared = digest::render::Prepared::new(&site, &[])
            .unwrap_or_else(|e| panic!("the built-in theme fails: {e:?}"));
        let renderer = prepared.renderer(&site);
        for job in renderer.jobs() {
            renderer
                .render(&job)
                .unwrap_or_else(|e| panic!("rendering {job:?} fails: {e}"));
        }
    }
    diagnostics
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 10_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    /// Any bytes, as a claim, actor or page, alone or fenced as front matter.
    #[test]
    fn arbitrary_bytes_never_panic(file in arbitrary_file(), drafts in any::<bool>()) {
        check_site(&[file], drafts);
    }

    /// A few mutated entries of each kind together (names may collide).
    #[test]
    fn almost_valid_sites_never_panic(files in site_files(), drafts in any::<bool>()) {
        check_site(&files, drafts);
    }

    /// Well-formed entries with random values (any text, dates from year 1000 to 9999, unknown
    /// statuses, odd slugs, corrections): mostly valid sites, so the renderer gets them too.
    #[test]
    fn random_field_values_never_panic(
        claims in proptest::collection::vec(random_claim(), 1..4),
        actor in proptest::option::of(random_actor()),
        drafts in any::<bool>(),
    ) {
        let mut files = claims;
        files.extend(actor);
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(f.path.clone()));
        check_site(&files, drafts);
    }
}

/// The unmutated fixtures are valid (else the mutations would test little) and render.
#[test]
fn the_fixtures_are_valid() {
    let files = [
        File {
            kind: Kind::Claim,
            path: "content/claims/a.md".into(),
            text: CLAIM.into(),
        },
        File {
            kind: Kind::Actor,
            path: "content/actors/kim.md".into(),
            text: ACTOR.into(),
        },
        File {
            kind: Kind::Page,
            path: "content/pages/m.md".into(),
            text: PAGE.into(),
        },
    ];
    let mut problems = Vec::new();
    let parsed = parse_text::<RawClaim>(&files[0].path, CLAIM, CLAIM_KEYS, &mut problems);
    assert!(parsed.is_some() && problems.is_empty(), "{problems:?}");
    let diagnostics = check_site(&files, false);
    assert!(!diagnostics.has_errors(), "{:#?}", diagnostics.items());
}
