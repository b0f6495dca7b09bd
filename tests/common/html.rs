//! Reading HTML output with `scraper`.

use scraper::{ElementRef, Html, Selector};

/// A parsed HTML page.
pub struct Page {
    pub name: String,
    pub source: String,
    pub html: Html,
}

impl Page {
    pub fn parse(name: &str, source: &str) -> Page {
        Page {
            name: name.to_string(),
            source: source.to_string(),
            html: Html::parse_document(source),
        }
    }

    /// Every element matching a CSS selector.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// The only element matching `css`; panics (naming the page) unless there is exactly one.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "{}: expected exactly one `{css}`, found {}",
            self.name,
            found.len()
        );
        found[0]
    }

    pub fn count(&self, css: &str) -> usize {
        self.select(css).len()
    }

    /// The text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text).collect()
    }

    /// The text of the only element matching `css`.
    pub fn text(&self, css: &str) -> String {
        text(self.one(css))
    }

    /// An attribute of the only element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("{}: `{css}` has no attribute {name}", self.name))
            .to_string()
    }

    /// The `href` of every `a` inside the elements matching `css`.
    pub fn links_in(&self, css: &str) -> Vec<String> {
        let a = selector("a[href]");
        self.select(css)
            .into_iter()
            .flat_map(|e| {
                e.select(&a)
                    .filter_map(|l| l.value().attr("href").map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The canonical URL (`link[rel=canonical]`), if the page has one.
    pub fn canonical(&self) -> Option<String> {
        self.select("link[rel=canonical]")
            .first()
            .and_then(|e| e.value().attr("href"))
            .map(str::to_string)
    }

    /// The parsed JSON of every `script[type="application/ld+json"]`.
    pub fn json_ld(&self) -> Vec<serde_json::Value> {
        self.select(r#"script[type="application/ld+json"]"#)
            .into_iter()
            .map(|s| {
                let raw: String = s.text().collect();
                serde_json::from_str(&raw)
                    .unwrap_or_else(|e| panic!("{}: invalid JSON-LD ({e}): {raw}", self.name))
            })
            .collect()
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// An element's text, with runs of whitespace collapsed to one space and trimmed.
pub fn text(element: ElementRef<'_>) -> String {
    collapse(&element.text().collect::<String>())
}

pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts an SVG chart is an image with a title naming it (via aria-labelledby).
pub fn assert_svg_image(svg: scraper::ElementRef<'_>, what: &str) -> String {
    assert_eq!(svg.value().attr("role"), Some("img"), "{what}: role=img");
    let title = svg
        .select(&selector("title"))
        .next()
        .unwrap_or_else(|| panic!("{what}: the SVG has no <title>"));
    let text = text(title);
    assert!(!text.is_empty(), "{what}: empty title");
    let id = title.value().attr("id").expect("a title id");
    assert_eq!(
        svg.value().attr("aria-labelledby"),
        Some(id),
        "{what}: labelled by its title"
    );
    text
}
