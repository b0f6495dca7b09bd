//! Actor references: names, slugs and aliases resolve to profiles whatever their case and
//! accents; an actor's page separates the claims it made from the claims about it; a name with
//! no profile gets a page of its own; an alias shared by two profiles cannot be used.

mod common;

use common::{Site, site_toml};

fn actors_site() -> Site {
    Site::new(&[
        ("site.toml", &site_toml("fr")),
        (
            "content/actors/dmitri-peskov.md",
            "---\nname: \"Dmitri Peskov\"\nkind: person\naliases: [\"Dmitry Peskov\", \"Дмитрий Песков\"]\ndescription: \"Porte-parole du Kremlin.\"\n---\nBiographie.\n",
        ),
        (
            "content/actors/coree-du-nord.md",
            "---\nname: \"Corée du Nord\"\nkind: state\naliases: [\"RPDC\", \"North Korea\"]\n---\n",
        ),
        (
            "content/claims/peskov.md",
            &common::claim_entry(
                "Peskov",
                "2024-06-27",
                "unverified",
                "claimant: \"dmitry peskov\"\nabout: [\"coree du nord\"]\n",
                "Body.",
            ),
        ),
        (
            "content/claims/pyongyang.md",
            &common::claim_entry(
                "Pyongyang",
                "2024-06-26",
                "\"false\"",
                "claimant: \"COREE-DU-NORD\"\nabout: [\"Дмитрий Песков\"]\n",
                "Body.",
            ),
        ),
        (
            "content/claims/unknown.md",
            &common::claim_entry(
                "Unknown",
                "2024-06-25",
                "mixed",
                "claimant: \"Jean Inconnu\"\nabout: [\"rpdc\", \"Corée du Nord\"]\n",
                "Body.",
            ),
        ),
    ])
}

#[test]
fn lowercase_alias_and_unaccented_name_resolve_to_the_profiles() {
    let site = actors_site();
    let out = site.build(&[]);
    let page = out.page("claims/peskov/index.html");
    let claimant = page.one(".verdict-card__who a");
    assert_eq!(common::text(claimant), "Dmitri Peskov");
    assert_eq!(
        claimant.value().attr("href"),
        Some("/digest/actors/dmitri-peskov/")
    );
    let about: Vec<_> = page
        .select(".claim-facts a[href^=\"/digest/actors/\"]")
        .into_iter()
        .map(|a| (common::text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        about,
        [(
            "Corée du Nord".to_string(),
            "/digest/actors/coree-du-nord/".to_string()
        )]
    );
    let review = &page.json_ld()[0];
    assert_eq!(review["itemReviewed"]["author"]["name"], "Dmitri Peskov");
    assert_eq!(review["itemReviewed"]["author"]["@type"], "Person");

    // The references made no actor of their own: the two profiles and Jean Inconnu only.
    let mut actor_pages: Vec<String> = out
        .files()
        .into_iter()
        .filter(|f| {
            f.starts_with("actors/") && f.ends_with("/index.html") && f != "actors/index.html"
        })
        .collect();
    actor_pages.sort();
    assert_eq!(
        actor_pages,
        [
            "actors/coree-du-nord/index.html",
            "actors/dmitri-peskov/index.html",
            "actors/jean-inconnu/index.html",
        ]
    );

    // claims.json carries the resolved slugs.
    let record = out.claim_record("peskov");
    assert_eq!(record["claimants"][0]["slug"], "dmitri-peskov");
    assert_eq!(record["claimants"][0]["kind"], "person");
    assert_eq!(record["about"][0]["slug"], "coree-du-nord");
}

#[test]
fn actor_pages_separate_claims_made_from_claims_about() {
    let site = actors_site();
    let out = site.build(&[]);
    let made = |page: &common::Page| page.links_in(r#"section[aria-labelledby="made-title"]"#);
    let about = |page: &common::Page| page.links_in(r#"section[aria-labelledby="about-title"]"#);
    let claims = |links: Vec<String>| -> Vec<String> {
        let mut v: Vec<String> = links
            .into_iter()
            .filter(|l| l.starts_with("/digest/claims/"))
            .collect();
        v.sort();
        v.dedup();
        v
    };

    let peskov = out.page("actors/dmitri-peskov/index.html");
    assert_eq!(peskov.text("h1"), "Dmitri Peskov");
    assert_eq!(claims(made(&peskov)), ["/digest/claims/peskov/"]);
    assert_eq!(claims(about(&peskov)), ["/digest/claims/pyongyang/"]);
    assert!(
        peskov.text("main").contains("Dmitry Peskov"),
        "aliases shown"
    );

    let korea = out.page("actors/coree-du-nord/index.html");
    assert_eq!(korea.text("h1"), "Corée du Nord");
    assert_eq!(claims(made(&korea)), ["/digest/claims/pyongyang/"]);
    assert_eq!(
        claims(about(&korea)),
        ["/digest/claims/peskov/", "/digest/claims/unknown/"],
        "a claim about an actor listed under two names is listed once"
    );

    // An unknown name gets its own page, listing its claim.
    let unknown = out.page("actors/jean-inconnu/index.html");
    assert_eq!(unknown.text("h1"), "Jean Inconnu");
    assert_eq!(claims(made(&unknown)), ["/digest/claims/unknown/"]);
    assert!(claims(about(&unknown)).is_empty());

    // Each actor has its feed, with the claims it made and those about it.
    let feed = out.xml("actors/coree-du-nord/atom.xml");
    assert_eq!(feed.iter().filter(|e| e.name == "entry").count(), 3);

    // The actors index links to every actor page.
    let index = out.page("actors/index.html");
    let mut listed: Vec<String> = index
        .links_in("main")
        .into_iter()
        .filter(|l| l.starts_with("/digest/actors/") && l != "/digest/actors/")
        .collect();
    listed.sort();
    listed.dedup();
    assert_eq!(
        listed,
        [
            "/digest/actors/coree-du-nord/",
            "/digest/actors/dmitri-peskov/",
            "/digest/actors/jean-inconnu/",
        ]
    );
}

#[test]
fn an_actor_without_profile_is_a_warning_only() {
    let site = actors_site();
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    assert_eq!(report["errors"], 0);
    let warning = common::diagnostics(&report)
        .code("actor-no-profile")
        .into_iter()
        .next()
        .expect("a warning about Jean Inconnu");
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["file"], "content/claims/unknown.md");
    // --strict counts warnings as errors.
    let (strict, _) = site.check_json(&["--strict"]);
    assert_eq!(strict.code, 1);
}

/// Two profiles share the alias "AB"; `claimant: "AB"` stands on line 4 of the entry.
fn ambiguous_site(entry_uses_alias: bool) -> Site {
    let claimant = if entry_uses_alias { "AB" } else { "Alpha" };
    let entry = format!(
        "---\ntitle: \"Shared alias\"\nclaim: \"Something was said.\"\nclaimant: \"{claimant}\"\ndate: 2024-06-27\nstatus: mixed\nsource:\n  publisher: \"Example Press\"\n---\nBody.\n"
    );
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/actors/alpha.md",
            "---\nname: \"Alpha\"\naliases: [\"AB\"]\n---\n",
        ),
        (
            "content/actors/beta.md",
            "---\nname: \"Beta\"\naliases: [\"ab\"]\n---\n",
        ),
        ("content/claims/shared.md", &entry),
    ])
}

#[test]
fn an_alias_shared_by_two_profiles_cannot_be_used() {
    let site = ambiguous_site(true);
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/claims/shared.md:4:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("matches several actors"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let errors = common::diagnostics(&report).errors();
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!(errors[0]["code"], "actor-ambiguous");
    assert_eq!(errors[0]["file"], "content/claims/shared.md");
    assert_eq!(errors[0]["line"], 4);
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.contains("alpha") && message.contains("beta"),
        "names both candidates: {message}"
    );
}

#[test]
fn a_shared_alias_nobody_uses_only_warns() {
    let site = ambiguous_site(false);
    let out = site.build(&[]);
    let page = out.page("claims/shared/index.html");
    assert_eq!(
        page.links_in(".verdict-card__who"),
        ["/digest/actors/alpha/".to_string()]
    );
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0);
    assert!(
        !common::diagnostics(&report)
            .code("alias-ambiguous")
            .warnings()
            .is_empty(),
        "{report:#}"
    );
}
