//! Cleaning the text, URLs and dates of published ClaimReview data: HTML entities decoded,
//! control characters dropped, white space collapsed; URLs made absolute or refused; dates cut
//! to their day whatever the time zone.

use crate::model::dates::ClaimDate;
use chrono::NaiveDate;

/// One line of text: entities decoded, control characters and runs of white space (CR and
/// line breaks included) made one space, trimmed.
pub fn clean_line(text: &str) -> String {
    let decoded = decode_entities(text);
    let mut out = String::with_capacity(decoded.len());
    for word in decoded
        .split(|c: char| c.is_whitespace() || c.is_control() || is_invisible(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Characters that print nothing and break YAML or layouts (BOM, line and paragraph separators).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{200b}')
}

/// `&amp;`, `&#233;`, `&#xE9;` and the common named entities decoded; anything else kept as is.
/// One pass, linear in the text.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // An entity is short: look for its `;` within a few bytes only (linear overall).
        let end = (1..=rest.len().min(12))
            .rev()
            .find(|&i| rest.is_char_boundary(i))
            .unwrap_or(1);
        let window = &rest[1..end];
        let decoded = window.find(';').and_then(|end| {
            let name = &window[..end];
            entity(name).map(|c| (c, end + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "euro" => '€',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "Ntilde" => 'Ñ',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "Ouml" => 'Ö',
        "Auml" => 'Ä',
        "szlig" => 'ß',
        "iexcl" => '¡',
        "iquest" => '¿',
        "deg" => '°',
        _ => return None,
    };
    Some(c)
}

/// Why a URL of the input cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// A relative URL with no absolute address to resolve it against.
    Unresolved(String),
    /// Another scheme than http(s) (`javascript:`, `data:`...), or spaces and controls.
    Unsafe(String),
}

/// An absolute http(s) URL: kept; scheme-less (`//host/x`, `www.host.org/x`, `host.org/x`): made
/// https; relative (`/x`, `x/y`): resolved against `base` when there is one.
pub fn resolve_url(url: &str, base: Option<&str>) -> Result<String, UrlProblem> {
    let url = decode_entities(url.trim());
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::Unsafe(url));
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return match host_of(&url) {
            Some(_) => Ok(url),
            None => Err(UrlProblem::Unsafe(url)),
        };
    }
    if let Some(rest) = url.strip_prefix("//") {
        return resolve_url(&format!("https://{rest}"), None);
    }
    if has_scheme(&url) {
        return Err(UrlProblem::Unsafe(url));
    }
    if looks_like_host(&url) {
        return Ok(format!("https://{url}"));
    }
    let Some(base) = base.and_then(|b| resolve_url(b, None).ok()) else {
        return Err(UrlProblem::Unresolved(url));
    };
    let origin_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[origin_end..]
        .find('/')
        .map_or(base.len(), |i| origin_end + i);
    if url.starts_with('/') {
        return Ok(format!("{}{url}", &base[..path_start]));
    }
    // `x/y` or `?q`: beside the base's last segment.
    let base = base.split(['?', '#']).next().unwrap_or(&base);
    let dir_end = base[path_start..]
        .rfind('/')
        .map_or(base.len(), |i| path_start + i + 1);
    let dir = &base[..dir_end];
    let slash = if dir.ends_with('/') { "" } else { "/" };
    Ok(format!("{dir}{slash}{}", url.trim_start_matches("./")))
}

/// The host of an absolute http(s) URL, lowercase, without `www.` or a port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !scheme.contains('.')
    })
}

/// `www.host.org/x` or `host.org/x`: a first segment that is a domain name (not a file name
/// such as `other.html`).
fn looks_like_host(url: &str) -> bool {
    const FILE_EXTENSIONS: &[&str] = &[
        "html", "htm", "php", "asp", "aspx", "jsp", "json", "xml", "png", "jpg", "jpeg", "gif",
        "pdf", "txt", "md", "cgi",
    ];
    let first = url.split(['/', '?', '#']).next().unwrap_or_default();
    let labels: Vec<&str> = first.split('.').collect();
    let tld = labels
        .last()
        .map(|l| l.to_ascii_lowercase())
        .unwrap_or_default();
    labels.len() >= 2
        && (first.starts_with("www.") || !FILE_EXTENSIONS.contains(&tld.as_str()))
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A day from `YYYY-MM-DD`, with or without a time and a zone after it (`2024-06-27T10:00:00`,
/// `2024-06-27 10:00`, `2024-06-27T23:30:00-02:00` all give the 27th: the day as written).
/// `YYYY-MM` and `YYYY` give the first day of the period, flagged as approximate.
pub fn parse_day(text: &str) -> Option<(NaiveDate, bool)> {
    let text = text.trim();
    let head: String = text.chars().take(10).collect();
    if let Ok(day) = NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
        let rest = &text[head.len()..];
        let plausible = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
        return plausible
            .then_some((day, false))
            .filter(|(d, _)| in_range(*d));
    }
    let month = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok();
    let year = NaiveDate::parse_from_str(&format!("{text}-01-01"), "%Y-%m-%d").ok();
    month.or(year).filter(|d| in_range(*d)).map(|d| (d, true))
}

/// A claim's date as precise as the input gives it: a day (with or without a time, as
/// `parse_day`), else `YYYY-MM` or `YYYY` kept as a month or a year.
pub fn parse_claim_date(text: &str) -> Option<ClaimDate> {
    match parse_day(text)? {
        (day, false) => Some(ClaimDate::day(day)),
        (_, true) => ClaimDate::parse(text).ok(),
    }
}

fn in_range(day: NaiveDate) -> bool {
    (1000..=9999).contains(&chrono::Datelike::year(&day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_controls_are_cleaned() {
        assert_eq!(
            clean_line("  L&#39;&eacute;t&eacute; &amp; &#x4E2D;\r\n  &bogus; &\u{7}"),
            "L'été & 中 &bogus; &"
        );
        assert_eq!(decode_entities("&#0;&#xFFFFFFFF;"), "&#0;&#xFFFFFFFF;");
    }

    #[test]
    fn urls_are_made_absolute_or_refused() {
        let base = Some("https://checks.example.org/2024/06/review.html");
        assert_eq!(
            resolve_url("/img/a.png", base).unwrap(),
            "https://checks.example.org/img/a.png"
        );
        assert_eq!(
            resolve_url("other.html", base).unwrap(),
            "https://checks.example.org/2024/06/other.html"
        );
        assert_eq!(
            resolve_url("www.example.com/x", None).unwrap(),
            "https://www.example.com/x"
        );
        assert_eq!(
            resolve_url("//cdn.example.com/x", None).unwrap(),
            "https://cdn.example.com/x"
        );
        assert!(matches!(
            resolve_url("javascript:alert(1)", base),
            Err(UrlProblem::Unsafe(_))
        ));
        assert!(matches!(
            resolve_url("/x", None),
            Err(UrlProblem::Unresolved(_))
        ));
        assert_eq!(
            host_of("https://WWW.Example.org:443/x").as_deref(),
            Some("example.org")
        );
    }

    #[test]
    fn dates_keep_the_day_as_written() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            parse_day("2024-06-27T23:30:00"),
            Some((day(2024, 6, 27), false))
        );
        assert_eq!(
            parse_day("2024-06-27T23:30:00-02:00"),
            Some((day(2024, 6, 27), false))
        );
        assert_eq!(parse_day("2024-06"), Some((day(2024, 6, 1), true)));
        assert_eq!(parse_day("2024"), Some((day(2024, 1, 1), true)));
        assert_eq!(parse_day("June 2024"), None);
        assert_eq!(parse_day("2024-06-27xyz"), None);
        let iso = |text: &str| parse_claim_date(text).map(|d| d.iso());
        assert_eq!(iso("2024-06-27T23:30:00").as_deref(), Some("2024-06-27"));
        assert_eq!(iso("2024-06").as_deref(), Some("2024-06"));
        assert_eq!(iso("2024").as_deref(), Some("2024"));
        assert_eq!(iso("June 2024"), None);
    }
}
