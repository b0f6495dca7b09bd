//! Diagnostics: problems found in a site, collected as values by every stage and printed
//! only by the command at the top. Each names its file, line and column where known.

use crate::text::escape_controls;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file, 1-based, in the file's own line numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier (`unknown-status`, `yaml-syntax`...) for tools and filters.
    pub code: &'static str,
    /// The file, relative to the site root.
    pub file: PathBuf,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Cow<'static, str>>,
    /// The offending line of the file, for the human rendering.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file.into(), message.into())
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file.into(), message.into())
    }

    fn new(severity: Severity, code: &'static str, file: PathBuf, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            file,
            position: None,
            message,
            expected: None,
            hint: None,
            source_line: None,
        }
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// What was expected; a fixed text is kept without a copy (a large archive can have a
    /// hundred thousand warnings).
    pub fn expected(mut self, expected: impl Into<Cow<'static, str>>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<Cow<'static, str>>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint.map(Cow::Owned).or(self.hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// All the problems of one run, in the order they are to be shown.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Kept up to date on push: validation asks for it after every field.
    errors: usize,
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(items: I) -> Self {
        let mut diagnostics = Diagnostics::default();
        for d in items {
            diagnostics.push(d);
        }
        diagnostics
    }
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.errors += usize::from(diagnostic.is_error());
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.errors += other.errors;
        self.items.extend(other.items);
    }

    /// Removes one item equal to each of `gone` (quoted source lines aside): what a file
    /// revised in place no longer reports.
    pub fn remove_each(&mut self, gone: &Diagnostics) {
        for old in &gone.items {
            let same = |d: &Diagnostic| {
                (
                    d.severity,
                    d.code,
                    &d.file,
                    d.position,
                    &d.message,
                    &d.expected,
                    &d.hint,
                ) == (
                    old.severity,
                    old.code,
                    &old.file,
                    old.position,
                    &old.message,
                    &old.expected,
                    &old.hint,
                )
            };
            if let Some(at) = self.items.iter().position(same) {
                self.errors -= usize::from(self.items[at].is_error());
                self.items.remove(at);
            }
        }
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Quotes the offending source line of every error, then sorts by file and position.
    /// `read_file` gives a file's text. Warnings are quoted on demand (`quote_warnings`): a large
    /// archive can have tens of thousands, and a build that does not print them should not read
    /// every file again for them.
    pub fn finish(&mut self, read_file: impl Fn(&Path) -> Option<String>) {
        self.quote(read_file, false);
        self.items.sort_by(|a, b| {
            path_order(&a.file, &b.file)
                .then((a.position, a.severity).cmp(&(b.position, b.severity)))
        });
    }

    /// Quotes the source lines of warnings too, before printing them.
    pub fn quote_warnings(&mut self, read_file: impl Fn(&Path) -> Option<String>) {
        self.quote(read_file, true);
    }

    /// Fills in source lines; each file is read once, however many problems it has.
    fn quote(&mut self, read_file: impl Fn(&Path) -> Option<String>, warnings_too: bool) {
        // Each file's text with the offsets of its lines: thousands of problems in one file
        // must not each walk its lines again.
        let mut texts: std::collections::HashMap<PathBuf, Option<(String, Vec<usize>)>> =
            std::collections::HashMap::new();
        for d in self
            .items
            .iter_mut()
            .filter(|d| warnings_too || d.is_error())
        {
            if d.source_line.is_none()
                && let Some(pos) = d.position
            {
                let text = texts.entry(d.file.clone()).or_insert_with(|| {
                    let text = read_file(&d.file)?;
                    let starts = std::iter::once(0)
                        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                        .collect();
                    Some((text, starts))
                });
                d.source_line = text.as_ref().and_then(|(text, starts)| {
                    let start = *starts.get(pos.line.checked_sub(1)?)?;
                    text[start..].lines().next().map(str::to_string)
                });
            }
        }
    }

    /// The human rendering: one block per problem, `file:line:col`, the line with a caret.
    pub fn render_human(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let mut out = String::new();
        for d in &self.items {
            let (label, code) = match d.severity {
                Severity::Error => ("error", "1;31"),
                Severity::Warning => ("warning", "1;33"),
            };
            // Content and file names may hold control characters: printed escaped, never raw.
            let file = d.file.display().to_string();
            let file = escape_controls(&file);
            let location = match d.position {
                Some(p) => format!("{file}:{}:{}", p.line, p.column),
                None => file.into_owned(),
            };
            let message = escape_controls(&d.message);
            let _ = writeln!(out, "{}: {}", paint(code, label), paint("1", &message));
            let _ = writeln!(out, "  --> {location}");
            if let (Some(line), Some(p)) = (&d.source_line, d.position) {
                let number = p.line.to_string();
                let gutter = " ".repeat(number.len());
                let before: String = line.chars().take(p.column.saturating_sub(1)).collect();
                let caret_pad: String = escape_controls(&before)
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let line = escape_controls(line);
                let _ = writeln!(out, "  {gutter} |");
                let _ = writeln!(out, "  {number} | {line}");
                let _ = writeln!(out, "  {gutter} | {caret_pad}{}", paint(code, "^"));
            }
            if let Some(expected) = &d.expected {
                let _ = writeln!(out, "  = expected: {}", escape_controls(expected));
            }
            if let Some(hint) = &d.hint {
                let _ = writeln!(out, "  = hint: {}", escape_controls(hint));
            }
            out.push('\n');
        }
        out
    }

    /// The machine rendering (`--format json`): documented in the README, stable.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "version": 1,
            "errors": self.error_count(),
            "warnings": self.warning_count(),
            "diagnostics": self.items,
        })
    }
}

/// The closest candidate to `word` within a small edit distance, for "did you mean" hints.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// The order of `Path`'s own comparison (component by component) for the normalized relative
/// paths of a site's files, without parsing components: a separator sorts before every other
/// byte. Tens of thousands of files and warnings are sorted in a large build.
pub(crate) fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    if a == b {
        return std::cmp::Ordering::Equal;
    }
    let key = |&byte: &u8| {
        if std::path::is_separator(byte as char) {
            0
        } else {
            byte
        }
    };
    a.iter().map(key).cmp(b.iter().map(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_order_is_paths_own_order() {
        let paths = [
            "content/a/b.md",
            "content/a-b.md",
            "content/a.md",
            "content/a",
            "content/ab/c.md",
            "content/a/b/c.md",
            "content/é.md",
            "content/z.md",
            "site.toml",
            "content/a/b.md",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(path_order(a, b), a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn suggests_the_nearest_key() {
        let keys = ["true", "mostly-true", "false", "unverified"];
        assert_eq!(did_you_mean("flase", keys), Some("false"));
        assert_eq!(did_you_mean("unverifed", keys), Some("unverified"));
        assert_eq!(did_you_mean("banana", keys), None);
    }

    #[test]
    fn human_rendering_points_at_the_column() {
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(
                "unknown-status",
                "content/claims/a.md",
                "unknown status \"flase\"",
            )
            .at(Some(Position { line: 7, column: 9 }))
            .hint("did you mean \"false\"?"),
        );
        diags.finish(|_| Some("1\n2\n3\n4\n5\n6\nstatus: flase\n".into()));
        let text = diags.render_human(false);
        assert!(text.contains("content/claims/a.md:7:9"), "{text}");
        assert!(
            text.contains("7 | status: flase\n    |         ^"),
            "{text}"
        );
        assert!(text.contains("= hint: did you mean \"false\"?"), "{text}");
    }
}
