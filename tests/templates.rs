//! A site's own `templates/` override the built-in theme file by file (Tera 2 syntax): the
//! overridden kind of page uses the site's file, every other page keeps the built-in one; a
//! broken override is a content error naming the file.

mod common;

use common::{Site, site_toml};

const PAGE_OVERRIDE: &str =
    r#"{% extends "base.html" %}{% block content %}<p class="custom">X</p>{% endblock content %}"#;

fn site_with(page_template: &str) -> Site {
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/a-claim.md",
            &common::claim_entry("A claim", "2024-06-27", "mixed", "", "Body."),
        ),
        (
            "content/pages/about.md",
            "---\ntitle: \"About\"\n---\nAbout **us**.\n",
        ),
        (
            "content/pages/policy.md",
            "---\ntitle: \"Policy\"\n---\nOur policy.\n",
        ),
        ("templates/page.html", page_template),
    ])
}

#[test]
fn an_overridden_page_template_is_used_for_plain_pages_only() {
    let site = site_with(PAGE_OVERRIDE);
    let out = site.build(&[]);
    for file in ["about/index.html", "policy/index.html"] {
        let page = out.page(file);
        assert_eq!(page.text("main p.custom"), "X", "{file}");
        assert_eq!(
            page.count("article.plain-page"),
            0,
            "{file}: built-in page.html used"
        );
        // The built-in base.html still wraps it.
        assert_eq!(page.attr("html", "lang"), "en");
        assert_eq!(page.count("header.site-header"), 1);
        assert_eq!(page.count("main"), 1);
        assert!(page.canonical().is_some());
    }
    for file in out.site_pages() {
        if file == "about/index.html" || file == "policy/index.html" {
            continue;
        }
        let page = out.page(&file);
        assert_eq!(page.count(".custom"), 0, "{file} uses the override");
        assert_eq!(page.count("h1"), 1, "{file}");
    }
    let claim = out.page("claims/a-claim/index.html");
    assert_eq!(claim.count("article.claim-page"), 1);
    assert_eq!(claim.text("h1"), "A claim");
}

#[test]
fn the_built_in_page_template_applies_without_override() {
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/pages/about.md",
            "---\ntitle: \"About\"\n---\nAbout **us**.\n",
        ),
    ]);
    let out = site.build(&[]);
    let page = out.page("about/index.html");
    assert_eq!(page.count("article.plain-page"), 1);
    assert_eq!(page.text("h1"), "About");
    assert_eq!(page.text(".prose strong"), "us");
    assert_eq!(page.count(".custom"), 0);
}

#[test]
fn a_broken_override_is_an_error_naming_the_file() {
    let site = site_with(
        r#"{% extends "base.html" %}{% block content %}<p>{{ oops </p>{% endblock content %}"#,
    );
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("templates/page.html"), "{}", run.stderr);
    assert!(!out.exists());
    let (check, report) = site.check_json(&[]);
    assert_eq!(check.code, 1);
    assert!(
        !common::diagnostics(&report)
            .code("template")
            .errors()
            .is_empty(),
        "{report:#}"
    );
}

#[test]
fn an_override_using_an_unknown_variable_fails_the_build() {
    let site = site_with(
        r#"{% extends "base.html" %}{% block content %}<p>{{ no_such_variable.field }}</p>{% endblock content %}"#,
    );
    let out = site.path("out");
    let run = site.run_build(&out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
    assert!(!out.exists(), "a render error writes nothing");
}

/// The built-in lists render each claim's item once and set its heading level on use; a site's
/// own `components.html` (here the built-in one as it was, taking `html3`, `html4` and `html5`
/// ready-made) gets an item per level instead, and the same lists.
#[test]
fn list_items_have_their_heading_level_with_or_without_an_own_components_file() {
    let builtin = digest::render::BUILTIN_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "components.html")
        .expect("a built-in components.html")
        .1;
    let derived = "{% if c.item %}{{ c.item | heading_level(level=level) | safe }}{% elif";
    assert!(builtin.contains(derived));
    let each_level = builtin.replace(derived, "{% if");
    let claim = common::claim_entry(
        "A claim",
        "2024-06-27",
        "mixed",
        "claimant: \"Jane Doe\"\ntags: [\"energy\"]\n",
        "Body.",
    );
    let files = vec![
        ("site.toml".to_string(), site_toml("en")),
        ("content/claims/a-claim.md".to_string(), claim),
    ];
    let plain_site = Site::new(&refs(&files));
    let plain = plain_site.build(&[]);
    let mut own_files = files.clone();
    own_files.push(("templates/components.html".into(), each_level));
    let own_site = Site::new(&refs(&own_files));
    let own = own_site.build(&[]);
    // Home: 3; a tag's list: 4 (its months are 3); an actor's timeline: 5.
    for (page, level) in [
        ("index.html", 3),
        ("tags/energy/index.html", 4),
        ("actors/jane-doe/index.html", 5),
    ] {
        let heading = format!("ol.claim-list article.claim-item h{level}.claim-item__title");
        assert_eq!(plain.page(page).text(&heading), "A claim", "{page}");
        assert_eq!(plain.read(page), own.read(page), "{page}");
    }
}

fn refs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect()
}
