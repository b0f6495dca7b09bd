//! Quotes that are quotes: `quote` (the claimant's exact words) is the only text shown in
//! quotation marks; `claim` (the desk's statement) is never quoted, on the claim card, in list
//! items, in meta descriptions, feeds and structured data. Both in French and in English.

use crate::common::{Built, Page, Site, claim_entry, csv_rows, site_toml, text, xml_records};

const QUOTE: &str = "We will send many engineering troops to Donetsk";
const CLAIM: &str = "Claim of Quoted.";
const PLAIN_CLAIM: &str = "Claim of Unquoted.";
const PERSON: &str = "---\nname: \"Jane Doe\"\nkind: person\n---\n";

fn quoted_site(language: &str) -> (Site, Built) {
    let site = Site::new(&[
        ("site.toml", &site_toml(language)),
        ("content/actors/jane-doe.md", PERSON),
        (
            "content/claims/quoted.md",
            &claim_entry(
                "Quoted",
                "2024-06-20",
                "false",
                &format!("claimant: \"Jane Doe\"\nquote: \"{QUOTE}\"\nsummary: \"No evidence.\"\n"),
                "Body.",
            ),
        ),
        (
            "content/claims/unquoted.md",
            &claim_entry(
                "Unquoted",
                "2024-06-19",
                "mixed",
                "claimant: \"Jane Doe\"\n",
                "Body.",
            ),
        ),
    ]);
    let built = site.build(&[]);
    (site, built)
}

/// Quotation marks of either language, and the elements that make them.
const MARKS: [char; 4] = ['«', '»', '“', '”'];

/// No `q` or `blockquote` of the page holds `statement`, and no text shows it between marks.
fn never_quoted(page: &Page, statement: &str) {
    for quoted in page.select("q, blockquote") {
        assert!(
            !text(quoted).contains(statement),
            "{}: {statement:?} is quoted: {}",
            page.name,
            text(quoted)
        );
    }
    for mark in MARKS {
        for other in MARKS {
            let wrapped = format!("{mark}{statement}{other}");
            let spaced = format!("{mark}\u{202f}{statement}\u{202f}{other}");
            assert!(
                !page.source.contains(&wrapped) && !page.source.contains(&spaced),
                "{}: {wrapped}",
                page.name
            );
        }
    }
}

#[test]
fn the_quote_is_quoted_and_attributed_the_claim_is_not() {
    for language in ["fr", "en"] {
        let (_site, out) = quoted_site(language);
        let page = out.page("claims/quoted/index.html");
        // The card: the exact words in a blockquote, attributed to the claimant.
        assert_eq!(
            page.text(".verdict-card__quote blockquote"),
            QUOTE,
            "{language}"
        );
        let caption = page.one(".verdict-card__quote figcaption");
        assert!(text(caption).contains("Jane Doe"), "{language}");
        assert_eq!(
            page.links_in(".verdict-card__quote figcaption"),
            ["/digest/actors/jane-doe/"]
        );
        // Attributed once: the quote's caption names the claimant.
        assert!(
            !page.text(".verdict-card__who").contains("Jane Doe"),
            "{language}"
        );
        // The desk's statement, plain.
        assert_eq!(page.text(".verdict-card__statement"), CLAIM, "{language}");
        never_quoted(&page, CLAIM);
        for meta in [
            r#"meta[name="description"]"#,
            r#"meta[property="og:description"]"#,
        ] {
            let description = page.attr(meta, "content");
            assert!(
                description.starts_with(CLAIM),
                "{language} {meta}: {description}"
            );
            assert!(
                !description.contains(MARKS),
                "{language} {meta}: {description}"
            );
        }

        // Without a quote, nothing on the card is a quotation.
        let plain = out.page("claims/unquoted/index.html");
        assert_eq!(plain.count(".verdict-card blockquote, .verdict-card q"), 0);
        assert_eq!(plain.text(".verdict-card__statement"), PLAIN_CLAIM);
        never_quoted(&plain, PLAIN_CLAIM);

        // List items show the statement, unquoted.
        let home = out.page("index.html");
        let items = home.texts(".claim-item__claim");
        assert!(items.contains(&CLAIM.to_string()), "{language}: {items:?}");
        assert_eq!(home.count(".claim-item q, .claim-item blockquote"), 0);
        never_quoted(&home, CLAIM);
        never_quoted(&out.page("timeline/index.html"), CLAIM);

        // The feed's summary: the statement, no marks around it.
        let feed = out.xml("atom.xml");
        for entry in xml_records(&feed, "entry") {
            for e in entry
                .iter()
                .filter(|e| e.name == "summary" || e.name == "content")
            {
                assert!(!e.text.contains(MARKS), "{language}: {}", e.text);
            }
        }
    }
}

#[test]
fn structured_data_and_exports_keep_the_quote_apart() {
    for language in ["fr", "en"] {
        let (_site, out) = quoted_site(language);
        let page = out.page("claims/quoted/index.html");
        let review = &page.json_ld()[0];
        assert_eq!(review["claimReviewed"], CLAIM, "{language}");
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(review["itemReviewed"]["text"], QUOTE, "{language}");
        let plain = &out.page("claims/unquoted/index.html").json_ld()[0];
        assert!(plain["itemReviewed"].get("text").is_none(), "{plain:#}");

        let by_slug = |slug: &str| out.claim_record(slug);
        assert_eq!(by_slug("quoted")["quote"], QUOTE);
        assert_eq!(by_slug("quoted")["claim"], CLAIM);
        assert!(by_slug("unquoted")["quote"].is_null());

        let rows = csv_rows(&out.read("claims.csv"));
        let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        let row = rows.iter().find(|r| r[0] == "quoted").unwrap();
        assert_eq!(row[col("quote")], QUOTE);
        assert_eq!(row[col("claim")], CLAIM);
        let row = rows.iter().find(|r| r[0] == "unquoted").unwrap();
        assert_eq!(row[col("quote")], "");
    }
}
