//! A build killed with SIGKILL at any moment leaves the output folder exactly as the previous
//! or the next site, never a mix; a later build removes the leftovers (staging and trash
//! folders) but never a folder digest did not make.

mod common;

use common::{Site, digest_siblings, site_toml};
use std::collections::BTreeMap;
use std::path::Path;

/// Number of entries of the generated sites: enough for a build of a few seconds.
const KILL_ENTRIES: usize = 3000;

/// The files of an output folder with a hash of their bytes.
fn fingerprint(dir: &Path) -> BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    common::list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).expect("read an output file");
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (f, h.finish())
        })
        .collect()
}

/// A site of `KILL_ENTRIES` claims; `version` changes every title and shifts the set of files.
fn big_site(version: &str, shift: usize) -> Site {
    let site = Site::new(&[("site.toml", &site_toml("en"))]);
    for i in shift..shift + KILL_ENTRIES {
        let month = i % 12 + 1;
        let day = i % 28 + 1;
        site.write(
            &format!("content/claims/c{i:05}.md"),
            &format!(
                "---\ntitle: \"{version} claim {i}\"\nclaim: \"Claim {i}\"\nclaimant: \"Actor {}\"\ndate: 2023-{month:02}-{day:02}\nstatus: mixed\nsource:\n  publisher: \"Press\"\n  url: \"https://news.example.org/{i}\"\n  archive: \"https://web.archive.org/web/2023/{i}\"\ntags: [\"Topic {}\"]\n---\n{version} body {i}.\n",
                i % 40,
                i % 25
            ),
        );
    }
    site
}

/// A small xorshift generator: delays vary from run to run, and the seed is printed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

fn spawn_build(site: &Site, out: &Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "-q", "--root"])
        .arg(site.root())
        .arg("--output-dir")
        .arg(out)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start digest build")
}

fn sigkill(child: &mut std::process::Child) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) on the pid of a child we started and have not reaped yet.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
    child.wait().expect("reap the killed build");
}

/// The staging folder of a running build, if it exists yet.
fn staging_of(out: &Path, pid: u32) -> std::path::PathBuf {
    out.with_file_name(format!(
        ".{}.digest-staging-{pid}",
        out.file_name().unwrap().to_string_lossy()
    ))
}

/// Waits until `ready()` or the build ends; false when the build ended first.
fn wait_for(child: &mut std::process::Child, ready: impl Fn() -> bool) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    loop {
        if ready() {
            return true;
        }
        if child.try_wait().expect("poll the build").is_some() {
            return false;
        }
        assert!(std::time::Instant::now() < deadline, "the build hangs");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    use std::time::{Duration, Instant};
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill delays seed: {seed}");
    let mut rng = Rng(seed);
    let sites = [big_site("Old", 0), big_site("New", 100)];
    let outer = tempfile::tempdir().unwrap();
    let out = outer.path().join("public");

    // The two complete outputs: site 0 in place, site 1 built aside for reference.
    let started = Instant::now();
    let run = sites[0].run_build(&out, &["-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let full_ms = started.elapsed().as_millis() as u64;
    let states = [
        fingerprint(&out),
        fingerprint(&sites[1].build_into("reference", &["-q"]).dir),
    ];
    assert!(
        states[0].keys().ne(states[1].keys()),
        "the two sites differ in their file lists"
    );

    // Each round starts a build of the site the output does not hold, and kills it: after
    // fixed delays, after a random one within a build's time, once it writes its staging
    // folder, and just as it writes its last files (around the swap).
    enum When {
        After(u64),
        Staging,
        NearTheEnd(u64),
    }
    let mut rounds: Vec<When> = [5, 20, 50, 100].into_iter().map(When::After).collect();
    rounds.push(When::Staging);
    rounds.push(When::After(rng.next(full_ms)));
    rounds.extend((0..3).map(|_| When::NearTheEnd(rng.next(25))));
    let mut current = 0;
    let mut outcomes = Vec::new();
    let mut leftover_staging = None;
    for (round, when) in rounds.iter().enumerate() {
        let target = 1 - current;
        let mut child = spawn_build(&sites[target], &out);
        let staging = staging_of(&out, child.id());
        let (label, running) = match when {
            When::After(ms) => {
                std::thread::sleep(Duration::from_millis(*ms));
                (format!("after {ms} ms"), true)
            }
            When::Staging => {
                let running = wait_for(&mut child, || staging.join("claims").is_dir());
                ("while staging".to_string(), running)
            }
            When::NearTheEnd(ms) => {
                let running = wait_for(&mut child, || staging.join("claims.csv").is_file());
                std::thread::sleep(Duration::from_millis(*ms));
                (format!("{ms} ms after its last files"), running)
            }
        };
        let finished = !running || child.try_wait().expect("poll the build").is_some();
        if finished {
            child.wait().expect("reap the build");
        } else {
            sigkill(&mut child);
        }
        let now = fingerprint(&out);
        let held = states.iter().position(|s| *s == now).unwrap_or_else(|| {
            let (before, after) = (&states[current], &states[target]);
            let missing = before.keys().filter(|k| !now.contains_key(*k)).count();
            let neither = now
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(v) && after.get(*k) != Some(v))
                .count();
            panic!(
                "round {round} (killed {label}): the output is neither the previous nor the \
                 next site: {} files, {missing} of the previous missing, {neither} matching \
                 neither",
                now.len()
            )
        });
        if matches!(when, When::Staging) && !finished {
            assert!(staging.is_dir(), "the killed build's staging folder stays");
            leftover_staging = Some(staging);
        }
        outcomes.push(format!(
            "{label}{}: {}",
            if finished { " (finished)" } else { "" },
            if held == current { "previous" } else { "next" }
        ));
        current = held;
    }

    // Leftovers: the staging folder of the build killed while staging, an old trash folder,
    // and a look-alike that digest did not make (no marker), which must stay.
    let trash = out.with_file_name(".public.digest-trash-1-2");
    std::fs::create_dir_all(trash.join("claims")).unwrap();
    std::fs::write(trash.join(".digest-output"), "").unwrap();
    let foreign = out.with_file_name(".public.digest-staging-999999999");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("mine.txt"), "not digest's").unwrap();

    // A complete build removes them (and its own previous site, in a background process).
    let target = 1 - current;
    let run = sites[target].run_build(&out, &["-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fingerprint(&out) == states[target]);
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        let left = digest_siblings(&out);
        if left == [".public.digest-staging-999999999"] {
            break;
        }
        assert!(Instant::now() < deadline, "leftovers not removed: {left:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let staging = leftover_staging.expect("the build killed while staging left its folder");
    assert!(!staging.exists());
    assert_eq!(
        std::fs::read_to_string(foreign.join("mine.txt")).unwrap(),
        "not digest's",
        "a folder without the marker is never deleted"
    );
    eprintln!("full build {full_ms} ms; rounds: {outcomes:#?}");
}
