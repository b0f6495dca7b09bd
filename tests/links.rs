//! Local links written in entries: each leads to a page or file the build makes, in the text's
//! own language where that language has the page, else in the default language; a link to a
//! page the site does not make is an error at its line, like a link to a missing file.

mod common;

use common::languages::{bilingual, claim};
use common::{Site, claim_entry, diagnostics, site_toml};

#[test]
fn a_translation_links_its_own_pages_else_the_default_language_ones() {
    let site = bilingual();
    let english = claim("Is the sky green?", "The sky is green.", "false", "Sky");
    site.write(
        "content/claims/a.en.md",
        &format!(
            "{english}See [b](/claims/b/), [this page](/claims/a/), [the method](/methode/), \
             [b again](../b/#top) and [the French home](/).\n"
        ),
    );
    let french = claim("L’eau mouille-t-elle ?", "L’eau mouille.", "true", "Eau");
    site.write(
        "content/claims/b.md",
        &format!("{french}Voir [en anglais](/en/claims/a/).\n"),
    );
    let out = site.build(&[]);
    let english = out.page("en/claims/a/index.html");
    assert_eq!(
        english.links_in(".prose"),
        [
            "/digest/claims/b/",
            "/digest/en/claims/a/",
            "/digest/en/methode/",
            "/digest/claims/b/#top",
            "/digest/en/",
        ]
    );
    let french = out.page("claims/b/index.html");
    assert_eq!(french.links_in(".prose"), ["/digest/en/claims/a/"]);
    common::check_links_under(&out.dir, "/digest/");
}

#[test]
fn a_link_to_a_page_the_site_does_not_make_is_an_error_at_its_line() {
    let body = "Voir [le budget](/claims/budjet/) et [la chronologie](/timeline/).\n\n\
                [Plus tôt](../budget/), [la méthode](/methodologi/), [l’accueil](/).\n";
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        (
            "content/claims/budget.md",
            &claim_entry("Le budget", "2024-06-26", "false", "", ""),
        ),
        (
            "content/claims/lien.md",
            &claim_entry("Le lien", "2024-06-27", "false", "", body),
        ),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let missing = diagnostics(&report).code("missing-page");
    let found: Vec<(String, u64, u64)> = missing
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // `claim_entry`'s front matter takes ten lines: the body starts on the eleventh.
    let body_line = 11;
    assert_eq!(
        found,
        [
            (
                "/claims/budjet/ is not a page of the site".to_string(),
                body_line,
                6
            ),
            (
                "/methodologi/ is not a page of the site".to_string(),
                body_line + 2,
                25
            ),
        ]
    );
    assert!(
        missing
            .iter()
            .all(|d| d["file"] == "content/claims/lien.md")
    );
}
