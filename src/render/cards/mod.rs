//! Share cards: a 1200x630 PNG per claim (the verdict, the claim, who said it and when) and per
//! actor (their scorecard), for `og:image`. A card is first described (`Card`: every text and
//! colour it shows, read from the site, cheap), then drawn (`Card::png`, the costly part). The
//! description's `key` names the PNG in the cache, so the driver draws only cards it has not
//! drawn before; drawing reads no file.

mod canvas;
mod layout;
mod type_set;

use crate::cache::Key;
use crate::color::Rgb;
use crate::config::Language;
use crate::model::{ActorId, Claim, ClaimId, IdVec, RatingId, Site};
use crate::render::i18n::{self, format_claim_date};
use crate::render::images::ShareImage;
use crate::urls::site_path;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The version of the drawing code: raise it when a card's look changes, so that cached cards
/// are drawn again.
const LAYOUT_VERSION: u64 = 1;

/// What a card shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Card {
    Claim(ClaimCard),
    Actor(ActorCard),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClaimCard {
    pub site: String,
    /// "Fact-check" / "Vérification".
    pub kicker: String,
    pub verdict: String,
    pub color: Rgb,
    /// The claim in quotes (or the title when the claim is empty), typeset for the language.
    pub text: String,
    /// "Claimant · June 27, 2024".
    pub byline: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorCard {
    pub site: String,
    pub kicker: String,
    pub name: String,
    /// "12 claims checked" (made by the actor), else "3 claims" (about it).
    pub subtitle: String,
    /// (label, colour, count) of each rating the actor's claims got, in scale order.
    pub scores: Vec<(String, Rgb, usize)>,
    /// Shown instead of the bar when no claim was checked.
    pub empty: String,
}

impl Card {
    /// The card of a claim.
    pub fn claim(site: &Site, id: ClaimId) -> Card {
        let claim = &site.claims[id];
        let language = site.config.language;
        let t = i18n::strings(language);
        let rating = &site.ratings[claim.rating];
        let said = match claim.claim.trim() {
            "" => claim.title.clone(),
            text => match language {
                Language::Fr => format!("« {text} »"),
                Language::En => format!("“{text}”"),
            },
        };
        let mut names: Vec<&str> = claim
            .claimants
            .iter()
            .take(3)
            .map(|&a| site.actors[a].name.as_str())
            .collect();
        let more = claim.claimants.len().saturating_sub(3);
        let more = format!("+{more}");
        if claim.claimants.len() > 3 {
            names.push(&more);
        }
        let date = format_claim_date(claim.date, language);
        let byline = match names.is_empty() {
            true => date,
            false => format!("{} · {date}", names.join(", ")),
        };
        Card::Claim(ClaimCard {
            site: site.config.title.clone(),
            kicker: t["card_kicker"].to_string(),
            verdict: rating.label.clone(),
            color: rating.color,
            text: typeset(language, said),
            byline: typeset(language, byline),
        })
    }

    /// The card of an actor: the verdicts on the claims it made.
    pub fn actor(site: &Site, id: ActorId) -> Card {
        let actor = &site.actors[id];
        let language = site.config.language;
        let t = i18n::strings(language);
        let mut counts = IdVec::<RatingId, usize>::filled(0, site.ratings.len());
        for &c in &actor.claims_made {
            counts[site.claims[c].rating] += 1;
        }
        let scores = site
            .ratings
            .iter()
            .zip(&counts)
            .filter(|&(_, &n)| n > 0)
            .map(|(r, &n)| (r.label.clone(), r.color, n))
            .collect();
        let (one, many) = i18n::claims_noun(language);
        let (checked, checked_many) = (t["card_checked_one"], t["card_checked_many"]);
        let subtitle = match actor.claims_made.len() {
            0 => i18n::count(actor.claim_count(), one, many, language),
            n => i18n::count(n, checked, checked_many, language),
        };
        Card::Actor(ActorCard {
            site: site.config.title.clone(),
            kicker: t["scorecard"].to_string(),
            name: actor.name.clone(),
            subtitle: typeset(language, subtitle),
            scores,
            empty: t["card_none_made"].to_string(),
        })
    }

    /// The name of the card's PNG in the cache: a hash of everything drawn and of how.
    pub fn key(&self) -> Key {
        let mut parts: Vec<Vec<u8>> = vec![
            b"card".to_vec(),
            LAYOUT_VERSION.to_le_bytes().to_vec(),
            type_set::FONTS.as_bytes().to_vec(),
            WIDTH.to_le_bytes().to_vec(),
            HEIGHT.to_le_bytes().to_vec(),
        ];
        let text = |s: &str| s.as_bytes().to_vec();
        let colour = |c: Rgb| vec![c.0, c.1, c.2];
        match self {
            Card::Claim(c) => {
                parts.extend([text("claim"), text(&c.site), text(&c.kicker)]);
                parts.extend([
                    text(&c.verdict),
                    colour(c.color),
                    text(&c.text),
                    text(&c.byline),
                ]);
            }
            Card::Actor(a) => {
                parts.extend([text("actor"), text(&a.site), text(&a.kicker), text(&a.name)]);
                parts.extend([text(&a.subtitle), text(&a.empty)]);
                for (label, color, n) in &a.scores {
                    parts.extend([
                        text(label),
                        colour(*color),
                        (*n as u64).to_le_bytes().to_vec(),
                    ]);
                }
            }
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        Key::of(&refs)
    }

    /// The card drawn, as a PNG.
    pub fn png(&self) -> Vec<u8> {
        match self {
            Card::Claim(c) => layout::claim(c).png(),
            Card::Actor(a) => layout::actor(a).png(),
        }
    }
}

/// A claim's share card as its page's share image (`images::claim_share_image` decides).
pub fn claim_card_image(site: &Site, claim: &Claim) -> ShareImage {
    let t = i18n::strings(site.config.language);
    let rating = &site.ratings[claim.rating];
    let said = match claim.claim.trim() {
        "" => claim.title.as_str(),
        text => text,
    };
    ShareImage {
        url: site
            .config
            .urls
            .absolute(&site_path::claim_card(&claim.slug)),
        width: WIDTH,
        height: HEIGHT,
        alt: format!("{}{} {} — {said}", t["rating"], t["colon"], rating.label),
    }
}

/// The share image of an actor's page: its scorecard.
pub fn actor_share_image(site: &Site, id: ActorId) -> ShareImage {
    let actor = &site.actors[id];
    let t = i18n::strings(site.config.language);
    ShareImage {
        url: site
            .config
            .urls
            .absolute(&site_path::actor_card(&actor.slug)),
        width: WIDTH,
        height: HEIGHT,
        alt: format!("{} — {}", t["scorecard"], actor.name),
    }
}

fn typeset(language: Language, text: String) -> String {
    match language {
        Language::Fr => crate::render::typography::french_text(&text).into_owned(),
        Language::En => text,
    }
}
