//! Typography by language: French pages get no-break spaces in their text (never in code, URLs
//! or attributes); English pages, descriptions and feeds get English punctuation; structured
//! data speaks the site's language; counts and wordings read naturally.

use crate::common::{Site, claim_entry, site_toml, xml_records};
use crate::typeset_text;

const NARROW: char = '\u{202F}';
const NO_BREAK: char = '\u{A0}';

fn typo_site(language: &str) -> Site {
    let body = "Ils seraient 12 000 ; vraiment ? Note : voir [la source](https://example.org/a?b=1 \"Titre ?\").\n\n\
                ```\nlet x = a ? b : c;\n```\n\nEt `code ?` en ligne.";
    let no_url = "claimant: \"Jeanne Martin\"\nsource:\n  publisher: \"TV Chosun\"\n";
    let (title, summary) = match language {
        "fr" => (
            "Pyongyang va-t-il envoyer des « troupes du génie » ?",
            "Aucune preuve : rien !",
        ),
        _ => ("Will Pyongyang send engineers?", "No evidence: none!"),
    };
    let entry = claim_entry(
        title,
        "2024-06-20",
        "false",
        &format!("claimant: \"Jeanne Martin\"\nsummary: \"{summary}\"\n"),
        body,
    );
    // A second entry whose source has no address (its ClaimReview describes where it was quoted).
    let unsourced = format!(
        "---\ntitle: \"Sans adresse\"\nclaim: \"Une affirmation.\"\ndate: 2024-06-21\nstatus: mixed\n{no_url}---\nTexte.\n"
    );
    Site::new(&[
        ("site.toml", &site_toml(language)),
        ("content/claims/genie.md", &entry),
        ("content/claims/sans-adresse.md", &unsourced),
    ])
}

#[test]
fn french_text_gets_no_break_spaces_but_code_urls_and_attributes_do_not() {
    let site = typo_site("fr");
    let built = site.build(&[]);
    let page = built.page("claims/genie/index.html");
    let h1 = typeset_text(page.one("h1"));
    assert_eq!(
        h1,
        format!("Pyongyang va-t-il envoyer des «{NARROW}troupes du génie{NARROW}»{NARROW}?")
    );
    let prose = typeset_text(page.select(".prose p")[0]);
    assert!(
        prose.contains(&format!("12{NARROW}000{NARROW}; vraiment{NARROW}?")),
        "{prose:?}"
    );
    assert!(prose.contains(&format!("Note{NO_BREAK}:")), "{prose:?}");
    let summary = typeset_text(page.one(".verdict-card__summary"));
    assert_eq!(summary, format!("Aucune preuve{NO_BREAK}: rien{NARROW}!"));
    // Code, URLs and attributes are left as written.
    assert_eq!(page.text(".prose pre code"), "let x = a ? b : c;");
    assert!(page.texts(".prose code").contains(&"code ?".to_string()));
    let link = page.one(".prose a");
    assert_eq!(link.value().attr("href"), Some("https://example.org/a?b=1"));
    assert_eq!(link.value().attr("title"), Some("Titre ?"));
    let og = page.attr("meta[property=\"og:title\"]", "content");
    assert!(!og.contains(NARROW), "{og:?}");
    // The JSON-LD is data, not typeset text.
    let review = &page.json_ld()[0];
    assert_eq!(
        review["name"],
        "Pyongyang va-t-il envoyer des « troupes du génie » ?"
    );
    // UI strings too: the page title and the scorecard note.
    let title = typeset_text(page.one("title"));
    assert!(title.contains(&format!("»{NARROW}?")), "{title:?}");
    // The French feed's text too.
    let feed = built.xml("atom.xml");
    let titles: Vec<&str> = xml_records(&feed, "entry")
        .iter()
        .flat_map(|entry| entry.iter().filter(|e| e.name == "title"))
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.ends_with(&format!("»{NARROW}?"))),
        "{titles:?}"
    );
    let actors = built.page("actors/index.html");
    let note = typeset_text(actors.one(".scorecard-note"));
    assert!(
        note.contains(&format!("représentatif{NO_BREAK}: nous")),
        "{note:?}"
    );
    assert!(!note.contains(" :"), "{note:?}");
}

#[test]
fn english_descriptions_and_feeds_use_english_punctuation() {
    let site = typo_site("en");
    let built = site.build(&[]);
    let page = built.page("claims/genie/index.html");
    for css in [
        "meta[name=\"description\"]",
        "meta[property=\"og:description\"]",
    ] {
        let description = page.attr(css, "content");
        assert!(!description.contains(" : "), "{css}: {description:?}");
        assert_eq!(
            description, "Claim of Will Pyongyang send engineers?. — False: No evidence: none!",
            "{css}"
        );
        assert!(!description.starts_with('«'), "{css}: {description:?}");
    }
    // No French spaces on an English page's own text.
    assert!(!page.source.contains(NARROW));
    let feed = built.xml("atom.xml");
    for entry in xml_records(&feed, "entry") {
        for element in entry
            .iter()
            .filter(|e| e.name == "summary" || e.name == "content")
        {
            assert!(!element.text.contains(" : "), "{:?}", element.text);
            assert!(!element.text.starts_with('«'), "{:?}", element.text);
        }
    }
    let summaries: Vec<&str> = feed
        .iter()
        .filter(|e| e.name == "summary")
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        summaries.contains(&"Jeanne Martin: Une affirmation. — Mixed"),
        "{summaries:?}"
    );
}

#[test]
fn structured_data_speaks_the_sites_language() {
    for (language, expected, foreign) in [
        ("fr", "D’après", "Quoted from"),
        ("en", "Quoted from", "D’après"),
    ] {
        let site = typo_site(language);
        let built = site.build(&[]);
        let page = built.page("claims/sans-adresse/index.html");
        let text = page.json_ld()[0].to_string();
        assert!(!text.contains(foreign), "{language}: {text}");
        assert!(
            !text.contains("original address not given") || language == "en",
            "{text}"
        );
        if text.contains("description") {
            assert!(text.contains(expected), "{language}: {text}");
        }
    }
}

#[test]
fn counts_and_wordings_read_naturally() {
    let site = typo_site("fr");
    let built = site.build(&[]);
    // Nothing is rated "true": "0 affirmation" in French (singular for 0 and 1).
    let ratings = built.page("ratings/index.html");
    let counts: Vec<String> = ratings
        .select(".muted")
        .into_iter()
        .map(typeset_text)
        .collect();
    assert!(
        counts.iter().any(|c| c.ends_with("0 affirmation")),
        "{counts:?}"
    );
    assert!(
        counts.iter().any(|c| c.ends_with("1 affirmation")),
        "{counts:?}"
    );
    assert!(
        !counts
            .iter()
            .any(|c| c.contains("0 affirmations") || c.contains(" 1 affirmations"))
    );
    let actor = built.page("actors/jeanne-martin/index.html");
    let heading = typeset_text(actor.one("#about-title"));
    assert!(
        heading.starts_with("Affirmations à son sujet"),
        "{heading:?}"
    );
    assert!(!actor.source.contains("le concernant"));

    let site = typo_site("en");
    let built = site.build(&[]);
    let ratings = built.page("ratings/index.html");
    let counts = ratings.texts(".muted");
    assert!(counts.iter().any(|c| c.ends_with("0 claims")), "{counts:?}");
    assert!(counts.iter().any(|c| c.ends_with("1 claim")), "{counts:?}");
}
