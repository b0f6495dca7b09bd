//! The JSON-LD of an HTML page: the text of each `<script type="application/ld+json">`.
//! A script's content is raw text up to the first `</script` (HTML's own rule), so a scan of
//! the tags is exact enough and linear in the page.

/// One ld+json script: its text and the 1-based line of the page it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script<'a> {
    pub text: &'a str,
    pub line: usize,
}

/// Whether a document looks like HTML rather than JSON (its first character is `<`).
pub fn is_html(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// Every ld+json script of `page`, in order.
pub fn ld_json_scripts(page: &str) -> Vec<Script<'_>> {
    // ASCII lowercase keeps byte offsets, so positions found in it index the page.
    let lower = page.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let tag_start = from + at;
        let Some(tag_len) = lower[tag_start..].find('>') else {
            break;
        };
        let attributes = &lower[tag_start + "<script".len()..tag_start + tag_len];
        let body_start = tag_start + tag_len + 1;
        let body_end = lower[body_start..]
            .find("</script")
            .map_or(page.len(), |i| body_start + i);
        if is_ld_json(attributes) {
            let text = unwrap_comment(&page[body_start..body_end]);
            // The JSON's own first line, for the line numbers of its errors.
            let offset = text.as_ptr() as usize - page.as_ptr() as usize;
            scripts.push(Script {
                text,
                line: 1 + memchr::memchr_iter(b'\n', &page.as_bytes()[..offset]).count(),
            });
        }
        from = body_end;
    }
    scripts
}

/// `type="application/ld+json"` among a tag's (lowercased) attributes, quoted or not.
fn is_ld_json(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_whitespace())
        .filter_map(|a| a.strip_prefix("type="))
        .any(|value| {
            value
                .trim_matches(['"', '\'', '/'])
                .split(';')
                .next()
                .is_some_and(|v| v.trim() == "application/ld+json")
        })
}

/// Some CMSs wrap the JSON in `<!-- -->` or `<![CDATA[ ]]>`.
fn unwrap_comment(text: &str) -> &str {
    let trimmed = text.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = trimmed
            .strip_prefix(open)
            .and_then(|t| t.strip_suffix(close))
        {
            return inner.trim();
        }
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ld_json_scripts_only() {
        let page = "<!doctype html>\n<html><head>\n<SCRIPT src=x.js></SCRIPT>\n<script type=\"text/javascript\">var a = '<script type=\"application/ld+json\">';</script>\n<script Type='application/ld+json; charset=utf-8'>\n<!-- {\"a\": 1} -->\n</script>\n<script type=application/ld+json>[2]</script></head>";
        let scripts = ld_json_scripts(page);
        let texts: Vec<&str> = scripts.iter().map(|s| s.text).collect();
        assert_eq!(texts, ["{\"a\": 1}", "[2]"]);
        assert_eq!(scripts[0].line, 6);
        assert!(is_html(page) && !is_html(" {\"@type\": 1}"));
    }

    #[test]
    fn an_unclosed_script_runs_to_the_end() {
        let scripts = ld_json_scripts("<script type=\"application/ld+json\">{}");
        assert_eq!(scripts[0].text, "{}");
        assert!(ld_json_scripts("<script type=\"application/ld+json\"").is_empty());
    }
}
