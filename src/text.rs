//! Characters that must never reach the output or the terminal: what XML 1.0 forbids (feeds
//! would be malformed), and invisible controls a terminal would act on (ESC starts a colour or
//! cursor sequence).

use std::borrow::Cow;

/// Whether XML 1.0 forbids `c` anywhere in a document, even as a character reference: C0
/// controls other than tab, line feed and carriage return, and U+FFFE, U+FFFF.
pub fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `c` is refused in content: what XML forbids, DEL and the C1 controls (never in real
/// text; a terminal may read U+009B as the start of an escape sequence).
pub fn is_forbidden_in_content(c: char) -> bool {
    is_xml_forbidden(c) || matches!(c, '\u{7f}'..='\u{9f}')
}

/// `text` without the characters XML forbids: the last line of defence of feeds.
pub fn strip_xml_forbidden(text: String) -> String {
    if text.chars().any(is_xml_forbidden) {
        text.chars().filter(|&c| !is_xml_forbidden(c)).collect()
    } else {
        text
    }
}

/// `text` with every control character but tab written as `\u{..}`, for printing to a terminal.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    let visible = |c: char| c == '\t' || !(c.is_control() || is_forbidden_in_content(c));
    if text.chars().all(visible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if visible(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        for c in ['\0', '\u{1b}', '\u{b}', '\u{c}', '\u{fffe}', '\u{ffff}'] {
            assert!(is_xml_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', 'é', '\u{fffd}', '\u{10000}'] {
            assert!(!is_xml_forbidden(c), "{c:?}");
        }
        assert!(is_forbidden_in_content('\u{9b}') && !is_xml_forbidden('\u{9b}'));
        assert_eq!(strip_xml_forbidden("a\u{1b}[31mb\0".into()), "a[31mb");
    }

    #[test]
    fn controls_are_escaped_for_the_terminal() {
        assert_eq!(escape_controls("a\u{1b}[2Jb\tc"), "a\\u{1b}[2Jb\tc");
        assert_eq!(escape_controls("line\nbreak"), "line\\u{a}break");
        assert!(matches!(escape_controls("plain é"), Cow::Borrowed(_)));
    }
}
