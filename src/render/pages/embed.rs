//! A claim's embeddable card (`/claims/<slug>/embed/`): the verdict, the claim, who said it and
//! when, and a link back, in a page small enough for another site's `<iframe>`. It sets no
//! `frame-ancestors` (a static host sends no headers; a `<meta>` CSP cannot forbid framing
//! anyway), keeps out of search engines (`noindex`) and loads only this site's stylesheets.

use super::frame::{html, meta};
use crate::model::ClaimId;
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use crate::urls::site_path;
use tera::Context;

/// The stylesheet of embeds: a few rules, not the whole theme.
pub const EMBED_CSS: &str = "assets/embed.css";

pub fn page(r: &Renderer, id: ClaimId) -> Result<Vec<u8>, RenderError> {
    let site = r.site;
    let claim = &site.claims[id];
    let urls = &site.config.urls;
    let mut ctx = Context::new();
    ctx.insert_value("claim", r.values.claims[id].clone());
    ctx.insert("claim_url", &urls.absolute(&site_path::claim(&claim.slug)));
    ctx.insert("embed_css_url", &urls.asset(EMBED_CSS));
    let path = site_path::claim_embed(&claim.slug);
    let description = crate::render::text::verdict_line(site, claim);
    html(
        r,
        "embed.html",
        meta(site, "embed", claim.title.clone(), description, &path),
        ctx,
    )
}
