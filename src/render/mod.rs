//! Floor 3: pure rendering. `&Site` in, `(path, bytes)` outputs out; never touches the disk.
//! Each page is a `Job`, rendered independently (in parallel by the caller).

mod assets;
mod charts;
mod data;
mod feeds;
pub mod highlight;
pub mod i18n;
pub mod jsonld;
pub mod markdown;
mod pages;
mod related;
mod search;
mod sitemap;
mod theme;
mod values;

pub use pages::Job;
pub use theme::{BUILTIN_ASSETS, BUILTIN_TEMPLATES};

use crate::model::Site;
use markdown::MarkdownOptions;
use theme::Theme;
use values::SharedValues;

/// One file of the output: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{name}: {message}")]
    Template { name: String, message: String },
    #[error("rendering {page}: {message}")]
    Page { page: String, message: String },
}

/// Everything needed to render any page of a site, built once.
pub struct Renderer<'s> {
    site: &'s Site,
    theme: Theme,
    values: SharedValues,
    markdown: MarkdownOptions,
    related: Vec<Vec<usize>>,
    has_code: bool,
}

impl<'s> Renderer<'s> {
    /// `template_overrides` are the site's own `templates/` files, read by the caller.
    pub fn new(
        site: &'s Site,
        template_overrides: &[(String, Vec<u8>)],
    ) -> Result<Self, Vec<RenderError>> {
        let mut theme = Theme::new(template_overrides, &site.config.urls)?;
        let markdown = MarkdownOptions {
            raw_html: site.config.markdown.raw_html,
            highlight: site.config.markdown.highlight,
        };
        let has_code = markdown.highlight
            && site
                .claims
                .iter()
                .map(|c| &c.body)
                .chain(site.pages.iter().map(|p| &p.body))
                .chain(site.actors.iter().map(|a| &a.bio))
                .any(|b| has_fenced_language(b));
        let mut values = SharedValues::new(site);
        pages::set_globals(&mut theme.tera, site, &values, has_code);
        let strings = tera::Value::from_serializable(&i18n::strings(site.config.language));
        values
            .prerender_list_items(&theme.tera, &strings)
            .map_err(|e| vec![e])?;
        Ok(Renderer {
            site,
            theme,
            values,
            markdown,
            related: related::related_claims(site),
            has_code,
        })
    }

    /// Every job of the site, pages first (the longest first, so parallel workers finish together).
    pub fn jobs(&self) -> Vec<Job> {
        pages::plan(self.site, self.has_code, &self.theme)
    }

    pub fn render(&self, job: &Job) -> Result<Output, RenderError> {
        pages::render(self, job)
    }
}

/// Escapes text for HTML and XML, in element content and quoted attributes alike.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The verdict in one line: « claim » — label : summary.
pub(crate) fn verdict_line(site: &Site, claim: &crate::model::Claim) -> String {
    let label = &site.ratings[claim.rating].label;
    match &claim.summary {
        Some(summary) => format!("« {} » — {label} : {summary}", claim.claim),
        None => format!("« {} » — {label}", claim.claim),
    }
}

/// Whether a Markdown text has a fenced code block with a language (only then is syntect loaded).
fn has_fenced_language(markdown: &str) -> bool {
    markdown.lines().any(|line| {
        let t = line.trim_start();
        (t.starts_with("```")
            && t.len() > 3
            && !t[3..].trim().is_empty()
            && !t[3..].starts_with('`'))
            || (t.starts_with("~~~") && t.len() > 3 && !t[3..].trim().is_empty())
    })
}
