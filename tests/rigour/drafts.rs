//! Drafts that cannot leak: `digest new` writes a draft, a published skeleton is refused, and a
//! published entry without a claimant is a warning whose ClaimReview invents no author.

use crate::common::report::diagnostics;
use crate::common::{Site, claim_entry, digest, site_toml};
use serde_json::Value;

fn new_entry(site: &Site, title: &str) -> (String, String) {
    let root = site.root().to_str().expect("UTF-8 path");
    let run = digest(&["new", title, "--root", root], site.root());
    assert_eq!(run.code, 0, "digest new: {}", run.stderr);
    (run.stdout.trim().to_string(), run.stderr)
}

fn codes(report: &Value, code: &str) -> Vec<Value> {
    diagnostics(report).code(code).to_vec()
}

#[test]
fn new_writes_a_draft_and_says_how_to_publish_it() {
    for language in ["fr", "en"] {
        let site = Site::new(&[("site.toml", &site_toml(language))]);
        let (path, stderr) = new_entry(&site, "Is the river cleaner than in 1990?");
        let text = std::fs::read_to_string(&path).expect("the entry");
        let front = text.split("---\n").nth(1).expect("front matter");
        let draft: Vec<&str> = front.lines().filter(|l| l.starts_with("draft:")).collect();
        assert_eq!(draft.len(), 1, "{front}");
        assert!(draft[0].starts_with("draft: true"), "{}", draft[0]);
        assert!(stderr.contains("draft: false"), "{language}: {stderr}");
        // The draft checks clean and is not published.
        let (run, report) = site.check_json(&[]);
        assert_eq!(run.code, 0, "{report:#}");
        assert!(codes(&report, "placeholder-text").is_empty());
        let built = site.build(&[]);
        assert!(!built.exists("claims/is-the-river-cleaner-than-in-1990/index.html"));
    }
}

#[test]
fn a_published_skeleton_is_refused_at_each_placeholder() {
    for language in ["fr", "en"] {
        let site = Site::new(&[("site.toml", &site_toml(language))]);
        let (path, _) = new_entry(&site, "Did the mayor plant trees?");
        let text = std::fs::read_to_string(&path).unwrap();
        let published = text.replacen("draft: true", "draft: false", 1);
        std::fs::write(&path, &published).unwrap();
        let (run, report) = site.check_json(&[]);
        assert_eq!(run.code, 1, "{report:#}");
        let found = codes(&report, "placeholder-text");
        // The source's publisher and the body's three placeholder lines.
        let lines: Vec<u64> = found.iter().map(|d| d["line"].as_u64().unwrap()).collect();
        assert_eq!(lines.len(), 4, "{language}: {found:#?}");
        for (diag, line) in found.iter().zip(&lines) {
            assert!(
                diag["file"]
                    .as_str()
                    .unwrap()
                    .ends_with("did-the-mayor-plant-trees.md")
            );
            let written = published.lines().nth(*line as usize - 1).unwrap();
            let quoted = diag["message"].as_str().unwrap().split('"').nth(1).unwrap();
            assert!(
                written.contains(quoted),
                "line {line} is {written:?}, not {quoted:?}"
            );
        }
        assert_ne!(
            site.run_build(&site.path("out"), &[]).code,
            0,
            "build refuses it"
        );

        // Written over, in the user's own words (even close to the skeleton's), it passes.
        let (publisher, body) = match language {
            "fr" => (
                "Qui a publié l’affirmation (à compléter)",
                [
                    "Qui l’a dit, où, quand, avec ses propres mots.",
                    "- Ce que disent les sources, point par point.",
                    "**Note.** Pourquoi, en deux ou trois phrases.",
                ],
            ),
            _ => (
                "Who published the claim (to fill in)",
                [
                    "Who said it, where, when, in their own words.",
                    "- What the sources say, one point at a time.",
                    "**Rating.** Why, in two or three sentences.",
                ],
            ),
        };
        let mut filled = published.replace(publisher, "City Gazette");
        for (i, line) in body.iter().enumerate() {
            filled = filled.replace(line, &format!("Who said it: the mayor, point {i}, on TV."));
        }
        std::fs::write(&path, filled).unwrap();
        let (run, report) = site.check_json(&[]);
        assert_eq!(run.code, 0, "{language}: {report:#}");
    }
}

#[test]
fn a_missing_claimant_warns_and_no_author_is_invented() {
    for language in ["fr", "en"] {
        let site = Site::new(&[
            ("site.toml", &site_toml(language)),
            // A profile with a kind: the ClaimReview types its author from it (without one,
            // the author is left out rather than guessed).
            (
                "content/actors/jane-doe.md",
                "---\nname: \"Jane Doe\"\nkind: person\n---\n",
            ),
            (
                "content/claims/anonymous.md",
                &claim_entry("Anonymous claim", "2024-06-20", "false", "", "Body."),
            ),
            (
                "content/claims/named.md",
                &claim_entry(
                    "Named claim",
                    "2024-06-21",
                    "false",
                    "claimant: \"Jane Doe\"\n",
                    "Body.",
                ),
            ),
        ]);
        let (run, report) = site.check_json(&[]);
        assert_eq!(run.code, 0, "{report:#}");
        let found = codes(&report, "claimant-missing");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0]["file"].as_str().unwrap().ends_with("anonymous.md"));
        assert_eq!(found[0]["severity"], "warning");
        let built = site.build(&[]);
        let page = built.page("claims/anonymous/index.html");
        let review = &page.json_ld()[0];
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["itemReviewed"].get("author").is_none(), "{review:#}");
        let named = built.page("claims/named/index.html").json_ld()[0].clone();
        assert_eq!(named["itemReviewed"]["author"]["name"], "Jane Doe");
    }
}
