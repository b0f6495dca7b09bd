//! The validated site and what it holds: claims, actors, ratings, tags and pages, tied by ids.

use super::dates::ClaimDate;
use super::ids::{ActorId, ClaimId, IdVec, MemberId, PageId, RatingId, TagId};
use super::media::{ClaimImage, ImageTable, LocalRef};
use super::registry::ActorRegistry;
use crate::color::Rgb;
use crate::config::{Config, Language};
use crate::source::bundle::BundleFile;
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: Config,
    /// Newest first (by claim date, then publication date, then slug).
    pub claims: IdVec<ClaimId, Claim>,
    /// Sorted by name.
    pub actors: IdVec<ActorId, Actor>,
    /// The scale, best first, as in `site.toml`.
    pub ratings: IdVec<RatingId, Rating>,
    /// Sorted by number of claims, then name.
    pub tags: IdVec<TagId, Tag>,
    pub pages: IdVec<PageId, Page>,
    /// `content/pages/corrections.md`: the corrections policy, shown atop `/corrections/`
    /// rather than as a page of its own.
    pub corrections_policy: Option<Page>,
    pub registry: ActorRegistry,
    /// `content/team/`: the desk's people, sorted by name.
    pub team: IdVec<MemberId, Member>,
    /// The newest publication or correction date: the site's "updated".
    pub updated: Option<NaiveDate>,
    /// The local raster images as published, by source site path: filled by the driver once
    /// it has processed them (`Site::with_images`), read by the renderer.
    pub images: ImageTable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    /// The desk's statement of the claim: never shown in quotation marks.
    pub claim: String,
    /// The claimant's exact words: the only text shown as a quotation.
    pub quote: Option<String>,
    pub claimants: Vec<ActorId>,
    /// The actors the claim concerns, its claimants left out.
    pub about: Vec<ActorId>,
    /// As precise as written, perhaps approximate.
    pub date: ClaimDate,
    pub published: NaiveDate,
    pub rating: RatingId,
    pub summary: Option<String>,
    pub source: Source,
    pub sources: Vec<Source>,
    pub tags: Vec<TagId>,
    /// Oldest first.
    pub corrections: Vec<Correction>,
    pub draft: bool,
    pub body: String,
    /// Where the fact-check was first published (an imported entry): an http(s) URL.
    pub original_url: Option<String>,
    /// A bundle's files, published beside the claim's page (empty for a lone file).
    pub bundle: Vec<BundleFile>,
    /// The claim as it appeared (a screenshot), shown as evidence and as the share image.
    pub image: Option<ClaimImage>,
    /// The body's links and images into the site.
    pub refs: Vec<LocalRef>,
    /// Who wrote the fact-check, and who edited it, in the entry's order.
    pub authors: Vec<Credit>,
    pub editors: Vec<Credit>,
}

impl Claim {
    /// The date of the latest correction, else the publication date.
    pub fn modified(&self) -> NaiveDate {
        self.corrections
            .iter()
            .map(|c| c.date)
            .max()
            .unwrap_or(self.published)
            .max(self.published)
    }

    /// The latest correction that changed the verdict, for the notice next to it.
    pub fn last_rerating(&self) -> Option<&Correction> {
        self.corrections.iter().rev().find(|c| c.rerated())
    }

    /// Every actor involved: claimants first, then those the claim is about.
    pub fn actors(&self) -> impl Iterator<Item = ActorId> + '_ {
        self.claimants.iter().chain(&self.about).copied()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    pub publisher: Option<String>,
    pub title: Option<String>,
    /// Only http(s) URLs get here.
    pub url: Option<String>,
    pub date: Option<NaiveDate>,
    pub archive: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub date: NaiveDate,
    pub note: String,
    /// The rating before this correction, when it changed.
    pub previous_rating: Option<RatingId>,
    /// The rating this correction set (with `previous_rating`): the previous rating of the next
    /// re-rating, else the claim's current one. Filled by `Correction::chain`.
    pub rating_after: Option<RatingId>,
}

impl Correction {
    /// Whether this correction changed the verdict.
    pub fn rerated(&self) -> bool {
        self.previous_rating.is_some() && self.previous_rating != self.rating_after
    }

    /// Fills each re-rating's `rating_after` (oldest first): unverified -> mixed -> mostly-true
    /// reads "unverified -> mixed", then "mixed -> mostly-true", never "unverified -> current".
    pub fn chain(corrections: &mut [Correction], current: RatingId) {
        let mut after = current;
        for c in corrections.iter_mut().rev() {
            if let Some(before) = c.previous_rating {
                c.rating_after = Some(after);
                after = before;
            }
        }
    }
}

/// A person credited on a fact-check: a profile of the desk, or a name without one (shown as
/// plain text).
#[derive(Debug, Clone, PartialEq)]
pub enum Credit {
    Member(MemberId),
    Named(String),
}

impl Credit {
    /// The name shown, and the slug of the profile when there is one.
    pub fn shown<'a>(&'a self, site: &'a Site) -> (&'a str, Option<&'a str>) {
        match self {
            Credit::Member(id) => (&site.team[*id].name, Some(&site.team[*id].slug)),
            Credit::Named(name) => (name, None),
        }
    }
}

/// A person of the desk (`content/team/<slug>.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub slug: String,
    pub name: String,
    pub role: Option<String>,
    pub bio: String,
    pub file: PathBuf,
    /// The language of the profile's text when not the site's: the default language's profile
    /// on a translated site that has no translation of it.
    pub lang: Option<Language>,
    /// The claims this person wrote, and edited, newest first.
    pub wrote: Vec<ClaimId>,
    pub edited: Vec<ClaimId>,
    /// The biography's links and images into the site.
    pub refs: Vec<LocalRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub slug: String,
    pub name: String,
    pub kind: Option<String>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub bio: String,
    /// None for an actor named in entries but without a profile.
    pub file: Option<PathBuf>,
    /// The language of the profile's text when not the site's (as `Member::lang`).
    pub lang: Option<Language>,
    /// Claims this actor made, newest first.
    pub claims_made: Vec<ClaimId>,
    /// Claims about this actor (and not made by it), newest first.
    pub claims_about: Vec<ClaimId>,
    /// The biography's links and images into the site.
    pub refs: Vec<LocalRef>,
}

impl Actor {
    pub fn claim_count(&self) -> usize {
        self.claims_made.len() + self.claims_about.len()
    }

    /// Every claim the actor is in: those it made, then those about it.
    pub fn all_claims(&self) -> Vec<ClaimId> {
        [self.claims_made.as_slice(), &self.claims_about].concat()
    }

    /// Person or Organization, for schema.org; None when the kind does not say (no profile, no
    /// `kind`, or an anonymous source, which may be either): a type is never guessed.
    pub fn schema_type(&self) -> Option<&'static str> {
        match self.kind.as_deref()? {
            "person" | "personne" => Some("Person"),
            "anonymous" | "anonyme" | "unknown" | "inconnu" | "inconnue" => None,
            _ => Some("Organization"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub key: String,
    pub label: String,
    /// None for off-scale verdicts.
    pub score: Option<u32>,
    pub color: Rgb,
    pub description: Option<String>,
    /// The language of `label`, and of `description`, when not the site's: the default
    /// language's, which a translated site shows when `labels` (`descriptions`) lacks its own.
    pub label_lang: Option<Language>,
    pub description_lang: Option<Language>,
    pub claims: Vec<ClaimId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub claims: Vec<ClaimId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub body: String,
    /// The body's links and images into the site.
    pub refs: Vec<LocalRef>,
}

/// The language of a profile's text when it is not the site's: on a translated site, a profile
/// without `.<code>` before `.md` is the default language's, shown for want of a translation.
pub fn profile_language(config: &Config, file: &std::path::Path) -> Option<Language> {
    if config.language == config.default_language {
        return None;
    }
    let own = crate::source::walk::language_suffix(file)
        .is_some_and(|(_, code)| code == config.language.code());
    (!own).then_some(config.default_language)
}

impl Site {
    /// The site with the images the driver processed.
    pub fn with_images(mut self, images: ImageTable) -> Site {
        self.images = images;
        self
    }

    /// The best and worst scores of the scale, for ClaimReview.
    pub fn score_range(&self) -> Option<(u32, u32)> {
        let scores = self.ratings.iter().filter_map(|r| r.score);
        Some((scores.clone().max()?, scores.min()?))
    }

    pub fn corrections(&self) -> Vec<(ClaimId, &Correction)> {
        let mut all: Vec<(ClaimId, &Correction)> = self
            .claims
            .iter_enumerated()
            .flat_map(|(id, c)| c.corrections.iter().map(move |k| (id, k)))
            .collect();
        all.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(a.0.cmp(&b.0)));
        all
    }
}
