//! YAML text for generated entries; a module of its own so that `tests/fuzz.rs` can include it
//! without the rest of `tests/common` (whose XML code does not type-check next to proptest's
//! dependencies).

/// `text` as a YAML double-quoted scalar: `\` and `"` escaped, control characters and the
/// Unicode line and paragraph separators written as `\uXXXX`, so any string round-trips.
pub fn yaml_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
