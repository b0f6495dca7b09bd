//! A renderer of one site's pages: the site and the values prepared for it.

use super::languages::Languages;
use super::markdown::MarkdownOptions;
use super::search::SearchIndex;
use super::theme::Theme;
use super::values::SharedValues;
use crate::model::periods::{self, Listed, Part};
use crate::model::{ClaimId, IdVec, Site};
use std::sync::OnceLock;

/// A split list and its parts.
type SplitList = (Listed, Vec<Part>);

/// Renders any page of a site; cheap to make from its `Prepared` values.
pub struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) values: &'a SharedValues,
    pub(super) markdown: MarkdownOptions,
    pub(super) related: &'a IdVec<ClaimId, Vec<ClaimId>>,
    pub(super) has_code: bool,
    /// The search index, built by the first job that needs it (once per render of the site).
    pub(super) search: OnceLock<Box<SearchIndex>>,
    /// The site's languages, when it has more than one.
    pub(super) languages: Option<&'a Languages>,
    /// `en/` for another language than the default: where its outputs go.
    pub(super) output_prefix: &'a str,
    /// The parts of the split lists, computed by the first page that needs them (once per
    /// render of the site: every part page of a list needs its neighbours and the index).
    pub(super) split: OnceLock<Box<[SplitList]>>,
}

impl Renderer<'_> {
    /// A Markdown text shown on the page whose folder is `page_dir` (`claims/x/`): its local
    /// links and images lead into the site, under the base URL.
    pub(super) fn markdown(&self, text: &str, page_dir: &str) -> String {
        let links = super::markdown::Links {
            urls: &self.site.config.urls,
            page_dir,
            images: &self.site.images,
            shared: self.languages.map(|l| &l.files),
            own_pages: self
                .languages
                .and_then(|l| l.pages_of(self.site.config.language)),
        };
        super::markdown::to_html(text, self.markdown, &links)
    }

    pub(super) fn search_index(&self) -> &SearchIndex {
        self.search
            .get_or_init(|| Box::new(SearchIndex::build(self.site)))
    }

    /// The parts of `list`, newest first (`model::periods::parts`): `None` when it is not split.
    pub(super) fn parts(&self, list: Listed) -> Option<&[Part]> {
        self.split
            .get_or_init(|| periods::split_lists(self.site).into())
            .iter()
            .find(|(l, _)| *l == list)
            .map(|(_, parts)| parts.as_slice())
    }
}
