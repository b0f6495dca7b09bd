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
pub fn french_html(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + html.len() / 64);
    let mut at = 0;
    while at < html.len() {
        let Some(lt) = memchr::memchr(b'<', &html[at..]).map(|i| at + i) else {
            push_text(&mut out, &html[at..]);
            break;
        };
        push_text(&mut out, &html[at..lt]);
        let end = markup_end(html, lt);
        out.extend_from_slice(&html[lt..end]);
        at = end;
    }
    out
}

/// Elements whose content is code or data, never prose.
const VERBATIM: [&str; 5] = ["script", "style", "code", "pre", "textarea"];

fn push_text(out: &mut Vec<u8>, text: &[u8]) {
    match std::str::from_utf8(text) {
        Ok(text) => out.extend_from_slice(french_text(text).as_bytes()),
        Err(_) => out.extend_from_slice(text),
    }
}

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

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
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
        let out = String::from_utf8(french_html(html)).unwrap();
        assert_eq!(
            out,
            "<p title=\"Vrai ?\">Vrai\u{202F}?</p><code>a ? b</code><script>x ? y : z</script><!-- a ? --><a href=\"/?q=1 ;\">lien\u{202F}!</a>"
        );
    }
}
