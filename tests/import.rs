//! `digest import`: every messy shape of published ClaimReview data becomes an entry that
//! `digest check` accepts and whose built page's ClaimReview keeps the original's claim and
//! links to it; duplicates (in the site, across formats) are imported once; --dry-run and
//! --publisher. Fixtures follow schema.org's ClaimReview and DataFeed and Google's Fact Check
//! Tools API reference. Hostile input and errors: `tests/import_hostile.rs`.

mod common;
mod import_support;

use import_support::{Desk, claim_review};
use serde_json::{Value, json};

/// A textbook ClaimReview: one object, a `Claim` with an author and an appearance.
fn textbook() -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example.net/2024/budget",
        "headline": "Did the minister double the budget?",
        "claimReviewed": "The minister doubled the budget.",
        "datePublished": "2024-03-02",
        "author": {"@type": "Organization", "name": "Example Checks", "url": "https://factcheck.example.net/"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Minister Alpha"},
            "datePublished": "2024-03-01",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example.net/interview",
                "headline": "Interview", "publisher": {"@type": "Organization", "name": "Daily News"},
                "datePublished": "2024-03-01"}]
        },
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"}
    })
}

/// An HTML page: an unrelated script, then `@graph` with `@type` and `claimReviewed` as lists,
/// a `CreativeWork` item with the older `url` (relative), entities, a trailing CR, dates without
/// a time zone.
fn html_page() -> String {
    let graph = json!({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "L'affaire"},
        {"@type": ["ClaimReview", "Review"],
         "url": "https://factcheck.example.net/fr/affaire",
         "headline": "L&#39;affaire du &laquo;&nbsp;budget&nbsp;&raquo;",
         "claimReviewed": ["Le ministre a menti &amp; triché\r", "Une autre phrase"],
         "datePublished": "2024-04-06 08:00",
         "author": {"@type": "NewsMediaOrganization", "name": "Example Checks"},
         "itemReviewed": {"@type": "CreativeWork",
             "author": {"@type": "GovernmentOrganization", "name": "Ministère de l’Intérieur"},
             "datePublished": "2024-04-05T09:30:00",
             "url": "/sources/communique"},
         "reviewRating": {"@type": "Rating", "alternateName": "Faux\r"}}
    ]});
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\"><head>\n<script>var ld = \"<script type='application/ld+json'>\";</script>\n<script type=\"application/ld+json\">\n{graph:#}\n</script>\n</head><body>L'affaire</body></html>\n"
    )
}

/// A top-level array: a 1-6 scale without text, an item with only `firstAppearance` (no
/// scheme); a 1-2 scale whose text is unknown, a claimant given as a bare name, a month only.
fn array() -> Value {
    json!([
        {"@type": "ClaimReview", "url": "https://factcheck.example.net/2024/rain",
         "claimReviewed": "It rained frogs in Paris.", "datePublished": "2024-05-10",
         "itemReviewed": {"@type": "Claim", "author": "Senator Beta", "datePublished": "2024-05-09",
             "firstAppearance": {"@type": "CreativeWork", "url": "//video.example.net/v/1"}},
         "reviewRating": {"@type": "Rating", "ratingValue": 6, "bestRating": 6, "worstRating": 1}},
        {"@type": "ClaimReview", "url": "https://factcheck.example.net/2024/pinocchio",
         "claimReviewed": "Taxes fell by half.", "datePublished": "2024-06-02",
         "itemReviewed": {"@type": "Claim", "datePublished": "2024-06"},
         "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": "2", "worstRating": "1",
             "alternateName": "Two Pinocchios"}}
    ])
}

/// A schema.org DataFeed: a DataFeedItem holding a ClaimReview with a slug for a verdict, a URL
/// without a scheme and a rating of -1 (no scale).
fn data_feed() -> Value {
    json!({"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "dateCreated": "2024-07-01", "item": [
            {"@type": "ClaimReview", "url": "www.lupa.example.net/2024/07/ponte",
             "claimReviewed": "A ponte custou o dobro.", "datePublished": "2024-07-01T12:00:00",
             "author": {"@type": "Organization", "name": "Lupa Example"},
             "itemReviewed": {"@type": "Claim", "datePublished": "2024-06-30",
                 "author": {"@type": "Person", "name": "Deputado Delta"}},
             "reviewRating": {"@type": "Rating", "ratingValue": -1, "alternateName": "não_é_bem_assim"}}
        ]}
    ]})
}

/// A Fact Check Tools API `claims:search` response.
fn api_response() -> Value {
    json!({"claims": [
        {"text": "El presidente dijo que el PIB creció un 10 %.", "claimant": "Presidente Gamma",
         "claimDate": "2024-08-01T00:00:00Z",
         "claimReview": [{"publisher": {"name": "Verifica Example", "site": "verifica.example.net"},
             "url": "https://verifica.example.net/pib", "title": "¿Creció el PIB un 10 %?",
             "reviewDate": "2024-08-03T00:00:00Z", "textualRating": "Engañoso", "languageCode": "es"}]}
    ], "nextPageToken": "abc"})
}

/// A CMS's own wrapper around standard ClaimReview objects.
fn custom_wrapper() -> Value {
    let review = |slug: &str, claim: &str, verdict: Option<&str>| {
        let mut review = json!({"@type": "ClaimReview",
            "url": format!("https://factcheck.example.net/2024/{slug}"),
            "claimReviewed": claim, "datePublished": "2024-09-01",
            "itemReviewed": {"@type": "Claim", "datePublished": "2024-08-30"}});
        if let Some(verdict) = verdict {
            review["reviewRating"] = json!({"@type": "Rating", "alternateName": verdict});
        }
        review
    };
    json!({"status": "ok", "data": {"results": [
        review("zh", "疫苗含有芯片。", Some("證據不足")),
        review("photo", "This photo shows the 2024 flood.", Some("False. The photo was taken in 2019.")),
        review("slug", "The bridge is closed.", Some("really_false")),
        review("none", "The school is open.", None),
    ]}})
}

fn write_every_shape(desk: &Desk) {
    desk.input("textbook.json", &textbook().to_string());
    desk.input("pages/affaire.html", &html_page());
    desk.input("array.jsonld", &array().to_string());
    desk.input("feed.json", &data_feed().to_string());
    desk.input("api.json", &api_response().to_string());
    desk.input("custom.json", &custom_wrapper().to_string());
    desk.input("notes.txt", "not read: not a data file");
}

/// (claim, status, draft, claimant) of every review of `write_every_shape`.
const EXPECTED: &[(&str, &str, bool, Option<&str>)] = &[
    (
        "The minister doubled the budget.",
        "false",
        false,
        Some("Minister Alpha"),
    ),
    (
        "Le ministre a menti & triché",
        "false",
        false,
        Some("Ministère de l’Intérieur"),
    ),
    (
        "It rained frogs in Paris.",
        "true",
        false,
        Some("Senator Beta"),
    ),
    ("Taxes fell by half.", "false", false, None),
    (
        "A ponte custou o dobro.",
        "mixed",
        false,
        Some("Deputado Delta"),
    ),
    (
        "El presidente dijo que el PIB creció un 10 %.",
        "misleading",
        false,
        Some("Presidente Gamma"),
    ),
    ("疫苗含有芯片。", "unverified", false, None),
    ("This photo shows the 2024 flood.", "false", false, None),
    ("The bridge is closed.", "unverified", true, None),
    ("The school is open.", "unverified", true, None),
];

#[test]
fn every_messy_shape_becomes_an_entry_that_checks_and_builds() {
    let desk = Desk::new();
    write_every_shape(&desk);
    let run = desk.import_ok(&[&desk.inputs_dir()]);
    assert!(
        run.stdout.contains("Imported: 10 entries"),
        "{}",
        run.stdout
    );
    let entries = desk.entries();
    assert_eq!(entries.len(), EXPECTED.len(), "{entries:#?}");
    for (claim, status, draft, claimant) in EXPECTED {
        let entry = desk.entry(claim);
        assert_eq!(entry.get("status"), *status, "{claim}: {entry:#?}");
        assert_eq!(entry.is_draft(), *draft, "{claim}: {entry:#?}");
        assert_eq!(entry.front["claimant"].as_str(), *claimant, "{claim}");
        assert!(
            entry.path.starts_with("content/claims/2024/"),
            "{}",
            entry.path
        );
    }
    // The original verdict is kept, whatever it mapped to.
    assert_eq!(
        desk.entry("The bridge is closed.").get("summary"),
        "really_false"
    );
    assert_eq!(
        desk.entry("A ponte custou o dobro.").get("summary"),
        "não_é_bem_assim"
    );
    // Text decoded and trimmed; relative and scheme-less URLs made absolute.
    let affaire = desk.entry("Le ministre a menti & triché");
    assert_eq!(affaire.get("title"), "L'affaire du « budget »");
    assert_eq!(
        affaire.front["source"]["url"],
        "https://factcheck.example.net/sources/communique"
    );
    assert_eq!(affaire.get("date"), "2024-04-05");
    assert_eq!(affaire.get("published"), "2024-04-06");
    assert_eq!(
        desk.entry("It rained frogs in Paris.").front["source"]["url"],
        "https://video.example.net/v/1"
    );
    assert_eq!(
        desk.entry("A ponte custou o dobro.").get("original_url"),
        "https://www.lupa.example.net/2024/07/ponte"
    );
    // A month-only claim date stays a month: no day is invented.
    assert_eq!(desk.entry("Taxes fell by half.").get("date"), "2024-06");
    let budget = desk.entry("The minister doubled the budget.");
    assert_eq!(budget.front["source"]["publisher"], "Daily News");
    assert_eq!(budget.front["source"]["date"], "2024-03-01");

    desk.check_clean();
    let built = desk.build_drafts();
    import_support::run_shared_checkers(&built);
    for entry in desk.entries() {
        let review = claim_review(&built, &entry.slug());
        assert_eq!(review["claimReviewed"], entry.get("claim"), "{entry:#?}");
        assert_eq!(review["sameAs"], entry.get("original_url"), "{entry:#?}");
        assert_eq!(review["datePublished"], entry.get("published"));
        let page = built.page(&format!("claims/{}/index.html", entry.slug()));
        assert!(
            page.links_in(".claim-facts")
                .contains(&entry.get("original_url").to_string()),
            "the facts say where it was first published"
        );
        assert!(page.text(".claim-facts").contains("First published at"));
        let links = page.links_in(".prose");
        assert_eq!(
            links,
            [entry.get("original_url")],
            "the body links to the original"
        );
    }
}

#[test]
fn new_claimants_get_a_profile_whose_kind_comes_from_their_type() {
    let desk = Desk::new();
    write_every_shape(&desk);
    desk.import_ok(&[&desk.inputs_dir()]);
    let profile = |slug: &str| {
        let text = std::fs::read_to_string(desk.site.path(&format!("content/actors/{slug}.md")))
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        import_support::split(&text).0
    };
    assert_eq!(profile("minister-alpha")["kind"], "person");
    assert_eq!(profile("ministere-de-l-interieur")["kind"], "state");
    assert_eq!(
        profile("ministere-de-l-interieur")["name"],
        "Ministère de l’Intérieur"
    );
    assert_eq!(profile("senator-beta")["kind"], Value::Null);
    assert_eq!(profile("presidente-gamma")["name"], "Presidente Gamma");
    // The example actor of `digest init` is known: no second profile for her.
    desk.input(
        "jane.json",
        &json!({"@type": "ClaimReview", "url": "https://factcheck.example.net/j",
        "claimReviewed": "Jane said so.", "datePublished": "2024-01-02",
        "itemReviewed": {"author": {"@type": "Person", "name": "J. EXAMPLE"}},
        "reviewRating": {"alternateName": "True"}})
        .to_string(),
    );
    let run = desk.import_ok(&["jane.json"]);
    assert!(
        run.stdout.contains("1 entries, 0 actor profiles"),
        "{}",
        run.stdout
    );
}

#[test]
fn each_format_reads_its_own_layout() {
    let desk = Desk::new();
    let api = desk.input("api.json", &api_response().to_string());
    let feed = desk.input("feed.json", &data_feed().to_string());
    let page = desk.input("page.html", &html_page());
    for (format, input) in [
        ("factcheck-api", &api),
        ("datafeed", &feed),
        ("jsonld", &page),
    ] {
        let run = desk.import(&["--dry-run", "--format", format, input]);
        assert_eq!(run.code, 0, "{run:#?}");
        assert!(
            run.stdout.contains("Dry run: 1 entries"),
            "{format}: {}",
            run.stdout
        );
    }
    // The wrong layout finds nothing, and says so.
    let run = desk.import(&["--dry-run", "--format", "jsonld", &api]);
    assert!(run.stdout.contains("Dry run: 0 entries"), "{}", run.stdout);
    assert!(
        run.stderr.contains("no ClaimReview found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--format auto"), "{}", run.stderr);
}

#[test]
fn the_same_review_in_two_formats_is_imported_once() {
    let desk = Desk::new();
    // The publisher's page and the API's record of the same review: the URL differs by its
    // scheme, `www.` and a trailing slash, the claim by case and punctuation.
    desk.input("a-page.html", &format!(
        "<html><script type=\"application/ld+json\">{}</script></html>",
        json!({"@type": "ClaimReview", "url": "https://www.verifica.example.net/pib/",
            "claimReviewed": "El presidente dijo que el PIB creció un 10 %", "datePublished": "2024-08-03",
            "itemReviewed": {"@type": "Claim", "datePublished": "2024-08-01"},
            "reviewRating": {"alternateName": "Engañoso"}})
    ));
    desk.input("b-api.json", &api_response().to_string());
    let run = desk.import_ok(&[&desk.inputs_dir()]);
    assert_eq!(desk.entries().len(), 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the same review appears earlier in this import"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 skipped"), "{}", run.stdout);
}

#[test]
fn importing_the_same_data_again_creates_nothing() {
    let desk = Desk::new();
    write_every_shape(&desk);
    desk.import_ok(&[&desk.inputs_dir()]);
    let before = common::snapshot(desk.site.root());
    let run = desk.import_ok(&[&desk.inputs_dir()]);
    assert_eq!(
        common::snapshot(desk.site.root()),
        before,
        "the site changed"
    );
    assert!(
        run.stdout
            .contains("Imported: 0 entries, 0 actor profiles; 10 skipped"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("already in the site"), "{}", run.stdout);
    // Even once the drafts are reviewed and published under another slug and status.
    let draft = desk.entry("The bridge is closed.");
    let edited = std::fs::read_to_string(desk.site.path(&draft.path))
        .unwrap()
        .replace("draft: true\n", "")
        .replace("status: \"unverified\"", "status: \"false\"");
    desk.site.remove(&draft.path);
    desk.site.write("content/claims/2024/bridge.md", &edited);
    let run = desk.import_ok(&[&desk.inputs_dir()]);
    assert!(run.stdout.contains("Imported: 0 entries"), "{}", run.stdout);
}

#[test]
fn a_taken_slug_gets_a_suffix_and_no_file_is_overwritten() {
    let desk = Desk::new();
    let mine = "---\ntitle: \"Did the minister double the budget?\"\nclaim: \"Our own check.\"\ndate: 2024-03-01\nstatus: \"false\"\nsource: { publisher: \"Us\" }\n---\nOurs.\n";
    desk.site.write(
        "content/claims/2024/did-the-minister-double-the-budget.md",
        mine,
    );
    desk.input("textbook.json", &textbook().to_string());
    desk.import_ok(&["textbook.json"]);
    let entry = desk.entry("The minister doubled the budget.");
    assert_eq!(
        entry.path,
        "content/claims/2024/did-the-minister-double-the-budget-2.md"
    );
    let kept = std::fs::read_to_string(
        desk.site
            .path("content/claims/2024/did-the-minister-double-the-budget.md"),
    )
    .unwrap();
    assert_eq!(kept, mine);
    desk.check_clean();
    // A file whose own slug differs still holds its name.
    desk.site.write(
        "content/claims/2024/it-rained-frogs-in-paris.md",
        &mine
            .replace("title:", "slug: \"frogs\"\ntitle:")
            .replace("Our own check.", "Frogs."),
    );
    desk.input("array.json", &array().to_string());
    let run = desk.import_ok(&["array.json"]);
    assert!(!run.stderr.contains("already there"), "{}", run.stderr);
    assert_eq!(
        desk.entry("It rained frogs in Paris.").path,
        "content/claims/2024/it-rained-frogs-in-paris-2.md"
    );
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let desk = Desk::new();
    write_every_shape(&desk);
    let before = common::snapshot(desk.site.root());
    let run = desk.import_ok(&["--dry-run", &desk.inputs_dir()]);
    assert_eq!(common::snapshot(desk.site.root()), before);
    assert!(run.stdout.contains("Dry run: 10 entries"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("would write content/claims/2024/did-the-minister-double-the-budget.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("would write content/actors/minister-alpha.md")
    );
    // The drafts to map are reported with the verdict and how to map it.
    assert!(
        run.stderr.contains("\"really_false\" matches no rating"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("[import] verdicts"), "{}", run.stderr);
}

#[test]
fn publisher_keeps_one_desks_reviews_by_name_or_domain() {
    let desk = Desk::new();
    write_every_shape(&desk);
    let run = desk.import_ok(&[
        "--dry-run",
        "--publisher",
        "verifica.example.net",
        &desk.inputs_dir(),
    ]);
    assert!(run.stdout.contains("Dry run: 1 entries"), "{}", run.stdout);
    assert!(run.stdout.contains("9 filtered out"), "{}", run.stdout);
    // By name, in any case and accents; the site's own reviews by their URLs' domain.
    desk.import_ok(&["--publisher", "LUPA example", &desk.inputs_dir()]);
    assert_eq!(desk.entries().len(), 1);
    assert_eq!(desk.entries()[0].get("claim"), "A ponte custou o dobro.");
    let run = desk.import_ok(&[
        "--dry-run",
        "--publisher",
        "https://factcheck.example.net/",
        &desk.inputs_dir(),
    ]);
    assert!(run.stdout.contains("Dry run: 8 entries"), "{}", run.stdout);
}

#[test]
fn the_sites_import_table_maps_verdicts_before_the_built_in_one() {
    let desk = Desk::new();
    desk.append_config(
        "[import]\nverdicts = { \"Really false\" = \"false\", \"Engañoso\" = \"mostly-false\" }",
    );
    desk.input("custom.json", &custom_wrapper().to_string());
    desk.input("api.json", &api_response().to_string());
    desk.import_ok(&[&desk.inputs_dir()]);
    let bridge = desk.entry("The bridge is closed.");
    assert_eq!((bridge.get("status"), bridge.is_draft()), ("false", false));
    assert_eq!(
        desk.entry("El presidente dijo que el PIB creció un 10 %.")
            .get("status"),
        "mostly-false"
    );
}

#[test]
fn an_import_table_naming_an_unknown_key_is_refused_by_import_and_check() {
    let desk = Desk::new();
    desk.append_config("[import.verdicts]\n\"Pants on fire\" = \"pants-on-fire\"");
    desk.input("custom.json", &custom_wrapper().to_string());
    let run = desk.import(&["custom.json"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("\"pants-on-fire\", which is not a rating key"),
        "{}",
        run.stderr
    );
    assert!(desk.entries().is_empty());
    let (_, report) = desk.site.check_json(&[]);
    let codes = common::diagnostics(&report).codes();
    assert!(
        codes.contains(&"config-import-verdict".to_string()),
        "{report:#}"
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let desk = Desk::new();
    let root = desk.site.root().to_str().unwrap().to_string();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["import", "--root", &root, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run digest");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(textbook().to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(desk.entries().len(), 1);
    desk.check_clean();
}
