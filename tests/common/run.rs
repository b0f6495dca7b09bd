//! Running the `digest` binary on a site and reading its output folder back.

use super::html::Page;
use super::site::Site;
use super::xml::{XmlElement, parse_xml};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

impl Site {
    /// `digest build --root SITE --output-dir SITE/<out> <extra>`; panics unless it exits 0.
    pub fn build(&self, extra: &[&str]) -> Built {
        self.build_into("out", extra)
    }

    /// As `build`, into `SITE/<out>`.
    pub fn build_into(&self, out: &str, extra: &[&str]) -> Built {
        let output = self.path(out);
        let run = self.run_build(&output, extra);
        assert_eq!(
            run.code, 0,
            "digest build failed\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        Built { dir: output, run }
    }

    /// `digest build --root SITE --output-dir OUTPUT <extra>`, whatever its outcome.
    pub fn run_build(&self, output: &Path, extra: &[&str]) -> Run {
        let root = self.root().to_str().expect("UTF-8 path").to_string();
        let out = output.to_str().expect("UTF-8 path").to_string();
        let mut args = vec!["build", "--root", &root, "--output-dir", &out];
        args.extend_from_slice(extra);
        digest(&args, self.root())
    }

    /// `digest check --root SITE --format json <extra>`: the run and its parsed JSON report.
    pub fn check_json(&self, extra: &[&str]) -> (Run, serde_json::Value) {
        check_json_at(self.root(), extra)
    }
}

/// `digest check --root ROOT --format json <extra>` run in `root` (a site folder that need not
/// be a `Site`): the run and its parsed JSON report.
pub fn check_json_at(root: &Path, extra: &[&str]) -> (Run, serde_json::Value) {
    let root_arg = root.to_str().expect("UTF-8 path").to_string();
    let mut args = vec!["check", "--root", &root_arg, "--format", "json"];
    args.extend_from_slice(extra);
    let run = digest(&args, root);
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json printed invalid JSON ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    });
    (run, json)
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the `digest` binary built by cargo for this test run, in `cwd`, without colours.
pub fn digest(args: &[&str], cwd: &Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the digest binary");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A built output folder.
pub struct Built {
    pub dir: PathBuf,
    pub run: Run,
}

impl Built {
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path(relative).exists()
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Parses an output HTML file (e.g. `claims/x/index.html`).
    pub fn page(&self, relative: &str) -> Page {
        Page::parse(relative, &self.read(relative))
    }

    /// The record of one claim in `claims.json`, found by its slug.
    pub fn claim_record(&self, slug: &str) -> serde_json::Value {
        let json = self.json("claims.json");
        json["claims"]
            .as_array()
            .expect("claims.json has a claims list")
            .iter()
            .find(|c| c["slug"] == slug)
            .unwrap_or_else(|| panic!("no claim {slug:?} in claims.json"))
            .clone()
    }

    pub fn json(&self, relative: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(relative))
            .unwrap_or_else(|e| panic!("{relative} is not valid JSON: {e}"))
    }

    pub fn xml(&self, relative: &str) -> Vec<XmlElement> {
        parse_xml(&self.read(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Every record of the search (`search/docs/<n>.json`), in document order.
    pub fn search_records(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<(usize, String)> = self
            .files()
            .into_iter()
            .filter_map(|f| {
                let n = f.strip_prefix("search/docs/")?.strip_suffix(".json")?;
                Some((n.parse().ok()?, f))
            })
            .collect();
        files.sort();
        files
            .iter()
            .flat_map(|(_, f)| {
                self.json(f)
                    .as_array()
                    .expect("an array of records")
                    .clone()
            })
            .collect()
    }

    /// Every file of the output, relative, sorted (with `/` separators).
    pub fn files(&self) -> Vec<String> {
        list_files(&self.dir)
    }

    /// The pages of the site: every HTML file but the embeddable cards (`claims/<slug>/embed/`),
    /// which are made for other sites' iframes (no site chrome, `noindex`; see
    /// `tests/embeds_and_feeds.rs`).
    pub fn site_pages(&self) -> Vec<String> {
        self.html_files()
            .into_iter()
            .filter(|f| !f.ends_with("/embed/index.html"))
            .collect()
    }

    /// Every HTML file of the output.
    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }
}

/// Every file under `dir`, relative, sorted, with `/` separators.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("below the base");
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file under `dir` with its bytes: a snapshot to compare before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).expect("read a file of the snapshot");
            (f, bytes)
        })
        .collect()
}

/// The names beside the output folder `out` that digest makes (staging, trash, lock), sorted.
pub fn digest_siblings(out: &Path) -> Vec<String> {
    let prefix = format!(".{}.digest-", out.file_name().unwrap().to_string_lossy());
    let mut found: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    found.sort();
    found
}
