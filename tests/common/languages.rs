//! A site in two languages (French by default, English under `/en/`) for the languages suites,
//! and reading a page's alternates and language switcher.

use super::html::Page;
use super::site::Site;
use std::collections::BTreeMap;

pub const BASE: &str = "https://example.github.io/digest/";

pub const SITE_TOML: &str = r##"title = "Vérif’ test"
description = "Un digest de test."
base_url = "https://example.github.io/digest/"
language = "fr"

[publisher]
name = "Test Fact-Checkers"
url = "https://factcheckers.example.org/"

[[languages]]
code = "en"
title = "Test check"
description = "A test digest."

[[ratings]]
key = "true"
label = "Vrai"
labels = { en = "True" }
score = 2
color = "#1b7f3b"

[[ratings]]
key = "false"
label = "Faux"
labels = { en = "False" }
score = 1
color = "#b3261e"

[[ratings]]
key = "unverified"
label = "Non vérifié"
color = "#5f6368"
"##;

pub fn claim(title: &str, claim: &str, status: &str, tags: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nclaim: \"{claim}\"\nclaimant: \"Jean Dupont\"\ndate: 2024-06-26\n\
         status: {status}\nsummary: \"{title}.\"\nsource:\n  publisher: \"Example Press\"\n  \
         url: \"https://news.example.org/a\"\ntags: [{tags}]\n---\n{title}.\n"
    )
}

/// `a` in both languages, `b` in French only, a page and an actor profile in both.
pub fn bilingual() -> Site {
    Site::from_files(&[
        ("site.toml".into(), SITE_TOML.into()),
        (
            "content/claims/a.md".into(),
            claim(
                "Le ciel est-il vert ?",
                "Le ciel est vert.",
                "false",
                "Ciel",
            ),
        ),
        (
            "content/claims/a.en.md".into(),
            claim("Is the sky green?", "The sky is green.", "false", "Sky"),
        ),
        (
            "content/claims/b.md".into(),
            claim("L’eau mouille-t-elle ?", "L’eau mouille.", "true", "Eau"),
        ),
        (
            "content/pages/methode.md".into(),
            "---\ntitle: Méthode\n---\nNotre méthode.\n".into(),
        ),
        (
            "content/pages/methode.en.md".into(),
            "---\ntitle: Method\n---\nOur method.\n".into(),
        ),
        (
            "content/actors/jean-dupont.md".into(),
            "---\nname: Jean Dupont\nkind: person\ndescription: Un élu.\n---\n".into(),
        ),
        (
            "content/actors/jean-dupont.en.md".into(),
            "---\nname: Jean Dupont\nkind: person\ndescription: An elected official.\n---\n".into(),
        ),
    ])
}

/// `hreflang` -> href of a page's alternates.
pub fn alternates(page: &Page) -> BTreeMap<String, String> {
    page.select("link[rel=alternate][hreflang]")
        .iter()
        .map(|l| {
            let attr = |n| l.value().attr(n).expect("an attribute").to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

/// The switcher's links: language -> href.
pub fn switcher(page: &Page) -> BTreeMap<String, String> {
    page.select(".language-switcher a")
        .iter()
        .map(|a| {
            let attr = |n| a.value().attr(n).expect("an attribute").to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}
