//! Corrections that tell the truth: each re-rating shows the verdict before and after it, on
//! the claim page, the corrections page and the corrections feed; a notice by the verdict says
//! when it changed; `dateModified` is the latest correction.

use crate::common::{Built, Site, claim_entry, site_toml, text, xml_records};

/// Unverified, then Mixed (2024-07-01), a note that changes nothing (2024-08-01), then True
/// (2024-10-20); the corrections are written out of order on purpose.
fn rerated_site(language: &str) -> (Site, Built) {
    let corrections = "corrections:\n  \
        - { date: 2024-10-20, note: \"New evidence.\", previous_status: mixed }\n  \
        - { date: 2024-07-01, note: \"First look.\", previous_status: unverified }\n  \
        - { date: 2024-08-01, note: \"Typo fixed.\" }\n";
    let site = Site::new(&[
        ("site.toml", &site_toml(language)),
        (
            "content/claims/rerated.md",
            &claim_entry(
                "Rerated claim",
                "2024-06-20",
                "true",
                &format!("claimant: \"Jane Doe\"\npublished: 2024-06-21\n{corrections}"),
                "Body.",
            ),
        ),
        (
            "content/claims/steady.md",
            &claim_entry(
                "Steady claim",
                "2024-06-22",
                "false",
                "claimant: \"Jane Doe\"\n",
                "Body.",
            ),
        ),
    ]);
    let built = site.build(&[]);
    (site, built)
}

/// The labels of the badges of each correction, in the order shown.
fn changes(built: &Built, page: &str, item: &str) -> Vec<Vec<String>> {
    let page = built.page(page);
    page.select(item)
        .into_iter()
        .map(|li| {
            li.select(&crate::common::selector(".badge"))
                .filter(|b| {
                    b.value()
                        .attr("class")
                        .is_some_and(|c| !c.contains("large"))
                })
                .map(text)
                .collect()
        })
        .collect()
}

#[test]
fn each_correction_shows_the_verdict_before_and_after_it() {
    for language in ["fr", "en"] {
        let (_site, built) = rerated_site(language);
        // Newest first: Mixed -> True, the note alone, Unverified -> Mixed.
        let expected = vec![
            vec!["Mixed".to_string(), "True".to_string()],
            vec![],
            vec!["Unverified".to_string(), "Mixed".to_string()],
        ];
        assert_eq!(
            changes(&built, "claims/rerated/index.html", ".correction-list > li"),
            expected,
            "{language}: claim page"
        );
        assert_eq!(
            changes(&built, "corrections/index.html", ".correction-list > li"),
            expected,
            "{language}: corrections page"
        );
        let feed = built.xml("corrections/atom.xml");
        let summaries: Vec<String> = xml_records(&feed, "entry")
            .iter()
            .map(|entry| {
                entry
                    .iter()
                    .find(|e| e.name == "summary")
                    .map(|e| e.text.clone())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(summaries.len(), 3, "{summaries:?}");
        assert!(summaries[0].contains("Mixed → True"), "{summaries:?}");
        assert!(summaries[0].ends_with("New evidence."), "{summaries:?}");
        assert_eq!(summaries[1], "Typo fixed.");
        assert!(summaries[2].contains("Unverified → Mixed"), "{summaries:?}");
        assert!(!summaries[2].contains("True"), "{summaries:?}");

        let page = built.page("claims/rerated/index.html");
        let review = &page.json_ld()[0];
        assert_eq!(review["dateModified"], "2024-10-20");
        assert_eq!(review["datePublished"], "2024-06-21");
    }
}

#[test]
fn a_notice_by_the_verdict_says_when_it_changed() {
    for (language, notice) in [
        (
            "fr",
            "Verdict modifié le 20 octobre 2024\u{a0}: auparavant Mixed",
        ),
        ("en", "Rating changed on October 20, 2024: previously Mixed"),
    ] {
        let (_site, built) = rerated_site(language);
        let page = built.page("claims/rerated/index.html");
        let shown = crate::typeset_text(page.one(".verdict-card__changed"));
        assert_eq!(shown, notice, "{language}");
        assert_eq!(
            page.attr(".verdict-card__changed time", "datetime"),
            "2024-10-20"
        );
        let steady = built.page("claims/steady/index.html");
        assert_eq!(steady.count(".verdict-card__changed"), 0);
    }
}
