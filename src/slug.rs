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

/// Longest slug used as a path segment: file systems refuse names over 255 bytes, and a URL
/// segment this long is useless anyway.
pub const MAX_SLUG_BYTES: usize = 100;

/// A slug for one path segment of the output: `slugify`, shortened to `MAX_SLUG_BYTES` and
/// kept off the names Windows reserves (`con`, `nul`, `com1`...), so every checkout works.
pub fn segment_slug(text: &str) -> String {
    fit_segment(slugify(text))
}

/// `slug` shortened to `MAX_SLUG_BYTES` (cut, then a hash of the whole slug so that distinct
/// long slugs stay distinct) and suffixed `-1` when Windows reserves it.
pub fn fit_segment(slug: String) -> String {
    let slug = if slug.len() > MAX_SLUG_BYTES {
        let hash = format!("{:08x}", fnv1a(slug.as_bytes()) as u32);
        let mut cut = MAX_SLUG_BYTES - hash.len() - 1;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}-{hash}", slug[..cut].trim_end_matches('-'))
    } else {
        slug
    };
    if is_windows_reserved(&slug) {
        format!("{slug}-1")
    } else {
        slug
    }
}

/// Whether Windows refuses `name` as a file or folder name (whatever its case or extension).
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
        })
}

/// `slugify` with `+` and `#` spelled out: "C++" -> "c-plus-plus", "C#" -> "c-sharp". Names that
/// differ only by these symbols ("C", "C++", "C#") are distinct tags and actors.
pub fn spelled_slug(text: &str) -> String {
    if !text.contains(['+', '#']) {
        return slugify(text);
    }
    slugify(&text.replace('+', " plus ").replace('#', " sharp "))
}

/// FNV-1a: a small, stable hash (the standard library's may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
    fn segments_fit_file_systems() {
        let long = "a".repeat(300);
        let fitted = segment_slug(&long);
        assert!(fitted.len() <= MAX_SLUG_BYTES, "{}", fitted.len());
        assert_ne!(fitted, segment_slug(&format!("{long}b")));
        assert_eq!(fitted, segment_slug(&long));
        let chinese = segment_slug(&"中".repeat(43));
        assert!(chinese.len() <= MAX_SLUG_BYTES && is_safe_segment(&chinese));
        assert_eq!(segment_slug("CON"), "con-1");
        assert_eq!(segment_slug("Com 1"), "com-1");
        assert_eq!(segment_slug("lpt9"), "lpt9-1");
        assert_eq!(segment_slug("console"), "console");
        assert_eq!(spelled_slug("C++"), "c-plus-plus");
        assert_eq!(spelled_slug("C#"), "c-sharp");
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
