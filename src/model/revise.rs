//! One claim revised in place, for `digest serve`: an edit that leaves what ties the claim to
//! the rest of the site as it was (the names it cites, its tags, its dates and so its place in
//! every list) changes only that claim, so the site need not be validated again. A verdict
//! change moves the claim from one rating's list to the other's, in site order, as
//! `build_site` would have filed it. Anything else is a full `build_site`.

use super::fields::check_claim;
use super::ids::ClaimId;
use super::site::{Claim, Site};
use super::validator::BuildOptions;
use crate::diag::Diagnostics;
use crate::source::Parsed;
use crate::source::entry::RawClaim;

/// The outcome of `Site::revise_claim`.
#[derive(Debug)]
pub enum Revision {
    /// The claim was replaced; the claim as it was, and the new version's own diagnostics.
    Revised {
        before: Box<Claim>,
        diagnostics: Diagnostics,
    },
    /// The new version has errors of its own; the site is unchanged.
    Refused(Diagnostics),
    /// The edit changes the claim's ties: validate the whole site.
    NeedsFullBuild,
}

impl Site {
    /// Replaces claim `id`, read from `before`, with the entry `after` when both tie the claim
    /// to the same actors, tags and dates (the rating may differ).
    pub fn revise_claim(
        &mut self,
        id: ClaimId,
        before: &Parsed<RawClaim>,
        after: &Parsed<RawClaim>,
        options: BuildOptions,
    ) -> Revision {
        let (old, new) = (&before.raw, &after.raw);
        let draft_hidden = new.draft && !options.include_drafts;
        if old.claimant.0 != new.claimant.0
            || old.about.0 != new.about.0
            || old.tags != new.tags
            || old.authors != new.authors
            || old.editors != new.editors
            || old.draft != new.draft
            || draft_hidden
            // Their files are published and measured by the driver's full pass.
            || before.bundle.is_some()
            || after.bundle.is_some()
            || old.image.is_some()
            || new.image.is_some()
        {
            return Revision::NeedsFullBuild;
        }
        let checked = check_claim(
            &mut after.clone(),
            &self.ratings,
            &self.config.check,
            options,
        );
        let Some(mut claim) = checked.claim else {
            return Revision::Refused(checked.problems);
        };
        if checked.problems.has_errors() {
            return Revision::Refused(checked.problems);
        }
        let current = &self.claims[id];
        if !same_place(current, &claim) {
            return Revision::NeedsFullBuild;
        }
        claim.claimants.clone_from(&current.claimants);
        claim.about.clone_from(&current.about);
        claim.tags.clone_from(&current.tags);
        claim.authors.clone_from(&current.authors);
        claim.editors.clone_from(&current.editors);
        let before = self.replace_claim(id, claim);
        let mut diagnostics = checked.problems;
        diagnostics.extend(checked.warnings);
        Revision::Revised {
            before: Box::new(before),
            diagnostics,
        }
    }

    /// Puts back a claim as it was before `revise_claim` (when a later edit of the same update
    /// cannot be revised in place), in its rating's list too.
    pub fn restore_claim(&mut self, id: ClaimId, before: Claim) {
        self.replace_claim(id, before);
    }

    /// Replaces claim `id` (in the same place), filing it under its new rating; the claim as it
    /// was.
    fn replace_claim(&mut self, id: ClaimId, claim: Claim) -> Claim {
        let (from, to) = (self.claims[id].rating, claim.rating);
        if from != to {
            self.ratings[from].claims.retain(|&c| c != id);
            // Each rating lists its claims in site order, i.e. by id.
            let list = &mut self.ratings[to].claims;
            let at = list.partition_point(|&c| c < id);
            list.insert(at, id);
        }
        std::mem::replace(&mut self.claims[id], claim)
    }

    /// The diagnostics of a claim entry's own fields, as `build_site` reports them for a claim
    /// that resolves (what `revise_claim` replaces when it revises that claim).
    pub fn claim_diagnostics(
        &self,
        parsed: &Parsed<RawClaim>,
        options: BuildOptions,
    ) -> Diagnostics {
        let checked = check_claim(
            &mut parsed.clone(),
            &self.ratings,
            &self.config.check,
            options,
        );
        let mut diagnostics = checked.problems;
        diagnostics.extend(checked.warnings);
        diagnostics
    }
}

/// Whether two versions of a claim stand in the same place in every list and count, their
/// rating's list aside.
fn same_place(a: &Claim, b: &Claim) -> bool {
    a.slug == b.slug
        && a.file == b.file
        && a.date == b.date
        && a.published == b.published
        && a.draft == b.draft
        && a.modified() == b.modified()
        && a.corrections.len() == b.corrections.len()
        && a.corrections
            .iter()
            .zip(&b.corrections)
            .all(|(x, y)| x.date == y.date && x.previous_rating == y.previous_rating)
}
