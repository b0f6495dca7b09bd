//! Which jobs an update changes, asked of the model and of the renderer's prepared values:
//! two sites are compared claim by claim (matched by slug), actor by actor and tag by tag, and a
//! job is rendered again when something it shows changed: its own subject, a claim it lists, the
//! claims it shows as related, or a name it links to. Rendering itself is never looked into.

use crate::model::periods::{Listed, Period, month_of};
use crate::model::{
    ActorId, Claim, ClaimId, Credit, IdVec, MemberId, PageId, RatingId, Site, TagId,
};
use crate::render::{Job, search};
use std::collections::HashMap;

/// The claims shown as related on each claim's page (`render::Prepared::related`).
type Related = IdVec<ClaimId, Vec<ClaimId>>;

/// The jobs of `new_jobs` (indices) whose output may differ from what `old` rendered; `None`
/// when something every page shows changed (settings, navigation, the last update date).
pub fn between(
    old: &Site,
    old_related: &Related,
    new: &Site,
    new_related: &Related,
    new_jobs: &[Job],
) -> Option<Vec<usize>> {
    if !same_globals(old, new) {
        return None;
    }
    let diff = Diff::new(old, old_related, new, new_related);
    Some(
        new_jobs
            .iter()
            .enumerate()
            .filter(|(_, job)| diff.wants(job))
            .map(|(i, _)| i)
            .collect(),
    )
}

/// The jobs that claims revised in place change (`model::Site::revise_claim`: the same ties,
/// so the same lists and related claims, but for a verdict change, which moves a claim from one
/// rating's list to another). `revised` holds each claim as it was.
pub fn revised(
    site: &Site,
    related: &Related,
    jobs: &[Job],
    revised: &[(ClaimId, Claim)],
) -> Vec<usize> {
    let mut pages = IdVec::filled(false, site.claims.len());
    let mut shown = IdVec::filled(false, site.claims.len());
    let mut wanted = Wanted::new(site);
    let mut in_place = InPlace {
        months: Vec::new(),
        records: Vec::new(),
        recounted: IdVec::filled(false, site.ratings.len()),
    };
    for (id, before) in revised {
        pages[*id] = true;
        let claim = &site.claims[*id];
        shown[*id] = listed_differs_across(site, before, site, claim);
        if shown[*id] {
            in_place.months.push(month_of(claim.date));
            in_place.records.push(search::records_file(site, *id));
        }
        if before.rating != claim.rating {
            // The list it left (the one it joined is the claim's own, below).
            wanted.ratings[before.rating] = true;
            in_place.recounted[before.rating] = true;
            in_place.recounted[claim.rating] = true;
        }
    }
    let listed: Vec<ClaimId> = site.claims.ids().filter(|&c| shown[c]).collect();
    for &id in &listed {
        wanted.claim_shown(site, id);
    }
    wanted.in_place = Some(in_place);
    for (page, others) in related.iter_enumerated() {
        if others.iter().any(|&other| shown[other]) {
            pages[page] = true;
        }
    }
    wanted.claims = pages;
    wanted.select(jobs)
}

/// What every page shows: the settings, the scale's names and colours, the navigation and the
/// site's last update.
fn same_globals(old: &Site, new: &Site) -> bool {
    let same_scale = old.ratings.len() == new.ratings.len()
        && old.ratings.iter().zip(&new.ratings).all(|(a, b)| {
            (&a.key, &a.label, a.score, a.color, &a.description)
                == (&b.key, &b.label, b.score, b.color, &b.description)
        });
    let same_nav = old.pages.len() == new.pages.len()
        && old
            .pages
            .iter()
            .zip(&new.pages)
            .all(|(a, b)| (&a.slug, &a.title) == (&b.slug, &b.title));
    // The footer links to `/team/` when there is a team.
    let same_team_link = old.team.is_empty() == new.team.is_empty();
    old.config == new.config
        && same_scale
        && same_nav
        && same_team_link
        && old.updated == new.updated
        && old.images == new.images
}

/// The jobs to render, by kind and id of the new site.
struct Wanted {
    claims: IdVec<ClaimId, bool>,
    actors: IdVec<ActorId, bool>,
    ratings: IdVec<RatingId, bool>,
    tags: IdVec<TagId, bool>,
    pages: IdVec<PageId, bool>,
    /// The desk's people's pages, and `/team/` (names, roles and counts).
    team: IdVec<MemberId, bool>,
    team_index: bool,
    /// The jobs that list every claim or every actor (home, timeline, indexes, feeds, search,
    /// sitemap, open data).
    listings: bool,
    /// Claims revised in place (`revised`); `None` for two sites compared (`between`).
    in_place: Option<InPlace>,
}

/// Claims revised in place keep their place in every list, so of a split list only the parts
/// holding them show them differently, and of the search's records only the files holding
/// theirs; but every part of a rating's list that a verdict left or joined shows new counts.
struct InPlace {
    /// The year and month of each claim shown differently (`periods::month_of`).
    months: Vec<(i32, u32)>,
    /// The search records files holding them.
    records: Vec<usize>,
    /// The ratings whose lists lost or gained a claim.
    recounted: IdVec<RatingId, bool>,
}

impl InPlace {
    fn changes_part(&self, list: Listed, period: Period) -> bool {
        let holds = |&(year, month): &(i32, u32)| {
            year == period.year && (period.month == 0 || period.month == month)
        };
        matches!(list, Listed::Rating(id) if self.recounted[id]) || self.months.iter().any(holds)
    }
}

impl Wanted {
    fn new(site: &Site) -> Self {
        Wanted {
            claims: IdVec::filled(false, site.claims.len()),
            actors: IdVec::filled(false, site.actors.len()),
            ratings: IdVec::filled(false, site.ratings.len()),
            tags: IdVec::filled(false, site.tags.len()),
            pages: IdVec::filled(false, site.pages.len()),
            team: IdVec::filled(false, site.team.len()),
            team_index: false,
            listings: false,
            in_place: None,
        }
    }

    /// A claim shown differently: its own page, and every list it is in.
    fn claim_shown(&mut self, site: &Site, id: ClaimId) {
        let claim = &site.claims[id];
        self.claims[id] = true;
        self.listings = true;
        self.ratings[claim.rating] = true;
        for a in claim.actors() {
            self.actors[a] = true;
        }
        for &t in &claim.tags {
            self.tags[t] = true;
        }
        for credit in claim.authors.iter().chain(&claim.editors) {
            if let Credit::Member(m) = credit {
                self.team[*m] = true;
            }
        }
    }

    fn wants(&self, job: &Job) -> bool {
        match *job {
            // A claim's card and embed show its verdict, text, claimants and date: made again
            // with its page (a card whose inputs did not change is then taken from the cache).
            Job::Claim(id) | Job::ClaimCard(id) | Job::ClaimEmbed(id) => self.claims[id],
            Job::Actor(id) | Job::ActorFeed(id) | Job::ActorCard(id) => self.actors[id],
            Job::Rating(id) | Job::RatingFeed(id) => self.ratings[id],
            Job::Tag(id) | Job::TagFeed(id) => self.tags[id],
            Job::Page(id) => self.pages[id],
            Job::Team => self.team_index,
            Job::Member(id) => self.team[id],
            Job::Part(list, period) => {
                let listed = match list {
                    Listed::Timeline => self.listings,
                    Listed::Actor(id) => self.actors[id],
                    Listed::Rating(id) => self.ratings[id],
                    Listed::Tag(id) => self.tags[id],
                };
                listed && (self.in_place.as_ref()).is_none_or(|p| p.changes_part(list, period))
            }
            Job::SearchRecords(n) => {
                self.listings && (self.in_place.as_ref()).is_none_or(|p| p.records.contains(&n))
            }
            Job::Home
            | Job::Timeline
            | Job::Actors
            | Job::ActorsInitial(_)
            | Job::Ratings
            | Job::Tags
            | Job::Corrections
            | Job::CorrectionsPart(_)
            | Job::CorrectionsFeed
            | Job::Search
            | Job::SearchManifest
            | Job::SearchShard(_)
            | Job::Feed
            | Job::Sitemap
            | Job::SitemapPart(_)
            | Job::ClaimsJson
            | Job::ClaimsJsonl
            | Job::ClaimsCsv => self.listings,
            // Only the settings and the theme make these, and they did not change.
            Job::NotFound
            | Job::Robots
            | Job::NoJekyll
            | Job::Cname
            | Job::RatingsCss
            | Job::HighlightCss
            | Job::Asset(_) => false,
        }
    }

    fn select(&self, jobs: &[Job]) -> Vec<usize> {
        (0..jobs.len()).filter(|&i| self.wants(&jobs[i])).collect()
    }
}

/// Two sites compared in the new one's ids.
struct Diff {
    wanted: Wanted,
}

impl Diff {
    fn new(old: &Site, old_related: &Related, new: &Site, new_related: &Related) -> Self {
        let old_claims: HashMap<&str, ClaimId> = old
            .claims
            .iter_enumerated()
            .map(|(i, c)| (c.slug.as_str(), i))
            .collect();
        let old_actors: HashMap<&str, ActorId> = old
            .actors
            .iter_enumerated()
            .map(|(i, a)| (a.slug.as_str(), i))
            .collect();
        let old_tags: HashMap<&str, TagId> = old
            .tags
            .iter_enumerated()
            .map(|(i, t)| (t.slug.as_str(), i))
            .collect();
        let mut wanted = Wanted::new(new);

        // Names that other pages link to: an actor's identity, a tag's name.
        let actor_renamed: IdVec<ActorId, bool> = new
            .actors
            .iter()
            .map(|a| {
                old_actors.get(a.slug.as_str()).is_none_or(|&o| {
                    let b = &old.actors[o];
                    (
                        &a.name,
                        &a.kind,
                        &a.aliases,
                        &a.description,
                        &a.url,
                        &a.file,
                    ) != (
                        &b.name,
                        &b.kind,
                        &b.aliases,
                        &b.description,
                        &b.url,
                        &b.file,
                    )
                })
            })
            .collect();
        let tag_renamed: IdVec<TagId, bool> = new
            .tags
            .iter()
            .map(|t| {
                old_tags
                    .get(t.slug.as_str())
                    .is_none_or(|&o| old.tags[o].name != t.name)
            })
            .collect();
        let slugs = |site: &Site, ids: &[ClaimId]| -> Vec<String> {
            ids.iter().map(|&c| site.claims[c].slug.clone()).collect()
        };

        // Claims: matched by slug; shown differently when new, when a listed field changed or
        // when a name they link to changed.
        let matched: IdVec<ClaimId, Option<ClaimId>> = new
            .claims
            .iter()
            .map(|c| old_claims.get(c.slug.as_str()).copied())
            .collect();
        let mut shown = IdVec::filled(false, new.claims.len());
        for (id, claim) in new.claims.iter_enumerated() {
            let renamed = claim.actors().any(|a| actor_renamed[a])
                || claim.tags.iter().any(|&t| tag_renamed[t]);
            shown[id] = renamed
                || matched[id].is_none_or(|o| {
                    let before = &old.claims[o];
                    listed_differs_across(old, before, new, claim)
                });
            wanted.claims[id] = shown[id]
                || matched[id].is_none_or(|o| {
                    let before = &old.claims[o];
                    (&before.body, &before.image, &before.bundle)
                        != (&claim.body, &claim.image, &claim.bundle)
                });
        }
        let removed = matched.iter().flatten().count() != old.claims.len();
        let reordered = matched.as_slice().windows(2).any(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => a > b,
            _ => false,
        });
        wanted.listings = removed
            || old.corrections_policy != new.corrections_policy
            || reordered
            || shown.iter().any(|&s| s)
            || actor_renamed.iter().any(|&r| r)
            || tag_renamed.iter().any(|&r| r)
            || old.actors.len() != new.actors.len()
            || old.tags.len() != new.tags.len();

        // A claim's page also shows its related claims.
        for (id, related) in new_related.iter_enumerated() {
            let before = matched[id].map(|o| slugs(old, &old_related[o]));
            if before.as_ref() != Some(&slugs(new, related)) || related.iter().any(|&r| shown[r]) {
                wanted.claims[id] = true;
            }
        }
        // Actors, ratings and tags: their own fields, the claims they list, how those show.
        for (id, actor) in new.actors.iter_enumerated() {
            wanted.actors[id] = actor_renamed[id]
                || old_actors.get(actor.slug.as_str()).is_none_or(|&o| {
                    let b = &old.actors[o];
                    b.bio != actor.bio
                        || slugs(old, &b.claims_made) != slugs(new, &actor.claims_made)
                        || slugs(old, &b.claims_about) != slugs(new, &actor.claims_about)
                })
                || actor.all_claims().iter().any(|&c| shown[c]);
        }
        for (id, rating) in new.ratings.iter_enumerated() {
            let before = old.ratings.get(id).map(|r| slugs(old, &r.claims));
            wanted.ratings[id] = before != Some(slugs(new, &rating.claims))
                || rating.claims.iter().any(|&c| shown[c]);
        }
        for (id, tag) in new.tags.iter_enumerated() {
            wanted.tags[id] = tag_renamed[id]
                || old_tags
                    .get(tag.slug.as_str())
                    .is_none_or(|&o| slugs(old, &old.tags[o].claims) != slugs(new, &tag.claims))
                || tag.claims.iter().any(|&c| shown[c]);
        }
        for (id, page) in new.pages.iter_enumerated() {
            wanted.pages[id] = old.pages.iter().find(|p| p.slug == page.slug) != Some(page);
        }
        team_changes(old, new, &shown, &mut wanted);
        Diff { wanted }
    }

    fn wants(&self, job: &Job) -> bool {
        self.wanted.wants(job)
    }
}

/// The team's pages that changed: a person's fields, the claims listed, how those show. (A
/// claim whose byline names a person renamed differs by `listed_differs_across`.)
fn team_changes(old: &Site, new: &Site, shown: &IdVec<ClaimId, bool>, wanted: &mut Wanted) {
    let slugs = |site: &Site, ids: &[ClaimId]| -> Vec<String> {
        ids.iter().map(|&c| site.claims[c].slug.clone()).collect()
    };
    let old_team: HashMap<&str, MemberId> = old
        .team
        .iter_enumerated()
        .map(|(i, m)| (m.slug.as_str(), i))
        .collect();
    let mut renamed = IdVec::filled(false, new.team.len());
    for (id, member) in new.team.iter_enumerated() {
        let before = old_team.get(member.slug.as_str()).map(|&o| &old.team[o]);
        renamed[id] = before.is_none_or(|b| {
            (&b.name, &b.role, &b.file) != (&member.name, &member.role, &member.file)
        });
        let lists_differ = before.is_none_or(|b| {
            slugs(old, &b.wrote) != slugs(new, &member.wrote)
                || slugs(old, &b.edited) != slugs(new, &member.edited)
        });
        wanted.team_index |= renamed[id] || lists_differ;
        wanted.team[id] = renamed[id]
            || lists_differ
            || before.is_none_or(|b| b.bio != member.bio)
            || member.wrote.iter().chain(&member.edited).any(|&c| shown[c]);
    }
    let joined = new
        .team
        .iter()
        .any(|m| !old_team.contains_key(m.slug.as_str()));
    wanted.team_index |= joined || old.team.len() != new.team.len();
    // The sitemap lists the team's pages.
    wanted.listings |= joined || old.team.len() != new.team.len();
}

/// Whether lists show two versions of a claim (of two sites) differently: ids are compared by
/// what they stand for (actor and tag slugs, rating keys). Every field is named, so that a field
/// added to `Claim` must be placed here. A claim revised in place is compared with its former
/// version on the same site.
fn listed_differs_across(old: &Site, a: &Claim, new: &Site, b: &Claim) -> bool {
    let actors = |site: &Site, ids: &[ActorId]| -> Vec<String> {
        ids.iter().map(|&i| site.actors[i].slug.clone()).collect()
    };
    let tags = |site: &Site, ids: &[TagId]| -> Vec<String> {
        ids.iter().map(|&i| site.tags[i].slug.clone()).collect()
    };
    let rating = |site: &Site, id: RatingId| site.ratings[id].key.clone();
    let corrections = |site: &Site, c: &Claim| -> Vec<_> {
        c.corrections
            .iter()
            .map(|x| {
                (
                    x.date,
                    x.note.clone(),
                    x.previous_rating.map(|r| rating(site, r)),
                )
            })
            .collect()
    };
    let Claim {
        slug,
        file,
        title,
        claim,
        claimants,
        about,
        date,
        published,
        rating: rating_id,
        summary,
        source,
        sources,
        tags: tag_ids,
        corrections: _,
        draft,
        body: _,
        original_url,
        // Shown on the claim's own page only (`Diff::new` compares them there).
        bundle: _,
        image: _,
        refs: _,
        quote,
        authors,
        editors,
    } = a;
    let credits = |site: &Site, list: &[Credit]| -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|c| {
                let (name, slug) = c.shown(site);
                (name.to_string(), slug.map(str::to_string))
            })
            .collect()
    };
    (slug, file, title, claim, date, published, summary, source)
        != (
            &b.slug,
            &b.file,
            &b.title,
            &b.claim,
            &b.date,
            &b.published,
            &b.summary,
            &b.source,
        )
        || (sources, draft, original_url) != (&b.sources, &b.draft, &b.original_url)
        || quote != &b.quote
        || credits(old, authors) != credits(new, &b.authors)
        || credits(old, editors) != credits(new, &b.editors)
        || actors(old, claimants) != actors(new, &b.claimants)
        || actors(old, about) != actors(new, &b.about)
        || rating(old, *rating_id) != rating(new, b.rating)
        || tags(old, tag_ids) != tags(new, &b.tags)
        || corrections(old, a) != corrections(new, b)
}
