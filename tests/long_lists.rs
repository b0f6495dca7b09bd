//! Long lists split on stable URLs: the timeline, an actor's, a rating's and a tag's claims past a
//! page's worth are split by year, and a long year by month; the first page shows the newest
//! part and links every part; each claim is on exactly one part, which adding claims never moves.

mod common;

use common::{Built, Site, claim_entry, site_toml};
use std::collections::{BTreeMap, BTreeSet};

/// 150 claims in 2023 (a short year: one page) and 300 in 2024 (split by month), all by one
/// actor, under one tag and one rating: every list of the site is long. Two claims of 2023 and
/// three of 2024 are dated by the year only (a part of their own in the long year).
fn long_site() -> Site {
    let mut files = vec![("site.toml".to_string(), site_toml("en"))];
    let add = |files: &mut Vec<(String, String)>, year: i32, i: usize| {
        let date = format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        files.push((
            format!("content/claims/y{year}-{i:03}.md"),
            claim_entry(
                &format!("Claim {year} {i}"),
                &date,
                "false",
                "claimant: \"Jane Doe\"\ntags: [\"Economy\"]\n",
                "Body.",
            ),
        ));
    };
    for i in 0..150 {
        add(&mut files, 2023, i);
    }
    for i in 0..300 {
        add(&mut files, 2024, i);
    }
    for (year, n) in [(2023, 2), (2024, 3)] {
        for i in 0..n {
            files.push((
                format!("content/claims/year-only-{year}-{i}.md"),
                claim_entry(
                    &format!("Year only {year} {i}"),
                    &year.to_string(),
                    "false",
                    "claimant: \"Jane Doe\"\ntags: [\"Economy\"]\npublished: 2024-12-31\n",
                    "Body.",
                ),
            ));
        }
    }
    Site::from_files(&files)
}

/// The claim pages each part page of `list` (e.g. `timeline/`) links, by part.
fn claims_by_part(built: &Built, list: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut parts = BTreeMap::new();
    for file in built.html_files() {
        let Some(rest) = file.strip_prefix(list) else {
            continue;
        };
        let segments: Vec<&str> = rest.trim_end_matches("index.html").split('/').collect();
        if !segments[0].chars().all(|c| c.is_ascii_digit()) || segments[0].is_empty() {
            continue;
        }
        let claims: BTreeSet<String> = built
            .page(&file)
            .links_in("main")
            .into_iter()
            .filter(|href| href.contains("/claims/"))
            .collect();
        parts.insert(file.clone(), claims);
    }
    parts
}

#[test]
fn long_lists_split_by_year_and_month_with_every_claim_on_one_part() {
    let site = long_site();
    let built = site.build(&[]);
    assert_eq!(built.run.code, 0, "{}", built.run.stderr);
    for list in [
        "timeline/",
        "actors/jane-doe/",
        "tags/economy/",
        "ratings/false/",
    ] {
        let first = built.page(&format!("{list}index.html"));
        let index = first.links_in(".parts");
        assert!(
            index.iter().any(|h| h.ends_with(&format!("{list}2023/"))),
            "{list}: {index:?}"
        );
        assert!(
            index
                .iter()
                .any(|h| h.ends_with(&format!("{list}2024/06/")))
        );
        assert!(
            first.count(".claim-item") <= 200,
            "{list}: the first page is short"
        );

        let parts = claims_by_part(&built, list);
        assert!(parts.contains_key(&format!("{list}2023/index.html")));
        assert!(parts.contains_key(&format!("{list}2024/12/index.html")));
        let mut seen = BTreeSet::new();
        for (part, claims) in &parts {
            assert!(claims.len() <= 200, "{part}: {} claims", claims.len());
            for claim in claims {
                assert!(
                    seen.insert(claim.clone()),
                    "{claim} is on two parts of {list}"
                );
            }
        }
        assert_eq!(seen.len(), 455, "{list}: every claim on a part");
        let unknown = &parts[&format!("{list}2024/00/index.html")];
        assert_eq!(unknown.len(), 3, "{list}: 2024's claims of unknown month");
        assert!(
            unknown
                .iter()
                .all(|c| c.contains("/claims/year-only-2024-"))
        );
    }
    // The pager links the neighbours, also in the head.
    let june = built.page("timeline/2024/06/index.html");
    assert!(
        june.attr("link[rel=prev]", "href")
            .ends_with("/timeline/2024/07/")
    );
    assert!(
        june.attr("link[rel=next]", "href")
            .ends_with("/timeline/2024/05/")
    );
    assert!(built.exists("timeline/2024/07/index.html"));
    // A long year's claims of unknown month: a part after January, before the older year.
    let unknown = built.page("timeline/2024/00/index.html");
    assert_eq!(
        common::collapse(&unknown.text("h1")),
        "2024 (month unknown)"
    );
    assert!(
        unknown
            .attr("link[rel=prev]", "href")
            .ends_with("/timeline/2024/01/")
    );
    assert!(
        unknown
            .attr("link[rel=next]", "href")
            .ends_with("/timeline/2023/")
    );
    // A short year's: a group of its own, last in the year, never in January.
    let year = built.page("timeline/2023/index.html");
    let months = year.texts(".tl-month__title");
    let last = months.last().expect("months");
    assert!(last.starts_with("2023 (month unknown)"), "{months:?}");
    assert!(
        !months[..months.len() - 1]
            .iter()
            .any(|m| m.contains("unknown"))
    );
    // Every part is in the sitemap.
    let locs: BTreeSet<String> = built
        .xml("sitemap.xml")
        .into_iter()
        .filter(|e| e.name == "loc")
        .map(|e| e.text)
        .collect();
    assert!(locs.contains("https://example.github.io/digest/timeline/2024/06/"));
    assert!(locs.contains("https://example.github.io/digest/timeline/2024/00/"));
    assert!(locs.contains("https://example.github.io/digest/actors/jane-doe/2023/"));
    let largest = built
        .html_files()
        .iter()
        .map(|f| std::fs::metadata(built.path(f)).unwrap().len())
        .max()
        .unwrap();
    assert!(largest < 250 * 1024, "the largest page is {largest} bytes");
}

#[test]
fn adding_claims_never_moves_a_claim_to_another_part() {
    let site = long_site();
    let before = claims_by_part(&site.build(&[]), "timeline/");
    site.write(
        "content/claims/new.md",
        &claim_entry("A new claim", "2024-06-15", "false", "", "Body."),
    );
    let after = claims_by_part(&site.build(&[]), "timeline/");
    for (part, claims) in &before {
        let now = &after[part];
        assert!(claims.is_subset(now), "{part} lost claims");
    }
    let june = &after["timeline/2024/06/index.html"];
    assert_eq!(june.len(), before["timeline/2024/06/index.html"].len() + 1);
}

#[test]
fn many_corrections_split_by_year_with_the_policy_on_the_first_page() {
    let mut files = vec![
        ("site.toml".to_string(), site_toml("en")),
        (
            "content/pages/corrections.md".to_string(),
            "---\ntitle: \"Corrections policy\"\n---\nWe correct openly.\n".to_string(),
        ),
    ];
    for i in 0..260 {
        let year = if i < 60 { 2023 } else { 2024 };
        let extra = format!(
            "corrections:\n  - {{ date: {year}-{:02}-10, note: \"Fix {i}.\" }}\n",
            1 + i % 12
        );
        files.push((
            format!("content/claims/c{i:03}.md"),
            claim_entry(
                &format!("Claim {i}"),
                "2022-01-05",
                "false",
                &extra,
                "Body.",
            ),
        ));
    }
    let site = Site::from_files(&files);
    let built = site.build(&[]);
    assert_eq!(built.run.code, 0, "{}", built.run.stderr);
    let first = built.page("corrections/index.html");
    assert_eq!(first.text(".corrections-policy h2"), "Corrections policy");
    assert_eq!(
        first.count(".correction-list > li"),
        200,
        "the newest part: 2024"
    );
    let older = built.page("corrections/2023/index.html");
    assert_eq!(older.count(".correction-list > li"), 60);
    assert_eq!(older.count(".corrections-policy"), 0);
    assert!(
        older
            .attr("link[rel=prev]", "href")
            .ends_with("/corrections/2024/")
    );
    assert!(
        first
            .links_in(".parts")
            .iter()
            .any(|h| h.ends_with("/corrections/2023/"))
    );
}

#[test]
fn many_actors_are_indexed_by_initial_with_the_most_cited_first() {
    let mut files = vec![("site.toml".to_string(), site_toml("en"))];
    let names = ["Alice", "Bob", "Chloé", "Émile", "Zoé", "42 Media", "Östen"];
    for i in 0..230 {
        let name = format!("{} {i}", names[i % names.len()]);
        let extra = format!("claimant: \"{name}\"\n");
        files.push((
            format!("content/claims/c{i:03}.md"),
            claim_entry(
                &format!("Claim {i}"),
                "2024-03-05",
                "false",
                &extra,
                "Body.",
            ),
        ));
    }
    let site = Site::from_files(&files);
    let built = site.build(&[]);
    assert_eq!(built.run.code, 0, "{}", built.run.stderr);
    let first = built.page("actors/index.html");
    assert_eq!(first.count(".actors-table tbody tr"), 100, "the most cited");
    let initials = first.links_in(".parts");
    for key in ["a", "b", "c", "e", "z", "0-9", "o"] {
        assert!(
            initials
                .iter()
                .any(|h| h.ends_with(&format!("/actors/a-z/{key}/"))),
            "{key}: {initials:?}"
        );
    }
    // Accents fold into their letter ("Émile" under E); every actor is on one initial's page.
    let mut listed = 0;
    for key in ["a", "b", "c", "e", "z", "0-9", "o"] {
        let page = built.page(&format!("actors/a-z/{key}/index.html"));
        listed += page.count(".actors-table tbody tr");
    }
    assert_eq!(listed, 230);
    let e = built.page("actors/a-z/e/index.html");
    assert!(e.text(".actors-table").contains("Émile 3"));
}
