//! Splits an entry into its YAML front matter and Markdown body, keeping line offsets so that
//! positions inside the YAML map back to the file's own lines. A BOM and CRLF are accepted.

use crate::diag::Position;

#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub front_matter: &'a str,
    /// The file line (1-based) on which the front matter's first line stands.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// The file line (1-based) on which the body starts.
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    Missing,
    Unclosed,
    Empty { at: Position },
}

/// Removes a BOM and turns CRLF into LF: line numbers stay the same.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `text` must be normalized.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::Missing)?;
    if first.trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let start = first.len();
    let mut offset = start;
    let mut line_number = 1;
    for line in lines {
        line_number += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front_matter = &text[start..offset];
            if front_matter.trim().is_empty() {
                return Err(SplitError::Empty {
                    at: Position { line: 1, column: 1 },
                });
            }
            return Ok(Split {
                front_matter,
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_number + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter, "title: x\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = normalize("\u{feff}---\r\ntitle: x\r\n---\r\nBody\r\n");
        let s = split(&text).unwrap();
        assert_eq!(s.front_matter, "title: x\n");
    }

    #[test]
    fn broken_front_matter_is_named() {
        assert_eq!(split("title: x\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: x\n"), Err(SplitError::Unclosed));
        assert!(matches!(
            split("---\n\n---\n"),
            Err(SplitError::Empty { .. })
        ));
    }
}
