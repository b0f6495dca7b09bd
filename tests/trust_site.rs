//! Hostile or oversized sites, as a contributor could make them: spreadsheet formulas in the
//! open data, unsafe addresses in `site.toml`, and more URLs than one sitemap file may hold.

mod common;

use common::{Site, claim_entry, parse_xml, site_toml};
use digest::driver::{self, Project, Touched, Update};
use digest::render::Job;
use std::collections::BTreeSet;

#[test]
fn claims_csv_cells_never_open_as_formulas() {
    let payloads = [
        "=HYPERLINK(\\\"https://evil.example/\\\",\\\"click\\\")",
        "\\t=1+1",
        "\\r=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "  =1+1",
    ];
    let mut files = vec![("site.toml".to_string(), site_toml("en"))];
    for (i, payload) in payloads.iter().enumerate() {
        let entry = format!(
            "---\ntitle: \"{payload}\"\nclaim: \"{payload}\"\nsummary: \"{payload}\"\n\
             claimant: \"{payload}\"\ndate: 2024-06-20\nstatus: false\n\
             source:\n  publisher: \"{payload}\"\n---\nBody.\n"
        );
        files.push((format!("content/claims/e{i}.md"), entry));
    }
    let site = Site::from_files(&files);
    let built = site.build(&[]);
    assert_eq!(built.run.code, 0, "{}", built.run.stderr);
    let csv_text = built.read("claims.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let mut cells = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for (name, cell) in header.iter().zip(record.iter()) {
            let first = cell.trim_start_matches(' ').chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "column {name} starts a formula: {cell:?}"
            );
            cells += 1;
        }
        let claim = &record[header.iter().position(|h| h == "claim").unwrap()];
        assert!(claim.starts_with('\''), "{claim:?} is not neutralised");
    }
    assert_eq!(cells, payloads.len() * header.len());
    // The JSON export keeps the text exactly as written.
    let json = built.json("claims.json");
    let claims: BTreeSet<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert!(claims.contains("@SUM(A1:A9)"), "{claims:?}");
}

#[test]
fn unsafe_publisher_url_and_cname_are_refused_at_their_lines() {
    let toml = site_toml("en")
        .replace(
            "url = \"https://factcheckers.example.org/\"",
            "url = \"javascript:alert(1)\"",
        )
        .replace(
            "language = \"en\"\n",
            "language = \"en\"\ncname = \"checks.example.org/evil\\nx\"\n",
        );
    let site = Site::new(&[
        ("site.toml", &toml),
        (
            "content/claims/a.md",
            &claim_entry("A", "2024-06-20", "false", "", "Body."),
        ),
    ]);
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let found: Vec<(String, u64)> = common::diagnostics(&report)
        .iter()
        .map(|d| {
            assert_eq!(d["file"], "site.toml");
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&("config-publisher-url".into(), 9)),
        "{found:?}"
    );
    assert!(found.contains(&("config-cname".into(), 5)), "{found:?}");
    let output = site.path("public");
    assert_eq!(site.run_build(&output, &[]).code, 1);
    assert!(!output.exists(), "nothing is written");
}

#[test]
fn a_site_over_50000_urls_gets_a_sitemap_index_of_parts_within_the_limits() {
    const TAGS: usize = 50_100;
    let tags: Vec<String> = (0..TAGS).map(|i| format!("\"t{i}\"")).collect();
    let extra = format!("tags: [{}]\n", tags.join(", "));
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/a.md",
            &claim_entry("A", "2024-06-20", "false", &extra, "Body."),
        ),
    ]);
    let mut project = Project::new(driver::Options {
        root: site.root().to_path_buf(),
        ..driver::Options::default()
    });
    let Update::Ready(ready) = project.update(&Touched::everything()) else {
        panic!("the site loads");
    };
    let (model, renderer) = (ready.site, &ready.renderer);
    let render = |job: &Job| renderer.render(job).expect("renders");

    let index = render(&Job::Sitemap);
    assert_eq!(index.path, "sitemap.xml");
    let index = parse_xml(std::str::from_utf8(&index.bytes).unwrap()).unwrap();
    assert_eq!(index[0].name, "sitemapindex");
    let parts: Vec<&str> = index
        .iter()
        .filter(|e| e.name == "loc")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        parts,
        [
            "https://example.github.io/digest/sitemaps/1.xml",
            "https://example.github.io/digest/sitemaps/2.xml"
        ]
    );
    let part_jobs: Vec<Job> = renderer
        .jobs()
        .into_iter()
        .filter(|j| matches!(j, Job::SitemapPart(_)))
        .collect();
    assert_eq!(part_jobs.len(), 2);
    let mut listed = BTreeSet::new();
    for job in &part_jobs {
        let part = render(job);
        assert!(part.bytes.len() <= 50 * 1024 * 1024);
        let elements = parse_xml(std::str::from_utf8(&part.bytes).unwrap()).unwrap();
        assert_eq!(elements[0].name, "urlset");
        let locs: Vec<String> = elements
            .iter()
            .filter(|e| e.name == "loc")
            .map(|e| e.text.clone())
            .collect();
        assert!(locs.len() <= 50_000, "{} URLs in {}", locs.len(), part.path);
        listed.extend(locs);
    }
    assert!(listed.contains("https://example.github.io/digest/claims/a/"));
    assert!(listed.contains("https://example.github.io/digest/tags/t50099/"));
    assert_eq!(listed.len(), 7 + 1 + 4 + TAGS + model.actors.len());
}

#[test]
fn a_small_site_keeps_one_sitemap_and_robots_points_at_it() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/a.md",
            &claim_entry("A", "2024-06-20", "false", "", "Body."),
        ),
    ]);
    let built = site.build(&[]);
    assert_eq!(built.run.code, 0, "{}", built.run.stderr);
    assert_eq!(built.xml("sitemap.xml")[0].name, "urlset");
    assert!(!built.exists("sitemaps"));
    assert!(
        built
            .read("robots.txt")
            .contains("Sitemap: https://example.github.io/digest/sitemap.xml")
    );
}
