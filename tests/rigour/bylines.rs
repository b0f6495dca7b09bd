//! Bylines: `authors` and `editors` name the desk's people (`content/team/<slug>.md`) by name
//! or slug, in any case and with or without accents; the claim page links each to
//! `/team/<slug>/`; `/team/` lists the desk with their counts; a name without a profile is
//! shown as plain text with a warning that suggests a close profile.

use crate::common::{Built, Site, claim_entry, csv_rows, report, site_toml, text};

const JEANNE: &str =
    "---\nname: \"Jeanne Martin\"\nrole: \"Journaliste\"\n---\nCovers **energy**.\n";
const PAUL: &str = "---\nname: \"Paul Durand\"\nrole: \"Rédacteur en chef\"\n---\n";

fn team_site(language: &str) -> (Site, Built) {
    let site = Site::new(&[
        ("site.toml", &site_toml(language)),
        ("content/team/jeanne-martin.md", JEANNE),
        ("content/team/paul-durand.md", PAUL),
        (
            "content/claims/first.md",
            &claim_entry(
                "First",
                "2024-06-20",
                "false",
                "authors: [\"jeanne martin\"]\neditors: \"Paul Durand\"\n",
                "Body.",
            ),
        ),
        (
            "content/claims/second.md",
            &claim_entry(
                "Second",
                "2024-06-21",
                "true",
                "authors: [\"JEANNE-MARTIN\", \"Zoé Inconnue\"]\neditors: [\"Paul Durant\"]\n",
                "Body.",
            ),
        ),
        (
            "content/claims/third.md",
            &claim_entry("Third", "2024-06-22", "true", "", "Body."),
        ),
    ]);
    let built = site.build(&[]);
    (site, built)
}

#[test]
fn the_claim_page_has_a_byline_linking_to_the_team() {
    for (language, expected) in [
        ("fr", "Par Jeanne Martin · Édité par Paul Durand"),
        ("en", "By Jeanne Martin · Edited by Paul Durand"),
    ] {
        let (_site, out) = team_site(language);
        let page = out.page("claims/first/index.html");
        assert_eq!(page.text(".claim-head .byline"), expected, "{language}");
        assert_eq!(
            page.links_in(".byline"),
            ["/digest/team/jeanne-martin/", "/digest/team/paul-durand/"]
        );
        // Unknown names are plain text; a near miss is not silently linked.
        let page = out.page("claims/second/index.html");
        let byline = page.one(".byline");
        assert!(text(byline).contains("Zoé Inconnue"), "{}", text(byline));
        assert!(text(byline).contains("Paul Durant"), "{}", text(byline));
        assert_eq!(page.links_in(".byline"), ["/digest/team/jeanne-martin/"]);
        // No byline when the entry names no one.
        assert_eq!(out.page("claims/third/index.html").count(".byline"), 0);
        // The footer links the team.
        assert!(
            page.links_in(".site-footer")
                .contains(&"/digest/team/".to_string()),
            "{language}"
        );
    }
}

#[test]
fn the_team_pages_list_the_desk_and_their_checks() {
    for (language, team) in [("fr", "L’équipe"), ("en", "Team")] {
        let (_site, out) = team_site(language);
        let index = out.page("team/index.html");
        assert_eq!(index.text("h1"), team);
        let rows: Vec<Vec<String>> = index
            .select(".team-table tbody tr")
            .into_iter()
            .map(|tr| {
                tr.select(&crate::common::selector("th, td"))
                    .map(text)
                    .collect()
            })
            .collect();
        assert_eq!(
            rows,
            [
                ["Jeanne Martin", "Journaliste", "2", "0"],
                ["Paul Durand", "Rédacteur en chef", "0", "1"],
            ],
            "{language}"
        );
        assert_eq!(
            index.links_in(".team-table"),
            ["/digest/team/jeanne-martin/", "/digest/team/paul-durand/"]
        );

        let jeanne = out.page("team/jeanne-martin/index.html");
        assert_eq!(jeanne.text("h1"), "Jeanne Martin");
        assert_eq!(jeanne.text(".member-head .lede"), "Journaliste");
        assert_eq!(jeanne.text(".prose strong"), "energy");
        let written: Vec<String> = jeanne
            .select("section[aria-labelledby=wrote-title] .claim-item__title a")
            .into_iter()
            .map(text)
            .collect();
        assert_eq!(written, ["Second", "First"], "newest first");
        assert_eq!(
            jeanne.count("section[aria-labelledby=edited-title] .claim-item"),
            0
        );
        let paul = out.page("team/paul-durand/index.html");
        let edited: Vec<String> = paul
            .select("section[aria-labelledby=edited-title] .claim-item__title a")
            .into_iter()
            .map(text)
            .collect();
        assert_eq!(edited, ["First"]);

        let sitemap = out.read("sitemap.xml");
        let locs: Vec<String> = crate::common::parse_xml(&sitemap)
            .expect("XML")
            .into_iter()
            .filter(|e| e.name == "loc")
            .map(|e| e.text)
            .collect();
        for path in ["team/", "team/jeanne-martin/", "team/paul-durand/"] {
            let url = format!("https://example.github.io/digest/{path}");
            assert!(locs.contains(&url), "{url} in {locs:?}");
        }
    }
}

#[test]
fn authors_are_in_the_open_data() {
    let (_site, out) = team_site("en");
    let second = out.claim_record("second");
    assert_eq!(
        second["authors"],
        serde_json::json!([
            {"name": "Jeanne Martin", "slug": "jeanne-martin"},
            {"name": "Zoé Inconnue", "slug": null}
        ])
    );
    assert_eq!(second["editors"][0]["name"], "Paul Durant");
    let rows = csv_rows(&out.read("claims.csv"));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| r[0] == "second").unwrap();
    assert_eq!(row[col("authors")], "Jeanne Martin; Zoé Inconnue");
    assert_eq!(row[col("editors")], "Paul Durant");
    let row = rows.iter().find(|r| r[0] == "first").unwrap();
    assert_eq!(row[col("authors")], "Jeanne Martin");
}

#[test]
fn an_unknown_author_warns_and_suggests_a_close_profile() {
    let (site, _out) = team_site("en");
    let (run, json) = site.check_json(&[]);
    assert_eq!(run.code, 0, "warnings only");
    let similar = report::diagnostics(&json).code("team-similar").to_vec();
    assert_eq!(similar.len(), 1, "{similar:#?}");
    let message = similar[0]["message"].as_str().unwrap();
    assert!(
        message.contains("\"Paul Durant\" in `editors`")
            && message.contains("did you mean \"Paul Durand\" (paul-durand)?"),
        "{message}"
    );
    assert_eq!(similar[0]["severity"], "warning");
    assert_eq!(similar[0]["file"], "content/claims/second.md");
    assert_eq!(similar[0]["line"], 11, "{:#}", similar[0]);
    let unknown = report::diagnostics(&json).code("team-unknown").to_vec();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"Zoé Inconnue\" in `authors` has no team profile"),
        "{:#}",
        unknown[0]
    );
}

#[test]
fn a_site_without_team_has_no_team_pages() {
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        (
            "content/claims/solo.md",
            &claim_entry(
                "Solo",
                "2024-06-20",
                "true",
                "authors: [\"Jeanne\"]\n",
                "Body.",
            ),
        ),
    ]);
    let out = site.build(&[]);
    assert!(!out.exists("team/index.html"));
    let page = out.page("claims/solo/index.html");
    assert_eq!(page.text(".byline"), "Par Jeanne");
    assert!(page.links_in(".byline").is_empty());
    assert!(
        !page
            .links_in(".site-footer")
            .iter()
            .any(|l| l.contains("/team/"))
    );
}
