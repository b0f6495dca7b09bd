//! Entries refused before serde reads them: control characters (they make feeds malformed XML
//! and can drive a terminal), YAML anchors and aliases (their expansion costs memory
//! exponential in the text), tabs in indentation and absurd nesting (the parser's time grows
//! with the square of the depth). Each diagnostic points at the exact line and column.

use super::yaml_scan::{self, Finding};
use crate::config::position_of;
use crate::diag::{Diagnostic, Position};
use crate::text::{escape_controls, is_forbidden_in_content};
use std::path::Path;

/// The first literal control character of an entry's (normalized) text, front matter or body.
pub fn literal_control(file: &Path, text: &str) -> Option<Diagnostic> {
    // Bytes, not characters: every entry is scanned, and a forbidden character starts with
    // one of few bytes (C0 and DEL; 0xC2 for C1; 0xEF for U+FFFE, U+FFFF), each a character's
    // first byte.
    let may_start = |b: u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xef)
    };
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| may_start(b)) {
        let offset = from + i;
        let c = text[offset..].chars().next()?;
        if is_forbidden_in_content(c) {
            return Some(control_character(file, position_of(text, offset), c));
        }
        from = offset + 1;
    }
    None
}

/// Anchors, aliases and escapes of forbidden characters in front matter, found by libyaml's
/// event parser. `first_line` is the file line of the front matter's first line.
pub fn yaml_constructs(file: &Path, front_matter: &str, first_line: usize) -> Option<Diagnostic> {
    let finding = yaml_scan::scan(front_matter)?;
    let in_file = |p: Position| Position {
        line: first_line + p.line - 1,
        column: p.column,
    };
    Some(match finding {
        Finding::Anchor { line, column } => Diagnostic::error(
            "yaml-alias",
            file,
            "YAML anchors and aliases (`&name`, `*name`) are not allowed in front matter",
        )
        .at(Some(in_file(Position {
            line: line + 1,
            column: column + 1,
        })))
        .expected("every value written out in full")
        .hint("repeat the value instead of aliasing it; to write `&` or `*` as text, put the value in quotes"),
        Finding::ForbiddenEscape { line, column } => {
            let start = byte_offset(front_matter, line, column);
            let (at, len) =
                yaml_scan::forbidden_escape_in(front_matter, start).unwrap_or((start, 1));
            let escape = &front_matter[at..(at + len).min(front_matter.len())];
            Diagnostic::error(
                "control-character",
                file,
                format!("the escape `{escape}` stands for a control character"),
            )
            .at(Some(in_file(position_of(front_matter, at))))
            .expected("printable text (tab and line breaks are allowed)")
            .hint("remove the escape: feed readers reject such characters and terminals act on them")
        }
    })
}

/// Front matter is flat data: refuse absurd nesting before the YAML parser, whose time grows
/// with the square of the depth, spends minutes on it.
const MAX_NESTING: usize = 64;

pub fn nesting_problem(file: &Path, front_matter: &str, first_line: usize) -> Option<Diagnostic> {
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

pub fn tab_problem(file: &Path, front_matter: &str, first_line: usize) -> Option<Diagnostic> {
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

fn control_character(file: &Path, at: Position, c: char) -> Diagnostic {
    Diagnostic::error(
        "control-character",
        file,
        format!(
            "invisible control character {} (U+{:04X})",
            escape_controls(&c.to_string()),
            c as u32
        ),
    )
    .at(Some(at))
    .expected("printable text (tab and line breaks are allowed)")
    .hint("delete the character (an editor showing invisibles helps): feed readers reject it and terminals act on it")
}

/// The byte offset of a 0-based line and column (in characters) of `text`.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column)
            .map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_controls_are_found_among_ordinary_multibyte_text() {
        let at = |text: &str| literal_control(Path::new("x.md"), text).and_then(|d| d.position);
        assert_eq!(at("« Corée » \u{a0}é\t\r\n\u{f000}ok\n"), None);
        for (text, column) in [
            ("ab\u{9b}c", 3),
            ("«\u{ffff}", 2),
            ("é\u{fffe}", 2),
            ("x\u{7f}", 2),
        ] {
            let found = at(&format!("line\n{text}"));
            assert_eq!(found, Some(Position { line: 2, column }), "{text:?}");
        }
    }
}
