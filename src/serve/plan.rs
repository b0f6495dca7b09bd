//! Which jobs an edit can change. Two validated sites (the last one served and the new one)
//! are compared in the model's own terms: when their shape is the same (the same claims in the
//! same order, the same actors, tags, pages and settings), only the jobs that show what changed
//! are planned; otherwise every job is. Rendering itself is never looked into.

use crate::model::{Claim, Site};
use crate::render::Job;
use std::collections::HashSet;
use std::path::PathBuf;

/// A job's identity across rebuilds (ids move when claims are added; slugs do not).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JobKey {
    Claim(String),
    Actor(String),
    ActorFeed(String),
    Rating(String),
    Tag(String),
    Page(String),
    /// The site-wide jobs, by name.
    Other(String),
}

/// What a job's output depends on, so that a plan can tell whether to render it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depends {
    /// One entity's page or feed: rendered when the plan names its key.
    Entity,
    /// A page that lists claims (home, timeline, indexes, feeds, search, sitemap, open data).
    Listing,
    /// Only the settings and the theme (assets, robots, 404...): never by an entry's edit.
    Settings,
    /// A job kind this module does not know: always rendered again.
    Unknown,
}

/// The jobs an edit changes, when the site's shape stayed the same.
#[derive(Debug, Default)]
pub struct Plan {
    keys: HashSet<JobKey>,
    listings: bool,
}

impl Plan {
    pub fn wants(&self, key: &JobKey, depends: Depends) -> bool {
        match depends {
            Depends::Entity => self.keys.contains(key),
            Depends::Listing => self.listings,
            Depends::Settings => false,
            Depends::Unknown => true,
        }
    }
}

/// The stable key of a job of `site`, and what it depends on.
pub fn key(site: &Site, job: &Job) -> (JobKey, Depends) {
    match *job {
        Job::Claim(id) => (JobKey::Claim(site.claims[id].slug.clone()), Depends::Entity),
        Job::Actor(id) => (JobKey::Actor(site.actors[id].slug.clone()), Depends::Entity),
        Job::ActorFeed(id) => (
            JobKey::ActorFeed(site.actors[id].slug.clone()),
            Depends::Entity,
        ),
        Job::Rating(id) => (
            JobKey::Rating(site.ratings[id].key.clone()),
            Depends::Entity,
        ),
        Job::Tag(id) => (JobKey::Tag(site.tags[id].slug.clone()), Depends::Entity),
        Job::Page(id) => (JobKey::Page(site.pages[id].slug.clone()), Depends::Entity),
        Job::Home
        | Job::Timeline
        | Job::Actors
        | Job::Ratings
        | Job::Tags
        | Job::Corrections
        | Job::CorrectionsFeed
        | Job::Search
        | Job::SearchIndex
        | Job::Feed
        | Job::Sitemap
        | Job::ClaimsJson
        | Job::ClaimsCsv => (JobKey::Other(format!("{job:?}")), Depends::Listing),
        Job::NotFound
        | Job::Robots
        | Job::NoJekyll
        | Job::Cname
        | Job::RatingsCss
        | Job::HighlightCss
        | Job::Asset(_) => (JobKey::Other(format!("{job:?}")), Depends::Settings),
        #[allow(unreachable_patterns)]
        _ => (JobKey::Other(format!("{job:?}")), Depends::Unknown),
    }
}

/// Whether the page of the claim with the first slug, as served now, shows the claim with the
/// second slug (links to it): how a claim's related claims are known without computing them.
pub type Shows<'a> = dyn Fn(&str, &str) -> bool + 'a;

/// The plan for going from `old` to `new`, where `changed_files` are the entry files read again
/// since `old` was built (relative to the root). `None`: the shape changed, render everything.
pub fn plan(
    old: &Site,
    new: &Site,
    changed_files: &HashSet<PathBuf>,
    shows: &Shows,
) -> Option<Plan> {
    if settings(old) != settings(new)
        || !same_by(&old.claims, &new.claims, |c| &c.slug)
        || !same_by(&old.actors, &new.actors, actor_identity)
        || !same_by(&old.tags, &new.tags, |t| (&t.slug, &t.name))
    {
        return None;
    }
    let mut plan = Plan::default();
    for (a, b) in old.actors.iter().zip(&new.actors) {
        if a.bio != b.bio {
            plan.keys.insert(JobKey::Actor(b.slug.clone()));
        }
    }
    for (a, b) in old.pages.iter().zip(&new.pages) {
        if format!("{a:?}") != format!("{b:?}") {
            plan.keys.insert(JobKey::Page(b.slug.clone()));
        }
    }
    for (id, (a, b)) in old.claims.iter().zip(&new.claims).enumerate() {
        if !changed_files.contains(&a.file)
            && !changed_files.contains(&b.file)
            && a.claimants == b.claimants
            && a.about == b.about
            && a.tags == b.tags
            && a.rating == b.rating
        {
            continue;
        }
        if a.body != b.body {
            plan.keys.insert(JobKey::Claim(b.slug.clone()));
        }
        if listed(a) != listed(b) {
            plan.listings = true;
            // Related claims come from shared actors and tags: when those stay, the same pages
            // show this claim as related, and only they change.
            let members = a.claimants != b.claimants || a.about != b.about || a.tags != b.tags;
            list_change(&mut plan, old, id, members, shows);
            list_change(&mut plan, new, id, members, shows);
        }
    }
    Some(plan)
}

/// Everything every page may show: the settings, the navigation, the counts, the last update.
/// Any change re-renders the whole site.
fn settings(site: &Site) -> String {
    let ratings: Vec<_> = site
        .ratings
        .iter()
        .map(|r| {
            (
                &r.key,
                &r.label,
                r.score,
                r.color,
                &r.description,
                r.claims.len(),
            )
        })
        .collect();
    let pages: Vec<_> = site.pages.iter().map(|p| (&p.slug, &p.title)).collect();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{}",
        site.config,
        ratings,
        pages,
        site.updated,
        site.claims.len()
    )
}

fn same_by<'a, T, K: PartialEq>(a: &'a [T], b: &'a [T], key: impl Fn(&'a T) -> K) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y))
}

/// An actor as other pages show it (its biography shows only on its own page).
fn actor_identity(actor: &crate::model::Actor) -> String {
    format!(
        "{:?}",
        (
            &actor.slug,
            &actor.name,
            &actor.kind,
            &actor.aliases,
            &actor.description,
            &actor.url,
            &actor.file
        )
    )
}

/// A claim as lists show it: everything but its body.
fn listed(claim: &Claim) -> String {
    let mut copy = claim.clone();
    copy.body.clear();
    format!("{copy:?}")
}

/// A claim that lists show changed: its page, the pages of its actors (and their feeds), its
/// rating and tags, and the claims that may show it as related (those sharing an actor or tag:
/// all of them when its actors or tags changed, else those that show it now).
fn list_change(plan: &mut Plan, site: &Site, id: usize, members: bool, shows: &Shows) {
    let claim = &site.claims[id];
    let keys = &mut plan.keys;
    keys.insert(JobKey::Claim(claim.slug.clone()));
    keys.insert(JobKey::Rating(site.ratings[claim.rating].key.clone()));
    let mut neighbours: Vec<usize> = Vec::new();
    for a in claim.actors() {
        let actor = &site.actors[a];
        keys.insert(JobKey::Actor(actor.slug.clone()));
        keys.insert(JobKey::ActorFeed(actor.slug.clone()));
        neighbours.extend(&actor.claims_made);
        neighbours.extend(&actor.claims_about);
    }
    for &t in &claim.tags {
        let tag = &site.tags[t];
        keys.insert(JobKey::Tag(tag.slug.clone()));
        neighbours.extend(&tag.claims);
    }
    neighbours.sort_unstable();
    neighbours.dedup();
    for n in neighbours {
        let key = JobKey::Claim(site.claims[n].slug.clone());
        if n != id && !keys.contains(&key) && (members || shows(&site.claims[n].slug, &claim.slug))
        {
            keys.insert(key);
        }
    }
}
