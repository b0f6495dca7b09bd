//! Lists of claims: the timeline's chart (an SVG image with a data table as its text
//! alternative), the filter's data attributes, and the related claims of a claim page
//! (shared actors before shared tags, never itself).

mod common;

use common::claims::{ClaimSpec, actor_profile, claim_slug, entry};
use common::{Site, assert_svg_image, site_toml};
use std::collections::BTreeMap;

#[test]
fn the_timeline_chart_has_a_text_alternative_matching_the_claims() {
    // June 2024: 3 claims (2 false, 1 mixed); August 2024: 1 (true); January 2025: 2 (unverified,
    // false). July and the autumn months have none.
    let claims: &[ClaimSpec] = &[
        ("j1", "2024-06-03", "false", &["Alpha"], &[]),
        ("j2", "2024-06-15", "false", &["Beta"], &["Alpha"]),
        ("j3", "2024-06-30", "mixed", &[], &["Beta"]),
        ("a1", "2024-08-01", "true", &["Alpha", "Beta"], &[]),
        ("n1", "2025-01-10", "unverified", &[], &[]),
        ("n2", "2025-01-11", "false", &["Beta"], &[]),
    ];
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml("fr")),
        ("content/actors/alpha.md".into(), actor_profile("Alpha")),
        ("content/actors/beta.md".into(), actor_profile("Beta")),
    ];
    for (slug, date, status, claimant, about) in claims {
        let mut e = entry(slug, date, status);
        e.claimant = claimant;
        e.about = about;
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    let site = Site::from_files(&files);
    let out = site.build(&[]);
    let page = out.page("timeline/index.html");

    let svg = page.one("svg.chart");
    assert_svg_image(svg, "timeline chart");
    // The data table (in <details>): one row per month with claims, newest first.
    let header: Vec<String> = page.texts("details table thead th");
    assert_eq!(
        header,
        ["Mois", "True", "Mixed", "False", "Unverified", "Total"],
        "a column per rating of the scale"
    );
    let th = common::selector("th");
    let td = common::selector("td");
    let rows: Vec<(String, Vec<usize>)> = page
        .select("details table tbody tr")
        .into_iter()
        .map(|tr| {
            let label = common::text(tr.select(&th).next().expect("a month"));
            let cells: Vec<usize> = tr
                .select(&td)
                .map(|c| common::text(c).parse().expect("a count"))
                .collect();
            (label, cells)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("janvier 2025".to_string(), vec![0, 0, 1, 1, 2]),
            ("août 2024".to_string(), vec![1, 0, 0, 0, 1]),
            ("juin 2024".to_string(), vec![0, 1, 2, 0, 3]),
        ]
    );
    // Under the month labels, the year where one starts: the first month's and January's.
    let label_rows = page.select(".chart-frame ol.chart__labels");
    assert_eq!(label_rows.len(), 2, "months, then years");
    let li = common::selector("li");
    let labelled = |row: usize| -> Vec<(usize, String)> {
        label_rows[row]
            .select(&li)
            .map(common::text)
            .enumerate()
            .filter(|(_, label)| !label.is_empty())
            .collect()
    };
    assert_eq!(labelled(0)[0], (0, "juin".to_string()));
    assert_eq!(labelled(0)[7], (7, "janv.".to_string()));
    assert_eq!(
        labelled(1),
        [(0, "2024".to_string()), (7, "2025".to_string())]
    );
    // Stacked segments: one per (month, rating) present, each with its rating's class.
    let keys: Vec<String> = svg
        .select(&common::selector("rect.chart__seg"))
        .map(|r| {
            let classes: Vec<&str> = r
                .value()
                .classes()
                .filter(|c| c.starts_with("r-"))
                .collect();
            assert_eq!(classes.len(), 1, "{}", r.html());
            classes[0].trim_start_matches("r-").to_string()
        })
        .collect();
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    for k in &keys {
        *counted.entry(k.as_str()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> =
        [("false", 2), ("mixed", 1), ("true", 1), ("unverified", 1)]
            .into_iter()
            .collect();
    assert_eq!(counted, expected, "{keys:?}");

    // The filter form is hidden until the script reveals it, and lists the scale.
    let form = page.one("form.filters");
    assert!(form.value().attr("hidden").is_some(), "{}", form.html());
    let options: Vec<String> = page
        .select("#filter-rating option")
        .iter()
        .filter_map(|o| o.value().attr("value"))
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(options, ["true", "mixed", "false", "unverified"]);
    // Every claim of the list carries its rating key and its actors' slugs.
    let link = common::selector(".claim-item__title a");
    let mut seen = BTreeMap::new();
    for li in page.select("#timeline-list li") {
        let href = li
            .select(&link)
            .next()
            .and_then(|a| a.value().attr("href"))
            .expect("a claim link");
        let slug = claim_slug(href);
        let rating = li.value().attr("data-rating").expect("data-rating");
        let actors = li.value().attr("data-actors").expect("data-actors");
        seen.insert(slug, (rating.to_string(), actors.to_string()));
    }
    let expected: BTreeMap<String, (String, String)> = claims
        .iter()
        .map(|(slug, _, status, claimant, about)| {
            let mut actors: Vec<String> = claimant.iter().map(|a| a.to_lowercase()).collect();
            for a in *about {
                let a = a.to_lowercase();
                if !actors.contains(&a) {
                    actors.push(a);
                }
            }
            (slug.to_string(), (status.to_string(), actors.join(" ")))
        })
        .collect();
    assert_eq!(seen, expected);
}

// ---------------------------------------------------------------------------------------------
// Related claims

#[test]
fn related_claims_prefer_shared_actors_over_shared_tags_and_never_self() {
    let mut x = entry("X", "2024-06-10", "false");
    x.claimant = &["Paul"];
    x.tags = &["Topic T"];
    let mut b = entry("B", "2024-03-01", "mixed");
    b.claimant = &["Paul"];
    b.tags = &["Other"];
    // C is nearer in time than B but only shares a tag.
    let mut c = entry("C", "2024-06-11", "true");
    c.claimant = &["Quinn"];
    c.tags = &["Topic T"];
    let mut d = entry("D", "2024-06-09", "true");
    d.claimant = &["Rosa"];
    d.tags = &["Unrelated"];
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/x.md", &x.text()),
        ("content/claims/b.md", &b.text()),
        ("content/claims/c.md", &c.text()),
        ("content/claims/d.md", &d.text()),
    ]);
    let out = site.build(&[]);
    let related = |slug: &str| -> Vec<String> {
        out.page(&format!("claims/{slug}/index.html"))
            .links_in(".related .claim-item__title")
            .iter()
            .map(|h| claim_slug(h))
            .collect()
    };
    assert_eq!(related("x"), ["b", "c"]);
    assert_eq!(related("b"), ["x"]);
    assert_eq!(related("c"), ["x"]);
    let d_page = out.page("claims/d/index.html");
    assert_eq!(d_page.count(".related"), 0, "nothing in common, no section");
    for slug in ["x", "b", "c", "d"] {
        assert!(
            !related(slug).contains(&slug.to_string()),
            "{slug} lists itself"
        );
    }
}
