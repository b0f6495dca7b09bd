//! Slugs for URLs and folded keys for matching names, both accent- and case-insensitive.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// An ASCII, lowercase, hyphen-separated slug: "Corée du Nord" -> "coree-du-nord".
/// Non-Latin scripts are transliterated ("Дмитрий Песков" -> "dmitrii-peskov").
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A key for comparing names: accents stripped, lowercase, inner white space collapsed.
/// Unlike `slugify` it keeps non-Latin letters as they are, so that "Песков" matches "песков".
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
            } else {
                // Each character's own canonical decomposition, marks dropped: what NFD then a
                // mark filter gives, without NFD's buffering (a letter's marks are all dropped,
                // so their canonical order does not matter).
                decompose_canonical(c, |part| {
                    if !is_combining_mark(part) {
                        folded.extend(part.to_lowercase());
                    }
                });
            }
        }
    }
    folded
}

/// Whether `slug` is safe as one path segment of the output: ASCII letters, digits, `-`, `_`, `.`,
/// not starting with a dot (no `..`, no hidden files), not empty.
pub fn is_safe_segment(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('.')
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_strips_accents_and_punctuation() {
        assert_eq!(slugify("Corée du Nord"), "coree-du-nord");
        assert_eq!(slugify("  «Troupes du génie» !"), "troupes-du-genie");
        assert_eq!(slugify("Дмитрий Песков"), "dmitrii-peskov");
        assert_eq!(slugify("../../etc"), "etc");
    }

    #[test]
    fn fold_ignores_case_accents_and_spacing() {
        assert_eq!(fold("Barthélémy  COURMONT"), "barthelemy courmont");
        assert_eq!(fold("Corée"), fold("coree"));
        // Decomposed letters lose their marks in every script: й -> и, ё -> е.
        assert_eq!(fold("Дмитрий Песков"), fold("ДМИТРИИ ПЕСКОВ"));
    }

    #[test]
    fn safe_segments_reject_traversal() {
        assert!(is_safe_segment("kim-summit_2"));
        for bad in ["", "..", ".hidden", "a/b", "a\\b", "a\0b", "/abs", "é"] {
            assert!(!is_safe_segment(bad), "{bad:?}");
        }
    }
}
