//! Reads the entry files of `content/`: every one in parallel (`load`), or one at a time
//! (`read_entry_text`, for `serve`), refusing what is too large or not UTF-8.

use super::entry::{
    ACTOR_KEYS, CLAIM_KEYS, MEMBER_KEYS, PAGE_KEYS, RawActor, RawClaim, RawMember, RawPage,
};
use super::parse::parse_text;
use super::parsed::{Parsed, Sources};
use super::split;
use super::walk::{self, EntryKind, EntryPath};
use crate::diag::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Entry files over this size are refused (a claim is a few KB; this catches mistakes).
const MAX_ENTRY_BYTES: u64 = 2 * 1024 * 1024;

/// Reads every entry of the site in parallel; problems are returned, never printed.
pub fn load(root: &Path) -> (Sources, Diagnostics) {
    let (paths, walk_problems) = walk::find_entries(root);
    let mut diags = Diagnostics::default();
    walk_problems.into_iter().for_each(|d| diags.push(d));

    enum Loaded {
        Claim(Box<Parsed<RawClaim>>),
        Actor(Parsed<RawActor>),
        Page(Parsed<RawPage>),
        Member(Parsed<RawMember>),
    }
    let results: Vec<(Option<Loaded>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|path| {
            let mut problems = Vec::new();
            let loaded = match path.kind {
                EntryKind::Claim => parse_file::<RawClaim>(path, CLAIM_KEYS, &mut problems)
                    .map(|c| Loaded::Claim(Box::new(c))),
                EntryKind::Actor => {
                    parse_file::<RawActor>(path, ACTOR_KEYS, &mut problems).map(Loaded::Actor)
                }
                EntryKind::Page => {
                    parse_file::<RawPage>(path, PAGE_KEYS, &mut problems).map(Loaded::Page)
                }
                EntryKind::Member => {
                    parse_file::<RawMember>(path, MEMBER_KEYS, &mut problems).map(Loaded::Member)
                }
            };
            (loaded, problems)
        })
        .collect();

    let mut sources = Sources::default();
    for (loaded, problems) in results {
        problems.into_iter().for_each(|d| diags.push(d));
        match loaded {
            Some(Loaded::Claim(c)) => sources.claims.push(*c),
            Some(Loaded::Actor(a)) => sources.actors.push(a),
            Some(Loaded::Page(p)) => sources.pages.push(p),
            Some(Loaded::Member(m)) => sources.team.push(m),
            None => {}
        }
    }
    (sources, diags)
}

/// An entry file's text, refused (with a diagnostic) when over the size limit, unreadable or
/// not UTF-8.
pub fn read_entry_text(path: &EntryPath, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let file = &path.relative;
    match std::fs::metadata(&path.absolute) {
        Ok(meta) if meta.len() > MAX_ENTRY_BYTES => {
            problems.push(
                Diagnostic::error(
                    "too-large",
                    file,
                    format!(
                        "file is {} bytes, over the limit of {MAX_ENTRY_BYTES}",
                        meta.len()
                    ),
                )
                .hint("an entry holds one claim's analysis; move data files to static/"),
            );
            return None;
        }
        Err(e) => {
            problems.push(Diagnostic::error("read", file, format!("cannot read: {e}")));
            return None;
        }
        Ok(_) => {}
    }
    let bytes = match std::fs::read(&path.absolute) {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.push(Diagnostic::error("read", file, format!("cannot read: {e}")));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            problems.push(
                Diagnostic::error("not-utf8", file, "file is not valid UTF-8")
                    .at(Some(crate::config::position_of(valid, valid.len())))
                    .expected("UTF-8 text")
                    .hint("re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"),
            );
            return None;
        }
    };
    Some(text)
}

/// The text of a site file as the diagnostics number its lines (BOM dropped, CRLF as LF).
pub fn file_text(root: &Path, file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(file)).ok()?;
    Some(split::normalize(&text).into_owned())
}

fn parse_file<T: DeserializeOwned>(
    path: &EntryPath,
    known_keys: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<Parsed<T>> {
    let text = read_entry_text(path, problems)?;
    let mut parsed = parse_text(&path.relative, &text, known_keys, problems)?;
    parsed.bundle = path.bundle.clone();
    Some(parsed)
}
