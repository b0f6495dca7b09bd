//! Claim dates as precise as written (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) and approximate dates
//! (`date_approximate: true`), in French and English sites: the claim page's kicker and
//! `<time datetime>`, list items, timeline groups (a year-only claim in "2024 (mois inconnu)",
//! never in January), the monthly chart's note, ClaimReview's `itemReviewed.datePublished`,
//! `claims.json`, `claims.csv`, search records; and refused dates, located.

mod common;

use common::claims::review;
use common::{Built, Site, claim_entry, collapse, diagnostics, site_toml, text};

/// Four claims of 2024, newest first: about 26 June (approximate), June (month only), 15 January,
/// and 2024 (year only), with a claimant on the month-only one.
fn dated_site(language: &str) -> Site {
    let claim =
        |title: &str, date: &str, extra: &str| claim_entry(title, date, "mixed", extra, "Body.");
    Site::new(&[
        ("site.toml", &site_toml(language)),
        (
            "content/claims/about-a-day.md",
            &claim(
                "About a day",
                "2024-06-26",
                "date_approximate: true\npublished: 2024-06-28\n",
            ),
        ),
        (
            "content/claims/a-month.md",
            &claim(
                "A month",
                "2024-06",
                "published: 2024-06-30\nclaimant: \"Jane Doe\"\n",
            ),
        ),
        ("content/claims/a-day.md", &claim("A day", "2024-01-15", "")),
        (
            "content/claims/a-year.md",
            &claim("A year", "2024", "published: 2024-07-01\n"),
        ),
    ])
}

/// The `<time>` of a claim page's kicker: (datetime, text).
fn kicker(out: &Built, slug: &str) -> (String, String) {
    let page = out.page(&format!("claims/{slug}/index.html"));
    let time = page.one("p.kicker time");
    (
        time.value()
            .attr("datetime")
            .unwrap_or_default()
            .to_string(),
        collapse(&text(time)),
    )
}

/// The timeline's month groups: (heading without its count, the slugs of its claims).
fn timeline_groups(out: &Built) -> Vec<(String, Vec<String>)> {
    let page = out.page("timeline/index.html");
    page.select("section.tl-month")
        .into_iter()
        .map(|month| {
            let heading = month
                .select(&common::selector(".tl-month__title"))
                .next()
                .expect("a month heading");
            let count = heading
                .select(&common::selector(".tl-count"))
                .next()
                .map(text)
                .unwrap_or_default();
            let label = collapse(&text(heading));
            let label = label.trim_end_matches(count.as_str()).trim().to_string();
            let slugs = month
                .select(&common::selector(".claim-item__title a"))
                .map(|a| common::claims::claim_slug(a.value().attr("href").unwrap_or_default()))
                .collect();
            (label, slugs)
        })
        .collect()
}

fn expect_dates_shown(language: &str, shown: [&str; 4], groups: [&str; 3], note: &str) {
    let site = dated_site(language);
    let out = site.build(&[]);
    let slugs = ["about-a-day", "a-month", "a-day", "a-year"];
    let isos = ["2024-06-26", "2024-06", "2024-01-15", "2024"];
    for ((slug, iso), shown) in slugs.iter().zip(isos).zip(shown) {
        assert_eq!(
            kicker(&out, slug),
            (iso.to_string(), shown.to_string()),
            "{language} {slug}"
        );
        let (_, r) = review(&out, slug);
        assert_eq!(r["itemReviewed"]["datePublished"], iso, "{language} {slug}");
    }

    // The timeline: June holds the approximate day and the month; the year-only claim is in a
    // group of its own, after January.
    let expected: Vec<(String, Vec<String>)> = vec![
        (
            groups[0].into(),
            vec!["about-a-day".into(), "a-month".into()],
        ),
        (groups[1].into(), vec!["a-day".into()]),
        (groups[2].into(), vec!["a-year".into()]),
    ];
    assert_eq!(timeline_groups(&out), expected, "{language}");

    // List items show the date as the claim page does.
    let page = out.page("timeline/index.html");
    let items: Vec<(String, String)> = page
        .select(".claim-item__meta time")
        .into_iter()
        .map(|t| {
            (
                t.value().attr("datetime").unwrap().to_string(),
                collapse(&text(t)),
            )
        })
        .collect();
    let expected_items: Vec<(String, String)> = isos
        .iter()
        .zip(shown)
        .map(|(i, s)| (i.to_string(), s.to_string()))
        .collect();
    assert_eq!(items, expected_items, "{language}");

    // The monthly chart counts three claims and says it left the year-only one out.
    assert_eq!(
        collapse(&page.text(".chart-block__note")),
        note,
        "{language}"
    );
    let rows: usize = page
        .select(".chart-block__data tbody tr td:last-child")
        .into_iter()
        .map(|td| text(td).trim().parse::<usize>().expect("a total"))
        .sum();
    assert_eq!(
        rows, 3,
        "{language}: the chart's table counts the claims with a month"
    );

    // The actor page lists the month-only claim with its month.
    let actor = out.page("actors/jane-doe/index.html");
    let time = actor.one(".claim-item__meta time");
    assert_eq!(time.value().attr("datetime"), Some("2024-06"));
    assert_eq!(collapse(&text(time)), shown[1]);

    // Search records: the date at its precision, and as the pages show it.
    let records = out.search_records();
    for (iso, shown) in isos.iter().zip(shown) {
        let record = records
            .iter()
            .find(|r| r[3] == *iso)
            .unwrap_or_else(|| panic!("a record dated {iso}: {records:?}"));
        assert_eq!(record[7], shown, "{language} {iso}");
    }
    open_data(&out);
}

/// `claims.json` and `claims.csv`: the date as written, its precision, whether approximate.
fn open_data(out: &Built) {
    let expected = [
        ("about-a-day", "2024-06-26", "day", true),
        ("a-month", "2024-06", "month", false),
        ("a-day", "2024-01-15", "day", false),
        ("a-year", "2024", "year", false),
    ];
    let json = out.json("claims.json");
    let from_json: Vec<(String, String, String, bool)> = json["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["slug"].as_str().unwrap().to_string(),
                c["date"].as_str().unwrap().to_string(),
                c["date_precision"].as_str().unwrap().to_string(),
                c["date_approximate"].as_bool().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, String, bool)> = expected
        .iter()
        .map(|(s, d, p, a)| (s.to_string(), d.to_string(), p.to_string(), *a))
        .collect();
    assert_eq!(from_json, want);

    let csv = out.read("claims.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let from_csv: Vec<(String, String, String, bool)> = reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            (
                r[col("slug")].to_string(),
                r[col("date")].to_string(),
                r[col("date_precision")].to_string(),
                r[col("date_approximate")].parse().expect("true or false"),
            )
        })
        .collect();
    assert_eq!(from_csv, want);
}

#[test]
fn french_dates_are_as_precise_as_written() {
    expect_dates_shown(
        "fr",
        [
            "vers le 26 juin 2024",
            "juin 2024",
            "15 janvier 2024",
            "2024",
        ],
        ["juin 2024", "janvier 2024", "2024 (mois inconnu)"],
        "1 affirmation datée de l’année seulement n’est pas comptée dans ce graphique.",
    );
}

#[test]
fn english_dates_are_as_precise_as_written() {
    expect_dates_shown(
        "en",
        [
            "around June 26, 2024",
            "June 2024",
            "January 15, 2024",
            "2024",
        ],
        ["June 2024", "January 2024", "2024 (month unknown)"],
        "1 claim dated by its year only is not counted in this chart.",
    );
}

#[test]
fn approximate_months_and_years_read_as_estimates() {
    let site = Site::new(&[
        ("site.toml", &site_toml("fr")),
        (
            "content/claims/month.md",
            &claim_entry(
                "Month",
                "\"2024-06\"",
                "true",
                "date_approximate: true\npublished: 2024-07-01\n",
                "B.",
            ),
        ),
        (
            "content/claims/year.md",
            &claim_entry(
                "Year",
                "2023",
                "true",
                "date_approximate: true\npublished: 2024-07-01\n",
                "B.",
            ),
        ),
    ]);
    let out = site.build(&[]);
    assert_eq!(
        kicker(&out, "month"),
        ("2024-06".into(), "vers juin 2024".into())
    );
    assert_eq!(kicker(&out, "year"), ("2023".into(), "vers 2023".into()));
    // Every claim dated by its year: no monthly chart to draw.
    let timeline = out.page("timeline/index.html");
    assert_eq!(timeline.count(".chart-block"), 1, "June 2024 is charted");
    assert_eq!(
        collapse(&timeline.text(".chart-block__note")),
        "1 affirmation datée de l’année seulement n’est pas comptée dans ce graphique."
    );
}

#[test]
fn the_claimreview_checker_accepts_reduced_precision_claim_dates_only() {
    use common::tools::is_honest_omission;
    let line = |value: &str, key: &str| {
        format!(
            "    - ClaimReview (JSON-LD at line 3) {key}: '{value}' is not an ISO 8601 date \
             (YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm])"
        )
    };
    for ok in ["2024", "2024-06"] {
        assert!(
            is_honest_omission(&line(ok, "itemReviewed.datePublished")),
            "{ok}"
        );
    }
    for bad in [
        "2024-6",
        "24-06",
        "2024-06-3",
        "2024-13x",
        "juin 2024",
        "20245",
    ] {
        assert!(
            !is_honest_omission(&line(bad, "itemReviewed.datePublished")),
            "{bad}"
        );
    }
    assert!(!is_honest_omission(&line("2024-06", "datePublished")));
    assert!(!is_honest_omission(&line(
        "2024-06",
        "itemReviewed.firstAppearance.datePublished"
    )));

    // And the real checker on a real site, when it is there.
    let site = dated_site("en");
    let out = site.build(&[]);
    if let Some(tool) = common::shared_tool("check_claimreview.py") {
        common::run_claimreview_checker(&tool, &[out.dir.as_os_str()]);
    }
}

#[test]
fn refused_dates_name_file_line_and_column() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/month-13.md",
            &claim_entry("Bad month", "2024-13", "true", "", "B."),
        ),
        (
            "content/claims/short-year.md",
            &claim_entry("Short year", "24-06", "true", "", "B."),
        ),
        (
            "content/claims/not-a-flag.md",
            &claim_entry(
                "Not a flag",
                "2024-06",
                "true",
                "date_approximate: maybe\n",
                "B.",
            ),
        ),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{report:#}");
    let errors = diagnostics(&report).code("invalid-date").errors();
    let found: Vec<(String, u64, u64, String)> = errors
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["hint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // `claim_entry` writes `date:` on line 4 (after `---`, title and claim); its value at column 7.
    assert_eq!(
        found,
        [
            (
                "content/claims/month-13.md".to_string(),
                4,
                7,
                "the month must be from 01 to 12".to_string()
            ),
            (
                "content/claims/short-year.md".to_string(),
                4,
                7,
                "the year must have four digits, from 1000 to 9999".to_string()
            ),
        ]
    );
    for e in errors.iter() {
        let expected = e["expected"].as_str().unwrap_or_default();
        assert!(expected.contains("YYYY-MM"), "{e:#}");
    }
    // `date_approximate` takes true or false: a YAML error at its line.
    let flag = diagnostics(&report)
        .file("content/claims/not-a-flag.md")
        .errors();
    assert_eq!(flag.len(), 1, "{report:#}");
    assert_eq!(flag[0]["line"], 10, "{:#}", flag[0]);
}

#[test]
fn a_day_less_date_without_published_warns() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/month.md",
            &claim_entry("Month", "2024-06", "true", "", "B."),
        ),
    ]);
    let (_, report) = site.check_json(&[]);
    let warned = diagnostics(&report).code("published-missing").warnings();
    assert_eq!(warned.len(), 1, "{report:#}");
    assert_eq!(warned[0]["line"], 4);
    let message = warned[0]["message"].as_str().unwrap();
    assert!(message.contains("2024-06-01"), "{message}");
}
