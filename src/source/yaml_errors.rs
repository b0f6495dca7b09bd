//! The YAML parser's and serde's errors rewritten for writers: positions in the file's own
//! line numbers, pointed at the construct to fix (the key repeated, the null item, the quote
//! left open) rather than where the parser stopped, with a hint.

use super::locate::KeyLocator;
use super::split;
use crate::diag::{Diagnostic, Position};
use std::path::Path;

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
pub fn serde_problem(file: &Path, error: &serde_yaml::Error, parts: &split::Split) -> Diagnostic {
    let mut problem = yaml_problem(file, error, parts.front_matter_line);
    let message = error.to_string();
    let (fm, line) = (parts.front_matter, parts.front_matter_line);
    // What a quote left open leads to when a later quote closes it.
    let symptom = [
        "did not find expected key",
        "mapping values are not allowed",
    ]
    .iter()
    .any(|s| message.contains(s));
    if let Some(position) = problem
        .position
        .filter(|_| symptom)
        .and_then(|stopped| open_quote_before(fm, line, stopped))
    {
        // A quote left open runs on into the next lines until another quote closes it, and the
        // parser stops only there: the fix is where the quote opened.
        problem.position = Some(position);
        problem.hint = Some(
            "this quote is not closed on its line: close it; inside a value in \"…\", write a quote as \\\" (or use « »)"
                .into(),
        );
    } else if let Some(position) = duplicate_key_position(&message, fm, line) {
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

/// The first `key: "value` line before `stopped` whose double quote does not close on it.
fn open_quote_before(front_matter: &str, first_line: usize, stopped: Position) -> Option<Position> {
    front_matter
        .lines()
        .enumerate()
        .map(|(i, text)| (first_line + i, text))
        .take_while(|&(line, _)| line < stopped.line)
        .find_map(|(line, text)| {
            let at = text.find(": \"")? + 2;
            let value = &text[at + 1..];
            let mut escaped = false;
            let closed = value.chars().any(|c| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            });
            (!closed).then(|| Position {
                line,
                column: text[..at].chars().count() + 1,
            })
        })
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
