//! Related claims: those sharing actors (weighted more) and tags, best matches first.

use crate::model::ids::Id;
use crate::model::{ClaimId, IdVec, Site};
use rayon::prelude::*;

pub const RELATED_COUNT: usize = 5;
const ACTOR_WEIGHT: u32 = 3;
const TAG_WEIGHT: u32 = 1;
/// From a long list (a prolific actor, a broad tag) only the claims nearest in time are
/// candidates: the work per claim stays bounded however large the archive grows.
const WINDOW: usize = 64;

/// The part of a list (sorted by id, i.e. by date) within `WINDOW` places of `id`.
fn nearest(list: &[ClaimId], id: ClaimId) -> &[ClaimId] {
    if list.len() <= 2 * WINDOW {
        return list;
    }
    let at = list.partition_point(|&c| c < id);
    &list[at.saturating_sub(WINDOW)..(at + WINDOW).min(list.len())]
}

pub fn related_claims(site: &Site) -> IdVec<ClaimId, Vec<ClaimId>> {
    let n = site.claims.len();
    let related: Vec<Vec<ClaimId>> = (0..n)
        .into_par_iter()
        .map_init(
            || {
                let best = Vec::<ClaimId>::with_capacity(RELATED_COUNT + 1);
                let scores = IdVec::<ClaimId, u32>::filled(0, n);
                (scores, Vec::<ClaimId>::new(), best)
            },
            |(scores, touched, best), index| {
                let id = ClaimId::new(index);
                let claim = &site.claims[id];
                let mut add = |others: &[ClaimId], weight: u32| {
                    for &other in nearest(others, id) {
                        if other != id {
                            if scores[other] == 0 {
                                touched.push(other);
                            }
                            scores[other] += weight;
                        }
                    }
                };
                for a in claim.actors() {
                    add(&site.actors[a].claims_made, ACTOR_WEIGHT);
                    add(&site.actors[a].claims_about, ACTOR_WEIGHT);
                }
                for &t in &claim.tags {
                    add(&site.tags[t].claims, TAG_WEIGHT);
                }
                // Best score first; among equals the nearest in time (claims are sorted by date).
                let order = |a: &ClaimId, b: &ClaimId| {
                    scores[*b]
                        .cmp(&scores[*a])
                        .then(distance(*a, id).cmp(&distance(*b, id)))
                        .then(a.cmp(b))
                };
                // One pass keeping the best few in order: most candidates lose to the last
                // kept one after a single comparison. Both buffers are the worker's, reused.
                for &candidate in touched.iter() {
                    let beats_last = best
                        .last()
                        .is_none_or(|last| order(&candidate, last).is_lt());
                    if best.len() < RELATED_COUNT || beats_last {
                        let at = best.partition_point(|kept| order(kept, &candidate).is_lt());
                        best.insert(at, candidate);
                        best.truncate(RELATED_COUNT);
                    }
                }
                for &t in touched.iter() {
                    scores[t] = 0;
                }
                touched.clear();
                // An exact-size copy is kept: 10,000 claims' lists stay in memory all build.
                let kept = best.clone();
                best.clear();
                kept
            },
        )
        .collect();
    related.into()
}

/// How far apart two claims are in the site's order (by date).
fn distance(a: ClaimId, b: ClaimId) -> usize {
    a.index().abs_diff(b.index())
}
