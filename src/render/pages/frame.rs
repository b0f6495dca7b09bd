//! What every HTML page has: its metadata (title, description, canonical URL, feed) and the
//! rendering of its template into bytes.

use crate::model::Site;
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use serde::Serialize;
use tera::Context;

#[derive(Serialize)]
pub struct PageMeta<'a> {
    kind: &'a str,
    title: String,
    description: String,
    url: String,
    pub canonical: String,
    pub feed_url: Option<String>,
    pub feed_title: Option<String>,
    /// The newer and the older part of a split list (`rel="prev"`, `rel="next"`).
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The share image (`og:image`): chosen for a claim by `images::claim_share_image`.
    pub image: Option<crate::render::images::ShareImage>,
}

/// The metadata of the page at `path` (a site path such as `claims/x/`).
pub fn meta(
    site: &Site,
    kind: &'static str,
    title: String,
    description: String,
    path: &str,
) -> PageMeta<'static> {
    let urls = &site.config.urls;
    PageMeta {
        kind,
        title,
        description,
        url: urls.path(path),
        canonical: urls.absolute(path),
        feed_url: None,
        feed_title: None,
        prev_url: None,
        next_url: None,
        image: None,
    }
}

/// Renders `template` with `ctx` and the page's metadata.
pub fn html(
    r: &Renderer,
    template: &str,
    meta: PageMeta,
    mut ctx: Context,
) -> Result<Vec<u8>, RenderError> {
    ctx.insert("page", &meta);
    if let Some(languages) = r.languages {
        let urls = &r.site.config.urls;
        let site_path = meta.url.strip_prefix(urls.base_path()).unwrap_or("");
        ctx.insert(
            "languages",
            &languages.page(r.site.config.language, site_path),
        );
    }
    // Rendered straight into bytes: `Tera::render` would check the whole page is UTF-8 again
    // (it is by construction), a twentieth of a 10,000-claim build.
    let mut bytes = Vec::with_capacity(16 * 1024);
    r.theme
        .tera
        .render_to(template, &ctx, &mut bytes)
        .map_err(|e| RenderError::Page {
            page: meta.url.clone(),
            template: template.to_string(),
            message: e.to_string(),
        })?;
    if r.site.config.language == crate::config::Language::Fr {
        // Every text of the page at once: UI strings, titles, claims, bodies (not code).
        bytes = crate::render::typography::french_html(bytes);
    }
    Ok(bytes)
}
