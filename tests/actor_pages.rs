//! What an actor's page holds: a scorecard of the verdicts on the claims the actor made (above
//! a threshold, set in `site.toml`, 5 by default), shown also on the actors index; and an Atom
//! feed of the actor's own claims, made or about them.

mod common;

use common::claims::{ATOM_NS, BASE, BASE_PATH, actor_profile, claim_slug, entry};
use common::{Page, Site, XmlElement, assert_svg_image, site_toml, xml_records};
use std::collections::{BTreeMap, BTreeSet};

/// Alpha made 4 claims (2 false, 1 true, 1 unverified) and is the subject of one more; Beta made
/// 2; Delta made 5 (all mixed).
fn scorecard_site(site_toml_text: &str) -> Site {
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml_text.to_string()),
        ("content/actors/alpha.md".into(), actor_profile("Alpha")),
        ("content/actors/beta.md".into(), actor_profile("Beta")),
        ("content/actors/delta.md".into(), actor_profile("Delta")),
    ];
    let alpha = [
        ("a1", "2024-06-01", "false"),
        ("a2", "2024-06-02", "false"),
        ("a3", "2024-06-03", "true"),
        ("a4", "2024-06-04", "unverified"),
    ];
    for (slug, date, status) in alpha {
        let mut e = entry(slug, date, status);
        e.claimant = &["Alpha"];
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    for (slug, date, status) in [("b1", "2024-06-05", "mixed"), ("b2", "2024-06-06", "true")] {
        let mut e = entry(slug, date, status);
        e.claimant = &["Beta"];
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    // A claim about Alpha, made by an actor without a profile: not in Alpha's scorecard.
    let mut about = entry("about-alpha", "2024-06-07", "false");
    about.claimant = &["Gamma"];
    about.about = &["Alpha"];
    files.push(("content/claims/about-alpha.md".into(), about.text()));
    for i in 1..=5 {
        let slug = format!("d{i}");
        let date = format!("2024-05-{i:02}");
        let mut e = entry(&slug, &date, "mixed");
        e.claimant = &["Delta"];
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    Site::from_files(&files)
}

/// (label, count, percent) of each row of a scorecard table.
fn scorecard_rows(page: &Page) -> Vec<(String, usize, usize)> {
    let th = common::selector("th");
    let td = common::selector("td");
    page.select(".scorecard-block table.scorecard-table tbody tr")
        .into_iter()
        .map(|row| {
            let label = common::text(row.select(&th).next().expect("a label"));
            let cells: Vec<String> = row.select(&td).map(common::text).collect();
            assert_eq!(cells.len(), 2, "count and share: {cells:?}");
            let number = |s: &str| -> usize {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                digits.parse().unwrap_or_else(|_| panic!("a number: {s:?}"))
            };
            assert!(cells[1].ends_with('%'), "a percentage: {:?}", cells[1]);
            (label, number(&cells[0]), number(&cells[1]))
        })
        .collect()
}

#[test]
fn an_actor_over_the_threshold_gets_a_scorecard() {
    let toml = format!("{}\n[scorecard]\nmin_claims = 3\n", site_toml("en"));
    let site = scorecard_site(&toml);
    let out = site.build(&[]);

    let alpha = out.page("actors/alpha/index.html");
    assert_eq!(
        scorecard_rows(&alpha),
        [("True".to_string(), 1, 33), ("False".to_string(), 2, 67)],
        "scale order; only claims made count (not the claim about Alpha), and only on-scale \
         verdicts (issue 15: Unverified is listed apart)"
    );
    assert!(alpha.text(".off-scale").contains("Unverified 1"));
    // The month chart counts what the scorecard counts: the 4 claims Alpha made, not the one
    // about Alpha (a verdict on someone else's claim is not Alpha's).
    let charted: Vec<String> = alpha.texts(".chart-block__data tbody td.num:last-child");
    assert_eq!(charted, ["4"], "June 2024 only");
    let svg = alpha.one(".scorecard-block svg");
    let title = assert_svg_image(svg, "Alpha's scorecard");
    assert!(title.contains("Alpha"), "{title}");
    for part in ["True 1", "False 2"] {
        assert!(title.contains(part), "{title} lacks {part}");
    }
    assert!(!title.contains("Unverified"), "{title}");
    // One segment per rating present, widths in proportion.
    let segments: Vec<(String, f64)> = svg
        .select(&common::selector("rect.chart__seg"))
        .map(|r| {
            let key = r
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("r-"))
                .expect("an r-<key> class")
                .to_string();
            let width: f64 = r.value().attr("width").unwrap().parse().unwrap();
            (key, width)
        })
        .collect();
    let keys: Vec<&str> = segments.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["true", "false"]);
    let widths: Vec<f64> = segments.iter().map(|(_, w)| *w).collect();
    assert!(
        (widths[0] - 33.33).abs() < 0.1 && (widths[1] - 66.67).abs() < 0.1,
        "{widths:?}"
    );

    // The actors index shows Alpha's scorecard in its row, and none for Beta.
    let index = out.page("actors/index.html");
    let row_of = |name: &str| {
        index
            .select("table.actors-table tbody tr")
            .into_iter()
            .find(|tr| {
                tr.select(&common::selector("th a"))
                    .next()
                    .is_some_and(|a| common::text(a) == name)
            })
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let alpha_row = row_of("Alpha");
    let card = alpha_row
        .select(&common::selector("td svg.scorecard"))
        .next()
        .expect("a scorecard in Alpha's row");
    assert_svg_image(card, "Alpha's row");
    assert_eq!(
        row_of("Beta")
            .select(&common::selector("svg.scorecard"))
            .count(),
        0
    );
    // SVG title ids are unique on the index page.
    let ids: Vec<String> = index
        .select("svg title[id]")
        .iter()
        .map(|t| t.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        ids.len(),
        ids.iter().collect::<BTreeSet<_>>().len(),
        "{ids:?}"
    );

    // Beta (2 claims made): no scorecard, a note naming the threshold.
    let beta = out.page("actors/beta/index.html");
    assert_eq!(beta.count(".scorecard-block"), 0);
    assert_eq!(beta.count("svg.scorecard"), 0);
    let note = beta.text(".scorecard-note");
    assert!(note.contains("Scorecard shown from 3"), "{note}");
}

#[test]
fn the_default_scorecard_threshold_is_five() {
    let site = scorecard_site(&site_toml("en"));
    let out = site.build(&[]);
    let alpha = out.page("actors/alpha/index.html");
    assert_eq!(alpha.count(".scorecard-block"), 0, "4 claims < 5");
    assert!(
        alpha
            .text(".scorecard-note")
            .contains("Scorecard shown from 5"),
        "{}",
        alpha.text(".scorecard-note")
    );
    let delta = out.page("actors/delta/index.html");
    assert_eq!(scorecard_rows(&delta), [("Mixed".to_string(), 5, 100)]);
    assert_svg_image(delta.one(".scorecard-block svg"), "Delta's scorecard");
}

#[test]
fn every_actor_page_links_its_own_feed_with_only_its_claims() {
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml("en")),
        ("content/actors/alpha.md".into(), actor_profile("Alpha")),
    ];
    let specs: &[(&str, &str, &[&str], &[&str])] = &[
        ("c1", "2024-06-01", &["Alpha"], &[]),
        ("c2", "2024-06-02", &["Beta"], &["Alpha"]),
        ("c3", "2024-06-03", &["Beta"], &[]),
        ("c4", "2024-06-04", &[], &["Gamma"]),
        ("c5", "2024-06-05", &[], &[]),
    ];
    for (slug, date, claimant, about) in specs {
        let mut e = entry(slug, date, "mixed");
        e.claimant = claimant;
        e.about = about;
        files.push((format!("content/claims/{slug}.md"), e.text()));
    }
    let site = Site::from_files(&files);
    let out = site.build(&[]);

    let actor_pages: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| {
            let parts: Vec<&str> = f.split('/').collect();
            parts.len() == 3 && parts[0] == "actors" && parts[2] == "index.html"
        })
        .collect();
    let slugs: Vec<&str> = actor_pages
        .iter()
        .map(|f| f.split('/').nth(1).unwrap())
        .collect();
    assert_eq!(slugs, ["alpha", "beta", "gamma"]);
    let expected: BTreeMap<&str, BTreeSet<&str>> = [
        ("alpha", ["c1", "c2"].into_iter().collect()),
        ("beta", ["c2", "c3"].into_iter().collect()),
        ("gamma", ["c4"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    for slug in slugs {
        let page = out.page(&format!("actors/{slug}/index.html"));
        let feed_url = format!("{BASE_PATH}actors/{slug}/atom.xml");
        let alternates: Vec<String> = page
            .select(r#"link[rel="alternate"][type="application/atom+xml"]"#)
            .iter()
            .filter_map(|l| l.value().attr("href").map(str::to_string))
            .collect();
        assert!(alternates.contains(&feed_url), "{slug}: {alternates:?}");
        let feed = out.xml(&format!("actors/{slug}/atom.xml"));
        let root: &XmlElement = &feed[0];
        assert_eq!(root.name, "feed");
        assert_eq!(root.attr("xmlns"), Some(ATOM_NS), "{slug}: Atom namespace");
        let self_link = feed
            .iter()
            .find(|e| e.name == "link" && e.parents == ["feed"] && e.attr("rel") == Some("self"))
            .and_then(|l| l.attr("href"))
            .expect("a self link");
        assert_eq!(self_link, format!("{BASE}actors/{slug}/atom.xml"));
        let claims: BTreeSet<String> = xml_records(&feed, "entry")
            .iter()
            .map(|e| {
                let href = e
                    .iter()
                    .find(|x| x.name == "link")
                    .and_then(|l| l.attr("href"))
                    .expect("an entry link");
                claim_slug(href)
            })
            .collect();
        let want: BTreeSet<String> = expected[slug].iter().map(|s| s.to_string()).collect();
        assert_eq!(claims, want, "{slug}'s feed");
    }
}
