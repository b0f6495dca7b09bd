//! Builds racing on one output, and the cleanup of what builds leave beside it (issue 11): real
//! `digest` processes started at once on a site of a few hundred entries; a build's process group
//! killed as soon as it exits; stale staging and trash folders from dead processes.
#![cfg(unix)]

mod common;

use common::{Site, digest_siblings, list_files, site_toml};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ENTRIES: usize = 300;

/// A site of `ENTRIES` claims by 40 claimants (actor pages) under 25 tags.
fn big_site() -> Site {
    let site = Site::new(&[("site.toml", &site_toml("en"))]);
    for i in 0..ENTRIES {
        site.write(
            &format!("content/claims/c{i:04}.md"),
            &common::claim_entry(
                &format!("Claim {i}"),
                &format!("2023-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                "mixed",
                &format!(
                    "claimant: \"Actor {}\"\ntags: [\"Topic {}\"]\n",
                    i % 40,
                    i % 25
                ),
                &format!("Body {i}."),
            ),
        );
    }
    site
}

fn spawn_build(site: &Site, out: &Path, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "-q", "--root"])
        .arg(site.root())
        .arg("--output-dir")
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start digest build")
}

/// Waits until only `kept` are left beside `out`; panics after `limit`.
fn wait_for_siblings(out: &Path, kept: &[String], limit: Duration) {
    let deadline = Instant::now() + limit;
    while digest_siblings(out) != kept {
        assert!(
            Instant::now() < deadline,
            "left beside the output: {:?}",
            digest_siblings(out)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Asserts that `out` holds the whole site: the reference build's files, every claim and actor
/// page, a well-formed feed listing entries.
fn assert_complete(out: &Path, reference: &[String]) {
    let files = list_files(out);
    let missing: Vec<&String> = reference.iter().filter(|f| !files.contains(f)).collect();
    assert!(
        missing.is_empty(),
        "{} files missing: {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    assert_eq!(files.len(), reference.len(), "extra files in the output");
    for i in 0..ENTRIES {
        assert!(
            out.join(format!("claims/c{i:04}/index.html")).is_file(),
            "claim {i}"
        );
    }
    for a in 0..40 {
        assert!(
            out.join(format!("actors/actor-{a}/index.html")).is_file(),
            "actor {a}"
        );
    }
    let feed = common::parse_xml(&std::fs::read_to_string(out.join("atom.xml")).unwrap()).unwrap();
    assert!(feed.iter().filter(|e| e.name == "entry").count() > 10);
}

/// A pid that no process has now (a child that has exited and been reaped).
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("run true");
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn builds_racing_on_one_output_never_lose_a_file() {
    let site = big_site();
    let reference = list_files(&site.build_into("reference", &["-q"]).dir);
    let out = site.path("public");
    // Waiting builds, then builds that refuse at once: every run succeeds or refuses cleanly.
    for (round, extra) in [&[][..], &["--wait", "0"][..]].into_iter().enumerate() {
        let children: Vec<Child> = (0..4).map(|_| spawn_build(&site, &out, extra)).collect();
        let mut succeeded = 0;
        for child in children {
            let run = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&run.stderr);
            match run.status.code() {
                Some(0) => succeeded += 1,
                Some(2) if extra.contains(&"0") => {
                    assert!(
                        stderr.contains("another `digest build` is writing"),
                        "{stderr}"
                    )
                }
                code => panic!("round {round}: exit {code:?}: {stderr}"),
            }
        }
        assert!(succeeded >= 1, "round {round}: no build succeeded");
        assert!(round == 1 || succeeded == 4, "waiting builds all succeed");
        assert_complete(&out, &reference);
        wait_for_siblings(&out, &[], Duration::from_secs(60));
    }
}

#[test]
fn a_build_waits_for_the_lock_or_refuses_with_exit_2() {
    let site = big_site();
    let out = site.path("public");
    site.build_into("public", &["-q"]);
    let before = common::snapshot(&out);
    let held = File::create(site.path(".public.digest-lock")).unwrap();
    held.lock().unwrap();

    let run = site.run_build(&out, &["--wait", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("another `digest build` is writing"),
        "{}",
        run.stderr
    );
    assert!(common::snapshot(&out) == before, "the output changed");

    let waiting = spawn_build(&site, &out, &["--wait", "120"]);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        common::snapshot(&out) == before,
        "a build wrote without the lock"
    );
    drop(held);
    let run = waiting.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Waiting for another `digest build`"),
        "{stderr}"
    );
    wait_for_siblings(&out, &[], Duration::from_secs(60));
}

#[test]
fn stale_leftovers_are_removed_and_live_ones_kept() {
    let site = big_site();
    let out = site.build_into("public", &["-q"]).dir;
    let marker = std::fs::read(out.join(".digest-output")).unwrap();
    let dead = dead_pid();
    let me = std::process::id();
    let leftover = |name: &str, with_marker: bool| -> PathBuf {
        let path = site.path(&format!(".public.digest-{name}"));
        common::copy_dir(&out.join("claims"), &path.join("claims"));
        if with_marker {
            std::fs::write(path.join(".digest-output"), &marker).unwrap();
        }
        path
    };
    let stale = [
        leftover(&format!("trash-{dead}-1-1"), true),
        leftover(&format!("trash-{dead}-2-2"), false),
        leftover(&format!("staging-{dead}"), true),
        leftover(&format!("old-{dead}-3-3"), true),
    ];
    // Being deleted by a live process (its marker locked), and a look-alike without a marker.
    let busy = leftover(&format!("trash-{me}-4-4"), true);
    let busy_marker = File::open(busy.join(".digest-output")).unwrap();
    busy_marker.lock().unwrap();
    let foreign = leftover(&format!("staging-{dead}1"), false);

    let run = site.run_build(&out, &["-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for path in &stale {
        assert!(!path.exists(), "{} left", path.display());
    }
    assert!(busy.join(".digest-output").is_file() && busy.join("claims").is_dir());
    assert!(
        foreign.join("claims").is_dir(),
        "a folder without marker was deleted"
    );
    let kept: Vec<String> = [&busy, &foreign]
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut kept_sorted = kept.clone();
    kept_sorted.sort();
    wait_for_siblings(&out, &kept_sorted, Duration::from_secs(60));

    // Once its owner lets go, the next build removes it.
    drop(busy_marker);
    site.build_into("public", &["-q"]);
    assert!(!busy.exists());
}

#[test]
fn the_previous_site_is_deleted_even_when_the_build_process_group_is_killed_at_exit() {
    use std::os::unix::process::CommandExt;
    let site = big_site();
    let out = site.build_into("public", &["-q"]).dir;
    for round in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_digest"))
            .args(["build", "-q", "--root"])
            .arg(site.root())
            .arg("--output-dir")
            .arg(&out)
            .process_group(0)
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let pgid = libc::pid_t::try_from(child.id()).unwrap();
        let status = child.wait().unwrap();
        // SAFETY: kill(2) on the process group of the build started above (as Ctrl-C or
        // `timeout` would signal it).
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
        assert!(status.success(), "round {round}");
        wait_for_siblings(&out, &[], Duration::from_secs(30));
        assert!(out.join("claims/c0000/index.html").is_file());
    }
}
