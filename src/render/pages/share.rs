//! How a claim page is shared: plain links to share endpoints (nothing is loaded from them
//! until the reader follows one), the page's address to copy, and the `<iframe>` code of its
//! embeddable card.

use crate::model::{ClaimId, Site};
use crate::render::text::escape_markup;
use crate::urls::{query_component, site_path};
use serde::Serialize;

#[derive(Serialize)]
pub struct ShareLink {
    pub name: &'static str,
    pub href: String,
}

#[derive(Serialize)]
pub struct Share {
    /// The page's absolute URL (to copy, and for the Web Share API).
    pub url: String,
    pub title: String,
    /// Each share link: email first, then the networks' share endpoints.
    pub links: Vec<ShareLink>,
    pub embed_url: String,
    /// The `<iframe>` element to paste into another page.
    pub embed_code: String,
}

pub fn links(site: &Site, id: ClaimId) -> Share {
    let claim = &site.claims[id];
    let urls = &site.config.urls;
    let url = urls.absolute(&site_path::claim(&claim.slug));
    let title = claim.title.clone();
    let (u, t) = (query_component(&url), query_component(&claim.title));
    let t_email = crate::render::i18n::strings(site.config.language)["share_email"];
    let links = vec![
        (
            t_email,
            format!(
                "mailto:?subject={t}&body={}",
                query_component(&format!("{title}\n{url}"))
            ),
        ),
        (
            "Bluesky",
            format!(
                "https://bsky.app/intent/compose?text={}",
                query_component(&format!("{} {url}", claim.title))
            ),
        ),
        ("X", format!("https://x.com/intent/post?text={t}&url={u}")),
        (
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        (
            "LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        (
            "WhatsApp",
            format!(
                "https://wa.me/?text={}",
                query_component(&format!("{} {url}", claim.title))
            ),
        ),
    ];
    let links = links
        .into_iter()
        .map(|(name, href)| ShareLink { name, href })
        .collect();
    let embed_url = urls.absolute(&site_path::claim_embed(&claim.slug));
    let embed_code = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"560\" height=\"300\" loading=\"lazy\" \
         style=\"border:0;max-width:100%\"></iframe>",
        escape_markup(&embed_url),
        escape_markup(&format!("{} — {}", site.config.title, claim.title)),
    );
    Share {
        url,
        title,
        links,
        embed_url,
        embed_code,
    }
}
