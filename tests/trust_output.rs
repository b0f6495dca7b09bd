//! Paths that reach the output or leave the site (issue 11): an output path climbing out of the
//! site with `..`, `static/` leading out of the site, an output that is a link to the served
//! folder, page slugs and static files named like a site's parts or like generated files.

mod common;

use common::{Site, claim_entry, diagnostics, digest_siblings, list_files, site_toml, snapshot};
use std::path::Path;

fn small_site() -> Site {
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/first.md",
            &claim_entry(
                "First",
                "2024-06-20",
                "mixed",
                "claimant: \"Ann Example\"\n",
                "Body.",
            ),
        ),
        (
            "content/pages/about.md",
            "---\ntitle: \"About\"\n---\nAbout us.\n",
        ),
    ])
}

/// The diagnostics of `check --format json <extra>` with this code, as (file, line).
fn check_codes(site: &Site, extra: &[&str], code: &str) -> (i32, Vec<(String, Option<u64>)>) {
    let (run, report) = site.check_json(extra);
    let found = diagnostics(&report)
        .code(code)
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64()))
        .collect();
    (run.code, found)
}

/// Hidden folders beside `out` that digest makes (staging, trash), not its lock.
fn staging_or_trash(out: &Path) -> Vec<String> {
    digest_siblings(out)
        .into_iter()
        .filter(|n| !n.ends_with("-lock"))
        .collect()
}

/// Waits (up to 30 s) for the background deleter to remove the previous output.
fn wait_for_no_leftovers(out: &Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !staging_or_trash(out).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            staging_or_trash(out)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

// ---- item 2: an output path climbing out of the site with `..`

/// A site in `<outer>/site` with a `.git`-like folder, so that the site folder's own name can be
/// climbed back into.
fn nested_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    common::copy_dir(small_site().root(), &root);
    std::fs::create_dir_all(root.join(".git/objects")).unwrap();
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    (outer, root)
}

#[test]
fn an_output_dir_climbing_back_into_the_site_is_refused_by_build_and_check() {
    let (outer, root) = nested_site();
    let root_arg = root.to_str().unwrap();
    let climbing = "zz/../../site";
    let absolute = root.join("zz/../../site");
    let before = snapshot(outer.path());

    // From the flag, relative (to the site) and absolute.
    for flag in [climbing, absolute.to_str().unwrap()] {
        let run = common::digest(&["build", "--root", root_arg, "--output-dir", flag], &root);
        assert_eq!(run.code, 2, "{flag}: {}", run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
        assert_eq!(snapshot(outer.path()), before, "{flag}: the site changed");
        let (run, report) = common::check_json_at(&root, &["--output-dir", flag]);
        assert_eq!(run.code, 1, "{flag}: {}", run.stderr);
        let found = diagnostics(&report).code("output-dir");
        assert_eq!(found.len(), 1, "{report:#}");
        assert_eq!(found[0]["file"], "--output-dir");
    }

    // From site.toml.
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("output_dir = \"{climbing}\"\n{config}"),
    )
    .unwrap();
    let before = snapshot(outer.path());
    let run = common::digest(&["build", "--root", root_arg], &root);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("climbs out"), "{}", run.stderr);
    let (run, report) = common::check_json_at(&root, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = diagnostics(&report).code("output-dir");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file"], "site.toml");
    assert_eq!(found[0]["line"], 1);
    assert_eq!(snapshot(outer.path()), before, "the site changed");
    assert!(root.join(".git/HEAD").is_file() && root.join("content/claims/first.md").is_file());
    let names: Vec<String> = std::fs::read_dir(outer.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["site"], "nothing is made beside the site");
}

#[test]
fn dots_that_stay_inside_the_site_are_normalised_and_accepted() {
    let site = small_site();
    let root = site.root().to_str().unwrap().to_string();
    let run = common::digest(
        &["build", "--root", &root, "--output-dir", "zz/../out"],
        site.root(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("out/claims/first/index.html").is_file());
    assert!(!site.path("zz").exists(), "no folder made for a `..` step");
    let (code, found) = check_codes(&site, &["--output-dir", "zz/../out"], "output-dir");
    assert_eq!((code, found.len()), (0, 0));
}

/// An empty folder adopted as the output has no marker: it is not left behind as trash.
#[test]
fn an_empty_output_folder_leaves_no_trash() {
    let site = small_site();
    std::fs::create_dir(site.path("out")).unwrap();
    let built = site.build(&[]);
    assert!(built.exists("claims/first/index.html"));
    assert_eq!(staging_or_trash(&built.dir), Vec::<String>::new());
}

// ---- item 6: `static` leading out of the site

#[cfg(unix)]
#[test]
fn a_static_link_out_of_the_site_or_into_git_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("id_rsa"), "PRIVATE KEY").unwrap();
    for target in ["outside", ".git"] {
        let site = small_site();
        site.write(".git/config", "[remote] token = SECRET");
        let link = match target {
            "outside" => outside.path().to_path_buf(),
            _ => site.path(".git"),
        };
        std::os::unix::fs::symlink(&link, site.path("static")).unwrap();
        let (code, found) = check_codes(&site, &[], "symlink-escape");
        assert_eq!(code, 1, "{target}");
        assert_eq!(found, [("static".to_string(), None)], "{target}");
        let run = site.run_build(&site.path("out"), &[]);
        assert_eq!(run.code, 1, "{target}: {}", run.stderr);
        assert!(
            !site.path("out").exists(),
            "{target}: something was published"
        );
    }
}

#[cfg(unix)]
#[test]
fn links_inside_static_leading_out_of_it_are_reported_and_nothing_is_published() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
    let site = small_site();
    site.write("static/logo.txt", "logo");
    site.write(".env", "TOKEN=SECRET");
    site.write("notes/public.txt", "public notes");
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, site.path(name)).unwrap();
    };
    link(&outside.path().join("secret.txt"), "static/secret.txt");
    link(&site.path(".env"), "static/env.txt");
    link(&site.path("static/logo.txt"), "static/logo-again.txt");
    link(&site.path("notes/public.txt"), "static/notes.txt");
    link(&site.path("static/gone.txt"), "static/dangling.txt");
    let (code, found) = check_codes(&site, &[], "read");
    assert_eq!(
        (code, found),
        (1, vec![("static/dangling.txt".into(), None)])
    );
    std::fs::remove_file(site.path("static/dangling.txt")).unwrap();
    let (code, mut found) = check_codes(&site, &[], "symlink-escape");
    found.sort();
    assert_eq!(code, 1);
    let expected: Vec<(String, Option<u64>)> = ["env", "notes", "secret"]
        .iter()
        .map(|name| (format!("static/{name}.txt"), None))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(site.run_build(&site.path("out"), &[]).code, 1);
    assert!(!site.path("out").exists(), "something was published");
    for name in ["secret", "env", "notes"] {
        std::fs::remove_file(site.path(&format!("static/{name}.txt"))).unwrap();
    }
    let built = site.build(&[]);
    assert_eq!(built.read("logo-again.txt"), "logo");
}

/// Siblings of the `static` link: `content/`, a folder of it, and `templates/`.
#[cfg(unix)]
#[test]
fn content_and_templates_links_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = Site::new(&[(
        "content/claims/stranger.md",
        &claim_entry("Stranger", "2024-06-20", "mixed", "", "Not ours."),
    )]);
    common::copy_dir(&elsewhere.path("content"), &outside.path().join("content"));
    std::fs::create_dir_all(outside.path().join("templates")).unwrap();
    for link in ["content", "content/claims", "templates"] {
        let site = small_site();
        let at = site.path(link);
        if at.is_dir() {
            std::fs::remove_dir_all(&at).unwrap();
        }
        std::os::unix::fs::symlink(outside.path().join(link), &at).unwrap();
        let (code, found) = check_codes(&site, &[], "symlink-escape");
        assert_eq!((code, found), (1, vec![(link.to_string(), None)]), "{link}");
        assert_eq!(site.run_build(&site.path("out"), &[]).code, 1, "{link}");
        assert!(
            !site.path("out").exists(),
            "{link}: something was published"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_static_folder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let site = small_site();
    site.write("static/private/file.txt", "x");
    let private = site.path("static/private");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root reads anything: nothing to report then.
    let readable = std::fs::read_dir(&private).is_ok();
    let (code, found) = check_codes(&site, &[], "read");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).unwrap();
    if !readable {
        assert_eq!(code, 1);
        assert_eq!(found, [("static/private".to_string(), None)]);
    }
}

// ---- item 11: the output is a link to the served folder

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_gets_the_new_site_in_its_target() {
    let site = small_site();
    let served = tempfile::tempdir().unwrap();
    let web_root = served.path().join("www");
    std::fs::create_dir(&web_root).unwrap();
    let link = site.path("public");
    std::os::unix::fs::symlink(&web_root, &link).unwrap();
    let run = site.run_build(&link, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(web_root.join("claims/first/index.html").is_file());

    site.write(
        "content/claims/second.md",
        &claim_entry("Second", "2024-06-21", "mixed", "", "Body."),
    );
    let run = site.run_build(&link, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), web_root);
    let home = common::Page::parse(
        "index.html",
        &std::fs::read_to_string(web_root.join("index.html")).unwrap(),
    );
    assert!(
        home.texts("a").iter().any(|t| t.contains("Second")),
        "old home"
    );
    assert!(web_root.join("claims/second/index.html").is_file());
    wait_for_no_leftovers(&web_root);
    assert!(staging_or_trash(&link).is_empty());

    // A link to a folder that does not exist is refused with a clear message.
    let dangling = site.path("dangling");
    std::os::unix::fs::symlink(served.path().join("gone"), &dangling).unwrap();
    let run = site.run_build(&dangling, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot be reached"), "{}", run.stderr);
    assert!(!served.path().join("gone").exists());
}

// ---- item 13: page slugs and static files named like a site's parts

#[test]
fn page_slugs_naming_a_site_part_or_an_output_file_are_refused() {
    let site = small_site();
    for name in ["content", "static", "templates", "Claims", "cname"] {
        site.write(
            &format!("content/pages/{name}.md"),
            "---\ntitle: \"A page\"\n---\nText.\n",
        );
    }
    site.write(
        "content/pages/config.md",
        "---\ntitle: \"Config\"\nslug: site.toml\n---\nText.\n",
    );
    let (code, mut found) = check_codes(&site, &[], "page-slug-reserved");
    found.sort();
    assert_eq!(code, 1);
    let expected: Vec<(String, Option<u64>)> = [
        ("Claims", None),
        ("cname", None),
        ("config", Some(3)),
        ("content", None),
        ("static", None),
        ("templates", None),
    ]
    .iter()
    .map(|(f, line)| (format!("content/pages/{f}.md"), *line))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn an_output_holding_site_like_static_files_is_still_replaced() {
    let site = small_site();
    site.write("static/site.toml", "# published on purpose\n");
    site.write("static/content/readme.txt", "published too\n");
    site.build(&[]);
    site.write(
        "content/claims/second.md",
        &claim_entry("Second", "2024-06-21", "mixed", "", "Body."),
    );
    let again = site.build(&[]);
    assert!(again.exists("claims/second/index.html"));
    assert_eq!(again.read("site.toml"), "# published on purpose\n");
    // A look-alike marker does not make a folder digest's.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("site.toml"), "title = \"x\"").unwrap();
    std::fs::write(other.path().join(".digest-output"), "").unwrap();
    let run = site.run_build(other.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

// ---- item 18: static files replacing generated files

#[test]
fn static_files_colliding_with_generated_files_are_errors() {
    let site = small_site();
    let built = site.build(&[]);
    let before = snapshot(&built.dir);
    let colliding = [
        "static/index.html",
        "static/atom.xml",
        "static/claims/first/index.html",
        "static/actors/ann-example/index.html",
        "static/.digest-output",
        "static/about",
    ];
    for file in colliding {
        site.write(file, "<p>replaced</p>");
    }
    site.write("static/claims/extra.txt", "an addition, not a collision");
    let (code, mut found) = check_codes(&site, &[], "static-collision");
    found.sort();
    let mut expected: Vec<(String, Option<u64>)> =
        colliding.iter().map(|f| (f.to_string(), None)).collect();
    expected.sort();
    assert_eq!((code, found), (1, expected));
    let run = site.run_build(&built.dir, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static/atom.xml"), "{}", run.stderr);
    assert!(
        snapshot(&built.dir) == before,
        "the previous output changed"
    );
    assert!(staging_or_trash(&built.dir).is_empty());
    for file in colliding {
        std::fs::remove_file(site.path(file)).unwrap();
    }
    let again = site.build(&[]);
    assert_eq!(
        again.read("claims/extra.txt"),
        "an addition, not a collision"
    );
    assert!(list_files(&again.dir).contains(&"atom.xml".to_string()));
}
