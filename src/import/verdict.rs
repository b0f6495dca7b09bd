//! A published verdict mapped onto the site's scale: by the site's own table (`[import]
//! verdicts`), its rating keys and labels, a built-in table of common labels in several
//! languages, then by the numeric rating on its scale. Text is compared case-, accent- and
//! punctuation-insensitively, so "FAUX!", "faux" and "Faux\r" are one verdict, and so are
//! "really_false" and "really false".

use super::review::Verdict;
use super::verdict_words::{BUILT_IN, FALSE, MIXED, MOSTLY_FALSE, MOSTLY_TRUE, TRUE, UNVERIFIED};
use crate::config::{Config, RatingDef};
use std::collections::HashMap;

/// How a verdict was mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapped {
    /// A rating key of the scale.
    Key(String),
    /// Nothing matched: the entry becomes a draft rated `fallback`.
    Unknown { fallback: String },
}

/// The site's scale and tables, built once per import.
pub struct VerdictMap<'a> {
    words: HashMap<String, String>,
    scored: Vec<&'a RatingDef>,
    fallback: String,
}

impl<'a> VerdictMap<'a> {
    pub fn new(config: &'a Config) -> VerdictMap<'a> {
        let ratings = &config.ratings;
        let mut words = HashMap::new();
        // Lowest priority first: later inserts win.
        for (concept, labels) in BUILT_IN {
            if let Some(key) = concept_key(concept, ratings) {
                for label in *labels {
                    words.insert(normalise(label), key.clone());
                }
            }
        }
        for rating in ratings {
            words.insert(normalise(&rating.label), rating.key.clone());
            words.insert(normalise(&rating.key), rating.key.clone());
        }
        for (verdict, key) in &config.import.verdicts {
            words.insert(normalise(verdict), key.clone());
        }
        let mut scored: Vec<&RatingDef> = ratings.iter().filter(|r| r.score.is_some()).collect();
        scored.sort_by_key(|r| r.score);
        let fallback = ratings
            .iter()
            .find(|r| r.key == UNVERIFIED)
            .or_else(|| ratings.iter().find(|r| r.score.is_none()))
            .or(ratings.last())
            .map_or_else(|| UNVERIFIED.to_string(), |r| r.key.clone());
        VerdictMap {
            words,
            scored,
            fallback,
        }
    }

    /// The rating key for a verdict.
    pub fn map(&self, verdict: &Verdict) -> Mapped {
        let by_text = verdict.text.as_deref().and_then(|text| self.by_text(text));
        match by_text.or_else(|| self.by_value(verdict)) {
            Some(key) => Mapped::Key(key),
            None => Mapped::Unknown {
                fallback: self.fallback.clone(),
            },
        }
    }

    /// The whole text, else its longest known opening words ("False. The photo is from 2019").
    fn by_text(&self, text: &str) -> Option<String> {
        let text = normalise(text);
        if let Some(key) = self.words.get(&text) {
            return Some(key.clone());
        }
        let words: Vec<&str> = text.split(' ').take(6).collect();
        (1..words.len())
            .rev()
            .find_map(|n| self.words.get(&words[..n].join(" ")))
            .cloned()
    }

    /// The value's place between worst and best, onto the site's scored ratings.
    fn by_value(&self, verdict: &Verdict) -> Option<String> {
        let (value, best, worst) = (verdict.value?, verdict.best?, verdict.worst?);
        let inside = value >= best.min(worst) && value <= best.max(worst);
        if best == worst || !inside {
            return None;
        }
        let place = (value - worst) / (best - worst);
        let (low, high) = (
            self.scored.first()?.score? as f64,
            self.scored.last()?.score? as f64,
        );
        let target = low + place * (high - low);
        self.scored
            .iter()
            .min_by(|a, b| {
                let distance = |r: &&RatingDef| (r.score.unwrap_or(0) as f64 - target).abs();
                distance(a).total_cmp(&distance(b))
            })
            .map(|r| r.key.clone())
    }
}

/// The key a built-in concept maps to on this scale: the same key, else a rating whose label
/// is one of the concept's words; else, for a scored concept, its place on the scored scale.
fn concept_key(concept: &str, ratings: &[RatingDef]) -> Option<String> {
    if let Some(r) = ratings.iter().find(|r| r.key == concept) {
        return Some(r.key.clone());
    }
    let labels = BUILT_IN.iter().find(|(c, _)| *c == concept)?.1;
    if let Some(r) = ratings
        .iter()
        .find(|r| labels.contains(&normalise(&r.label).as_str()))
    {
        return Some(r.key.clone());
    }
    let place = match concept {
        TRUE => 1.0,
        MOSTLY_TRUE => 0.75,
        MIXED => 0.5,
        MOSTLY_FALSE => 0.25,
        FALSE => 0.0,
        _ => return None,
    };
    let mut scored: Vec<&RatingDef> = ratings.iter().filter(|r| r.score.is_some()).collect();
    scored.sort_by_key(|r| r.score);
    let (low, high) = (scored.first()?.score? as f64, scored.last()?.score? as f64);
    let target = low + place * (high - low);
    scored
        .iter()
        .min_by(|a, b| {
            let distance = |r: &&&RatingDef| (r.score.unwrap_or(0) as f64 - target).abs();
            distance(a).total_cmp(&distance(b))
        })
        .map(|r| r.key.clone())
}

/// Case, accents, punctuation and `_`/`-` dropped: "Não_é bem-assim!" -> "nao e bem assim".
pub fn normalise(text: &str) -> String {
    let folded = crate::slug::fold(text);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = String::with_capacity(spaced.len());
    for word in spaced.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // German sharp s, which case folding keeps.
    out.replace('ß', "ss")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(extra: &str) -> Config {
        let text = format!("title = \"T\"\nbase_url = \"https://x.org/\"\n{extra}");
        Config::parse(&text, Path::new("site.toml")).unwrap()
    }

    fn text(t: &str) -> Verdict {
        Verdict {
            text: Some(t.into()),
            ..Verdict::default()
        }
    }

    #[test]
    fn words_in_many_languages_and_shapes() {
        let config = config("");
        let map = VerdictMap::new(&config);
        let key = |t: &str| map.map(&text(t));
        for (verdict, expected) in [
            ("Falso", "false"),
            ("FAUX !", "false"),
            ("Faux\r", "false"),
            ("Engañoso", "misleading"),
            ("really_false", "unverified"),
            ("não_é_bem_assim", "mixed"),
            ("證據不足", "unverified"),
            ("Irreführend", "misleading"),
            ("Größtenteils falsch", "mostly-false"),
            ("False. The photo was taken in 2019.", "false"),
            ("Plutôt vrai", "mostly-true"),
        ] {
            let got = match key(verdict) {
                Mapped::Key(k) => k,
                Mapped::Unknown { fallback } => fallback,
            };
            assert_eq!(got, expected, "{verdict}");
        }
        assert!(matches!(key("really_false"), Mapped::Unknown { .. }));
    }

    #[test]
    fn the_sites_table_wins_and_numbers_map_onto_the_scale() {
        let config =
            config("[import]\nverdicts = { \"Really false\" = \"false\", \"Faux\" = \"mixed\" }\n");
        let map = VerdictMap::new(&config);
        assert_eq!(map.map(&text("really_false")), Mapped::Key("false".into()));
        assert_eq!(map.map(&text("faux")), Mapped::Key("mixed".into()));
        let numeric = |value, best, worst| Verdict {
            text: Some("Pinocchio rating".into()),
            value: Some(value),
            best: Some(best),
            worst: Some(worst),
        };
        assert_eq!(
            map.map(&numeric(1.0, 5.0, 1.0)),
            Mapped::Key("false".into())
        );
        assert_eq!(map.map(&numeric(6.0, 6.0, 1.0)), Mapped::Key("true".into()));
        assert_eq!(map.map(&numeric(2.0, 2.0, 1.0)), Mapped::Key("true".into()));
        assert_eq!(
            map.map(&numeric(0.0, -1.0, 1.0)),
            Mapped::Key("mixed".into())
        );
        assert!(matches!(
            map.map(&numeric(-1.0, 5.0, 1.0)),
            Mapped::Unknown { .. }
        ));
    }
}
