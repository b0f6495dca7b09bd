//! The route table: where each job's output goes, relative to the output folder. Rendering,
//! `serve`'s pruning and the tests all ask here.

use super::job::Job;
use crate::model::Site;
use crate::model::periods::{initial_path, part_path};
use crate::render::theme::Theme;
use crate::render::{assets, search, sitemap};
use crate::urls::site_path;

/// The output path of `job`.
pub fn path(site: &Site, theme: &Theme, job: &Job) -> String {
    match *job {
        Job::Home => index_html(site_path::HOME),
        Job::Claim(id) => index_html(&site_path::claim(&site.claims[id].slug)),
        Job::ClaimCard(id) => site_path::claim_card(&site.claims[id].slug),
        Job::ClaimEmbed(id) => index_html(&site_path::claim_embed(&site.claims[id].slug)),
        Job::ActorCard(id) => site_path::actor_card(&site.actors[id].slug),
        Job::TagFeed(id) => site_path::tag_feed(&site.tags[id].slug),
        Job::RatingFeed(id) => site_path::rating_feed(&site.ratings[id].key),
        Job::Timeline => index_html(site_path::TIMELINE),
        Job::Actors => index_html(site_path::ACTORS),
        Job::Actor(id) => index_html(&site_path::actor(&site.actors[id].slug)),
        Job::ActorFeed(id) => site_path::actor_feed(&site.actors[id].slug),
        Job::Ratings => index_html(site_path::RATINGS),
        Job::Rating(id) => index_html(&site_path::rating(&site.ratings[id].key)),
        Job::Tags => index_html(site_path::TAGS),
        Job::Tag(id) => index_html(&site_path::tag(&site.tags[id].slug)),
        Job::Page(id) => index_html(&site_path::page(&site.pages[id].slug)),
        Job::Team => index_html(site_path::TEAM),
        Job::Member(id) => index_html(&site_path::member(&site.team[id].slug)),
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
        Job::ActorsInitial(key) => index_html(&initial_path(key)),
        Job::CorrectionsPart(period) => index_html(&part_path(site_path::CORRECTIONS, period)),
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

#[cfg(test)]
mod tests {
    //! The route table against `urls::RESERVED_SEGMENTS` (floor 0, which cannot ask floor 3):
    //! every built-in output must start with a reserved segment, so that no page slug can take
    //! its place.

    use super::*;
    use crate::config::Config;
    use crate::model::ids::Id;
    use crate::model::periods::{Listed, Period};
    use crate::model::{ActorId, BuildOptions, RatingId, TagId, build_site};
    use crate::render::Prepared;
    use crate::source::entry::{CLAIM_KEYS, MEMBER_KEYS, PAGE_KEYS};
    use crate::source::{Sources, parse_text};
    use crate::urls::{RESERVED_SEGMENTS, is_valid_slug};
    use std::collections::BTreeSet;
    use std::path::Path;

    const SITE_TOML: &str = "title = \"Routes\"\nbase_url = \"https://example.org/\"\n\
                             cname = \"example.org\"\n";
    const CLAIM: &str = "---\ntitle: A claim\nclaim: Something was said.\nclaimant: [Someone]\n\
                         date: 2024-06-26\nstatus: false\ntags: [energy]\nauthors: [jeanne-martin]\n\
                         source: { publisher: Paper, url: \"https://example.org/a\" }\n\
                         corrections:\n  - { date: 2024-07-01, note: Fixed a date. }\n---\n\
                         Body with code:\n\n```rust\nfn main() {}\n```\n";
    const PAGE: &str = "---\ntitle: About\n---\nWho we are.\n";
    const MEMBER: &str = "---\nname: Jeanne Martin\nrole: Journaliste\n---\n";

    /// The kind of a job. The match names every variant: a new kind of job fails to compile
    /// here until it is given a name, and the test below until the site makes one.
    fn kind(job: &Job) -> &'static str {
        match job {
            Job::Home => "home",
            Job::Claim(_) => "claim",
            Job::ClaimCard(_) => "claim card",
            Job::ClaimEmbed(_) => "claim embed",
            Job::ActorCard(_) => "actor card",
            Job::TagFeed(_) => "tag feed",
            Job::RatingFeed(_) => "rating feed",
            Job::Timeline => "timeline",
            Job::Actors => "actors",
            Job::Actor(_) => "actor",
            Job::ActorFeed(_) => "actor feed",
            Job::Ratings => "ratings",
            Job::Rating(_) => "rating",
            Job::Tags => "tags",
            Job::Tag(_) => "tag",
            Job::Page(_) => "page",
            Job::Team => "team",
            Job::Member(_) => "member",
            Job::Corrections => "corrections",
            Job::CorrectionsFeed => "corrections feed",
            Job::Search => "search",
            Job::SearchManifest => "search manifest",
            Job::SearchShard(_) => "search shard",
            Job::SearchRecords(_) => "search records",
            Job::NotFound => "not found",
            Job::Feed => "feed",
            Job::Sitemap => "sitemap",
            Job::SitemapPart(_) => "sitemap part",
            Job::Robots => "robots",
            Job::NoJekyll => "nojekyll",
            Job::Cname => "cname",
            Job::RatingsCss => "ratings css",
            Job::HighlightCss => "highlight css",
            Job::Asset(_) => "asset",
            Job::Part(..) => "part",
            Job::CorrectionsPart(_) => "corrections part",
            Job::ActorsInitial(_) => "actors initial",
            Job::ClaimsJson => "claims json",
            Job::ClaimsJsonl => "claims jsonl",
            Job::ClaimsCsv => "claims csv",
        }
    }
    const KINDS: usize = 40;

    fn small_site() -> Site {
        let config = Config::parse(SITE_TOML, Path::new("site.toml")).expect("valid settings");
        let mut problems = Vec::new();
        let mut sources = Sources::default();
        let claim = parse_text(
            Path::new("content/claims/a.md"),
            CLAIM,
            CLAIM_KEYS,
            &mut problems,
        );
        sources.claims.push(claim.expect("a valid claim"));
        let page = parse_text(
            Path::new("content/pages/about.md"),
            PAGE,
            PAGE_KEYS,
            &mut problems,
        );
        sources.pages.push(page.expect("a valid page"));
        let member = parse_text(
            Path::new("content/team/jeanne-martin.md"),
            MEMBER,
            MEMBER_KEYS,
            &mut problems,
        );
        sources.team.push(member.expect("a valid team profile"));
        let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
        let options = BuildOptions {
            include_drafts: false,
            today,
        };
        let (site, diagnostics) = build_site(config, sources, options);
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.items());
        site
    }

    #[test]
    fn every_built_in_output_starts_with_a_reserved_segment() {
        let site = small_site();
        let prepared = Prepared::new(&site, &[]).expect("the built-in theme compiles");
        let renderer = prepared.renderer(&site);
        let mut jobs = renderer.jobs();
        // The split lists only a large site has: every kind of list, by year and by month.
        let periods = [
            Period {
                year: 2024,
                month: 0,
            },
            Period {
                year: 2024,
                month: 6,
            },
            Period {
                year: 2024,
                month: crate::model::periods::UNKNOWN_MONTH,
            },
        ];
        let lists = [
            Listed::Timeline,
            Listed::Actor(ActorId::new(0)),
            Listed::Rating(RatingId::new(0)),
            Listed::Tag(TagId::new(0)),
        ];
        for period in periods {
            jobs.extend(lists.iter().map(|&list| Job::Part(list, period)));
            jobs.push(Job::CorrectionsPart(period));
        }
        jobs.push(Job::SitemapPart(1));
        jobs.push(Job::ActorsInitial("a"));

        let kinds: BTreeSet<&str> = jobs.iter().map(kind).collect();
        assert_eq!(kinds.len(), KINDS, "a kind of job is missing: {kinds:?}");
        for job in &jobs {
            let path = renderer.path(job);
            let first = path.split('/').next().expect("a segment");
            match job {
                // A page's address is its own slug, which the model refuses when reserved.
                Job::Page(_) => assert!(!RESERVED_SEGMENTS.contains(&first), "{job:?} at {path}"),
                // `.nojekyll`: no slug starts with a dot.
                _ => assert!(
                    RESERVED_SEGMENTS.contains(&first) || !is_valid_slug(first),
                    "{job:?} writes {path}, whose first segment {first:?} is not in \
                     urls::RESERVED_SEGMENTS: a page slug could take its place"
                ),
            }
        }
    }
}
