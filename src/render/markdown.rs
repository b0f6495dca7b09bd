//! Markdown to HTML: tables, footnotes, strikethrough, smart punctuation, heading anchors and
//! highlighted code. Raw HTML is escaped unless the site opts in, and only safe links survive.
//! Links and images into the site are rewritten for the base URL (`Links`); a local image is a
//! responsive `<picture>` (`images::picture`), an image from another site a link to it.

use super::highlight;
use super::images::picture;
use crate::model::media::{ImageTable, markdown_options};
use crate::slug::slugify;
use crate::urls::{UrlBuilder, is_linkable, is_safe_markdown_link, names_a_file, resolve_local};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};

/// Where a text's local links lead: the page it is shown on and the site's images.
#[derive(Clone, Copy)]
pub struct Links<'a> {
    pub urls: &'a UrlBuilder,
    /// The site path of the page's folder (`claims/x/`): relative targets are read from it.
    pub page_dir: &'a str,
    pub images: &'a ImageTable,
    /// On a site in several languages, the files every language shares (bundle files,
    /// `static/`): published once at the root, not under a language's prefix.
    pub shared: Option<&'a HashSet<String>>,
    /// On a site in several languages, the pages of the text's own language: a page it does
    /// not have is the default language's, at the root.
    pub own_pages: Option<&'a HashSet<String>>,
}

impl Links<'_> {
    /// Whether `path` is a page the text's language lacks (`claims/x/` or `claims/x`).
    fn not_in_own_language(&self, path: &str) -> bool {
        self.own_pages.is_some_and(|pages| {
            !names_a_file(path)
                && !pages.contains(path)
                && !pages.contains(format!("{path}/").as_str())
        })
    }

    /// A target rewritten for the base URL when it points into the site.
    fn rewrite<'e>(&self, target: CowStr<'e>) -> CowStr<'e> {
        match resolve_local(self.page_dir, &target) {
            Some((path, suffix)) => {
                let url = match self.shared.is_some_and(|files| files.contains(&path))
                    || self.not_in_own_language(&path)
                {
                    true => self.urls.asset(&path),
                    false => self.urls.path(&path),
                };
                CowStr::from(format!("{url}{suffix}"))
            }
            None => target,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    pub raw_html: bool,
    pub highlight: bool,
    /// Double quotes as French guillemets: `"mot"` gives « mot », not “mot”.
    pub guillemets: bool,
}

pub fn to_html(markdown: &str, options: MarkdownOptions, links: &Links) -> String {
    let parser = Parser::new_ext(markdown, markdown_options());
    let events = transform(parser, options, links);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// A local image being read: where it leads, its title, its alternative text so far.
struct OpenImage {
    path: String,
    url: String,
    title: String,
    alt: String,
    depth: usize,
}

fn transform<'a>(parser: Parser<'a>, options: MarkdownOptions, links: &Links) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    // Heading ids are given once every footnote's id is known (`HeadingIds::assign`).
    let mut headings = HeadingIds::default();
    let mut heading_start: Option<usize> = None;
    let mut code: Option<(String, String)> = None; // (language, text)
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut in_dropped_image = 0usize;
    // An image from another site, shown as a link to it (the CSP would not load it).
    let mut linked_image = false;
    let mut local_image: Option<OpenImage> = None;
    for event in parser {
        if let Some(open) = local_image.as_mut() {
            match event {
                Event::Start(Tag::Image { .. }) => open.depth += 1,
                Event::End(TagEnd::Image) if open.depth > 0 => open.depth -= 1,
                Event::End(TagEnd::Image) => {
                    let open = local_image.take().expect("inside an image");
                    let info = links.images.get(&open.path);
                    let markup = picture(&open.url, info, &open.alt, &open.title, links.urls, true);
                    out.push(Event::InlineHtml(markup.into()));
                }
                Event::Text(t) | Event::Code(t) => open.alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
                _ => {}
            }
            continue;
        }
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, text) = code.take().expect("inside a code block");
                    out.push(Event::Html(code_block(&language, &text, options).into()));
                }
                _ => {}
            }
            continue;
        }
        if in_dropped_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => in_dropped_image += 1,
                Event::End(TagEnd::Image) => {
                    in_dropped_image -= 1;
                    if in_dropped_image == 0 && std::mem::take(&mut linked_image) {
                        out.push(Event::End(TagEnd::Link));
                    }
                }
                Event::Text(t) | Event::Code(t) => out.push(Event::Text(t)),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            // `{#id}` and `{.class}` are kept; other attributes (`onclick=`, `style=`) never
            // reach the page.
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading_start = Some(out.len());
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    headings.starts.push(start);
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            // Footnote ids are prefixed so that a label (`[^main]`) cannot take a theme's id.
            Event::FootnoteReference(label) => {
                out.push(Event::FootnoteReference(footnote_id(&label)))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = footnote_id(&label);
                headings.used.insert(id.to_string());
                out.push(Event::Start(Tag::FootnoteDefinition(id)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_markdown_link(&dest_url);
                dropped_links.push(!safe);
                if safe {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: links.rewrite(dest_url),
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                if let Some((path, _)) = resolve_local(links.page_dir, &dest_url) {
                    local_image = Some(OpenImage {
                        path,
                        url: links.rewrite(dest_url).to_string(),
                        title: title.to_string(),
                        alt: String::new(),
                        depth: 0,
                    });
                } else if is_linkable(&dest_url) {
                    // `check` warns (`image-external`): evidence is archived as a local file.
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id: CowStr::from(""),
                    }));
                    linked_image = true;
                    in_dropped_image = 1;
                } else {
                    in_dropped_image = 1;
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !options.raw_html => {
                out.push(Event::Text(raw))
            }
            // Smart punctuation curls quotes the English way; code keeps what was typed.
            Event::Text(t) if options.guillemets && t.contains(['“', '”']) => {
                out.push(Event::Text(t.replace('“', "«").replace('”', "»").into()))
            }
            other => out.push(other),
        }
    }
    headings.assign(&mut out);
    out
}

fn footnote_id(label: &str) -> CowStr<'static> {
    CowStr::from(format!("fn-{label}"))
}

/// Ids the built-in theme gives its own elements: a heading never takes one of them.
const THEME_IDS: &[&str] = &[
    "main",
    "about-title",
    "made-title",
    "wrote-title",
    "edited-title",
    "analysis-title",
    "corrections-title",
    "related-title",
    "sources-title",
    "policy-title",
    "verdict-title",
    "scorecard-title",
    "breakdown-title",
    "latest-title",
    "home-q",
    "q",
    "search-nojs",
    "search-results",
    "search-status",
    "filter-actor",
    "filter-rating",
    "timeline-list",
    "share-title",
    "embed-code",
];

/// Whether the theme may use `id` on a page: one of its fixed ids, or a timeline's year or
/// month anchor (`y-2024`, `about-m-2024-06`).
fn is_theme_id(id: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let anchor = ["about-", "made-"]
        .iter()
        .find_map(|p| id.strip_prefix(p))
        .unwrap_or(id);
    THEME_IDS.contains(&id)
        || anchor.strip_prefix("y-").is_some_and(digits)
        || anchor
            .strip_prefix("m-")
            .and_then(|rest| rest.split_once('-'))
            .is_some_and(|(y, m)| digits(y) && digits(m))
}

/// The headings of a document, given unique ids in one pass once every other id is known.
#[derive(Default)]
struct HeadingIds {
    /// Where each heading's start event is, in document order.
    starts: Vec<usize>,
    /// Ids already taken on the page (footnotes, earlier headings).
    used: HashSet<String>,
    /// For each base id, the next suffix to try: `h`, then `h-2`, `h-3`... without trying again
    /// the ones taken (trying from 2 each time was quadratic in identical headings).
    next_suffix: HashMap<String, usize>,
}

impl HeadingIds {
    fn assign(mut self, events: &mut [Event<'_>]) {
        for start in std::mem::take(&mut self.starts) {
            let text: String = events[start + 1..]
                .iter()
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                let base = match id.take() {
                    Some(given) => slugify(&given),
                    None => slugify(&text),
                };
                let base = if base.is_empty() {
                    "section".to_string()
                } else {
                    base
                };
                *id = Some(CowStr::from(self.unique(base)));
            }
        }
    }

    fn unique(&mut self, base: String) -> String {
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let candidate = match *n {
                1 => base.clone(),
                k => format!("{base}-{k}"),
            };
            *n += 1;
            if !is_theme_id(&candidate) && self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn code_block(language: &str, text: &str, options: MarkdownOptions) -> String {
    let language_class = slugify(language);
    let highlighted = (options.highlight && !language.is_empty())
        .then(|| highlight::highlight(text, language))
        .flatten();
    let body = highlighted.unwrap_or_else(|| super::text::escape_markup(text));
    if language_class.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{language_class}\"><code class=\"language-{language_class}\">{body}</code></pre>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: MarkdownOptions = MarkdownOptions {
        raw_html: false,
        highlight: true,
        guillemets: false,
    };

    fn to_html(markdown: &str, options: MarkdownOptions) -> String {
        on_page(
            markdown,
            options,
            "https://example.org/",
            &ImageTable::new(),
        )
    }

    fn on_page(
        markdown: &str,
        options: MarkdownOptions,
        base: &str,
        images: &ImageTable,
    ) -> String {
        let urls = UrlBuilder::new(base).unwrap();
        let links = Links {
            urls: &urls,
            page_dir: "claims/x/",
            images,
            shared: None,
            own_pages: None,
        };
        super::to_html(markdown, options, &links)
    }

    #[test]
    fn local_targets_follow_the_base_url_and_images_are_responsive() {
        use crate::model::media::{ImageInfo, Variant};
        let v = |path: &str, width| Variant {
            path: path.into(),
            width,
        };
        let mut images = ImageTable::new();
        images.insert(
            "claims/x/a.jpg".into(),
            ImageInfo {
                width: 1200,
                height: 800,
                src: "claims/x/a.jpg".into(),
                fallback: vec![v("claims/x/a.480w.jpg", 480), v("claims/x/a.jpg", 1200)],
                webp: vec![
                    v("claims/x/a.480w.webp", 480),
                    v("claims/x/a.1200w.webp", 1200),
                ],
            },
        );
        let html = on_page(
            "![A \"photo\" & co](a.jpg) [pdf](doc.pdf#p=2) [logo](/img/l.png) [ext](https://x.org/) ![far](https://x.org/i.png)",
            OPTS,
            "https://example.org/repo/",
            &images,
        );
        assert!(html.contains("<source type=\"image/webp\" srcset=\"/repo/claims/x/a.480w.webp 480w, /repo/claims/x/a.1200w.webp 1200w\""), "{html}");
        assert!(html.contains("src=\"/repo/claims/x/a.jpg\" srcset=\"/repo/claims/x/a.480w.jpg 480w, /repo/claims/x/a.jpg 1200w\""), "{html}");
        assert!(
            html.contains(
                "width=\"1200\" height=\"800\" alt=\"A “photo” &amp; co\" loading=\"lazy\""
            ),
            "{html}"
        );
        assert!(
            html.contains("href=\"/repo/claims/x/doc.pdf#p=2\""),
            "{html}"
        );
        assert!(html.contains("href=\"/repo/img/l.png\""), "{html}");
        assert!(html.contains("href=\"https://x.org/\""), "{html}");
        assert!(
            html.contains("<a href=\"https://x.org/i.png\">far</a>"),
            "{html}"
        );
        assert!(!html.contains("<img src=\"https"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = to_html("## Ce que l'on sait\n\n## Ce que l'on sait\n", OPTS);
        assert!(html.contains("<h2 id=\"ce-que-l-on-sait\">"), "{html}");
        assert!(html.contains("<h2 id=\"ce-que-l-on-sait-2\">"), "{html}");
    }

    #[test]
    fn every_fixed_id_of_the_built_in_theme_is_reserved() {
        for (name, text) in super::super::theme::BUILTIN_TEMPLATES {
            for piece in text.split("id=\"").skip(1) {
                let id = &piece[..piece.find('"').unwrap_or(0)];
                if !id.is_empty() && !id.contains("{{") {
                    assert!(is_theme_id(id), "{name}: id {id:?} missing from THEME_IDS");
                }
            }
        }
        assert!(is_theme_id("about-y-2024") && is_theme_id("m-2024-06"));
        assert!(!is_theme_id("mainly") && !is_theme_id("y-x"));
    }

    #[test]
    fn french_text_gets_guillemets_and_code_keeps_its_quotes() {
        let french = MarkdownOptions {
            guillemets: true,
            ..OPTS
        };
        let source = "Il a dit \"non\" et `\"oui\"`.";
        assert_eq!(
            to_html(source, french),
            "<p>Il a dit «non» et <code>\"oui\"</code>.</p>\n"
        );
        assert!(to_html(source, OPTS).contains("“non”"));
    }

    #[test]
    fn raw_html_and_unsafe_links_are_neutralised() {
        let html = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](data:image/png;base64,AA)",
            OPTS,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let allowed = to_html(
            "<b>x</b>",
            MarkdownOptions {
                raw_html: true,
                ..OPTS
            },
        );
        assert!(allowed.contains("<b>x</b>"));
    }

    #[test]
    fn tables_footnotes_smart_quotes_and_code() {
        let html = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1] \"quoted\" -- ~~no~~\n\n[^1]: here\n\n```rust\nlet x = 1;\n```\n",
            OPTS,
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote-definition"));
        assert!(html.contains("“quoted”"));
        assert!(html.contains("<del>no</del>"));
        assert!(
            html.contains("data-lang=\"rust\"") && html.contains("hl-"),
            "{html}"
        );
    }
}
