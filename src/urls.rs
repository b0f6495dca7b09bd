//! Every URL of the site comes from here, so that a site served under a sub-path
//! (`https://user.github.io/repo/`) works: links are root-relative and carry the base path.

use crate::slug::is_safe_segment;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlBuilder {
    /// `https://user.github.io`, without a trailing slash.
    origin: String,
    /// `/repo/` or `/`: always starts and ends with a slash (`/repo/en/` for another language).
    base_path: String,
    /// The site's own base path, where the shared assets live (the same but for another
    /// language's pages).
    root_path: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "base_url must be an absolute http(s) URL such as \"https://user.github.io/repo/\", got {0:?}"
)]
pub struct BaseUrlError(pub String);

impl UrlBuilder {
    pub fn new(base_url: &str) -> Result<Self, BaseUrlError> {
        let error = || BaseUrlError(base_url.to_string());
        let rest = base_url
            .strip_prefix("https://")
            .or_else(|| base_url.strip_prefix("http://"))
            .ok_or_else(error)?;
        let scheme_len = base_url.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if !is_host(host) || path.contains(['?', '#']) || !url_characters_are_plain(path) {
            return Err(error());
        }
        let path = path.trim_end_matches('/');
        Ok(UrlBuilder {
            origin: base_url[..scheme_len + host.len()].to_string(),
            base_path: format!("{path}/"),
            root_path: format!("{path}/"),
        })
    }

    /// The URLs of another language's pages: under `<code>/`, the shared assets where they are.
    pub fn for_language(&self, code: &str) -> UrlBuilder {
        UrlBuilder {
            origin: self.origin.clone(),
            base_path: format!("{}{code}/", self.root_path),
            root_path: self.root_path.clone(),
        }
    }

    /// The site's own address (`https://user.github.io/repo/`), the same in every language: the
    /// publisher's when it has none of its own.
    pub fn root_url(&self) -> String {
        format!("{}{}", self.origin, self.root_path)
    }

    /// A root-relative URL for a file every language shares (`assets/site.css`).
    pub fn asset(&self, site_path: &str) -> String {
        format!("{}{}", self.root_path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a file every language shares (a bundle's image, a file of `static/`).
    pub fn absolute_asset(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.asset(site_path))
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// `https://user.github.io/repo/`
    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin, self.base_path)
    }

    /// A root-relative URL for a site path such as `claims/x/` or `css/site.css`.
    pub fn path(&self, site_path: &str) -> String {
        format!("{}{}", self.base_path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, for canonical links, feeds, sitemaps and JSON-LD.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.path(site_path))
    }
}

/// Site paths of every page kind (relative to the base, no leading slash), as in the contract.
pub mod site_path {
    pub const HOME: &str = "";
    pub const TIMELINE: &str = "timeline/";
    pub const ACTORS: &str = "actors/";
    pub const RATINGS: &str = "ratings/";
    pub const TAGS: &str = "tags/";
    pub const SEARCH: &str = "search/";
    pub const CORRECTIONS: &str = "corrections/";
    pub const FEED: &str = "atom.xml";
    pub const CORRECTIONS_FEED: &str = "corrections/atom.xml";
    pub const SITEMAP: &str = "sitemap.xml";
    pub const ROBOTS: &str = "robots.txt";
    pub const NOT_FOUND: &str = "404.html";
    pub const CLAIMS_JSON: &str = "claims.json";
    pub const CLAIMS_JSONL: &str = "claims.jsonl";
    pub const CLAIMS_CSV: &str = "claims.csv";
    pub const TEAM: &str = "team/";

    pub fn claim(slug: &str) -> String {
        format!("claims/{slug}/")
    }
    pub fn claim_card(slug: &str) -> String {
        format!("claims/{slug}/card.png")
    }
    pub fn claim_embed(slug: &str) -> String {
        format!("claims/{slug}/embed/")
    }
    pub fn actor_card(slug: &str) -> String {
        format!("actors/{slug}/card.png")
    }
    pub fn tag_feed(slug: &str) -> String {
        format!("tags/{slug}/atom.xml")
    }
    pub fn rating_feed(key: &str) -> String {
        format!("ratings/{key}/atom.xml")
    }
    pub fn actor(slug: &str) -> String {
        format!("actors/{slug}/")
    }
    pub fn actor_feed(slug: &str) -> String {
        format!("actors/{slug}/atom.xml")
    }
    pub fn rating(key: &str) -> String {
        format!("ratings/{key}/")
    }
    pub fn tag(slug: &str) -> String {
        format!("tags/{slug}/")
    }
    pub fn page(slug: &str) -> String {
        format!("{slug}/")
    }
    pub fn member(slug: &str) -> String {
        format!("team/{slug}/")
    }
}

/// `text` percent-encoded for a URL's query string (every byte but unreserved ones), for the
/// share links of a claim page.
pub fn query_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The first path segments the built-in pages use: a plain page may not take one of these slugs.
/// Kept in step with the route table by a test of `render/pages/routes.rs` (which renders the
/// path of every kind of job), since this floor cannot ask that one.
pub const RESERVED_SEGMENTS: &[&str] = &[
    "claims",
    "timeline",
    "actors",
    "ratings",
    "tags",
    "search",
    "corrections",
    "team",
    "assets",
    "css",
    "js",
    "atom.xml",
    "sitemap.xml",
    "sitemaps",
    "robots.txt",
    "404.html",
    "claims.json",
    "claims.jsonl",
    "claims.csv",
    "search-index.json",
    "index.html",
    "CNAME",
];

/// Whether `url` is an absolute http(s) URL with a valid host and no character that a URL
/// may not hold raw (space, control, quote, angle bracket, backslash...): what `site.toml`
/// accepts for `[publisher] url`.
pub fn is_absolute_http_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    is_host(&rest[..end]) && url_characters_are_plain(&rest[end..])
}

/// A host name (`user.github.io`, `localhost`), an IPv4 or a bracketed IPv6 address, with an
/// optional port.
fn is_host(host: &str) -> bool {
    let is_port = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        let Some((inner, after)) = rest.split_once(']') else {
            return false;
        };
        return inner.parse::<std::net::Ipv6Addr>().is_ok()
            && (after.is_empty() || after.strip_prefix(':').is_some_and(is_port));
    }
    match host.split_once(':') {
        Some((name, port)) => is_host_name(name) && is_port(port),
        None => is_host_name(host),
    }
}

/// A DNS host name: dot-separated labels of letters, digits and inner hyphens, 1-63 bytes
/// each, 253 in all (what GitHub Pages accepts in `CNAME`).
pub fn is_host_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// No space, control character or ASCII punctuation that URLs must percent-encode.
fn url_characters_are_plain(part: &str) -> bool {
    !part.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
    })
}

/// The parts of a site folder: a page named like one would put `content/`, `site.toml`... into
/// the output, which would then look like a site's sources.
pub const SITE_PARTS: &[&str] = &["content", "static", "templates", "site.toml"];

/// Why a page may not take `slug` as its first URL segment, if it may not (letter case aside:
/// the output may land on a file system that ignores it).
pub fn reserved_segment(slug: &str) -> Option<&'static str> {
    let taken = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(slug));
    if taken(RESERVED_SEGMENTS) {
        Some("is taken by a built-in page")
    } else if taken(SITE_PARTS) {
        Some("is the name of a part of the site folder (its output would look like a site)")
    } else {
        None
    }
}

/// Whether a URL from content may become a link: http(s) only (content never links to
/// `javascript:`, `data:` or other schemes).
pub fn is_linkable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether a link target written in Markdown is safe: http(s), a relative URL, a fragment or
/// `mailto:`; never a `javascript:`, `data:`, `vbscript:` or other scheme.
pub fn is_safe_markdown_link(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = trimmed.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            // A colon after the first slash, `?` or `#` is part of a relative path.
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto")
        }
    }
}

/// A link target of content that points into the site: its site path (no leading slash, `.`
/// and `..` resolved, never above the root) and what followed it (`?query#fragment`).
/// `page_dir` is the site path of the page the target is written on (`claims/x/`): a relative
/// target is read from there, a site path (`/img/a.png`) from the site's root. `None` for an
/// address with a scheme (`https:`, `mailto:`), a scheme-relative one (`//host/`), a fragment
/// of the page (`#note`) or an empty one.
pub fn resolve_local(page_dir: &str, target: &str) -> Option<(String, String)> {
    let target = target.trim();
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let (path, suffix) = target.split_at(end);
    let scheme = path
        .find(':')
        .is_some_and(|colon| !path[..colon].contains('/'));
    if path.is_empty() || scheme || path.starts_with("//") {
        return None;
    }
    let (base, rest) = match path.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (page_dir, path),
    };
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut resolved = segments.join("/");
    if (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/.."))
        && !resolved.is_empty()
    {
        resolved.push('/');
    }
    Some((resolved, suffix.to_string()))
}

/// Whether a site path names a file (its last segment has an extension) rather than a page.
pub fn names_a_file(site_path: &str) -> bool {
    !site_path.ends_with('/')
        && site_path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.rfind('.').is_some_and(|dot| dot > 0))
}

/// Whether a slug may be used as one segment of an output path.
pub fn is_valid_slug(slug: &str) -> bool {
    is_safe_segment(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_sites_keep_their_prefix() {
        let urls = UrlBuilder::new("https://example.github.io/digest").unwrap();
        assert_eq!(urls.base_path(), "/digest/");
        assert_eq!(urls.path(&site_path::claim("x")), "/digest/claims/x/");
        assert_eq!(urls.path(site_path::HOME), "/digest/");
        assert_eq!(
            urls.absolute("atom.xml"),
            "https://example.github.io/digest/atom.xml"
        );
    }

    #[test]
    fn root_sites_and_bad_bases() {
        let urls = UrlBuilder::new("https://example.org").unwrap();
        assert_eq!(urls.path("timeline/"), "/timeline/");
        assert_eq!(urls.base_url(), "https://example.org/");
        for bad in [
            "example.org",
            "ftp://x/",
            "https://",
            "/repo/",
            "https://a b/",
            "https://x.org/\"><script>",
            "https://x.org\n/",
            "https://bad_host/",
        ] {
            assert!(UrlBuilder::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn publisher_urls_and_host_names() {
        for good in [
            "https://example.org",
            "https://example.org/about?x=1#y",
            "http://localhost:8000/",
            "http://[::1]:8080/",
            "http://127.0.0.1/",
        ] {
            assert!(is_absolute_http_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https://x.org/a b",
            "https://x.org/\"onmouseover=x",
            "https://x.org:port/",
            "//x.org/",
            "https://x.org/\u{1b}[31m",
        ] {
            assert!(!is_absolute_http_url(bad), "{bad}");
        }
        assert!(is_host_name("checks.example.org"));
        for bad in [
            "",
            "x.org/path",
            "x.org\nevil",
            "-x.org",
            "a..b",
            "https://x.org",
        ] {
            assert!(!is_host_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn local_targets_resolve_from_their_page() {
        let r = |page: &str, t: &str| resolve_local(page, t);
        assert_eq!(
            r("claims/x/", "a.png"),
            Some(("claims/x/a.png".into(), "".into()))
        );
        assert_eq!(
            r("claims/x/", "/img/a.png?v=1#t"),
            Some(("img/a.png".into(), "?v=1#t".into()))
        );
        assert_eq!(
            r("claims/x/", "../y/"),
            Some(("claims/y/".into(), "".into()))
        );
        assert_eq!(
            r("claims/x/", "../../../../etc/p"),
            Some(("etc/p".into(), "".into()))
        );
        assert_eq!(
            r("claims/x/", "./img/./b.jpg"),
            Some(("claims/x/img/b.jpg".into(), "".into()))
        );
        assert_eq!(r("claims/x/", "/"), Some(("".into(), "".into())));
        for external in [
            "https://x.org/a.png",
            "mailto:a@b",
            "//x.org/a",
            "#note",
            "",
            "data:x",
        ] {
            assert_eq!(r("claims/x/", external), None, "{external}");
        }
        assert!(
            names_a_file("claims/x/a.pdf") && !names_a_file("claims/x/") && !names_a_file(".x")
        );
    }

    #[test]
    fn only_http_urls_are_linkable() {
        assert!(is_linkable("https://isw.org/x"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            " JavaScript:x",
            "/local",
            "https://",
        ] {
            assert!(!is_linkable(bad), "{bad}");
        }
        assert!(is_safe_markdown_link("../claims/x/"));
        assert!(is_safe_markdown_link("#note"));
        assert!(is_safe_markdown_link("a/b:c"));
        for bad in [
            "javascript:alert(1)",
            "java\tscript:x",
            "DATA:x",
            "vbscript:x",
        ] {
            assert!(!is_safe_markdown_link(bad), "{bad}");
        }
    }
}
