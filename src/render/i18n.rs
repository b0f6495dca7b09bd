//! UI strings and date formats in the site's language (French and English).

use crate::config::Language;
use crate::model::dates::{ClaimDate, Precision};
use chrono::{Datelike, Locale, NaiveDate};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// "27 juin 2024", "1er juin 2024" / "June 27, 2024".
pub fn format_date(date: NaiveDate, language: Language) -> String {
    match language {
        Language::Fr if date.day() == 1 => date
            .format_localized("1er %B %Y", Locale::fr_FR)
            .to_string(),
        Language::Fr => date
            .format_localized("%-d %B %Y", Locale::fr_FR)
            .to_string(),
        Language::En => date
            .format_localized("%B %-d, %Y", Locale::en_US)
            .to_string(),
    }
}

/// A claim's date as precise as written: "27 juin 2024", "juin 2024", "2024" / "June 27, 2024",
/// "June 2024", "2024"; an estimate reads "vers le 27 juin 2024", "vers juin 2024", "vers 2024" /
/// "around June 27, 2024", "around June 2024", "around 2024".
pub fn format_claim_date(date: ClaimDate, language: Language) -> String {
    let day = date.first_day();
    let text = match date.precision() {
        Precision::Day => format_date(day, language),
        Precision::Month => format_month(day.year(), day.month(), language),
        Precision::Year => day.year().to_string(),
    };
    match (date.approximate(), language, date.precision()) {
        (false, ..) => text,
        (true, Language::Fr, Precision::Day) => format!("vers le {text}"),
        (true, Language::Fr, _) => format!("vers {text}"),
        (true, Language::En, _) => format!("around {text}"),
    }
}

/// "2024 (mois inconnu)" / "2024 (month unknown)": the heading of a year's claims dated by the
/// year only.
pub fn format_unknown_month(year: i32, language: Language) -> String {
    match language {
        Language::Fr => format!("{year} (mois inconnu)"),
        Language::En => format!("{year} (month unknown)"),
    }
}

/// "juin 2024" / "June 2024", for timeline headings.
pub fn format_month(year: i32, month: u32, language: Language) -> String {
    let date = NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month");
    match language {
        Language::Fr => date.format_localized("%B %Y", Locale::fr_FR).to_string(),
        Language::En => date.format_localized("%B %Y", Locale::en_US).to_string(),
    }
}

/// "juin" / "Jun", for chart axes.
pub fn short_month(month: u32, language: Language) -> String {
    let date = NaiveDate::from_ymd_opt(2000, month, 1).expect("a valid month");
    match language {
        Language::Fr => date.format_localized("%b", Locale::fr_FR).to_string(),
        Language::En => date.format_localized("%b", Locale::en_US).to_string(),
    }
}

/// Every UI string of the built-in theme, by key; templates read them as `t.key`. Built once per
/// language: pages look strings up while rendering.
/// The UI strings of one language, by key.
pub type Strings = BTreeMap<&'static str, &'static str>;

pub fn strings(language: Language) -> &'static Strings {
    static FR: OnceLock<BTreeMap<&str, &str>> = OnceLock::new();
    static EN: OnceLock<BTreeMap<&str, &str>> = OnceLock::new();
    let cell = match language {
        Language::Fr => &FR,
        Language::En => &EN,
    };
    cell.get_or_init(|| {
        STRINGS
            .iter()
            .map(|&(key, fr, en)| {
                let text = match language {
                    Language::Fr => fr,
                    Language::En => en,
                };
                (key, text)
            })
            .collect()
    })
}

/// A count with its noun: "1 affirmation", "3 affirmations".
/// "3 claims", "0 affirmation": French counts 0 and 1 in the singular, English only 1.
pub fn count(n: usize, singular: &str, plural: &str, language: Language) -> String {
    let one = n == 1 || (n == 0 && language == Language::Fr);
    format!("{n}\u{a0}{}", if one { singular } else { plural })
}

pub fn claims_noun(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::Fr => ("affirmation", "affirmations"),
        Language::En => ("claim", "claims"),
    }
}

const STRINGS: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Aller au contenu", "Skip to content"),
    (
        "main_navigation",
        "Navigation principale",
        "Main navigation",
    ),
    ("home", "Accueil", "Home"),
    ("timeline", "Chronologie", "Timeline"),
    ("actors", "Acteurs", "Actors"),
    ("ratings", "Verdicts", "Ratings"),
    ("tags", "Thèmes", "Topics"),
    ("search", "Recherche", "Search"),
    ("languages", "Langues", "Languages"),
    ("corrections", "Corrections", "Corrections"),
    (
        "latest_claims",
        "Dernières vérifications",
        "Latest fact-checks",
    ),
    (
        "rating_breakdown",
        "Répartition des verdicts",
        "Ratings at a glance",
    ),
    (
        "all_claims_timeline",
        "Toutes les vérifications, de la plus récente à la plus ancienne",
        "Every fact-check, newest first",
    ),
    (
        "see_timeline",
        "Voir toute la chronologie",
        "See the full timeline",
    ),
    ("claim", "Affirmation", "Claim"),
    ("claimant", "Affirmé par", "Claimed by"),
    ("claimants", "Affirmé par", "Claimed by"),
    ("about", "Concerne", "About"),
    // After "+N" when a list item shows only the first names (N is at least 2).
    ("others", "autres", "others"),
    ("said_on", "Date de l’affirmation", "Claim date"),
    // Before who made or holds an image: "Crédit : AFP".
    ("credit", "Crédit", "Credit"),
    (
        "as_it_appeared",
        "Telle qu’elle a circulé",
        "As it appeared",
    ),
    ("published_on", "Publié le", "Published"),
    (
        "first_published_at",
        "Publié d’abord sur",
        "First published at",
    ),
    ("updated_on", "Mis à jour le", "Updated"),
    ("rating", "Verdict", "Rating"),
    ("our_verdict", "Notre verdict", "Our verdict"),
    ("source", "Source de l’affirmation", "Where it appeared"),
    ("evidence", "Sources consultées", "Evidence"),
    ("archive", "archive", "archive"),
    ("no_address", "adresse non communiquée", "no address given"),
    ("analysis", "Analyse", "Analysis"),
    ("tagged", "Thèmes", "Topics"),
    ("related", "Vérifications liées", "Related fact-checks"),
    (
        "corrections_history",
        "Historique des corrections",
        "Correction history",
    ),
    ("previous_rating", "verdict précédent", "previous rating"),
    ("rating_change", "verdict modifié", "rating changed"),
    ("changed_to", "devenu", "to"),
    (
        "rating_changed_on",
        "Verdict modifié le",
        "Rating changed on",
    ),
    ("previously", "auparavant", "previously"),
    ("claims_made", "Affirmations de cet acteur", "Claims made"),
    // Neutral: "le concernant" read wrong for feminine actors and institutions.
    ("claims_about", "Affirmations à son sujet", "Claims about"),
    ("no_claims", "Aucune affirmation.", "No claims."),
    ("team", "L’équipe", "Team"),
    (
        "team_intro",
        "Les personnes qui écrivent et éditent nos vérifications.",
        "The people who write and edit our fact-checks.",
    ),
    ("team_name", "Nom", "Name"),
    ("team_role", "Rôle", "Role"),
    ("byline_by", "Par", "By"),
    ("byline_edited_by", "Édité par", "Edited by"),
    (
        "checks_written",
        "Vérifications écrites",
        "Fact-checks written",
    ),
    (
        "checks_edited",
        "Vérifications éditées",
        "Fact-checks edited",
    ),
    ("no_checks", "Aucune vérification.", "No fact-checks."),
    // The team table's columns: how many fact-checks each person wrote and edited.
    ("wrote_count", "Écrites", "Written"),
    ("edited_count", "Éditées", "Edited"),
    ("claim_checked", "Affirmation vérifiée", "Claim checked"),
    ("parts_title", "Toutes les périodes", "Every period"),
    ("other_initials", "Autres", "Others"),
    (
        "initials_title",
        "Tous les acteurs, de A à Z",
        "Every actor, A to Z",
    ),
    ("most_cited", "Les plus cités", "The most cited"),
    ("latest_part", "Les plus récentes", "The latest"),
    ("newer", "Plus récentes", "Newer"),
    ("older", "Plus anciennes", "Older"),
    ("pager", "Pages de la liste", "Pages of the list"),
    ("profile", "Profil", "Profile"),
    ("aliases", "Aussi appelé", "Also known as"),
    ("colon", "\u{a0}:", ":"),
    ("website", "Site officiel", "Website"),
    (
        "no_profile",
        "Cet acteur n’a pas encore de fiche.",
        "This actor has no profile yet.",
    ),
    ("claims_count", "Affirmations", "Claims"),
    (
        "actors_intro",
        "Les personnes, États, organisations et médias cités, classés par nombre d’affirmations.",
        "People, states, organisations and media, by number of claims.",
    ),
    (
        "tags_intro",
        "Chaque thème rassemble ses vérifications en une chronologie.",
        "Each topic gathers its fact-checks into a timeline.",
    ),
    (
        "ratings_intro",
        "Notre échelle de verdicts, du plus exact au plus faux, et les verdicts hors échelle.",
        "Our rating scale, from accurate to false, and the off-scale verdicts.",
    ),
    (
        "rating_page_intro",
        "Toutes les affirmations ayant reçu ce verdict.",
        "Every claim given this rating.",
    ),
    ("off_scale", "hors échelle", "off scale"),
    ("feed", "Flux Atom", "Atom feed"),
    (
        "actor_feed",
        "Flux Atom de cet acteur",
        "Atom feed for this actor",
    ),
    ("not_found_title", "Page introuvable", "Page not found"),
    (
        "not_found_text",
        "Cette page n’existe pas ou a été déplacée.",
        "This page does not exist or has moved.",
    ),
    ("back_home", "Retour à l’accueil", "Back to the home page"),
    ("footer_publisher", "Publié par", "Published by"),
    (
        "footer_generated",
        "Site généré par digest",
        "Built with digest",
    ),
    ("open_data", "Données ouvertes", "Open data"),
    ("methodology", "Méthodologie", "Methodology"),
    ("scorecard", "Bilan des verdicts", "Scorecard"),
    (
        "scorecard_note",
        "Un bilan ne constitue pas un échantillon représentatif : nous ne vérifions que certaines déclarations.",
        "A scorecard is not a representative sample: we check only some statements.",
    ),
    (
        "scorecard_threshold",
        "Bilan affiché à partir de",
        "Scorecard shown from",
    ),
    ("rated_claims", "affirmations notées", "rated claims"),
    ("rated_claim", "affirmation notée", "rated claim"),
    // French counts 0 in the singular ("0 affirmation"), English in the plural ("0 claims").
    ("zero_is_singular", "yes", "no"),
    (
        "off_scale_apart",
        "Verdicts hors échelle, non comptés dans le bilan",
        "Off-scale verdicts, not counted in the scorecard",
    ),
    (
        "chart_title",
        "Affirmations par mois, par verdict",
        "Claims per month, by rating",
    ),
    ("show_as_table", "Voir les données", "Show the data"),
    ("month", "Mois", "Month"),
    ("total", "Total", "Total"),
    ("count", "Nombre", "Count"),
    ("share", "Part", "Share"),
    ("filter", "Filtrer", "Filter"),
    ("filter_rating", "Verdict", "Rating"),
    ("filter_actor", "Acteur", "Actor"),
    ("all", "Tous", "All"),
    ("apply", "Appliquer", "Apply"),
    (
        "search_label",
        "Rechercher une affirmation, un acteur, un thème",
        "Search claims, actors, topics",
    ),
    (
        "search_placeholder",
        "ex. Corée, Peskov…",
        "e.g. Korea, Peskov…",
    ),
    ("search_button", "Rechercher", "Search"),
    (
        "search_needs_js",
        "La recherche instantanée demande JavaScript ; la chronologie, les acteurs et les thèmes restent accessibles sans.",
        "Instant search needs JavaScript; the timeline, actors and topics work without it.",
    ),
    ("search_no_results", "Aucun résultat.", "No results."),
    ("results", "résultats", "results"),
    ("breadcrumb", "Fil d’Ariane", "Breadcrumb"),
    ("on_this_page", "Sur cette page", "On this page"),
    ("claims_word", "affirmations", "claims"),
    ("claim_word", "affirmation", "claim"),
    (
        "corrections_intro",
        "Toutes nos corrections et requalifications, de la plus récente à la plus ancienne.",
        "Every correction and re-rating, newest first.",
    ),
    (
        "no_corrections",
        "Aucune correction publiée à ce jour.",
        "No corrections published so far.",
    ),
    (
        "corrections_feed",
        "Flux Atom des corrections",
        "Corrections Atom feed",
    ),
    ("theme_toggle", "Thème", "Theme"),
    ("kind_person", "Personne", "Person"),
    ("kind_state", "État", "State"),
    ("kind_organisation", "Organisation", "Organisation"),
    ("kind_media", "Média", "Media"),
    ("kind_anonymous", "Source anonyme", "Anonymous source"),
    ("card_kicker", "Vérification", "Fact-check"),
    ("card_checked_one", "affirmation vérifiée", "claim checked"),
    (
        "card_checked_many",
        "affirmations vérifiées",
        "claims checked",
    ),
    (
        "card_none_made",
        "Aucune de ses déclarations vérifiée à ce jour.",
        "None of their statements checked so far.",
    ),
    ("share_title", "Partager", "Share"),
    ("share_email", "Par courriel", "Email"),
    ("share_native", "Partager…", "Share…"),
    ("copy_link", "Copier le lien", "Copy link"),
    ("copied", "Copié", "Copied"),
    ("embed", "Intégrer sur un site", "Embed on a website"),
    (
        "embed_help",
        "Copiez ce code dans votre page :",
        "Copy this code into your page:",
    ),
    ("copy_code", "Copier le code", "Copy the code"),
    ("embed_read", "Lire la vérification", "Read the fact-check"),
    ("subscribe", "S’abonner (Atom)", "Subscribe (Atom)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 27).unwrap();
        assert_eq!(format_date(d, Language::Fr), "27 juin 2024");
        assert_eq!(format_date(d, Language::En), "June 27, 2024");
        let first = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        assert_eq!(format_date(first, Language::Fr), "1er février 2024");
        assert_eq!(format_month(2024, 8, Language::Fr), "août 2024");
        let claim = |text: &str, approximate: bool| {
            let date = ClaimDate::parse(text)
                .unwrap()
                .with_approximate(approximate);
            (
                format_claim_date(date, Language::Fr),
                format_claim_date(date, Language::En),
            )
        };
        let both = |fr: &str, en: &str| (fr.to_string(), en.to_string());
        assert_eq!(
            claim("2024-06-26", false),
            both("26 juin 2024", "June 26, 2024")
        );
        assert_eq!(claim("2024-06", false), both("juin 2024", "June 2024"));
        assert_eq!(claim("2024", false), both("2024", "2024"));
        assert_eq!(
            claim("2024-06-01", true),
            both("vers le 1er juin 2024", "around June 1, 2024")
        );
        assert_eq!(
            claim("2024-06", true),
            both("vers juin 2024", "around June 2024")
        );
        assert_eq!(claim("2024", true), both("vers 2024", "around 2024"));
    }

    #[test]
    fn both_languages_have_every_string() {
        for (key, fr, en) in STRINGS {
            assert!(!fr.is_empty() || key.ends_with("_note"), "{key} fr");
            assert!(!en.is_empty() || key.ends_with("_note"), "{key} en");
        }
    }

    #[test]
    fn every_key_is_defined_once() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|(key, ..)| *key).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a key is defined twice");
    }

    #[test]
    fn french_counts_zero_in_the_singular() {
        assert_eq!(
            count(0, "affirmation", "affirmations", Language::Fr),
            "0\u{a0}affirmation"
        );
        assert_eq!(count(0, "claim", "claims", Language::En), "0\u{a0}claims");
        assert_eq!(
            count(2, "affirmation", "affirmations", Language::Fr),
            "2\u{a0}affirmations"
        );
    }
}
