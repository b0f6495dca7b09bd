//! A job: one output file of the site, named by its kind and the id of its subject. The route
//! table (`routes`) says where each goes; `plan` lists a site's jobs.

use crate::model::periods::{Listed, Period};
use crate::model::{ActorId, ClaimId, MemberId, PageId, RatingId, TagId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    Claim(ClaimId),
    /// A claim's share card (PNG) and its embeddable card (HTML).
    ClaimCard(ClaimId),
    ClaimEmbed(ClaimId),
    Timeline,
    Actors,
    Actor(ActorId),
    ActorFeed(ActorId),
    /// An actor's share card: its scorecard.
    ActorCard(ActorId),
    Ratings,
    Rating(RatingId),
    RatingFeed(RatingId),
    Tags,
    Tag(TagId),
    TagFeed(TagId),
    Page(PageId),
    /// `/team/` (only when the site has team profiles) and one person's page.
    Team,
    Member(MemberId),
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
    /// The actors under one initial, when they are many.
    ActorsInitial(&'static str),
    /// One part of the corrections, when they are many.
    CorrectionsPart(Period),
    ClaimsJson,
    /// The same records as `claims.json`, one JSON object a line, for streaming tools.
    ClaimsJsonl,
    ClaimsCsv,
}

impl Job {
    /// Whether the output is large enough to be written straight into its file
    /// (`Renderer::stream`) where it can be: the open data, which holds every claim.
    pub fn streamed(&self) -> bool {
        matches!(self, Job::ClaimsJson | Job::ClaimsJsonl | Job::ClaimsCsv)
    }

    /// Whether each language of the site has its own output of this job (the 404 page too:
    /// `/en/404.html` in English); the others (assets, robots, sitemap, CNAME) are made once,
    /// by the default language.
    pub fn per_language(&self) -> bool {
        !matches!(
            self,
            Job::Sitemap
                | Job::SitemapPart(_)
                | Job::Robots
                | Job::NoJekyll
                | Job::Cname
                | Job::RatingsCss
                | Job::HighlightCss
                | Job::Asset(_)
        )
    }
}
