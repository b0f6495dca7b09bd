//! WCAG 2.1 SC 3.1.2 (Language of Parts): on a translated site's pages, a text that falls back
//! to the default language (a rating's label or description without a translation, an
//! untranslated actor or team profile, the site's title) carries that language's `lang`; a
//! text in the page's language carries none. A one-language site's pages have no such `lang`.

mod common;

use common::languages::{SITE_TOML, bilingual};
use common::{Built, Page, Site};

/// A claim in French and in English, rated `unverified` (no English label), made by an actor and
/// written by a journalist whose profiles exist in French only.
fn entry(title: &str, claim: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nclaim: \"{claim}\"\nclaimant: \"Marie Curie\"\n\
         authors: [\"Jeanne Martin\"]\ndate: 2024-06-20\nstatus: unverified\n\
         summary: \"{title}.\"\nsource:\n  publisher: \"Example Press\"\n  \
         url: \"https://news.example.org/c\"\n---\n{title}.\n"
    )
}

/// The bilingual fixture, `false` described in French only, and the claim above.
fn build(site_toml: &str) -> (Site, Built) {
    let site = bilingual();
    site.write("site.toml", site_toml);
    site.write(
        "content/claims/c.md",
        &entry("Le radium brille-t-il ?", "Le radium brille."),
    );
    site.write(
        "content/claims/c.en.md",
        &entry("Does radium glow?", "Radium glows."),
    );
    site.write(
        "content/actors/marie-curie.md",
        "---\nname: Marie Curie\nkind: person\ndescription: Une physicienne.\n---\nSa biographie.\n",
    );
    site.write(
        "content/team/jeanne-martin.md",
        "---\nname: Jeanne Martin\nrole: Journaliste\n---\nSa biographie.\n",
    );
    let out = site.build(&[]);
    (site, out)
}

fn described() -> String {
    SITE_TOML.replace(
        "labels = { en = \"False\" }\n",
        "labels = { en = \"False\" }\ndescription = \"Contredit par les faits.\"\n",
    )
}

fn lang<'a>(page: &'a Page, css: &str) -> Vec<(String, Option<&'a str>)> {
    page.select(css)
        .into_iter()
        .map(|e| (common::html::text(e), e.value().attr("lang")))
        .collect()
}

fn pairs(list: &[(&str, Option<&'static str>)]) -> Vec<(String, Option<&'static str>)> {
    list.iter().map(|&(t, l)| (t.to_string(), l)).collect()
}

#[test]
fn a_french_label_on_english_pages_says_it_is_french() {
    let (_site, out) = build(&described());
    let page = out.page("en/claims/c/index.html");
    assert_eq!(page.attr("html", "lang"), "en");
    assert_eq!(
        lang(&page, ".verdict-card__rating .badge"),
        pairs(&[("Non vérifié", Some("fr"))])
    );
    let page = out.page("en/claims/a/index.html");
    assert_eq!(
        lang(&page, ".verdict-card__rating .badge"),
        pairs(&[("False", None)])
    );
    // Lists: each item's badge; the scale, its descriptions and the filter.
    let timeline = out.page("en/timeline/index.html");
    assert_eq!(
        lang(&timeline, ".claim-item__verdict .badge"),
        pairs(&[("False", None), ("Non vérifié", Some("fr"))])
    );
    let options = lang(&timeline, "#filter-rating option[value]:not([value=''])");
    assert_eq!(
        options,
        pairs(&[
            ("True (0)", None),
            ("False (1)", None),
            ("Non vérifié (1)", Some("fr"))
        ])
    );
    let ratings = out.page("en/ratings/index.html");
    assert_eq!(
        lang(&ratings, ".rating-scale .badge"),
        pairs(&[("True", None), ("False", None), ("Non vérifié", Some("fr"))])
    );
    assert_eq!(
        lang(&ratings, ".rating-scale li.r-false > p + p"),
        pairs(&[("Contredit par les faits.", Some("fr"))])
    );
    assert_eq!(
        lang(&ratings, ".rating-bars th a"),
        pairs(&[("True", None), ("False", None), ("Non vérifié", Some("fr"))])
    );
    let rating = out.page("en/ratings/false/index.html");
    let lede = rating.one(".page-head .lede span[lang]");
    assert_eq!(
        (common::html::text(lede), lede.value().attr("lang")),
        ("Contredit par les faits.".to_string(), Some("fr"))
    );
    let rating = out.page("en/ratings/unverified/index.html");
    assert_eq!(
        lang(&rating, ".page-head h1 .badge"),
        pairs(&[("Non vérifié", Some("fr"))])
    );
    // Search results are drawn by the script from the manifest: the label's language is there.
    let manifest = out.json("en/search/manifest.json");
    assert_eq!(manifest["ratings"]["unverified"][0], "Non vérifié");
    assert_eq!(manifest["ratings"]["unverified"][2], "fr");
    assert_eq!(manifest["ratings"]["false"].as_array().unwrap().len(), 2);
    let french = out.json("search/manifest.json");
    assert_eq!(french["ratings"]["unverified"].as_array().unwrap().len(), 2);
}

#[test]
fn an_untranslated_profile_on_english_pages_says_it_is_french() {
    let (_site, out) = build(SITE_TOML);
    let page = out.page("en/claims/c/index.html");
    assert_eq!(
        lang(&page, ".verdict-card__who a"),
        pairs(&[("Marie Curie", Some("fr"))])
    );
    assert_eq!(
        lang(&page, ".byline__authors a"),
        pairs(&[("Jeanne Martin", Some("fr"))])
    );
    // Jean Dupont's profile has an English translation: his name is English text.
    let page = out.page("en/claims/a/index.html");
    assert_eq!(
        lang(&page, ".verdict-card__who a"),
        pairs(&[("Jean Dupont", None)])
    );
    let actor = out.page("en/actors/marie-curie/index.html");
    assert_eq!(lang(&actor, "h1"), pairs(&[("Marie Curie", Some("fr"))]));
    assert_eq!(
        lang(&actor, ".page-head .lede"),
        pairs(&[("Une physicienne.", Some("fr"))])
    );
    assert_eq!(
        lang(&actor, ".prose"),
        pairs(&[("Sa biographie.", Some("fr"))])
    );
    let actor = out.page("en/actors/jean-dupont/index.html");
    assert_eq!(
        lang(&actor, ".page-head .lede"),
        pairs(&[("An elected official.", None)])
    );
    let actors = out.page("en/actors/index.html");
    assert_eq!(
        lang(&actors, ".actors-table th[scope=row] a"),
        pairs(&[("Jean Dupont", None), ("Marie Curie", Some("fr"))])
    );
    let member = out.page("en/team/jeanne-martin/index.html");
    assert_eq!(lang(&member, "h1"), pairs(&[("Jeanne Martin", Some("fr"))]));
    assert_eq!(
        lang(&member, ".page-head .lede"),
        pairs(&[("Journaliste", Some("fr"))])
    );
    // The site's title and description are given in English: no `lang` on them.
    let home = out.page("en/index.html");
    assert_eq!(lang(&home, ".hero__title"), pairs(&[("Test check", None)]));
}

#[test]
fn the_default_languages_title_on_english_pages_says_it_is_french() {
    let toml = SITE_TOML.replace(
        "title = \"Test check\"\ndescription = \"A test digest.\"\n",
        "",
    );
    assert_ne!(toml, SITE_TOML);
    let (_site, out) = build(&toml);
    let home = out.page("en/index.html");
    assert_eq!(
        lang(&home, ".hero__title, .hero__lede, .site-footer__title"),
        pairs(&[
            ("Vérif’ test", Some("fr")),
            ("Un digest de test.", Some("fr")),
            ("Vérif’ test", Some("fr")),
        ])
    );
    assert_eq!(home.attr(".brand span[lang]", "lang"), "fr");
}

#[test]
fn the_default_languages_pages_have_no_lang_of_parts() {
    let (_site, out) = build(&described());
    for path in [
        "claims/c/index.html",
        "timeline/index.html",
        "ratings/index.html",
        "actors/marie-curie/index.html",
        "team/jeanne-martin/index.html",
        "index.html",
    ] {
        let page = out.page(path);
        assert_eq!(page.attr("html", "lang"), "fr", "{path}");
        // Only the language switcher names languages.
        let marked = page.count("[lang]") - page.count("html, .language-switcher [lang]");
        assert_eq!(marked, 0, "{path}");
    }
    // A one-language site: no `lang` but the page's.
    let site = Site::example_one_language();
    let out = site.build(&[]);
    for path in ["index.html", "timeline/index.html", "ratings/index.html"] {
        assert_eq!(out.page(path).count("[lang]"), 1, "{path}");
    }
}
