//! A renderer of one site's pages: the site and the values prepared for it.

use super::markdown::MarkdownOptions;
use super::theme::Theme;
use super::values::SharedValues;
use crate::model::{ClaimId, IdVec, Site};

/// Renders any page of a site; cheap to make from its `Prepared` values.
pub struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) values: &'a SharedValues,
    pub(super) markdown: MarkdownOptions,
    pub(super) related: &'a IdVec<ClaimId, Vec<ClaimId>>,
    pub(super) has_code: bool,
}
