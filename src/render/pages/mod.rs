//! Jobs: one per output file. `plan` lists a site's jobs, `render` dispatches each to the
//! function of its page kind (`lists`, `detail`) or of its file (`files`), at the path the
//! route table (`routes`) gives.

mod detail;
mod files;
mod frame;
mod globals;
mod lists;
mod parts;
mod routes;

pub use globals::set_globals;
pub use routes::path;

use super::i18n::{self, Strings};
use super::output::{Output, RenderError};
use super::renderer::Renderer;
use super::theme::Theme;
use super::{search, sitemap};
use crate::model::periods::{self, Listed, Period};
use crate::model::{ActorId, ClaimId, RatingId, Site, TagId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    Claim(ClaimId),
    Timeline,
    Actors,
    Actor(ActorId),
    ActorFeed(ActorId),
    Ratings,
    Rating(RatingId),
    Tags,
    Tag(TagId),
    Page(usize),
    Corrections,
    CorrectionsFeed,
    Search,
    /// The search's manifest, one shard of its index, one file of its result records.
    SearchManifest,
    SearchShard(usize),
    SearchRecords(usize),
    NotFound,
    Feed,
    Sitemap,
    /// One part (from 1) of a sitemap split by the protocol's limits.
    SitemapPart(usize),
    Robots,
    NoJekyll,
    Cname,
    RatingsCss,
    HighlightCss,
    Asset(usize),
    /// One part of a long list, split by year and month.
    Part(Listed, Period),
    ClaimsJson,
    /// The same records as `claims.json`, one JSON object a line, for streaming tools.
    ClaimsJsonl,
    ClaimsCsv,
}

pub fn plan(site: &Site, has_code: bool, theme: &Theme) -> Vec<Job> {
    // The single big jobs (every claim on one page or in one file) go first, so that the two
    // workers are not left waiting on one of them at the end.
    let mut jobs = vec![
        Job::Timeline,
        // Builds the search index while the other worker renders the timeline.
        Job::SearchManifest,
        Job::ClaimsJson,
        Job::ClaimsJsonl,
        Job::ClaimsCsv,
        Job::Feed,
        Job::Sitemap,
        Job::Home,
        Job::Actors,
        Job::Ratings,
        Job::Tags,
        Job::Corrections,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((1..=sitemap::part_count(site)).map(Job::SitemapPart));
    jobs.extend((0..search::shard_count(site)).map(Job::SearchShard));
    jobs.extend((0..site.ratings.len()).map(Job::Rating));
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend((0..site.actors.len()).map(Job::Actor));
    for (list, parts) in periods::split_lists(site) {
        jobs.extend(parts.iter().map(|p| Job::Part(list, p.period)));
    }
    jobs.extend((0..site.claims.len()).map(Job::Claim));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.actors.len()).map(Job::ActorFeed));
    jobs.extend((0..search::records_count(site)).map(Job::SearchRecords));
    jobs.extend([
        Job::CorrectionsFeed,
        Job::Robots,
        Job::NoJekyll,
        Job::RatingsCss,
    ]);
    jobs.extend((0..theme.assets.len()).map(Job::Asset));
    if has_code {
        jobs.push(Job::HighlightCss);
    }
    if site.config.cname.is_some() {
        jobs.push(Job::Cname);
    }
    jobs
}

/// Renders one job: its bytes, at the path the route table gives.
pub fn render(r: &Renderer, job: &Job) -> Result<Output, RenderError> {
    let t = i18n::strings(r.site.config.language);
    let bytes = match files::bytes(r, t, job) {
        Some(bytes) => bytes,
        None => page(r, t, job)?,
    };
    Ok(Output {
        path: routes::path(r.site, r.theme, job),
        bytes,
    })
}

/// The HTML page of a job.
fn page(r: &Renderer, t: &Strings, job: &Job) -> Result<Vec<u8>, RenderError> {
    match *job {
        Job::Home => lists::home(r, t),
        Job::Claim(id) => detail::claim(r, id),
        Job::Timeline => lists::timeline(r, t),
        Job::Actors => lists::actors(r, t),
        Job::Actor(id) => detail::actor(r, t, id),
        Job::Ratings => lists::ratings(r, t),
        Job::Rating(id) => lists::rating(r, t, id),
        Job::Tags => lists::tags(r, t),
        Job::Tag(id) => lists::tag(r, t, id),
        Job::Page(id) => detail::page(r, id),
        Job::Corrections => lists::corrections(r, t),
        Job::Search => lists::search(r, t),
        Job::NotFound => lists::not_found(r, t),
        Job::Part(list, period) => parts::page(r, t, list, period),
        _ => unreachable!("files::bytes makes every other output"),
    }
}
