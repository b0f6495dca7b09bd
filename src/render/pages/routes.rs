//! The route table: where each job's output goes, relative to the output folder. Rendering,
//! `serve`'s pruning and the tests all ask here.

use super::Job;
use crate::model::Site;
use crate::model::periods::part_path;
use crate::render::theme::Theme;
use crate::render::{assets, search, sitemap};
use crate::urls::site_path;

/// The output path of `job`.
pub fn path(site: &Site, theme: &Theme, job: &Job) -> String {
    match *job {
        Job::Home => index_html(site_path::HOME),
        Job::Claim(id) => index_html(&site_path::claim(&site.claims[id].slug)),
        Job::Timeline => index_html(site_path::TIMELINE),
        Job::Actors => index_html(site_path::ACTORS),
        Job::Actor(id) => index_html(&site_path::actor(&site.actors[id].slug)),
        Job::ActorFeed(id) => site_path::actor_feed(&site.actors[id].slug),
        Job::Ratings => index_html(site_path::RATINGS),
        Job::Rating(id) => index_html(&site_path::rating(&site.ratings[id].key)),
        Job::Tags => index_html(site_path::TAGS),
        Job::Tag(id) => index_html(&site_path::tag(&site.tags[id].slug)),
        Job::Page(id) => index_html(&site_path::page(&site.pages[id].slug)),
        Job::Corrections => index_html(site_path::CORRECTIONS),
        Job::CorrectionsFeed => site_path::CORRECTIONS_FEED.into(),
        Job::Search => index_html(site_path::SEARCH),
        Job::SearchManifest => search::MANIFEST.into(),
        Job::SearchShard(n) => search::shard_path(n),
        Job::SearchRecords(n) => search::records_path(n),
        Job::NotFound => site_path::NOT_FOUND.into(),
        Job::Feed => site_path::FEED.into(),
        Job::Sitemap => site_path::SITEMAP.into(),
        Job::SitemapPart(n) => sitemap::part_path(n),
        Job::Robots => site_path::ROBOTS.into(),
        Job::NoJekyll => ".nojekyll".into(),
        Job::Cname => "CNAME".into(),
        Job::RatingsCss => assets::RATINGS_CSS.into(),
        Job::HighlightCss => assets::HIGHLIGHT_CSS.into(),
        Job::Asset(i) => theme
            .assets
            .keys()
            .nth(i)
            .expect("planned from the theme")
            .clone(),
        Job::Part(list, period) => index_html(&part_path(&list.path(site), period)),
        Job::ClaimsJson => site_path::CLAIMS_JSON.into(),
        Job::ClaimsJsonl => site_path::CLAIMS_JSONL.into(),
        Job::ClaimsCsv => site_path::CLAIMS_CSV.into(),
    }
}

/// A page's file in its folder (`claims/x/` -> `claims/x/index.html`).
fn index_html(path: &str) -> String {
    format!("{path}index.html")
}
