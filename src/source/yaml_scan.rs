//! A pass over front matter with libyaml's event parser (the parser `serde_yaml` itself uses),
//! before serde reads it, for what serde must never see:
//! - anchors and aliases: serde expands every alias, so a small entry aliasing a large string
//!   thousands of times costs gigabytes;
//! - escapes (`"\e"`, `"\0"`, `"\uFFFE"`) decoding to characters XML forbids.
//!
//! The parser streams events in time linear in the text; nothing is expanded. Only the first
//! finding is returned: one is enough to refuse the entry.

use libyaml_rs as sys;
use std::mem::MaybeUninit;

/// What the scan found, with the 0-based line and column (in characters) of the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// An anchor (`&name`) or an alias (`*name`).
    Anchor { line: usize, column: usize },
    /// A double-quoted scalar starting here decodes to a forbidden character.
    ForbiddenEscape { line: usize, column: usize },
}

/// Scans `front_matter`; a YAML syntax error ends the scan quietly (serde reports it).
pub fn scan(front_matter: &str) -> Option<Finding> {
    // Without these bytes there can be neither anchor, alias nor escape: skip the parse.
    let bytes = front_matter.as_bytes();
    memchr::memchr3(b'&', b'*', b'\\', bytes)?;
    let mut parser = EventParser::new(bytes);
    loop {
        let event = parser.next()?;
        if event.finding.is_some() || event.last {
            return event.finding;
        }
    }
}

struct Event {
    finding: Option<Finding>,
    last: bool,
}

/// libyaml's parser over a borrowed string. Boxed: its state must not move once initialised.
struct EventParser<'a> {
    sys: Box<MaybeUninit<sys::yaml_parser_t>>,
    _input: &'a [u8],
    failed: bool,
}

impl<'a> EventParser<'a> {
    fn new(input: &'a [u8]) -> Self {
        let mut parser = Box::new(MaybeUninit::<sys::yaml_parser_t>::uninit());
        // SAFETY: `yaml_parser_initialize` fills the whole struct (it memsets it first); the
        // input outlives the parser (it is borrowed for 'a), and the box never moves its content.
        let failed = unsafe {
            let p = parser.as_mut_ptr();
            let failed = sys::yaml_parser_initialize(p).fail;
            if !failed {
                sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
                sys::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as _);
            }
            failed
        };
        assert!(!failed, "libyaml could not allocate its parser");
        EventParser {
            sys: parser,
            _input: input,
            failed: false,
        }
    }

    /// The next event, or None after an error.
    fn next(&mut self) -> Option<Event> {
        if self.failed {
            return None;
        }
        let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; a successful `yaml_parser_parse` fills
        // `event`, which is read only then and deleted once read.
        unsafe {
            let p = self.sys.as_mut_ptr();
            if sys::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                self.failed = true;
                return None;
            }
            let e = event.as_mut_ptr();
            let finding = finding_of(&*e);
            let last = (*e).type_ == sys::YAML_STREAM_END_EVENT;
            sys::yaml_event_delete(e);
            Some(Event { finding, last })
        }
    }
}

impl Drop for EventParser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new` (which panics otherwise), deleted once.
        unsafe { sys::yaml_parser_delete(self.sys.as_mut_ptr()) }
    }
}

/// SAFETY: `e` must be an event filled by `yaml_parser_parse` and not yet deleted.
unsafe fn finding_of(e: &sys::yaml_event_t) -> Option<Finding> {
    let (line, column) = (e.start_mark.line as usize, e.start_mark.column as usize);
    let anchor = Finding::Anchor { line, column };
    // SAFETY: the union field read is the one `type_` says is filled.
    unsafe {
        match e.type_ {
            sys::YAML_ALIAS_EVENT => Some(anchor),
            sys::YAML_SEQUENCE_START_EVENT if !e.data.sequence_start.anchor.is_null() => {
                Some(anchor)
            }
            sys::YAML_MAPPING_START_EVENT if !e.data.mapping_start.anchor.is_null() => Some(anchor),
            sys::YAML_SCALAR_EVENT => {
                let s = &e.data.scalar;
                if !s.anchor.is_null() {
                    return Some(anchor);
                }
                if s.style != sys::YAML_DOUBLE_QUOTED_SCALAR_STYLE || s.value.is_null() {
                    return None;
                }
                let value = std::slice::from_raw_parts(s.value, s.length as usize);
                let decoded = String::from_utf8_lossy(value);
                decoded
                    .chars()
                    .any(crate::text::is_forbidden_in_content)
                    .then_some(Finding::ForbiddenEscape { line, column })
            }
            _ => None,
        }
    }
}

/// The byte offset and length of the first escape in the double-quoted scalar starting at byte
/// `start` of `text` whose character is refused in content (`\0`, `\e`, `\x1b`, `\uFFFE`...).
pub fn forbidden_escape_in(text: &str, start: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = start + 1; // after the opening quote
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return None,
            b'\\' => {
                let (width, decoded) = escape_at(&text[i + 1..]);
                if decoded.is_some_and(crate::text::is_forbidden_in_content) {
                    return Some((i, width + 1));
                }
                i += 1 + width.max(1);
            }
            _ => i += 1,
        }
    }
    None
}

/// The length after the backslash of one escape, and the character it stands for (None for
/// escapes that are not characters, such as an escaped line break).
fn escape_at(rest: &str) -> (usize, Option<char>) {
    let Some(kind) = rest.chars().next() else {
        return (0, None);
    };
    let simple = |c: char| (1, Some(c));
    match kind {
        '0' => simple('\0'),
        'a' => simple('\u{7}'),
        'b' => simple('\u{8}'),
        'e' => simple('\u{1b}'),
        'f' => simple('\u{c}'),
        'v' => simple('\u{b}'),
        'N' => simple('\u{85}'),
        'x' | 'u' | 'U' => {
            let digits = match kind {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = rest.get(1..1 + digits);
            let c = hex
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32);
            (1 + digits, c)
        }
        other => (other.len_utf8(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_aliases_are_found() {
        let fm = "title: x\nbig: &a \"text\"\nclaim: *a\n";
        assert_eq!(scan(fm), Some(Finding::Anchor { line: 1, column: 5 }));
        let alias_only = "title: x\nclaim: *a\n";
        // An alias to an unknown anchor is a syntax error for the composer, not the parser.
        assert_eq!(
            scan(alias_only),
            Some(Finding::Anchor { line: 1, column: 7 })
        );
    }

    #[test]
    fn ampersands_and_stars_in_text_are_not_anchors() {
        let fm =
            "title: \"A & B\"\nclaim: R&D *really* & more\nsummary: '*x* &y'\nbody: |\n  *a &b\n";
        assert_eq!(scan(fm), None);
    }

    #[test]
    fn escapes_of_forbidden_characters_are_found() {
        let fm = "title: \"ok\\t\\u00e9\"\nclaim: \"a\\eb\"\n";
        assert_eq!(
            scan(fm),
            Some(Finding::ForbiddenEscape { line: 1, column: 7 })
        );
        let line = "claim: \"a\\\\e \\uFFFE\"";
        assert_eq!(forbidden_escape_in(line, 7), Some((13, 6)));
        assert_eq!(forbidden_escape_in("x: \"\\\\e\"", 3), None);
    }
}
