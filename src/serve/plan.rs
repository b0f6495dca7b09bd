//! Which jobs an edit can change. Two validated sites (the last one served and the new one)
//! are compared in the model's own terms: when their shape is the same (the same claims in the
//! same order, the same actors, tags, pages and settings), only the jobs that show what changed
//! are planned; otherwise every job is. Rendering itself is never looked into.

use crate::model::{ActorId, Claim, ClaimId, RatingId, Site, TagId};
use crate::render::Job;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

/// The jobs an edit changes, when the site's shape stayed the same (so that a job of the old
/// site and the same job of the new one are equal values: the ids did not move).
#[derive(Debug, Default)]
pub struct Plan {
    claims: HashSet<ClaimId>,
    actors: HashSet<ActorId>,
    actor_feeds: HashSet<ActorId>,
    ratings: HashSet<RatingId>,
    tags: HashSet<TagId>,
    pages: HashSet<usize>,
    /// The pages that list claims (home, timeline, indexes, feeds, search, sitemap, open data).
    listings: bool,
}

impl Plan {
    pub fn wants(&self, job: &Job) -> bool {
        match *job {
            Job::Claim(id) => self.claims.contains(&id),
            Job::Actor(id) => self.actors.contains(&id),
            Job::ActorFeed(id) => self.actor_feeds.contains(&id),
            Job::Rating(id) => self.ratings.contains(&id),
            Job::Tag(id) => self.tags.contains(&id),
            Job::Page(id) => self.pages.contains(&id),
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
            | Job::SitemapPart(_)
            | Job::ClaimsJson
            | Job::ClaimsCsv => self.listings,
            // Only the settings and the theme make these (assets, robots, 404...).
            Job::NotFound
            | Job::Robots
            | Job::NoJekyll
            | Job::Cname
            | Job::RatingsCss
            | Job::HighlightCss
            | Job::Asset(_) => false,
            // A kind of job this plan does not know: rendered again, to be safe.
            #[allow(unreachable_patterns)]
            _ => true,
        }
    }
}

/// Whether the page of the first claim, as served now, shows the second one (links to it): how
/// a claim's related claims are known without computing them.
pub type Shows<'a> = dyn Fn(ClaimId, ClaimId) -> bool + Sync + 'a;

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
    for (id, (a, b)) in old.actors.iter().zip(&new.actors).enumerate() {
        if a.bio != b.bio {
            plan.actors.insert(id);
        }
    }
    for (id, (a, b)) in old.pages.iter().zip(&new.pages).enumerate() {
        if format!("{a:?}") != format!("{b:?}") {
            plan.pages.insert(id);
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
            plan.claims.insert(id);
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
fn list_change(plan: &mut Plan, site: &Site, id: ClaimId, members: bool, shows: &Shows) {
    let claim = &site.claims[id];
    plan.claims.insert(id);
    plan.ratings.insert(claim.rating);
    let mut neighbours: Vec<ClaimId> = Vec::new();
    for a in claim.actors() {
        let actor = &site.actors[a];
        plan.actors.insert(a);
        plan.actor_feeds.insert(a);
        neighbours.extend(&actor.claims_made);
        neighbours.extend(&actor.claims_about);
    }
    for &t in &claim.tags {
        plan.tags.insert(t);
        neighbours.extend(&site.tags[t].claims);
    }
    neighbours.sort_unstable();
    neighbours.dedup();
    neighbours.retain(|n| *n != id && !plan.claims.contains(n));
    if !members {
        neighbours = neighbours
            .into_par_iter()
            .filter(|&n| shows(n, id))
            .collect();
    }
    plan.claims.extend(neighbours);
}
