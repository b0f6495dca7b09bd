//! The values a site's pages share, built once and updated in place between rebuilds.

use super::languages::Languages;
use super::markdown::MarkdownOptions;
use super::output::RenderError;
use super::renderer::Renderer;
use super::theme::Theme;
use super::values::SharedValues;
use super::{i18n, pages, related, text};
use crate::model::{Claim, ClaimId, IdVec, Site};

/// What every page of a site shares, built once and kept between rebuilds (`digest serve`
/// keeps it across edits): the compiled theme, each claim's summary and list items, the
/// related claims.
pub struct Prepared {
    theme: Theme,
    values: SharedValues,
    markdown: MarkdownOptions,
    related: IdVec<ClaimId, Vec<ClaimId>>,
    /// How many texts have a fenced code block with a language (syntect's stylesheet then).
    code_texts: usize,
    /// The pages of every language, when the site has more than one.
    languages: Option<std::sync::Arc<Languages>>,
    /// `en/` for another language than the default.
    output_prefix: String,
}

impl Prepared {
    /// Compiles the theme (built-in templates and the site's `templates/` files, read by the
    /// caller) and prepares the site's shared values.
    pub fn new(
        site: &Site,
        template_overrides: &[(String, Vec<u8>)],
    ) -> Result<Self, Vec<RenderError>> {
        let theme = Theme::new(template_overrides, &site.config.urls)?;
        let mut prepared = Prepared {
            theme,
            values: SharedValues::default(),
            markdown: MarkdownOptions::default(),
            related: IdVec::new(),
            code_texts: 0,
            languages: None,
            output_prefix: String::new(),
        };
        prepared.refresh(site).map_err(|e| vec![e])?;
        Ok(prepared)
    }

    /// Prepares everything again for a changed site, keeping the compiled theme (which only
    /// templates and the base path change).
    pub fn refresh(&mut self, site: &Site) -> Result<(), RenderError> {
        self.markdown = MarkdownOptions {
            raw_html: site.config.markdown.raw_html,
            highlight: site.config.markdown.highlight,
            guillemets: site.config.language == crate::config::Language::Fr,
        };
        self.code_texts = site
            .claims
            .iter()
            .map(|c| &c.body)
            .chain(site.pages.iter().map(|p| &p.body))
            .chain(site.actors.iter().map(|a| &a.bio))
            .filter(|b| text::has_fenced_language(b))
            .count();
        self.values = SharedValues::new(site);
        self.related = related::related_claims(site);
        let has_code = self.has_code();
        pages::set_globals(&mut self.theme.tera, site, &self.values, has_code);
        let strings = tera::Value::from_serializable(&i18n::strings(site.config.language));
        let levels = self.theme.item_levels;
        self.values
            .prerender_list_items(&self.theme.tera, levels, &strings)
    }

    /// After claims were revised in place, keeping their actors, tags, dates and place
    /// (`model::Site::revise_claim`): their summaries and list items again, and the scale's
    /// counts after a verdict change (in the globals, which only the lists that show them, home,
    /// timeline and ratings, read). `old` are the claims as they were. Returns whether the
    /// globals changed otherwise (a first or last code block), so that every page must be
    /// rendered again.
    pub fn refresh_claims(
        &mut self,
        site: &Site,
        old: &[(ClaimId, Claim)],
    ) -> Result<bool, RenderError> {
        let had_code = self.has_code();
        for (id, before) in old {
            let claim = &site.claims[*id];
            self.code_texts += usize::from(text::has_fenced_language(&claim.body));
            self.code_texts -= usize::from(text::has_fenced_language(&before.body));
        }
        let ids: Vec<ClaimId> = old.iter().map(|(id, _)| *id).collect();
        let strings = tera::Value::from_serializable(&i18n::strings(site.config.language));
        let recounted = self.values.refresh_claims(
            site,
            &ids,
            &self.theme.tera,
            self.theme.item_levels,
            &strings,
        )?;
        let globals_changed = had_code != self.has_code();
        if globals_changed || recounted {
            let has_code = self.has_code();
            pages::set_globals(&mut self.theme.tera, site, &self.values, has_code);
        }
        Ok(globals_changed)
    }

    /// Another language's pages go under `prefix` (`en/`).
    pub fn set_output_prefix(&mut self, prefix: String) {
        self.output_prefix = prefix;
    }

    /// The pages of every language of the site, for alternates and the language switcher.
    pub fn set_languages(&mut self, languages: Option<std::sync::Arc<Languages>>) {
        self.languages = languages;
    }

    /// The claims shown as related on each claim's page.
    pub fn related(&self) -> &IdVec<ClaimId, Vec<ClaimId>> {
        &self.related
    }

    fn has_code(&self) -> bool {
        self.markdown.highlight && self.code_texts > 0
    }

    /// A renderer of `site`'s pages: `site` must be the one this was prepared (or refreshed) for.
    pub fn renderer<'a>(&'a self, site: &'a Site) -> Renderer<'a> {
        Renderer {
            site,
            theme: &self.theme,
            values: &self.values,
            markdown: self.markdown,
            related: &self.related,
            has_code: self.has_code(),
            search: Default::default(),
            languages: self.languages.as_deref(),
            output_prefix: &self.output_prefix,
            split: Default::default(),
        }
    }
}
