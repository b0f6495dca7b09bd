//! Jobs: one per output file. `plan` lists a site's jobs, `render` dispatches each to the
//! function of its page kind (`lists`, `detail`) or of its file (`files`), at the path the
//! route table (`routes`) gives.

mod actors;
mod corrections;
mod detail;
mod embed;
mod files;
mod frame;
mod globals;
mod job;
mod lists;
mod parts;
mod routes;
mod share;
mod team;

pub use files::stream;
pub use globals::set_globals;
pub use job::Job;
pub use routes::path;

use super::i18n::{self, Strings};
use super::output::{Output, RenderError};
use super::renderer::Renderer;
use super::theme::Theme;
use super::{search, sitemap};
use crate::model::Site;
use crate::model::periods;

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
    jobs.extend(site.ratings.ids().map(Job::Rating));
    jobs.extend(site.tags.ids().map(Job::Tag));
    jobs.extend(site.actors.ids().map(Job::Actor));
    jobs.extend(
        corrections::split(site)
            .into_iter()
            .map(Job::CorrectionsPart),
    );
    jobs.extend(actors::initials(site).into_iter().map(Job::ActorsInitial));
    for (list, parts) in periods::split_lists(site) {
        jobs.extend(parts.iter().map(|p| Job::Part(list, p.period)));
    }
    jobs.extend(site.claims.ids().map(Job::Claim));
    jobs.extend(site.claims.ids().map(Job::ClaimEmbed));
    jobs.extend(site.pages.ids().map(Job::Page));
    if !site.team.is_empty() {
        jobs.push(Job::Team);
        jobs.extend(site.team.ids().map(Job::Member));
    }
    jobs.extend(site.actors.ids().map(Job::ActorFeed));
    jobs.extend(site.tags.ids().map(Job::TagFeed));
    jobs.extend(site.ratings.ids().map(Job::RatingFeed));
    // The cards last: a warm build takes each from the cache, a cold one draws it (~2 ms).
    // A claim with its own image shares that image: no card is drawn for it.
    jobs.extend(
        site.claims
            .iter_enumerated()
            .filter(|(_, claim)| !super::images::shares_own_image(site, claim))
            .map(|(id, _)| Job::ClaimCard(id)),
    );
    jobs.extend(site.actors.ids().map(Job::ActorCard));
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
    let path = routes::path(r.site, r.theme, job);
    let path = match r.output_prefix.is_empty() {
        true => path,
        false => format!("{}{path}", r.output_prefix),
    };
    Ok(Output { path, bytes })
}

/// The HTML page of a job.
fn page(r: &Renderer, t: &Strings, job: &Job) -> Result<Vec<u8>, RenderError> {
    match *job {
        Job::Home => lists::home(r, t),
        Job::Claim(id) => detail::claim(r, id),
        Job::ClaimEmbed(id) => embed::page(r, id),
        Job::Timeline => lists::timeline(r, t),
        Job::Actors => actors::page(r, t, None),
        Job::ActorsInitial(key) => actors::page(r, t, Some(key)),
        Job::Actor(id) => detail::actor(r, t, id),
        Job::Ratings => lists::ratings(r, t),
        Job::Rating(id) => lists::rating(r, t, id),
        Job::Tags => lists::tags(r, t),
        Job::Tag(id) => lists::tag(r, t, id),
        Job::Page(id) => detail::page(r, id),
        Job::Team => team::index(r, t),
        Job::Member(id) => team::member(r, t, id),
        Job::Corrections => corrections::page(r, t, None),
        Job::CorrectionsPart(period) => corrections::page(r, t, Some(period)),
        Job::Search => lists::search(r, t),
        Job::NotFound => lists::not_found(r, t),
        Job::Part(list, period) => parts::page(r, t, list, period),
        _ => unreachable!("files::bytes makes every other output"),
    }
}
