//! Charts drawn at build time as inline SVG, each with a text alternative (a data table): claims
//! per month stacked by rating, and an actor's scorecard. Colours come from the `.r-<key>`
//! classes of the generated ratings stylesheet, so the SVG carries no inline styles.

use super::i18n::{format_month, short_month};
use super::values::lang;
use crate::model::{ClaimId, IdVec, RatingId, Site};
use serde::Serialize;
use std::fmt::Write as _;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 132.0;
/// A chart is at least this many months wide: one month of data is one bar at the left, with
/// its label under it, not a bar alone in the middle.
const MIN_SLOTS: usize = 12;

/// Claims of one month, counted per rating (in scale order).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthRow {
    pub label: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    /// The SVG, safe to insert as is.
    pub svg: String,
    /// Months with at least one claim, newest first, for the data table.
    pub rows: Vec<MonthRow>,
    /// The ratings that appear in the chart, in scale order: (key, label, the label's `lang`
    /// when not the page's).
    pub legend: Vec<(String, String, Option<&'static str>)>,
    /// The axis labels, one per slot of the chart (empty where none), shown in HTML under the
    /// SVG so that they keep their size when the chart is scaled down to a phone's width.
    pub labels: Vec<String>,
    /// Whether the labels are years (each starts at its January) rather than months (each
    /// centred under its bar).
    pub labels_are_years: bool,
    /// Under month labels, the year where one starts (each January, and the first slot unless
    /// its January comes right after), else empty; none under year labels.
    pub years: Vec<String>,
    /// The tallest bar's count: the top of the scale.
    pub max: usize,
    /// The claims left out because their date has no month, said under the chart when any are
    /// ("2 affirmations datées de l'année seulement...").
    pub left_out: Option<String>,
}

/// A chart of the claims per month, from the first month to the last (empty months included).
pub fn monthly(site: &Site, claims: &[ClaimId], id: &str, title: &str) -> Option<Chart> {
    // A claim dated by its year only has no month to count in: it is left out, and the chart
    // says so, rather than counted in January.
    let index = |y: i32, m: u32| (y * 12 + m as i32 - 1) as usize;
    let dated: Vec<(usize, RatingId)> = claims
        .iter()
        .filter_map(|&c| {
            let claim = &site.claims[c];
            let month = claim.date.month()?;
            Some((index(claim.date.year(), month), claim.rating))
        })
        .collect();
    let start = dated.iter().map(|d| d.0).min()?;
    let months = dated.iter().map(|d| d.0).max()? - start + 1;
    let n_ratings = site.ratings.len();
    let mut counts = vec![IdVec::<RatingId, usize>::filled(0, n_ratings); months];
    for &(month, rating) in &dated {
        counts[month - start][rating] += 1;
    }
    let max = counts
        .iter()
        .map(|m| m.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let language = site.config.language;
    let slots = months.max(MIN_SLOTS);
    let slot = WIDTH / slots as f64;
    let bar = (slot * 0.8).clamp(1.0, 28.0);
    let plot = HEIGHT - 1.0;
    let mut svg = String::with_capacity(256 + months * n_ratings * 60);
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}\"><title id=\"{id}\">{}</title>",
        super::text::escape_markup(title)
    );
    let _ = write!(
        svg,
        "<line class=\"chart__axis\" x1=\"0\" y1=\"{plot}\" x2=\"{WIDTH}\" y2=\"{plot}\"/>"
    );
    let labels_are_years = months > 14;
    let mut labels = vec![String::new(); slots];
    let mut years = vec![String::new(); if labels_are_years { 0 } else { slots }];
    for (i, month) in counts.iter().enumerate() {
        let x = i as f64 * slot + (slot - bar) / 2.0;
        let mut y = plot;
        for (rating, &n) in month.iter_enumerated().filter(|(_, n)| **n > 0) {
            let h = plot * n as f64 / max as f64;
            y -= h;
            let _ = write!(
                svg,
                "<rect class=\"chart__seg r-{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"/>",
                site.ratings[rating].key
            );
        }
        let absolute = start + i;
        let (year, month_number) = ((absolute / 12) as i32, (absolute % 12) as u32 + 1);
        if !labels_are_years && (month_number == 1 || (i == 0 && month_number <= 10)) {
            years[i] = year.to_string();
        }
        labels[i] = if !labels_are_years {
            short_month(month_number, language)
        } else if month_number == 1 || (i == 0 && month_number <= 10) {
            // The first, partial year is named unless its January label comes right after.
            year.to_string()
        } else {
            String::new()
        };
    }
    svg.push_str("</svg>");
    let rows = counts
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| m.iter().any(|&n| n > 0))
        .map(|(i, m)| {
            let absolute = start + i;
            MonthRow {
                label: format_month((absolute / 12) as i32, (absolute % 12) as u32 + 1, language),
                counts: m.as_slice().to_vec(),
                total: m.iter().sum(),
            }
        })
        .collect();
    let legend = site
        .ratings
        .ids()
        .filter(|&r| counts.iter().any(|m| m[r] > 0))
        .map(|r| {
            let rating = &site.ratings[r];
            (
                rating.key.clone(),
                rating.label.clone(),
                lang(rating.label_lang),
            )
        })
        .collect();
    Some(Chart {
        svg,
        rows,
        legend,
        labels,
        labels_are_years,
        years,
        max,
        left_out: left_out_note(claims.len() - dated.len(), language),
    })
}

/// "1 affirmation datée de l'année seulement n'est pas comptée dans ce graphique.", or nothing.
fn left_out_note(n: usize, language: crate::config::Language) -> Option<String> {
    use crate::config::Language::{En, Fr};
    Some(match (language, n) {
        (_, 0) => return None,
        (Fr, 1) => {
            "1\u{a0}affirmation datée de l’année seulement n’est pas comptée dans ce graphique."
                .into()
        }
        (Fr, n) => format!(
            "{n}\u{a0}affirmations datées de l’année seulement ne sont pas comptées dans ce graphique."
        ),
        (En, 1) => "1\u{a0}claim dated by its year only is not counted in this chart.".into(),
        (En, n) => {
            format!("{n}\u{a0}claims dated by their year only are not counted in this chart.")
        }
    })
}

#[derive(Debug, Serialize)]
pub struct ScoreRow {
    pub key: String,
    pub label: String,
    pub url: String,
    pub count: usize,
    pub percent: usize,
    /// The language of `label` when not the page's.
    pub lang: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Scorecard {
    pub total: usize,
    pub rows: Vec<ScoreRow>,
    pub svg: String,
}

/// The distribution of the on-scale ratings of the claims an actor made; None below the site's
/// threshold of such claims. Off-scale verdicts (unverified, misleading...) rate nothing: they
/// are left out here and listed apart (`off_scale`).
pub fn scorecard(site: &Site, claims: &[ClaimId], id: &str, title: &str) -> Option<Scorecard> {
    let mut counts = IdVec::<RatingId, usize>::filled(0, site.ratings.len());
    for &c in claims {
        let rating = site.claims[c].rating;
        if site.ratings[rating].score.is_some() {
            counts[rating] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    if total < site.config.scorecard.min_claims.max(1) {
        return None;
    }
    let summary: Vec<String> = counts
        .iter_enumerated()
        .filter(|(_, n)| **n > 0)
        .map(|(rating, n)| format!("{} {n}", site.ratings[rating].label))
        .collect();
    let colon = super::i18n::strings(site.config.language)["colon"];
    let title = format!("{title}{colon} {}", summary.join(", "));
    let mut svg = format!(
        "<svg class=\"scorecard\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"{id}\"><title id=\"{id}\">{}</title>",
        super::text::escape_markup(&title)
    );
    let mut x = 0.0;
    for (rating, &n) in counts.iter_enumerated().filter(|(_, n)| **n > 0) {
        let w = 100.0 * n as f64 / total as f64;
        let _ = write!(
            svg,
            "<rect class=\"chart__seg r-{}\" x=\"{x:.2}\" y=\"0\" width=\"{w:.2}\" height=\"8\"/>",
            site.ratings[rating].key
        );
        x += w;
    }
    svg.push_str("</svg>");
    let rows = counts
        .iter_enumerated()
        .filter(|(_, n)| **n > 0)
        .map(|(rating, &n)| {
            let r = &site.ratings[rating];
            ScoreRow {
                key: r.key.clone(),
                label: r.label.clone(),
                url: site
                    .config
                    .urls
                    .path(&crate::urls::site_path::rating(&r.key)),
                count: n,
                percent: (n * 100 + total / 2) / total,
                lang: lang(r.label_lang),
            }
        })
        .collect();
    Some(Scorecard { total, rows, svg })
}

/// The off-scale verdicts among `claims`, counted per rating in scale order (no percentage:
/// they are not part of the scorecard).
pub fn off_scale(site: &Site, claims: &[ClaimId]) -> Vec<ScoreRow> {
    let mut counts = IdVec::<RatingId, usize>::filled(0, site.ratings.len());
    for &c in claims {
        counts[site.claims[c].rating] += 1;
    }
    site.ratings
        .iter()
        .zip(counts)
        .filter(|(r, n)| r.score.is_none() && *n > 0)
        .map(|(r, count)| ScoreRow {
            key: r.key.clone(),
            label: r.label.clone(),
            url: site
                .config
                .urls
                .path(&crate::urls::site_path::rating(&r.key)),
            count,
            percent: 0,
            lang: lang(r.label_lang),
        })
        .collect()
}
