//! The checkers of `../shared/tools` (beside the repository), run with python3.
//!
//! A test that needs one skips, saying why, when the tool or python3 is missing on a
//! developer's machine; when the `CI` environment variable is set, it fails instead, so that
//! no check is silently lost where it matters.

use super::site::repo_root;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `python3` can be run.
pub fn has_python3() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether a missing tool must fail the test (`CI` is set) rather than skip it.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// Skips the test (returns false, with a note on stderr) when `what` is missing, or fails it
/// when `CI` is set.
pub fn available_or_skip(found: bool, what: &str) -> bool {
    if found {
        return true;
    }
    assert!(
        !in_ci(),
        "{what} is missing and CI is set: the test cannot skip"
    );
    eprintln!("skipped: {what} is missing");
    false
}

/// The path of `../shared/tools/<name>` when it and python3 are there (see the module's note
/// for what happens when they are not).
pub fn shared_tool(name: &str) -> Option<PathBuf> {
    let path = repo_root().join("../shared/tools").join(name);
    let found = available_or_skip(path.is_file(), &path.display().to_string())
        && available_or_skip(has_python3(), "python3");
    found.then_some(path)
}

/// Runs `python3 -B TOOL ARGS`; panics, with its output, unless it exits 0.
pub fn run_python_tool<A: AsRef<OsStr>>(tool: &Path, args: &[A]) {
    let run = Command::new("python3")
        .arg("-B")
        .arg(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", tool.display()));
    assert_eq!(
        run.status.code(),
        Some(0),
        "{} failed:\n{}\n{}",
        tool.display(),
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Runs `check_links.py` on a site built for a sub-path (`--base-path /repo/`), when it is
/// there (see `shared_tool`).
pub fn check_links_under(output: &Path, base_path: &str) {
    if let Some(checker) = shared_tool("check_links.py") {
        let args: [&OsStr; 3] = [
            output.as_os_str(),
            "--base-path".as_ref(),
            base_path.as_ref(),
        ];
        run_python_tool(&checker, &args);
    }
}

/// Runs `check_claimreview.py` and accepts only the errors an honest ClaimReview makes where the
/// content has nothing to say (issue 15): no claim author when the entry names no claimant, and
/// an appearance without an address when the source has none. Any other error fails the test.
pub fn run_claimreview_checker<A: AsRef<OsStr>>(tool: &Path, args: &[A]) {
    let run = Command::new("python3")
        .arg("-B")
        .arg(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", tool.display()));
    let stdout = String::from_utf8_lossy(&run.stdout);
    if run.status.code() == Some(0) {
        return;
    }
    let errors = stdout
        .split("ERRORS (")
        .nth(1)
        .and_then(|rest| rest.split("WARNINGS (").next())
        .unwrap_or_default();
    let other: Vec<&str> = errors
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .filter(|l| !is_honest_omission(l))
        .collect();
    assert!(
        !errors.is_empty() && other.is_empty(),
        "{} failed:\n{stdout}\n{}",
        tool.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// An error of `check_claimreview.py` that only says the content does not know something: no
/// claim author, no appearance address, or a claim date known only to the month or the year
/// (`itemReviewed.datePublished` "2024-06" or "2024": ISO 8601 at reduced precision, valid for
/// schema.org, which the checker reads as day-only).
pub fn is_honest_omission(line: &str) -> bool {
    line.contains("itemReviewed.author: missing")
        || (line.contains("appearance") && line.contains("has no absolute url"))
        || is_reduced_precision_claim_date(line)
}

/// `itemReviewed.datePublished: 'YYYY' is not an ISO 8601 date...` or the same with 'YYYY-MM'.
fn is_reduced_precision_claim_date(line: &str) -> bool {
    let Some((_, rest)) = line.split_once(" itemReviewed.datePublished: '") else {
        return false;
    };
    let Some((value, problem)) = rest.split_once('\'') else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let reduced = match value.split_once('-') {
        None => digits(value, 4),
        Some((year, month)) => digits(year, 4) && digits(month, 2),
    };
    reduced && problem.starts_with(" is not an ISO 8601 date (")
}
