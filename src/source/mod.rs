//! Floor 1: reads the site folder. Walks `content/`, splits front matter from body and parses
//! the YAML into raw structs, keeping positions for diagnostics. Never validates meaning.

pub mod entry;
pub mod locate;
mod refuse;
pub mod split;
pub mod statics;
pub mod walk;
mod yaml_scan;

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics, Position, did_you_mean};
use entry::{ACTOR_KEYS, CLAIM_KEYS, PAGE_KEYS, RawActor, RawClaim, RawPage};
use locate::KeyLocator;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use split::SplitError;
pub use statics::{StaticFiles, scan_static};
use std::path::{Path, PathBuf};
use walk::{EntryKind, EntryPath};

/// Entry files over this size are refused (a claim is a few KB; this catches mistakes).
pub const MAX_ENTRY_BYTES: u64 = 2 * 1024 * 1024;

/// One parsed entry: its raw fields, body, and where it came from.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub raw: T,
    pub file: PathBuf,
    pub locator: KeyLocator,
    pub body: String,
    pub body_line: usize,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub claims: Vec<Parsed<RawClaim>>,
    pub actors: Vec<Parsed<RawActor>>,
    pub pages: Vec<Parsed<RawPage>>,
}

/// Reads and parses `site.toml`.
pub fn read_config(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, Path::new(CONFIG_FILE)),
        Err(e) => {
            let mut diags = Diagnostics::default();
            diags.push(
                Diagnostic::error("config-missing", CONFIG_FILE, format!("cannot read {}: {e}", path.display()))
                    .hint("run digest from a site folder, pass --root DIR, or create one with `digest init`"),
            );
            Err(diags)
        }
    }
}

/// Reads every entry of the site in parallel; problems are returned, never printed.
pub fn load(root: &Path) -> (Sources, Diagnostics) {
    let (paths, walk_problems) = walk::find_entries(root);
    let mut diags = Diagnostics::default();
    walk_problems.into_iter().for_each(|d| diags.push(d));

    enum Loaded {
        Claim(Box<Parsed<RawClaim>>),
        Actor(Parsed<RawActor>),
        Page(Parsed<RawPage>),
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
            None => {}
        }
    }
    (sources, diags)
}

/// Parses one entry's text (already read); used by `load` and by `serve` for a single file.
pub fn parse_text<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    known_keys: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<Parsed<T>> {
    let text = split::normalize(text);
    if let Some(d) = refuse::literal_control(file, &text) {
        problems.push(d);
        return None;
    }
    let parts = match split::split(&text) {
        Ok(parts) => parts,
        Err(e) => {
            problems.push(split_problem(file, e));
            return None;
        }
    };
    if let Some(d) = tab_problem(file, parts.front_matter, parts.front_matter_line)
        .or_else(|| nesting_problem(file, parts.front_matter, parts.front_matter_line))
        .or_else(|| refuse::yaml_constructs(file, parts.front_matter, parts.front_matter_line))
    {
        problems.push(d);
        return None;
    }
    let raw: T = match serde_yaml::from_str(parts.front_matter) {
        Ok(raw) => raw,
        Err(e) => {
            problems.push(serde_problem(file, &e, &parts));
            return None;
        }
    };
    let locator = KeyLocator::new(parts.front_matter, parts.front_matter_line);
    for (key, position) in locator.keys() {
        if !known_keys.contains(&key) {
            let hint = did_you_mean(key, known_keys.iter().copied())
                .map(|k| format!("did you mean `{k}`?"));
            problems.push(
                Diagnostic::warning(
                    "unknown-key",
                    file,
                    format!("unknown front-matter key `{key}` (ignored)"),
                )
                .at(Some(position))
                .expected(format!("one of {}", known_keys.join(", ")))
                .hint_opt(hint),
            );
        }
    }
    Some(Parsed {
        raw,
        file: file.to_path_buf(),
        locator,
        body: parts.body.to_string(),
        body_line: parts.body_line,
    })
}

fn parse_file<T: DeserializeOwned>(
    path: &EntryPath,
    known_keys: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<Parsed<T>> {
    let text = read_entry_text(path, problems)?;
    parse_text(&path.relative, &text, known_keys, problems)
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

fn split_problem(file: &Path, error: SplitError) -> Diagnostic {
    let start = Some(Position { line: 1, column: 1 });
    match error {
        SplitError::Missing => Diagnostic::error(
            "front-matter-missing",
            file,
            "no front matter: the file must start with a `---` line",
        )
        .at(start)
        .expected("---\\ntitle: ...\\n---\\nBody")
        .hint("add YAML front matter between two `---` lines at the top of the file"),
        SplitError::Unclosed => Diagnostic::error(
            "front-matter-unclosed",
            file,
            "front matter opened here is never closed",
        )
        .at(start)
        .expected("a closing `---` line after the front matter"),
        SplitError::Empty { at } => {
            Diagnostic::error("front-matter-empty", file, "front matter is empty")
                .at(Some(at))
                .hint("a claim needs at least title, claim, date, status and source")
        }
    }
}

/// Front matter is flat data: refuse absurd nesting before the YAML parser, whose time grows
/// with the square of the depth, spends minutes on it.
const MAX_NESTING: usize = 64;

fn nesting_problem(file: &Path, front_matter: &str, first_line: usize) -> Option<Diagnostic> {
    let too_deep = |i: usize, col: usize| {
        Diagnostic::error(
            "yaml-too-deep",
            file,
            format!("front matter nested more than {MAX_NESTING} levels deep"),
        )
        .at(Some(Position {
            line: first_line + i,
            column: col + 1,
        }))
        .expected("flat fields, lists and small maps as in the content format")
    };
    // Without a bracket only indentation can nest: the byte scan is skipped.
    let has_brackets = memchr::memchr2(b'[', b'{', front_matter.as_bytes()).is_some();
    let (mut depth, mut quote) = (0usize, None::<u8>);
    for (i, line) in front_matter.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 2 * MAX_NESTING {
            return Some(too_deep(i, 0));
        }
        if !has_brackets {
            continue;
        }
        // Bytes, not characters: every byte looked at is ASCII, which never occurs inside a
        // multi-byte character.
        let bytes = line.as_bytes();
        for (col, &b) in bytes.iter().enumerate() {
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'#') if col == 0 || bytes[col - 1] == b' ' => break,
                (None, b'[' | b'{') => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(too_deep(i, col));
                    }
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if quote == Some(b'\'') {
            quote = None; // single quotes do not span lines in front matter worth checking
        }
    }
    None
}

fn tab_problem(file: &Path, front_matter: &str, first_line: usize) -> Option<Diagnostic> {
    memchr::memchr(b'\t', front_matter.as_bytes())?;
    front_matter.lines().enumerate().find_map(|(i, line)| {
        let indent_len = line.len() - line.trim_start().len();
        let tab = line[..indent_len].find('\t')?;
        Some(
            Diagnostic::error("yaml-tab", file, "tab character in indentation")
                .at(Some(Position {
                    line: first_line + i,
                    column: tab + 1,
                }))
                .expected("spaces: YAML does not allow tabs for indentation")
                .hint("replace the tab with spaces"),
        )
    })
}

/// Every "at line L column C" in a YAML error message: (byte offset, line, column, end offset).
fn positions_in(message: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = message[from..].find("at line ") {
        let at = from + i;
        let rest = &message[at + "at line ".len()..];
        let digits = |t: &str| {
            t.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        };
        let line = digits(rest);
        let column = rest[line.len()..]
            .strip_prefix(" column ")
            .map(digits)
            .unwrap_or_default();
        if let (Ok(l), Ok(c)) = (line.parse(), column.parse()) {
            let end = at + "at line ".len() + line.len() + " column ".len() + column.len();
            found.push((at, l, c, end));
        }
        from = at + "at line ".len();
    }
    found
}

/// serde reports a duplicate field at its mapping; point at the key's second occurrence instead.
fn duplicate_key_position(
    message: &str,
    front_matter: &str,
    first_line: usize,
) -> Option<Position> {
    let rest = message.strip_prefix("duplicate field `")?;
    let key = &rest[..rest.find('`')?];
    KeyLocator::new(front_matter, first_line)
        .keys()
        .filter(|(k, _)| *k == key)
        .nth(1)
        .map(|(_, p)| p)
}

/// A front matter serde refused, pointed at the offending key or item where serde points at
/// its mapping or list.
fn serde_problem(file: &Path, error: &serde_yaml::Error, parts: &split::Split) -> Diagnostic {
    let mut problem = yaml_problem(file, error, parts.front_matter_line);
    let message = error.to_string();
    let (fm, line) = (parts.front_matter, parts.front_matter_line);
    if let Some(position) = duplicate_key_position(&message, fm, line) {
        problem.position = Some(position);
    } else if let Some(position) = null_item_position(&message, fm, line) {
        problem.position = Some(position);
        // The message's own "at line L column C" is the list's.
        if let Some(at) = problem.message.rfind(" at line ") {
            problem.message.truncate(at);
        }
    }
    problem
}

/// serde reports a null item of a list at the list; point at the item instead.
fn null_item_position(message: &str, front_matter: &str, first_line: usize) -> Option<Position> {
    let (key, rest) = message.split_once(": ")?;
    rest.starts_with("invalid type: null")
        .then(|| KeyLocator::new(front_matter, first_line).null_item(key))
        .flatten()
}

fn yaml_problem(file: &Path, error: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let to_file = |line: usize, column: usize| Position {
        line: first_line + line.saturating_sub(1),
        column,
    };
    let raw = error.to_string();
    let mentioned = positions_in(&raw);
    // "found X at line 7, while scanning a quoted scalar at line 1": the construct that was left
    // open is where the fix goes, so point there; else at where the parser stopped.
    let position = match raw.find("while ") {
        Some(at) => mentioned
            .iter()
            .find(|(offset, ..)| *offset > at)
            .map(|&(_, l, c, _)| to_file(l, c)),
        None => None,
    }
    .or_else(|| error.location().map(|l| to_file(l.line(), l.column())));
    // The message keeps its context, with positions in the file's own numbering.
    let mut message = String::with_capacity(raw.len());
    let mut last = 0;
    for &(offset, line, column, end) in &mentioned {
        message.push_str(&raw[last..offset]);
        let p = to_file(line, column);
        message.push_str(&format!("at line {} column {}", p.line, p.column));
        last = end;
    }
    message.push_str(&raw[last..]);
    let message = message.trim_end().to_string();
    let hint = if message.contains("duplicate") {
        "each key may appear only once; remove or merge the repeated one"
    } else if message.contains("invalid type") {
        "check the value's type against the content format (lists in [ ], dates as YYYY-MM-DD)"
    } else if message.contains("unknown field") {
        "check the spelling of the key against the content format"
    } else {
        "quote values that contain `: `, `#` or start with a special character"
    };
    let code = if message.contains("duplicate") {
        "yaml-duplicate-key"
    } else {
        "yaml"
    };
    Diagnostic::error(code, file, format!("invalid front matter: {message}"))
        .at(position)
        .hint(hint)
}

/// A site's own `templates/` files (name relative to that folder, bytes), which override the
/// built-in theme file by file.
pub fn read_template_overrides(root: &Path) -> (Vec<(String, Vec<u8>)>, Diagnostics) {
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    let folder = root.join("templates");
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if let Some(problem) = walk::link_leaving_site(root, &canonical_root, Path::new("templates")) {
        diags.push(problem);
        return (files, diags);
    }
    if !folder.is_dir() {
        return (files, diags);
    }
    for item in walkdir::WalkDir::new(&folder).sort_by_file_name() {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&folder);
                let shown = path.strip_prefix(root).unwrap_or(path);
                diags.push(Diagnostic::error(
                    "read",
                    shown,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(&folder).expect("walked below it");
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => diags.push(Diagnostic::error(
                "read",
                Path::new("templates").join(rel),
                format!("cannot read: {e}"),
            )),
        }
    }
    (files, diags)
}

/// The files of a site's `static/` folder (`scan_static` of its parent), without the
/// diagnostics: (path relative to the folder, path on disk).
pub fn static_files(folder: &Path) -> Vec<(PathBuf, PathBuf)> {
    let root = match folder.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    scan_static(root).files
}

/// The text of a site file as the diagnostics number its lines (BOM dropped, CRLF as LF).
pub fn file_text(root: &Path, file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(file)).ok()?;
    Some(split::normalize(&text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_claim(text: &str) -> (Option<Parsed<RawClaim>>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let parsed = parse_text::<RawClaim>(Path::new("c.md"), text, CLAIM_KEYS, &mut problems);
        (parsed, problems)
    }

    #[test]
    fn yaml_errors_map_to_file_lines() {
        let (parsed, problems) = parse_claim("---\ntitle: x\ntags: 5\n---\n");
        assert!(parsed.is_none());
        assert_eq!(problems[0].position.unwrap().line, 3, "{:?}", problems[0]);
        assert!(
            problems[0].message.contains("invalid type"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn duplicate_keys_and_tabs_are_errors() {
        let (_, problems) = parse_claim("---\ntitle: x\ntitle: y\n---\n");
        assert_eq!(problems[0].code, "yaml-duplicate-key");
        assert_eq!(problems[0].position.unwrap().line, 3);
        let (_, problems) = parse_claim("---\nsource:\n\tpublisher: x\n---\n");
        assert_eq!(problems[0].code, "yaml-tab");
        assert_eq!(problems[0].position.unwrap().line, 3);
    }

    #[test]
    fn unknown_keys_warn_with_suggestion() {
        let (parsed, problems) = parse_claim("---\ntitle: x\nstatuss: false\n---\nBody");
        assert!(parsed.is_some());
        assert_eq!(problems[0].code, "unknown-key");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `status`?"));
    }

    #[test]
    fn boolean_status_reads_as_its_key() {
        let (parsed, _) = parse_claim("---\nstatus: false\nclaimant: [a, b]\n---\n");
        let raw = parsed.unwrap().raw;
        assert_eq!(raw.status.unwrap().0, "false");
        assert_eq!(raw.claimant.0, ["a", "b"]);
    }
}
