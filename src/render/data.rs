//! Open data: `claims.json` (every published claim with resolved actors) and `claims.csv`
//! (one row per claim, RFC 4180 quoting).

use crate::model::{ActorId, Claim, Credit, Site};
use crate::urls::site_path;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct ActorRecord<'a> {
    slug: &'a str,
    name: &'a str,
    kind: Option<&'a str>,
}

/// A person credited on a fact-check; `slug` names their team profile, when there is one.
#[derive(Serialize)]
struct CreditRecord<'a> {
    name: &'a str,
    slug: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceRecord<'a> {
    publisher: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    date: Option<String>,
    archive: Option<&'a str>,
}

#[derive(Serialize)]
struct CorrectionRecord<'a> {
    date: String,
    note: &'a str,
    previous_rating: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimRecord<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    claim: &'a str,
    /// The claimant's exact words, when known.
    quote: Option<&'a str>,
    claimants: Vec<ActorRecord<'a>>,
    about: Vec<ActorRecord<'a>>,
    /// As written: "2024-06-27", "2024-06" or "2024".
    date: String,
    /// "day", "month" or "year".
    date_precision: &'static str,
    /// The date is an estimate.
    date_approximate: bool,
    published: String,
    modified: String,
    rating: &'a str,
    rating_label: &'a str,
    rating_score: Option<u32>,
    summary: Option<&'a str>,
    source: SourceRecord<'a>,
    sources: Vec<SourceRecord<'a>>,
    tags: Vec<&'a str>,
    corrections: Vec<CorrectionRecord<'a>>,
    authors: Vec<CreditRecord<'a>>,
    editors: Vec<CreditRecord<'a>>,
    /// The record's language, on a site in several languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
}

fn record<'a>(site: &'a Site, claim: &'a Claim) -> ClaimRecord<'a> {
    let actor = |&id: &ActorId| {
        let a = &site.actors[id];
        ActorRecord {
            slug: &a.slug,
            name: &a.name,
            kind: a.kind.as_deref(),
        }
    };
    let source = |s: &'a crate::model::Source| SourceRecord {
        publisher: s.publisher.as_deref(),
        title: s.title.as_deref(),
        url: s.url.as_deref(),
        date: s.date.map(|d| d.to_string()),
        archive: s.archive.as_deref(),
    };
    let credits = |list: &'a [Credit]| -> Vec<CreditRecord<'a>> {
        list.iter()
            .map(|c| {
                let (name, slug) = c.shown(site);
                CreditRecord { name, slug }
            })
            .collect()
    };
    let rating = &site.ratings[claim.rating];
    ClaimRecord {
        slug: &claim.slug,
        url: site.config.urls.absolute(&site_path::claim(&claim.slug)),
        title: &claim.title,
        claim: &claim.claim,
        quote: claim.quote.as_deref(),
        claimants: claim.claimants.iter().map(actor).collect(),
        about: claim
            .about
            .iter()
            .filter(|a| !claim.claimants.contains(a))
            .map(actor)
            .collect(),
        date: claim.date.iso(),
        date_precision: claim.date.precision().as_str(),
        date_approximate: claim.date.approximate(),
        published: claim.published.to_string(),
        modified: claim.modified().to_string(),
        rating: &rating.key,
        rating_label: &rating.label,
        rating_score: rating.score,
        summary: claim.summary.as_deref(),
        source: source(&claim.source),
        sources: claim.sources.iter().map(source).collect(),
        tags: claim
            .tags
            .iter()
            .map(|&t| site.tags[t].name.as_str())
            .collect(),
        corrections: claim
            .corrections
            .iter()
            .map(|c| CorrectionRecord {
                date: c.date.to_string(),
                note: &c.note,
                previous_rating: c.previous_rating.map(|r| site.ratings[r].key.as_str()),
            })
            .collect(),
        authors: credits(&claim.authors),
        editors: credits(&claim.editors),
        language: site
            .config
            .is_multilingual()
            .then(|| site.config.language.code()),
    }
}

#[derive(Serialize)]
struct ClaimsDocument<'a> {
    site: &'a str,
    url: String,
    publisher: &'a str,
    count: usize,
    claims: Vec<ClaimRecord<'a>>,
}

/// Written by the build straight into its file (`pages::files::stream`): at 50,000 claims the
/// three open data files are 100, 70 and 30 MB, which held in memory while the other pages
/// render made a third of the build's peak memory.
pub fn write_claims_json(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let claims: Vec<ClaimRecord> = site.claims.iter().map(|c| record(site, c)).collect();
    let doc = ClaimsDocument {
        site: &site.config.title,
        url: site.config.urls.base_url(),
        publisher: &site.config.publisher.name,
        count: claims.len(),
        claims,
    };
    // Serialized straight from the records: going through a `serde_json::Value` tree first
    // cost a tenth of a 10,000-claim build.
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    out.flush()
}

/// `claims.jsonl`: one claim record a line (JSON Lines), the same records as `claims.json`, so
/// that streaming tools (`jq -c`, DuckDB, pandas with `lines=True`) read it one claim at a time.
pub fn write_claims_jsonl(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    for claim in &site.claims {
        serde_json::to_writer(&mut *out, &record(site, claim)).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

pub const CSV_HEADER: &[&str] = &[
    "slug",
    "url",
    "title",
    "claim",
    "quote",
    "claimants",
    "about",
    "date",
    "date_precision",
    "date_approximate",
    "published",
    "modified",
    "rating",
    "rating_label",
    "rating_score",
    "summary",
    "source_publisher",
    "source_title",
    "source_url",
    "source_archive",
    "tags",
    "authors",
    "editors",
];

pub fn write_claims_csv(site: &Site, writer: &mut dyn Write) -> io::Result<()> {
    let mut out = String::new();
    // A site in several languages has a last column, `language`.
    let language = site
        .config
        .is_multilingual()
        .then(|| site.config.language.code().to_string());
    let header = CSV_HEADER
        .iter()
        .copied()
        .chain(language.is_some().then_some("language"));
    push_row(&mut out, header.map(str::to_string));
    for claim in &site.claims {
        let r = record(site, claim);
        let names =
            |list: &[ActorRecord]| list.iter().map(|a| a.name).collect::<Vec<_>>().join("; ");
        let people =
            |list: &[CreditRecord]| list.iter().map(|a| a.name).collect::<Vec<_>>().join("; ");
        push_row(
            &mut out,
            [
                r.slug.to_string(),
                r.url.clone(),
                r.title.to_string(),
                r.claim.to_string(),
                r.quote.unwrap_or_default().to_string(),
                names(&r.claimants),
                names(&r.about),
                r.date.clone(),
                r.date_precision.to_string(),
                r.date_approximate.to_string(),
                r.published.clone(),
                r.modified.clone(),
                r.rating.to_string(),
                r.rating_label.to_string(),
                r.rating_score.map(|s| s.to_string()).unwrap_or_default(),
                r.summary.unwrap_or_default().to_string(),
                r.source.publisher.unwrap_or_default().to_string(),
                r.source.title.unwrap_or_default().to_string(),
                r.source.url.unwrap_or_default().to_string(),
                r.source.archive.unwrap_or_default().to_string(),
                r.tags.join("; "),
                people(&r.authors),
                people(&r.editors),
            ]
            .into_iter()
            .chain(language.clone()),
        );
        // A row at a time: the file is never held whole.
        writer.write_all(out.as_bytes())?;
        out.clear();
    }
    writer.write_all(out.as_bytes())?;
    writer.flush()
}

/// One CSV record, CRLF-terminated; fields with a comma, quote or line break are quoted, and
/// fields a spreadsheet would run as a formula are neutralised (`defuse_formula`).
fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = defuse_formula(field);
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width
/// forms), even after spaces, is a live formula in Excel, LibreOffice and Google Sheets
/// (CWE-1236, OWASP's "CSV injection"): a leading `'` makes it text. Nothing is trimmed, so no
/// trimming can re-arm it.
fn defuse_formula(field: String) -> String {
    let first = field.trim_start_matches(' ').chars().next();
    match first {
        Some(
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}',
        ) => {
            format!("'{field}")
        }
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_defused() {
        for live in [
            "=1+1",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =HYPERLINK(x)",
            "＝1",
        ] {
            assert_eq!(super::defuse_formula(live.into()), format!("'{live}"));
        }
        for plain in ["Plain", "2024-06-20", "https://x.org", "", "a=b"] {
            assert_eq!(super::defuse_formula(plain.into()), plain);
        }
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let mut out = String::new();
        super::push_row(
            &mut out,
            [
                "plain".to_string(),
                "a, b".into(),
                "say \"hi\"".into(),
                "two\nlines".into(),
            ]
            .into_iter(),
        );
        assert_eq!(out, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }
}
