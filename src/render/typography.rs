//! French typography: the spaces a French reader expects not to break. A narrow no-break space
//! (U+202F) before `;`, `!`, `?` and `%`, inside « », and between the groups of a number
//! (12 000); a no-break space (U+00A0) before `:`. Only spaces the text already has are made
//! unbreakable (a `?` in "page?id=3" stays as it is), except inside « », which always get them.
//! Applied to the text of HTML pages, never to tags, attributes, scripts, styles or code.

use std::borrow::Cow;

const NARROW: char = '\u{202F}';
const NO_BREAK: char = '\u{A0}';

/// `text` (plain text, or HTML text content: entities are left intact) with French spaces.
pub fn french_text(text: &str) -> Cow<'_, str> {
    if !needs_work(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match c {
            ' ' | NO_BREAK => {
                let digits_before = chars[..i]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let before_digit = (1..=3).contains(&digits_before);
                out.push(match next {
                    Some(';' | '!' | '?' | '%' | '»') => NARROW,
                    Some(':') => NO_BREAK,
                    _ if prev == Some('«') => NARROW,
                    _ if before_digit && is_thousands_group(&chars[i + 1..]) => NARROW,
                    _ => c,
                });
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NARROW);
                }
            }
            '»' => {
                if prev.is_some_and(|p| !p.is_whitespace()) {
                    out.push(NARROW);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The HTML page `html` with French spaces in its text: tags (and their attributes), comments,
/// and the content of `script`, `style`, `code`, `pre` and `textarea` are copied as they are.
/// `html` must be UTF-8 (a rendered page is). The page is returned as it is when nothing changes,
/// and otherwise copied in runs between the changes: one pass over the bytes, which looks closer
/// only at `!`, `%`, `0`-`?` and the first byte of « » and the no-break space (what `french_text`
/// does to each text, without decoding it).
pub fn french_html(html: Vec<u8>) -> Vec<u8> {
    let mut edit = Edit {
        out: Vec::new(),
        copied: 0,
    };
    let mut at = 0;
    while at < html.len() {
        let Some(lt) = memchr::memchr(b'<', &html[at..]).map(|i| at + i) else {
            french_bytes(&html, at, html.len(), &mut edit);
            break;
        };
        french_bytes(&html, at, lt, &mut edit);
        at = markup_end(&html, lt);
    }
    if edit.copied == 0 {
        return html;
    }
    edit.out.extend_from_slice(&html[edit.copied..]);
    edit.out
}

/// The changed page so far: `out` holds the page up to `copied`, changed.
struct Edit {
    out: Vec<u8>,
    copied: usize,
}

impl Edit {
    /// Puts `with` in place of the page's bytes `at..end`.
    fn replace(&mut self, html: &[u8], at: usize, end: usize, with: &str) {
        if self.out.capacity() == 0 {
            self.out.reserve(html.len() + html.len() / 32);
        }
        self.out.extend_from_slice(&html[self.copied..at]);
        self.out.extend_from_slice(with.as_bytes());
        self.copied = end;
    }
}

/// What `french_text` does to the text `html[start..end]`, recorded in `edit`.
fn french_bytes(html: &[u8], start: usize, end: usize, edit: &mut Edit) {
    let text = &html[start..end];
    let (saved_len, saved_copied) = (edit.out.len(), edit.copied);
    // `french_text` leaves a text alone unless `needs_work` says otherwise: found on the way.
    let mut needed = false;
    // Where the last character looked at ends: each is looked at once, in order.
    let mut done = 0;
    let mut from = 0;
    while let Some(k) = next_trigger(text, from) {
        from = k + 1;
        let b = text[k];
        let mut look = |at: usize| {
            if at >= done {
                done = typeset_at(text, at, |with, len| {
                    edit.replace(html, start + at, start + at + len, with)
                });
            }
        };
        if b == 0xC2 {
            match text.get(k + 1) {
                Some(0xAB) => {
                    needed = true;
                    look(k);
                    if space_len(text, k + 2) > 0 {
                        look(k + 2);
                    }
                }
                Some(0xBB) => {
                    needed = true;
                    if let Some(before) = space_before(text, k) {
                        look(before);
                    }
                    look(k);
                }
                // A no-break space changes (or not) with the character after it.
                _ => {}
            }
            continue;
        }
        let before = space_before(text, k);
        needed |= match b {
            b';' | b'!' | b'?' | b'%' | b'0'..=b'9' => k >= 1 && text[k - 1] == b' ',
            b':' => before.is_some(),
            _ => false,
        };
        if let Some(before) = before {
            look(before);
        }
    }
    if !needed {
        // As `french_text` would have it: the text as it is.
        edit.out.truncate(saved_len);
        edit.copied = saved_copied;
    }
}

/// `!` and `%`, `0`-`9`, `:`, `;` and `?` (with `<`, `=`, `>`), and the first byte of « » and
/// U+00A0: the bytes next to which `french_text` may change something.
fn is_trigger(b: u8) -> bool {
    b | 4 == 0x25 || b & 0xF0 == 0x30 || b == 0xC2
}

/// Where the next byte `is_trigger` accepts is, from `from` on: eight bytes at a time while none
/// of them is one (most of a text).
fn next_trigger(text: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether one of the eight bytes of `v` is zero.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let mut at = from;
    while let Some(chunk) = text.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if has_zero((x & (0xF0 * ONES)) ^ (0x30 * ONES))
            || has_zero((x | (0x04 * ONES)) ^ (0x25 * ONES))
            || has_zero(x ^ (0xC2 * ONES))
        {
            break;
        }
        at += 8;
    }
    text[at..]
        .iter()
        .position(|&b| is_trigger(b))
        .map(|k| at + k)
}

/// The length of the space (` ` or U+00A0) at `at`, 0 if there is none.
fn space_len(text: &[u8], at: usize) -> usize {
    match text.get(at..) {
        Some([b' ', ..]) => 1,
        Some([0xC2, 0xA0, ..]) => 2,
        _ => 0,
    }
}

/// Where the space (` ` or U+00A0) just before `at` starts, if there is one.
fn space_before(text: &[u8], at: usize) -> Option<usize> {
    if at >= 1 && text[at - 1] == b' ' {
        Some(at - 1)
    } else if at >= 2 && text[at - 2..at] == [0xC2, 0xA0] {
        Some(at - 2)
    } else {
        None
    }
}

/// The character starting at `at`.
fn char_at(text: &[u8], at: usize) -> Option<char> {
    let length = match *text.get(at)? {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    };
    let bytes = text.get(at..at + length)?;
    std::str::from_utf8(bytes).ok()?.chars().next()
}

/// The character ending just before `at`.
fn char_before(text: &[u8], at: usize) -> Option<char> {
    let start = (at.saturating_sub(4)..at)
        .rev()
        .find(|&i| text[i] & 0xC0 != 0x80)?;
    char_at(text, start)
}

/// `french_text`'s rule for the character at `at` (a space, « or »): calls `replace` with its
/// replacement and its length when it changes; returns where the character ends.
fn typeset_at(text: &[u8], at: usize, mut replace: impl FnMut(&str, usize)) -> usize {
    let space = space_len(text, at);
    if space > 0 {
        let next = char_at(text, at + space);
        let digits_before = text[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let rest = &text[at + space..];
        let thousands = rest.len() >= 3
            && rest[..3].iter().all(u8::is_ascii_digit)
            && !rest.get(3).is_some_and(u8::is_ascii_digit);
        let with = match next {
            Some(';' | '!' | '?' | '%' | '»') => Some(NARROW),
            Some(':') => Some(NO_BREAK),
            _ if char_before(text, at) == Some('«') => Some(NARROW),
            _ if (1..=3).contains(&digits_before) && thousands => Some(NARROW),
            _ => None,
        };
        // A no-break space made a no-break space stays as it is.
        if let Some(c) = with.filter(|&c| !(c == NO_BREAK && space == 2)) {
            replace(c.encode_utf8(&mut [0; 4]), space);
        }
        return at + space;
    }
    // « or » (two bytes each).
    if text[at + 1] == 0xAB {
        if char_at(text, at + 2).is_some_and(|n| !n.is_whitespace()) {
            replace("«\u{202F}", 2);
        }
    } else if char_before(text, at).is_some_and(|p| !p.is_whitespace()) {
        replace("\u{202F}»", 2);
    }
    at + 2
}

/// Elements whose content is code or data, never prose.
const VERBATIM: [&str; 5] = ["script", "style", "code", "pre", "textarea"];

/// Where the markup starting at `lt` ends: a comment, a tag (quotes respected), or, for an
/// element of `VERBATIM`, its closing tag.
fn markup_end(html: &[u8], lt: usize) -> usize {
    let rest = &html[lt..];
    if rest.starts_with(b"<!--") {
        return memchr::memmem::find(rest, b"-->").map_or(html.len(), |i| lt + i + 3);
    }
    let end = tag_end(html, lt + 1);
    let name_length = rest[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &rest[1..1 + name_length];
    match VERBATIM
        .iter()
        .find(|v| v.as_bytes().eq_ignore_ascii_case(name))
    {
        Some(verbatim) if !html[..end].ends_with(b"/>") => {
            let close = format!("</{verbatim}");
            let found = find_ascii_case_insensitive(&html[end..], close.as_bytes());
            found.map_or(html.len(), |i| end + i)
        }
        _ => end,
    }
}

/// Just past the `>` closing the tag whose inside starts at `from`, quoted values skipped.
fn tag_end(html: &[u8], mut from: usize) -> usize {
    while let Some(i) = memchr::memchr3(b'>', b'"', b'\'', &html[from..]) {
        let at = from + i;
        match html[at] {
            b'>' => return at + 1,
            quote => match memchr::memchr(quote, &html[at + 1..]) {
                Some(close) => from = at + 1 + close + 1,
                None => return html.len(),
            },
        }
    }
    html.len()
}

/// Where `needle` (which starts with `<`) first is in `haystack`, whatever its letters' case:
/// only at a `<` (the comparison at every byte was a fifth of the typography pass).
fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    debug_assert_eq!(needle.first(), Some(&b'<'));
    memchr::memchr_iter(b'<', haystack).find(|&at| {
        haystack
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether `rest` starts with three digits and no fourth: a group of thousands.
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(char::is_ascii_digit)
        && !rest.get(3).is_some_and(char::is_ascii_digit)
}

/// Whether `text` has anything to change: a guillemet, or a space before punctuation or digits.
fn needs_work(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.contains(['«', '»'])
        || bytes
            .windows(2)
            .any(|w| w[0] == b' ' && matches!(w[1], b';' | b'!' | b'?' | b':' | b'%' | b'0'..=b'9'))
        || text.contains("\u{A0}:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spaces_do_not_break() {
        assert_eq!(
            french_text("Vrai ? Faux ! Oui ; non : « troupes » 12 000 et 1 250 000 soldats, 12 %"),
            "Vrai\u{202F}? Faux\u{202F}! Oui\u{202F}; non\u{A0}: «\u{202F}troupes\u{202F}» \
             12\u{202F}000 et 1\u{202F}250\u{202F}000 soldats, 12\u{202F}%"
        );
        assert_eq!(french_text("«génie»"), "«\u{202F}génie\u{202F}»");
        // Left alone: no space to make unbreakable, years and dates, entities.
        for same in [
            "page?id=3",
            "le 26 juin 2024",
            "en 2024 120 hommes",
            "a &amp; b",
            "x:y",
        ] {
            assert_eq!(french_text(same), same);
        }
    }

    #[test]
    fn only_text_nodes_change() {
        let html = br#"<p title="Vrai ?">Vrai ?</p><code>a ? b</code><script>x ? y : z</script><!-- a ? --><a href="/?q=1 ;">lien !</a>"#;
        let out = String::from_utf8(french_html(html.to_vec())).unwrap();
        assert_eq!(
            out,
            "<p title=\"Vrai ?\">Vrai\u{202F}?</p><code>a ? b</code><script>x ? y : z</script><!-- a ? --><a href=\"/?q=1 ;\">lien\u{202F}!</a>"
        );
    }

    #[test]
    fn the_page_pass_does_to_each_text_what_french_text_does() {
        // Every text of up to five characters over an alphabet of what matters, and a few longer
        // ones, alone and between tags: the byte pass and `french_text` agree.
        let alphabet = [' ', '\u{A0}', '«', '»', ';', ':', '1', 'é', '\u{202F}', '='];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().unwrap().chars().count())
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.extend(
            [
                "Vrai ? Faux ! Oui ; non : « troupes » 12 000 et 1 250 000 soldats, 12 %",
                "12\u{A0}000 et 1234 567 et 12 3456 ; «\u{A0}x\u{A0}» «»",
                "é 12 345é 1 000» ٣ 12 345\u{A0}?",
            ]
            .map(String::from),
        );
        for text in &texts {
            // The last text is long enough for the scan's eight-byte steps, at every offset.
            let html = format!("<p>{text}</p>x{text}<b>bcdefghijk{text}bcdefghijk</b>");
            let expected: String = html
                .split_inclusive(['<', '>'])
                .map(|part| match part.strip_suffix('<') {
                    Some(text) => format!("{}<", french_text(text)),
                    None if part.ends_with('>') => part.to_string(),
                    None => french_text(part).into_owned(),
                })
                .collect();
            let got = String::from_utf8(french_html(html.clone().into_bytes())).unwrap();
            assert_eq!(got, expected, "{text:?}");
        }
    }
}
