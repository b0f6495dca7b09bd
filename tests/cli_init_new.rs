//! `digest init` and `digest new`, run as a user would: a new site that checks and builds at
//! once, entries added to it, and the files neither verb may ever overwrite.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn digest(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("digest runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn assert_ok(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed ({:?})\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    );
}

fn temp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("digest-init-")
        .tempdir()
        .expect("a temporary folder")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

fn year() -> String {
    chrono::Local::now().format("%Y").to_string()
}

/// `digest init DIR` into a new folder; returns the folder.
fn init(parent: &Path, extra: &[&str]) -> PathBuf {
    let dir = parent.join("site");
    let mut args = vec!["init", s(&dir)];
    args.extend_from_slice(extra);
    assert_ok(&digest(&args), "digest init");
    dir
}

/// Runs ../shared/tools/check_links.py on `public` when the tool and python3 are there (when
/// `CI` is set, their absence fails the test).
fn check_links(public: &Path) {
    if let Some(script) = common::shared_tool("check_links.py") {
        common::run_python_tool(&script, &[public]);
    }
}

#[test]
fn a_new_site_checks_and_builds_with_a_new_entry() {
    let tmp = temp();
    let dir = init(tmp.path(), &[]);
    for file in [
        "site.toml".to_string(),
        format!("content/claims/{}/example-claim.md", year()),
        "content/actors/jane-example.md".to_string(),
        "content/pages/methodology.md".to_string(),
        ".gitignore".to_string(),
        ".github/workflows/pages.yml".to_string(),
    ] {
        assert!(dir.join(&file).is_file(), "init wrote no {file}");
    }
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(gitignore.contains("public/") && gitignore.contains(".public.digest-*"));
    // The fresh site is clean: not even a warning.
    assert_ok(
        &digest(&["check", "--strict", "--root", s(&dir)]),
        "digest check --strict on a new site",
    );

    let new = digest(&[
        "new",
        "Did the mayor really plant 10,000 trees?",
        "--root",
        s(&dir),
        "--claimant",
        "Jane Example",
        "--status",
        "false",
    ]);
    assert_ok(&new, "digest new");
    let printed = PathBuf::from(text(&new.stdout).trim());
    let expected = dir.join(format!(
        "content/claims/{}/did-the-mayor-really-plant-10-000-trees.md",
        year()
    ));
    assert_eq!(printed, expected);
    let entry = std::fs::read_to_string(&expected).unwrap();
    assert!(entry.contains("status: \"false\""), "{entry}");
    assert!(entry.contains("claimant: \"Jane Example\""), "{entry}");
    assert!(
        entry.contains("\n## "),
        "a body skeleton with headings: {entry}"
    );

    // A second entry with the defaults: today's date, "unverified".
    let other = digest(&[
        "new",
        "Is the river cleaner than in 1990?",
        "--root",
        s(&dir),
    ]);
    assert_ok(&other, "digest new with defaults");
    let other = std::fs::read_to_string(text(&other.stdout).trim()).unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(other.contains(&format!("date: {today}")), "{other}");
    assert!(other.contains("status: \"unverified\""), "{other}");

    assert_ok(&digest(&["check", "--root", s(&dir)]), "digest check");
    assert_ok(&digest(&["build", "--root", s(&dir)]), "digest build");
    let public = dir.join("public");
    // New entries are drafts (issue 15): not published until `draft: false`.
    assert!(entry.contains("\ndraft: true"), "{entry}");
    let page = public.join("claims/did-the-mayor-really-plant-10-000-trees/index.html");
    assert!(!page.exists(), "a draft was published");
    assert!(public.join("claims/example-claim/index.html").is_file());
    assert!(public.join("methodology/index.html").is_file());
    check_links(&public);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = temp();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let output = digest(&["init", s(tmp.path())]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("not empty") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(!tmp.path().join("site.toml").exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn init_accepts_a_folder_holding_only_git() {
    let tmp = temp();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    assert_ok(
        &digest(&["init", s(tmp.path())]),
        "digest init next to .git",
    );
    assert!(tmp.path().join("site.toml").is_file());
}

#[test]
fn init_force_never_overwrites() {
    let tmp = temp();
    let mine = b"title = \"Mine\"\nbase_url = \"https://example.org/\"\n# my own bytes\n";
    std::fs::write(tmp.path().join("site.toml"), mine).unwrap();
    std::fs::create_dir_all(tmp.path().join(".github/workflows")).unwrap();
    std::fs::write(
        tmp.path().join(".github/workflows/pages.yml"),
        "name: mine\n",
    )
    .unwrap();
    let output = digest(&["init", s(tmp.path()), "--force"]);
    assert_ok(&output, "digest init --force");
    assert_eq!(std::fs::read(tmp.path().join("site.toml")).unwrap(), mine);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".github/workflows/pages.yml")).unwrap(),
        "name: mine\n"
    );
    let stdout = text(&output.stdout);
    assert!(stdout.contains("skipped  site.toml"), "{stdout}");
    assert!(tmp.path().join("content/pages/methodology.md").is_file());

    // A second run creates nothing and still keeps every file.
    let again = digest(&["init", s(tmp.path()), "--force"]);
    assert_ok(&again, "digest init --force, twice");
    assert!(text(&again.stdout).contains("Nothing created"));
    assert_eq!(std::fs::read(tmp.path().join("site.toml")).unwrap(), mine);
}

#[test]
fn new_never_overwrites_an_entry() {
    let tmp = temp();
    let dir = init(tmp.path(), &[]);
    let first = digest(&["new", "Same title", "--root", s(&dir)]);
    assert_ok(&first, "digest new");
    let path = PathBuf::from(text(&first.stdout).trim());
    std::fs::write(&path, "edited by hand").unwrap();
    let second = digest(&["new", "Same title", "--root", s(&dir)]);
    assert_eq!(second.status.code(), Some(2));
    assert!(text(&second.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand");

    // Another year's folder, same slug: refused too (it would be a duplicate slug).
    let other_year = digest(&[
        "new",
        "Example claim",
        "--root",
        s(&dir),
        "--date",
        "2020-01-02",
    ]);
    assert_eq!(other_year.status.code(), Some(2));
    let stderr = text(&other_year.stderr);
    assert!(stderr.contains("already used"), "{stderr}");
    assert!(!dir.join("content/claims/2020").exists());
}

#[test]
fn new_suggests_the_nearest_status() {
    let tmp = temp();
    let dir = init(tmp.path(), &[]);
    let output = digest(&["new", "A claim", "--root", s(&dir), "--status", "flase"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("unknown status \"flase\""), "{stderr}");
    assert!(stderr.contains("did you mean \"false\"?"), "{stderr}");
    assert!(
        !dir.join(format!("content/claims/{}/a-claim.md", year()))
            .exists()
    );
}

#[test]
fn new_takes_a_date_and_a_slug_and_refuses_bad_ones() {
    let tmp = temp();
    let dir = init(tmp.path(), &[]);
    let output = digest(&[
        "new",
        "Old claim",
        "--root",
        s(&dir),
        "--date",
        "2023-05-06",
        "--slug",
        "old_claim",
    ]);
    assert_ok(&output, "digest new --date --slug");
    let entry = std::fs::read_to_string(dir.join("content/claims/2023/old_claim.md")).unwrap();
    assert!(entry.contains("date: 2023-05-06"), "{entry}");
    // A new entry is a draft: `--drafts` shows it.
    assert_ok(
        &digest(&["build", "--drafts", "--root", s(&dir)]),
        "digest build --drafts",
    );
    assert!(dir.join("public/claims/old_claim/index.html").is_file());

    // A month is kept as a month, filed under its year.
    let month = digest(&[
        "new",
        "Some time in May",
        "--root",
        s(&dir),
        "--date",
        "2022-05",
    ]);
    assert_ok(&month, "digest new --date YYYY-MM");
    let entry =
        std::fs::read_to_string(dir.join("content/claims/2022/some-time-in-may.md")).unwrap();
    assert!(entry.contains("\ndate: 2022-05 "), "{entry}");

    for bad in [
        &["--date", "2023-13-01"][..],
        &["--date", "2023-13"][..],
        &["--date", "23-05"][..],
        &["--slug", "../escape"][..],
    ] {
        let mut args = vec!["new", "Bad", "--root", s(&dir)];
        args.extend_from_slice(bad);
        assert_eq!(digest(&args).status.code(), Some(2), "{bad:?}");
    }
    // Outside a site folder: a clear error, nothing written.
    let output = digest(&["new", "Nowhere", "--root", s(tmp.path())]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("digest init"));
    assert!(!tmp.path().join("content").exists());
}

#[test]
fn language_fr_writes_french() {
    let tmp = temp();
    let dir = init(tmp.path(), &["--language", "fr"]);
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(config.contains("language = \"fr\""));
    assert!(config.contains("label = \"Non vérifié\""));
    let methodology = std::fs::read_to_string(dir.join("content/pages/methodologie.md")).unwrap();
    assert!(methodology.contains("title: \"Méthodologie\""));
    assert!(methodology.contains("Ce que nous vérifions"));
    assert!(dir.join("content/actors/jeanne-exemple.md").is_file());

    // `--force` without --language restores a missing file in the site's language.
    std::fs::remove_file(dir.join("content/pages/methodologie.md")).unwrap();
    assert_ok(
        &digest(&["init", s(&dir), "--force"]),
        "digest init --force",
    );
    let methodology = std::fs::read_to_string(dir.join("content/pages/methodologie.md")).unwrap();
    assert!(methodology.contains("Méthodologie"), "{methodology}");
    assert!(!dir.join("content/actors/jane-example.md").exists());

    let new = digest(&["new", "La Lune est-elle en fromage ?", "--root", s(&dir)]);
    assert_ok(&new, "digest new in a French site");
    let entry = std::fs::read_to_string(text(&new.stdout).trim()).unwrap();
    assert!(entry.contains("## Ce qui est affirmé"), "{entry}");

    assert_ok(&digest(&["check", "--root", s(&dir)]), "digest check");
    // A new entry is a draft: `--drafts` shows it.
    assert_ok(
        &digest(&["build", "--drafts", "--root", s(&dir)]),
        "digest build --drafts",
    );
    let public = dir.join("public");
    let page = std::fs::read_to_string(public.join("methodologie/index.html")).unwrap();
    assert!(page.contains("lang=\"fr\""));
    assert!(
        public
            .join("claims/la-lune-est-elle-en-fromage/index.html")
            .is_file()
    );
    check_links(&public);
}
