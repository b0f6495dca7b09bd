//! The table machinery of the broken-entry tests (`hostile_entries.rs`, `hostile_nesting.rs`):
//! a valid claim to break one front-matter line at a time, what a case must report, and the
//! runner that checks it with `digest check --format json` (and, for some, `digest build`).
#![allow(dead_code)]

use crate::common::{Site, diagnostics, digest_siblings, site_toml, snapshot};

/// The front matter of a valid claim, file lines 2 to 9 (line 1 is the opening `---`).
pub const FRONT_MATTER: [&str; 8] = [
    "title: \"A claim\"",                    // 2
    "claim: \"Something was said.\"",        // 3
    "date: 2024-06-01",                      // 4
    "status: mixed",                         // 5
    "source:",                               // 6
    "  publisher: \"Example Press\"",        // 7
    "  url: \"https://news.example.org/a\"", // 8
    "  archive: \"https://web.archive.org/web/2024/https://news.example.org/a\"", // 9
];

/// A claim whose front matter is `lines` (the first on file line 2), closed, with a body.
pub fn entry_of(lines: &[&str], body: &str) -> String {
    format!("---\n{}\n---\n{body}", lines.join("\n"))
}

/// The valid claim with file line `line` (2..=9) replaced by `text`.
pub fn with_line(line: usize, text: &str) -> String {
    let mut lines = FRONT_MATTER.to_vec();
    lines[line - 2] = text;
    entry_of(&lines, "Body.\n")
}

/// The valid claim with file line `line` removed.
pub fn without_line(line: usize) -> String {
    let mut lines = FRONT_MATTER.to_vec();
    lines.remove(line - 2);
    entry_of(&lines, "Body.\n")
}

/// The valid claim with more front matter from file line 10 on.
pub fn with_extra(extra: &[&str]) -> String {
    let mut lines = FRONT_MATTER.to_vec();
    lines.extend_from_slice(extra);
    entry_of(&lines, "Body.\n")
}

pub fn valid() -> String {
    with_extra(&[])
}

/// What one case must report.
#[derive(Clone)]
pub struct Expect {
    pub code: &'static str,
    pub severity: &'static str,
    pub file: &'static str,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// Substrings of the message (all must be found).
    pub message: &'static [&'static str],
    /// A substring of the hint.
    pub hint: Option<&'static str>,
}

pub struct Case {
    pub name: &'static str,
    /// The site's files besides the default `site.toml` (which a case may replace).
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// Extra preparation (e.g. a symbolic link).
    pub setup: Option<fn(&Site)>,
    pub expect: Expect,
    /// Also assert that `digest build` fails and writes nothing.
    pub build: bool,
}

pub const CLAIM: &str = "content/claims/case.md";

pub fn error(code: &'static str, line: Option<u64>, message: &'static [&'static str]) -> Expect {
    Expect {
        code,
        severity: "error",
        file: CLAIM,
        line,
        column: None,
        message,
        hint: None,
    }
}

pub fn case(name: &'static str, text: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name,
        files: vec![(CLAIM, text.into())],
        setup: None,
        expect,
        build: false,
    }
}

pub fn make_site(case: &Case) -> Site {
    let site = Site::new(&[("site.toml", &site_toml("en"))]);
    for (path, bytes) in &case.files {
        site.write_bytes(path, bytes);
    }
    if let Some(setup) = case.setup {
        setup(&site);
    }
    site
}

/// Runs one case; returns what is wrong with the outcome (empty when all is well).
pub fn run_case(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let e = &case.expect;
    let site = make_site(case);
    let (run, report) = site.check_json(&[]);
    let all = diagnostics(&report);
    let shown = || format!("{report:#}");
    let expected_exit = if e.severity == "error" { 1 } else { 0 };
    if run.code != expected_exit {
        problems.push(format!("exit {} instead of {expected_exit}", run.code));
    }
    for d in &all {
        let message = d["message"].as_str().unwrap_or_default();
        let file = d["file"].as_str().unwrap_or_default();
        if message.is_empty() || file.is_empty() {
            problems.push(format!("a diagnostic without message or file: {d}"));
        }
    }
    let errors = all.clone().errors();
    let wanted_errors = usize::from(e.severity == "error");
    if errors.len() != wanted_errors {
        problems.push(format!(
            "{} error(s) instead of {wanted_errors}: {}",
            errors.len(),
            shown()
        ));
    }
    let matching = all.clone().code(e.code);
    let [d] = &matching[..] else {
        problems.push(format!(
            "{} diagnostic(s) with code {} instead of 1: {}",
            matching.len(),
            e.code,
            shown()
        ));
        return problems;
    };
    if d["severity"] != e.severity {
        problems.push(format!(
            "severity {} instead of {}",
            d["severity"], e.severity
        ));
    }
    if d["file"] != e.file {
        problems.push(format!("file {} instead of {}", d["file"], e.file));
    }
    if d["line"].as_u64() != e.line {
        problems.push(format!("line {} instead of {:?}", d["line"], e.line));
    }
    if let Some(column) = e.column
        && d["column"].as_u64() != Some(column)
    {
        problems.push(format!("column {} instead of {column}", d["column"]));
    }
    let message = d["message"].as_str().unwrap_or_default();
    for part in e.message {
        if !message.contains(part) {
            problems.push(format!("message {message:?} lacks {part:?}"));
        }
    }
    if let Some(hint) = e.hint {
        let got = d["hint"].as_str().unwrap_or_default();
        if !got.contains(hint) {
            problems.push(format!("hint {got:?} lacks {hint:?}"));
        }
    }
    if case.build {
        problems.extend(build_writes_nothing(case));
    }
    problems
}

/// `digest build` of the broken site exits 1 and creates no output folder; over a previous good
/// output (of the same site before it broke) it changes nothing and leaves no staging folder.
pub fn build_writes_nothing(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let site = make_site(case);
    let fresh = site.path("fresh-out");
    let run = site.run_build(&fresh, &[]);
    if run.code != 1 {
        problems.push(format!(
            "build exit {} instead of 1: {}",
            run.code, run.stderr
        ));
    }
    if fresh.exists() {
        problems.push("a failed build created its output folder".into());
    }

    // The same site, good: build it, break it, build again.
    let good = Site::new(&[
        ("site.toml", &site_toml("en")),
        ("content/claims/good.md", &valid()),
    ]);
    let out = good.build(&[]);
    let before = snapshot(&out.dir);
    for (path, bytes) in &case.files {
        good.write_bytes(path, bytes);
    }
    if let Some(setup) = case.setup {
        setup(&good);
    }
    let run = good.run_build(&out.dir, &[]);
    if run.code != 1 {
        problems.push(format!(
            "rebuild exit {} instead of 1: {}",
            run.code, run.stderr
        ));
    }
    if snapshot(&out.dir) != before {
        problems.push("a failed build changed the previous output".into());
    }
    let leftovers = digest_siblings(&out.dir);
    if !leftovers.is_empty() {
        problems.push(format!("left behind: {leftovers:?}"));
    }
    problems
}

pub fn run_table(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let problems = run_case(case);
        if !problems.is_empty() {
            failures.push(format!("[{}]\n  {}", case.name, problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} case(s) failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
