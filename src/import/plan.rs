//! Which files an import writes: one entry per new review (the same review found twice, in the
//! site or in two formats, once), a slug of its own, a profile for each new claimant. Pure: the
//! command writes the files.

use super::review::Review;
use super::verdict::{Mapped, VerdictMap};
use super::write::{EntryFields, actor_kind, actor_text, entry_text};
use crate::slug::{fold, slugify};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// What the site already holds, gathered by the command from its entries.
#[derive(Debug, Default)]
pub struct Existing {
    /// `review_key`s of the claims already in the site.
    pub reviews: HashSet<String>,
    /// Every claim slug in use.
    pub claim_slugs: HashSet<String>,
    /// Folded names and aliases, and slugs, of the actor profiles.
    pub actor_names: HashSet<String>,
    pub actor_slugs: HashSet<String>,
}

impl Existing {
    /// Records a claim of the site.
    pub fn add_claim(&mut self, slug: String, original_url: Option<&str>, claim: Option<&str>) {
        self.claim_slugs.insert(slug);
        if let Some(claim) = claim {
            self.reviews.insert(review_key(original_url, claim));
        }
    }

    /// Records an actor profile of the site.
    pub fn add_actor<'a>(&mut self, slug: String, names: impl IntoIterator<Item = &'a str>) {
        self.actor_slugs.insert(slug);
        for name in names {
            self.actor_names.insert(fold(name));
            self.actor_slugs.insert(slugify(name));
        }
    }

    fn knows_actor(&self, name: &str) -> bool {
        self.actor_names.contains(&fold(name)) || self.actor_slugs.contains(&slugify(name))
    }
}

/// One review with the input it came from.
#[derive(Debug, Clone)]
pub struct Sourced {
    pub input: PathBuf,
    pub review: Review,
}

/// A file to write, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// A review imported as a draft because its verdict matched nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    pub input: PathBuf,
    pub pointer: String,
    pub entry: PathBuf,
    pub verdict: Option<String>,
}

/// A review left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub input: PathBuf,
    pub pointer: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub entries: Vec<NewFile>,
    pub actors: Vec<NewFile>,
    pub skipped: Vec<Skipped>,
    pub unmapped: Vec<Unmapped>,
}

/// Claim slugs longer than this are cut at a word.
const MAX_SLUG: usize = 80;

/// Plans the files for `reviews`, in order; the first of two identical reviews wins.
pub fn plan(reviews: Vec<Sourced>, verdicts: &VerdictMap, existing: &mut Existing) -> Plan {
    let mut plan = Plan::default();
    let mut seen: HashSet<String> = HashSet::new();
    // The next suffix to try per slug, so that many reviews with one title stay linear.
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    for Sourced { input, review } in reviews {
        let key = review_key(review.url.as_deref(), &review.claim);
        let skip = |reason: &str| Skipped {
            input: input.clone(),
            pointer: review.pointer.clone(),
            reason: reason.to_string(),
        };
        if existing.reviews.contains(&key) {
            plan.skipped.push(skip("already in the site"));
            continue;
        }
        if !seen.insert(key) {
            plan.skipped
                .push(skip("the same review appears earlier in this import"));
            continue;
        }
        let Some(date) = review
            .claim_date
            .or(review.published.map(crate::model::dates::ClaimDate::day))
        else {
            plan.skipped.push(skip(
                "no date: neither the claim's nor the review's date is given",
            ));
            continue;
        };
        let title = review.title.as_deref().unwrap_or(&review.claim);
        let slug = free_slug(title, &review.claim, &existing.claim_slugs, &mut suffixes);
        existing.claim_slugs.insert(slug.clone());
        let path: PathBuf = ["content", "claims", &date.year().to_string()]
            .iter()
            .collect::<PathBuf>()
            .join(format!("{slug}.md"));
        let (status, draft) = match verdicts.map(&review.verdict) {
            Mapped::Key(key) => (key, false),
            Mapped::Unknown { fallback } => {
                plan.unmapped.push(Unmapped {
                    input: input.clone(),
                    pointer: review.pointer.clone(),
                    entry: path.clone(),
                    verdict: review.verdict.text.clone(),
                });
                (fallback, true)
            }
        };
        if let Some(claimant) = &review.claimant
            && !existing.knows_actor(&claimant.name)
            && let Some(actor) = new_actor(claimant, existing)
        {
            plan.actors.push(actor);
        }
        let text = entry_text(&EntryFields {
            review: &review,
            title,
            claimant: review.claimant.as_ref().map(|c| c.name.as_str()),
            date,
            published: review.published,
            status: &status,
            draft,
        });
        plan.entries.push(NewFile { path, text });
    }
    plan
}

/// Two reviews are the same when their URLs (scheme, `www.`, case of the host, trailing slash
/// and fragment aside) and their claims (case, accents and punctuation aside) match.
pub fn review_key(url: Option<&str>, claim: &str) -> String {
    let url = url.unwrap_or_default();
    let url = url.split('#').next().unwrap_or_default();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.trim_end_matches('/');
    format!("{host}/{path}\u{0}{}", super::verdict::normalise(claim))
}

/// The title's slug (else the claim's), cut to a length, suffixed `-2`, `-3`... when taken.
fn free_slug(
    title: &str,
    claim: &str,
    taken: &HashSet<String>,
    suffixes: &mut HashMap<String, usize>,
) -> String {
    let mut base = [slugify(title), slugify(claim)]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "claim".to_string());
    if base.len() > MAX_SLUG {
        let cut = base[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        base.truncate(cut);
    }
    if !taken.contains(&base) {
        return base;
    }
    let next = suffixes.entry(base.clone()).or_insert(2);
    loop {
        let candidate = format!("{base}-{next}");
        *next += 1;
        if !taken.contains(&candidate) {
            return candidate;
        }
    }
}

/// A profile for a claimant the site does not know, recorded so that it is made once.
fn new_actor(claimant: &super::review::Party, existing: &mut Existing) -> Option<NewFile> {
    let slug = slugify(&claimant.name);
    if slug.is_empty() {
        return None;
    }
    existing.add_actor(slug.clone(), [claimant.name.as_str()]);
    let kind = claimant.schema_type.as_deref().and_then(actor_kind);
    Some(NewFile {
        path: PathBuf::from("content/actors").join(format!("{slug}.md")),
        text: actor_text(&claimant.name, kind),
    })
}
