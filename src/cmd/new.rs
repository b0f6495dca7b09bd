//! `digest new "Title"`: writes the skeleton of a claim entry, `content/claims/<year>/<slug>.md`,
//! with valid front matter (it passes `digest check` as written), and never overwrites a file.

use crate::config::{Config, Language};
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::dates::{self, ClaimDate};
use crate::slug::{fit_segment, segment_slug};
use crate::source;
use crate::text::{escape_controls, is_forbidden_in_content};
use crate::urls::is_valid_slug;
use chrono::NaiveDate;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
The entry is dated today unless --date says otherwise, rated \"unverified\" (or the first rating
of the scale) unless --status says otherwise, and filed under content/claims/<year>/. It is a
skeleton and a draft (`draft: true`): fill in the claim, the source and the analysis, then set
`draft: false` to publish it. The path is printed on standard output.

Examples:
  digest new \"Did the minister double the budget?\"
  digest new \"Moon made of cheese?\" --claimant \"Jane Example\" --status false --date 2024-06-27
  digest new \"Said some time in June?\" --date 2024-06
  digest new \"Title\" --root my-digest --slug budget-claim
  digest new \"Did the minister double the budget?\" --translation-of budget-claim --language en
  $EDITOR \"$(digest new \"Did the minister double the budget?\")\"")]
pub struct NewArgs {
    /// The entry's title, usually the question the fact-check answers
    pub title: String,
    /// The site folder (holding site.toml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Who made the claim: an actor's name, slug or alias
    #[arg(long)]
    pub claimant: Option<String>,
    /// The rating: a key of the site's scale (default: unverified)
    #[arg(long)]
    pub status: Option<String>,
    /// When the claim was made, YYYY-MM-DD, YYYY-MM or YYYY (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<ClaimDate>,
    /// The entry's URL segment (default: made from the title)
    #[arg(long)]
    pub slug: Option<String>,
    /// Start a translation of the claim with this slug, beside it (x.md -> x.en.md), from its
    /// front matter; the title is the translation's
    #[arg(long, value_name = "SLUG", conflicts_with_all = ["claimant", "status", "date", "slug"])]
    pub translation_of: Option<String>,
    /// The translation's language, one of the site's [[languages]] (default: the only one)
    #[arg(long, requires = "translation_of")]
    pub language: Option<String>,
}

/// The entry written, for the command line to print.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// The new file: the site folder joined with its path in the site.
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("cannot read the site's configuration:\n{}", .0.render_human(false).trim_end())]
    Config(Diagnostics),
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{0} holds a control character ({1}); check would refuse the entry")]
    ControlCharacter(&'static str, String),
    #[error("cannot make a slug from the title {0:?}; pass one with --slug, e.g. --slug my-claim")]
    NoSlug(String),
    #[error(
        "--slug {0:?} cannot be used as a URL segment (ASCII letters, digits, '-', '_'; at most 100 bytes; not a name Windows reserves such as con or nul){hint}",
        hint = suggest_slug(.0)
    )]
    UnsafeSlug(String),
    #[error("unknown status {status:?}{}\n  expected: one of {}", .suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default(), .expected.join(", "))]
    UnknownStatus {
        status: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    #[error("{} already exists; digest new never overwrites a file (choose another --slug)", .0.display())]
    Exists(PathBuf),
    #[error("the slug {slug:?} is already used by {}; choose another with --slug", .file.display())]
    DuplicateSlug { slug: String, file: PathBuf },
    #[error(transparent)]
    Translation(#[from] super::translate::TranslateError),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes the new entry into the site at `args.root`.
pub fn new(args: &NewArgs) -> Result<NewReport, NewError> {
    let root = &args.root;
    let title = args.title.trim();
    if title.is_empty() {
        return Err(NewError::EmptyTitle);
    }
    for (what, text) in [
        ("the title", Some(title)),
        ("--claimant", args.claimant.as_deref()),
    ] {
        if let Some(c) = text.and_then(|t| t.chars().find(|&c| is_forbidden_in_content(c))) {
            let shown = escape_controls(&c.to_string()).into_owned();
            return Err(NewError::ControlCharacter(what, shown));
        }
    }
    if let Some(original) = &args.translation_of {
        return super::translate::new_translation(args, original);
    }
    let config = source::read_config(root).map_err(|mut diags| {
        diags.finish(|file| source::file_text(root, file));
        NewError::Config(diags)
    })?;
    let status = choose_status(&config, args.status.as_deref())?;
    let slug = match &args.slug {
        Some(slug) if is_valid_slug(slug) && fit_segment(slug.clone()) == *slug => slug.clone(),
        Some(slug) => return Err(NewError::UnsafeSlug(slug.clone())),
        None => match segment_slug(title) {
            slug if slug.is_empty() => return Err(NewError::NoSlug(title.to_string())),
            slug => slug,
        },
    };
    let today = chrono::Local::now().date_naive();
    let date = args.date.unwrap_or(ClaimDate::day(today));
    let relative: PathBuf = [
        "content",
        "claims",
        &date.year().to_string(),
        &format!("{slug}.md"),
    ]
    .iter()
    .collect();
    let path = if root == Path::new(".") {
        relative.clone()
    } else {
        root.join(&relative)
    };
    if path.symlink_metadata().is_ok() {
        return Err(NewError::Exists(path));
    }
    if let Some(file) = claim_with_slug(root, &slug) {
        return Err(NewError::DuplicateSlug { slug, file });
    }
    let text = entry_text(&Entry {
        language: config.language,
        title,
        claimant: args.claimant.as_deref().map(str::trim),
        date,
        published: today.max(date.first_day()),
        status,
        statuses: &config
            .ratings
            .iter()
            .map(|r| r.key.as_str())
            .collect::<Vec<_>>(),
        slug: (segment_slug(&slug) != slug).then_some(slug.as_str()),
    });
    let io = |source| NewError::Io {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Exists(path));
        }
        Err(e) => return Err(io(e)),
    };
    file.write_all(text.as_bytes()).map_err(io)?;
    Ok(NewReport { path })
}

impl NewReport {
    /// How to publish the draft once it is written.
    pub fn publishing_hint(&self) -> String {
        format!(
            "{} is a draft (`draft: true`): fill in its text, then set `draft: false` to publish it \
             (`digest build --drafts` shows it meanwhile)",
            self.path.display()
        )
    }
}

impl fmt::Display for NewReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())
    }
}

/// The status given (checked against the scale), else "unverified" when the scale has it,
/// else the scale's first key.
fn choose_status(config: &Config, given: Option<&str>) -> Result<String, NewError> {
    let keys: Vec<&str> = config.ratings.iter().map(|r| r.key.as_str()).collect();
    match given {
        Some(status) if keys.contains(&status) => Ok(status.to_string()),
        Some(status) => Err(NewError::UnknownStatus {
            status: status.to_string(),
            suggestion: did_you_mean(status, keys.iter().copied()).map(str::to_string),
            expected: keys.iter().map(|k| k.to_string()).collect(),
        }),
        None if keys.contains(&"unverified") => Ok("unverified".to_string()),
        None => Ok(keys.first().copied().unwrap_or("unverified").to_string()),
    }
}

/// An existing claim entry whose slug (explicit, or from its file name) is `slug`.
fn claim_with_slug(root: &Path, slug: &str) -> Option<PathBuf> {
    let (sources, _) = source::load(root);
    sources.claims.into_iter().find_map(|claim| {
        let own = match claim.raw.slug {
            Some(explicit) => explicit,
            None => segment_slug(&claim.file.file_stem()?.to_string_lossy()),
        };
        (own == slug).then_some(claim.file)
    })
}

struct Entry<'a> {
    language: Language,
    title: &'a str,
    claimant: Option<&'a str>,
    date: ClaimDate,
    published: NaiveDate,
    status: String,
    statuses: &'a [&'a str],
    /// An explicit `slug:` when the file name alone would not give it.
    slug: Option<&'a str>,
}

fn entry_text(entry: &Entry) -> String {
    let (template, claimant_hint) = match entry.language {
        Language::En => (
            include_str!("../scaffold/en/new-claim.md"),
            "# claimant: \"Who made the claim: an actor's name, slug or alias\"",
        ),
        Language::Fr => (
            include_str!("../scaffold/fr/new-claim.md"),
            "# claimant: \"L’auteur de l’affirmation : nom, slug ou alias d’un acteur\"",
        ),
    };
    let claimant = match entry.claimant {
        Some(name) if !name.is_empty() => format!("claimant: {}", quote(name)),
        _ => claimant_hint.to_string(),
    };
    let mut text = template
        .replace("@TITLE@", &quote(entry.title))
        .replace("@CLAIM@", &quote(entry.title))
        .replace("@CLAIMANT@", &claimant)
        .replace("@DATE@", &entry.date.iso())
        .replace(
            "@PUBLISHED@",
            &entry.published.format("%Y-%m-%d").to_string(),
        )
        .replace("@STATUSES@", &entry.statuses.join(", "))
        .replace("@STATUS@", &quote(&entry.status));
    if let Some(slug) = entry.slug {
        let at = text
            .rfind("\n---\n")
            .expect("the template has front matter");
        text.insert_str(at, &format!("\nslug: {}", quote(slug)));
    }
    text
}

/// A YAML double-quoted scalar (JSON's string syntax is a subset of it).
fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// `--date`: the dates `check` accepts in `date:`, and the same hints.
fn parse_date(text: &str) -> Result<ClaimDate, String> {
    ClaimDate::parse(text)
        .map_err(|hint| format!("{hint} (expected {})", dates::EXPECTED_CLAIM_DATE))
}

fn suggest_slug(slug: &str) -> String {
    match segment_slug(slug) {
        s if s.is_empty() => String::new(),
        s => format!("; try --slug {s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            quote("Il a dit « oui » : \"non\""),
            r#""Il a dit « oui » : \"non\"""#
        );
        let parsed: String = serde_yaml::from_str(&quote("a: b # c\n'd'\\")).unwrap();
        assert_eq!(parsed, "a: b # c\n'd'\\");
    }

    #[test]
    fn an_explicit_slug_goes_in_the_front_matter() {
        let date = NaiveDate::from_ymd_opt(2024, 6, 27).unwrap();
        let text = entry_text(&Entry {
            language: Language::En,
            title: "T",
            claimant: Some("Jane"),
            date: ClaimDate::parse("2024-06").unwrap(),
            published: date,
            status: "false".into(),
            statuses: &["true", "false"],
            slug: Some("My_Slug"),
        });
        assert!(text.contains("\nslug: \"My_Slug\"\n---\n"), "{text}");
        assert!(text.contains("claimant: \"Jane\""), "{text}");
        assert!(text.contains("status: \"false\""), "{text}");
        assert!(!text.contains('@'), "{text}");
        assert!(
            text.contains("\ndate: 2024-06 "),
            "a month stays a month: {text}"
        );
    }
}
