//! "Did you mean": an actor reference one typo away from a profile's name, slug or alias warns
//! and names it; a status written as a rating's label is an error that suggests its key.

use crate::common::report;
use crate::common::{Site, claim_entry, site_toml};
use serde_json::Value;

const PESKOV: &str =
    "---\nname: \"Dmitri Peskov\"\nkind: person\naliases: [\"Dmitry Peskov\"]\n---\n";

fn diagnostics(site: &Site, code: &str) -> (i32, Vec<Value>) {
    let (run, report) = site.check_json(&[]);
    let found = report::diagnostics(&report).code(code).to_vec();
    (run.code, found)
}

#[test]
fn a_near_actor_reference_suggests_the_known_actor() {
    for (reference, line) in [
        ("Dmitri Peskof", 10),
        ("DMITRY PESKÓF", 10),
        ("dmitri-peskow", 10),
    ] {
        let entry = claim_entry(
            "Typo",
            "2024-06-20",
            "false",
            &format!("claimant: \"{reference}\"\n"),
            "Body.",
        );
        let site = Site::new(&[
            ("site.toml", &site_toml("en")),
            ("content/actors/dmitri-peskov.md", PESKOV),
            ("content/claims/typo.md", &entry),
        ]);
        let (code, found) = diagnostics(&site, "actor-similar");
        assert_eq!(code, 0, "a warning, not an error");
        assert_eq!(found.len(), 1, "{reference}: {found:#?}");
        let message = found[0]["message"].as_str().unwrap();
        assert!(
            message.contains("did you mean \"Dmitri Peskov\" (dmitri-peskov)?"),
            "{message}"
        );
        assert_eq!(found[0]["severity"], "warning");
        assert_eq!(found[0]["line"], line, "{:#}", found[0]);
        // It replaces the plain "no profile" warning for that reference.
        assert!(diagnostics(&site, "actor-no-profile").1.is_empty());
    }
}

#[test]
fn a_distant_actor_reference_gets_no_suggestion() {
    let entry = claim_entry(
        "Other",
        "2024-06-20",
        "false",
        "claimant: \"Maria Zakharova\"\n",
        "Body.",
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        ("content/actors/dmitri-peskov.md", PESKOV),
        ("content/claims/other.md", &entry),
    ]);
    assert!(diagnostics(&site, "actor-similar").1.is_empty());
    assert_eq!(diagnostics(&site, "actor-no-profile").1.len(), 1);
}

#[test]
fn a_status_written_as_a_label_suggests_the_key() {
    let toml = site_toml("fr")
        .replace("label = \"False\"", "label = \"Faux\"")
        .replace("label = \"Unverified\"", "label = \"Non vérifié\"");
    for (status, key) in [
        ("Faux", "false"),
        ("FAUX", "false"),
        ("non verifie", "unverified"),
        ("\"Non Vérifié\"", "unverified"),
    ] {
        let site = Site::new(&[
            ("site.toml", &toml),
            (
                "content/claims/label.md",
                &claim_entry(
                    "Label",
                    "2024-06-20",
                    status,
                    "claimant: \"Jane Doe\"\n",
                    "Body.",
                ),
            ),
        ]);
        let (code, found) = diagnostics(&site, "unknown-status");
        assert_eq!(code, 1, "{status}: an error");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0]["severity"], "error");
        assert_eq!(found[0]["line"], 5);
        let hint = found[0]["hint"].as_str().unwrap();
        assert!(
            hint.starts_with(&format!("did you mean \"{key}\"?")),
            "{status}: {hint}"
        );
    }
}
