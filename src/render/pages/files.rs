//! The outputs that are not HTML pages: feeds, the sitemap, the search's files, open data,
//! robots.txt, CNAME, stylesheets and the theme's assets.

use super::Job;
use crate::model::ClaimId;
use crate::render::i18n::Strings;
use crate::render::renderer::Renderer;
use crate::render::{assets, data, feeds, highlight, search, sitemap};
use crate::urls::site_path;
use std::io::{self, Write};

/// Writes a job too large to hold in memory (the open data) into `out`; `None` for other jobs,
/// which `bytes` or a page makes.
pub fn stream(r: &Renderer, job: &Job, out: &mut dyn Write) -> Option<io::Result<()>> {
    let site = r.site;
    Some(match job {
        Job::ClaimsJson => data::write_claims_json(site, out),
        Job::ClaimsJsonl => data::write_claims_jsonl(site, out),
        Job::ClaimsCsv => data::write_claims_csv(site, out),
        _ => return None,
    })
}

/// The bytes of a job that is not an HTML page; `None` for a page.
pub fn bytes(r: &Renderer, t: &Strings, job: &Job) -> Option<Vec<u8>> {
    let site = r.site;
    if job.streamed() {
        let mut out = Vec::new();
        stream(r, job, &mut out)?.expect("writing into memory does not fail");
        return Some(out);
    }
    Some(match *job {
        Job::ActorFeed(id) => {
            let actor = &site.actors[id];
            let title = format!("{} — {}", site.config.title, actor.name);
            feeds::claims_feed(
                site,
                &site_path::actor_feed(&actor.slug),
                &site_path::actor(&actor.slug),
                title,
                &actor.all_claims(),
            )
        }
        Job::TagFeed(id) => {
            let tag = &site.tags[id];
            let title = format!("{} — {}", site.config.title, tag.name);
            let (feed, page) = (site_path::tag_feed(&tag.slug), site_path::tag(&tag.slug));
            feeds::claims_feed(site, &feed, &page, title, &tag.claims)
        }
        Job::RatingFeed(id) => {
            let rating = &site.ratings[id];
            let title = format!("{} — {}", site.config.title, rating.label);
            let feed = site_path::rating_feed(&rating.key);
            let page = site_path::rating(&rating.key);
            feeds::claims_feed(site, &feed, &page, title, &rating.claims)
        }
        Job::ClaimCard(_) | Job::ActorCard(_) => r.card(job).expect("a card job").png(),
        Job::CorrectionsFeed => feeds::corrections_feed(
            site,
            format!("{} — {}", site.config.title, t["corrections"]),
        ),
        Job::Feed => {
            let all: Vec<ClaimId> = site.claims.ids().collect();
            let title = site.config.title.clone();
            feeds::claims_feed(site, site_path::FEED, site_path::HOME, title, &all)
        }
        Job::SearchManifest => search::manifest(site, r.search_index()),
        Job::SearchShard(n) => r.search_index().shard(n),
        Job::SearchRecords(n) => search::records(site, n),
        Job::Sitemap => match r.languages {
            Some(languages) => languages.sitemap(),
            None => sitemap::sitemap(site),
        },
        Job::SitemapPart(n) => match r.languages {
            Some(languages) => languages.sitemap_part(n),
            None => sitemap::part(site, n),
        },
        Job::Robots => assets::robots(site),
        Job::NoJekyll => Vec::new(),
        Job::Cname => {
            format!("{}\n", site.config.cname.as_deref().unwrap_or_default()).into_bytes()
        }
        Job::RatingsCss => assets::ratings_css(site),
        Job::HighlightCss => highlight::stylesheet().into_bytes(),
        Job::Asset(i) => r
            .theme
            .assets
            .values()
            .nth(i)
            .expect("planned from the theme")
            .clone(),
        _ => return None,
    })
}
