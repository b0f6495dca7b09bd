//! Related claims: those sharing actors (weighted more) and tags, best matches first.

use crate::model::{ClaimId, Site};
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

pub fn related_claims(site: &Site) -> Vec<Vec<ClaimId>> {
    let n = site.claims.len();
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<ClaimId>::new()),
            |(scores, touched), id| {
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
                        .then(a.abs_diff(id).cmp(&b.abs_diff(id)))
                        .then(a.cmp(b))
                };
                if touched.len() > RELATED_COUNT {
                    touched.select_nth_unstable_by(RELATED_COUNT, order);
                }
                // A fresh, exact-size vector: the candidates' buffer is reused, never kept.
                let mut best: Vec<ClaimId> = touched.iter().take(RELATED_COUNT).copied().collect();
                best.sort_unstable_by(order);
                for &t in touched.iter() {
                    scores[t] = 0;
                }
                touched.clear();
                best
            },
        )
        .collect()
}
