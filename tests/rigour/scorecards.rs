//! Scorecards count on-scale verdicts only (off-scale ones are listed apart, and the minimum
//! applies to on-scale claims); the monthly chart reads right with one month or one year of
//! data and its axis labels are HTML text, which keeps its size on a phone.

use crate::common::{Built, Site, claim_entry, site_toml};

/// An actor with `on` claims rated `false` and `off` claims `unverified` (off the scale), one a
/// month from January 2024; a scorecard from 2 rated claims.
fn actor_site(language: &str, on: usize, off: usize) -> (Site, Built) {
    let mut files = vec![(
        "site.toml".to_string(),
        site_toml(language) + "\n[scorecard]\nmin_claims = 2\n",
    )];
    for i in 0..on + off {
        let status = if i < on { "false" } else { "unverified" };
        let date = format!("2024-{:02}-10", i % 12 + 1);
        files.push((
            format!("content/claims/c{i}.md"),
            claim_entry(
                &format!("Claim {i}"),
                &date,
                status,
                "claimant: \"Jane Doe\"\n",
                "Body.",
            ),
        ));
    }
    let site = Site::from_files(&files);
    let built = site.build(&[]);
    (site, built)
}

#[test]
fn off_scale_verdicts_are_listed_apart_and_never_rated() {
    for language in ["fr", "en"] {
        // Only off-scale verdicts: no scorecard (was "100 % Unverified"), the list apart.
        let (_site, built) = actor_site(language, 0, 3);
        let page = built.page("actors/jane-doe/index.html");
        assert_eq!(page.count(".scorecard-block"), 0, "{language}");
        assert_eq!(page.count(".scorecard-note"), 1, "the threshold note");
        let apart = page.one(".off-scale");
        assert_eq!(
            crate::common::text(apart).matches("Unverified").count(),
            1,
            "{}",
            apart.html()
        );
        assert!(crate::common::text(apart).contains("Unverified 3"));
        let index = built.page("actors/index.html");
        assert_eq!(index.count(".actors-table__card svg"), 0, "{language}");

        // Two rated, three off-scale: the card counts the two, at 100 % False.
        let (_site, built) = actor_site(language, 2, 3);
        let page = built.page("actors/jane-doe/index.html");
        assert_eq!(page.texts(".scorecard-table tbody th"), ["False"]);
        let cells = page.texts(".scorecard-table tbody td");
        assert_eq!(cells[0], "2", "{cells:?}");
        assert!(cells[1].starts_with("100"), "{cells:?}");
        assert!(crate::common::text(page.one(".off-scale")).contains("Unverified 3"));
        let svg_title = page.text(".scorecard-block svg title");
        assert!(!svg_title.contains("Unverified"), "{svg_title}");
    }
}

#[test]
fn the_minimum_counts_on_scale_claims_only() {
    // One rated claim and four off-scale ones: five claims, but one rated, under the two needed.
    let (_site, built) = actor_site("en", 1, 4);
    let page = built.page("actors/jane-doe/index.html");
    assert_eq!(page.count(".scorecard-block"), 0);
    assert!(page.text(".scorecard-note").contains("2 rated claims"));
}

/// The bars' centres (from the SVG) and the axis labels (from the HTML list under it), as
/// fractions of the chart's width.
fn bars_and_labels(built: &Built) -> (Vec<f64>, Vec<String>, usize) {
    let page = built.page("actors/jane-doe/index.html");
    let svg = page.one(".chart-block svg.chart");
    let width: f64 = svg
        .value()
        .attr("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let seg = crate::common::selector("rect.chart__seg");
    let rects = svg.select(&seg);
    let mut centres: Vec<f64> = rects
        .map(|r| {
            let x: f64 = r.value().attr("x").unwrap().parse().unwrap();
            let w: f64 = r.value().attr("width").unwrap().parse().unwrap();
            (x + w / 2.0) / width
        })
        .collect();
    centres.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    // The month labels, not the row of years under them (`chart__labels--year-row`).
    let labels: Vec<String> = page.texts(".chart__labels:not(.chart__labels--year-row) li");
    assert_eq!(
        svg.select(&crate::common::selector("text")).count(),
        0,
        "no SVG text to shrink"
    );
    (centres, labels, page.count(".chart__max"))
}

#[test]
fn one_month_of_data_has_its_bar_above_its_label() {
    for (language, june) in [("fr", "janv."), ("en", "Jan")] {
        let (_site, built) = actor_site(language, 1, 0);
        let (centres, labels, max) = bars_and_labels(&built);
        assert_eq!(centres.len(), 1);
        assert_eq!(max, 1);
        // Label i sits under slot i of as many equal columns as there are labels.
        let slot = (centres[0] * labels.len() as f64).floor() as usize;
        assert_eq!(labels[slot], june, "{language}: {labels:?}");
        assert!(
            centres[0] < 0.1,
            "the bar starts the chart, not its middle: {centres:?}"
        );
        assert!(
            labels.iter().filter(|l| !l.is_empty()).count() == 1,
            "{labels:?}"
        );
    }
}

#[test]
fn one_year_of_data_labels_each_bar() {
    let (_site, built) = actor_site("en", 12, 0);
    let (centres, labels, _) = bars_and_labels(&built);
    assert_eq!(centres.len(), 12);
    assert_eq!(labels.len(), 12);
    for (i, centre) in centres.iter().enumerate() {
        assert_eq!((centre * 12.0).floor() as usize, i);
    }
    assert_eq!(labels[0], "Jan");
    assert_eq!(labels[11], "Dec");
}

#[test]
fn axis_labels_keep_a_legible_size() {
    let (_site, built) = actor_site("en", 1, 0);
    let css = built.read("assets/site.css");
    let rule = css
        .lines()
        .find(|l| l.starts_with(".chart__labels {"))
        .expect("a rule for the axis labels");
    // Sized in rem (12 px at the default size), whatever the SVG's scale.
    assert!(rule.contains(".75rem"), "{rule}");
}
