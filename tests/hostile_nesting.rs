//! Entries nested tens of thousands of levels deep (Markdown quotes, lists and brackets; YAML
//! flow sequences) neither crash nor hang `digest check` and `digest build`.

mod common;
mod hostile_support;

use common::{Site, site_toml};
use hostile_support::{FRONT_MATTER, entry_of, with_extra};

#[test]
fn deeply_nested_markdown_neither_crashes_nor_hangs() {
    // Markdown nested 20,000 levels deep: quotes, lists, brackets.
    let deep_markdown = entry_of(
        &FRONT_MATTER,
        &format!(
            "{}quote\n\n{}item\n\n{}x{}\n",
            "> ".repeat(20_000),
            "* ".repeat(20_000),
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    );
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/deep-markdown.md", &deep_markdown),
    ]);
    let started = std::time::Instant::now();
    let (run, report) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{report:#}");
    // The only warning: the fixture names no claimant (issue 15's `claimant-missing`).
    assert_eq!(
        common::report::diagnostics(&report).codes(),
        ["claimant-missing"],
        "{report:#}"
    );
    let out = site.build(&[]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    // (Not parsed: an HTML parser takes minutes over 20,000 nested elements in a debug build.)
    let html = out.read("claims/deep-markdown/index.html");
    assert!(html.len() > 100_000, "{} bytes", html.len());
    assert!(html.trim_end().ends_with("</html>"), "the page is complete");
}

#[test]
fn deeply_nested_yaml_is_checked_quickly() {
    // 100,000 nested flow sequences under an unknown key: ignored with a warning, or refused with
    // an error, but in a few seconds.
    let nested = format!("extra: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let site = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/deep-yaml.md", &with_extra(&[&nested])),
    ]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["check", "--format", "json", "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start digest check");
    let started = std::time::Instant::now();
    let limit = std::time::Duration::from_secs(10);
    while child.try_wait().expect("poll").is_none() {
        if started.elapsed() > limit {
            child.kill().expect("stop the check");
            child.wait().expect("reap the check");
            panic!("digest check still runs after {limit:?} on a 200 KB entry");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
