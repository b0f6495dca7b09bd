//! `digest init`: a new site folder that builds at once: a commented `site.toml`, an example
//! entry, an actor profile, a methodology page, `.gitignore` and a GitHub Pages workflow.
//! It never overwrites a file: with `--force` it only adds the files that are missing.

use crate::config::{CONFIG_FILE, Language};
use crate::slug::slugify;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
DIR may be missing (it is created) or empty; a folder holding only .git counts as empty.
Files that already exist are never overwritten, even with --force: they are skipped.

Examples:
  digest init my-digest                 a new English site in my-digest/
  digest init --language fr             a French site in the current folder
  digest init --language fr --also en   a site in French and English
  digest init . --force                 add the missing files to a non-empty folder (a fresh clone)")]
pub struct InitArgs {
    /// The folder of the new site (created when missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Also use a folder that is not empty (existing files are kept as they are)
    #[arg(long)]
    pub force: bool,
    /// The language of the site's interface and of its example content [default: en, or the
    /// language of an existing site.toml]
    #[arg(long, value_parser = language_parser())]
    pub language: Option<Language>,
    /// A second language: the example content translated into it, beside the originals
    #[arg(long, value_parser = language_parser())]
    pub also: Option<Language>,
}

/// What `init` did, for the command line to print.
#[derive(Debug, Clone)]
pub struct InitReport {
    /// The site folder, as given.
    pub root: PathBuf,
    /// Files written, relative to the site folder.
    pub created: Vec<PathBuf>,
    /// Files left as they were because they already existed.
    pub skipped: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(
        "{} is not empty; run `digest init --force` to add the missing files to it (existing files are never overwritten), or choose a new folder",
        folder_name(.0)
    )]
    NotEmpty(PathBuf),
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes the new site into `args.dir`.
pub fn init(args: &InitArgs) -> Result<InitReport, InitError> {
    let root = &args.dir;
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Io {
            action,
            path,
            source,
        }
    };
    match std::fs::metadata(root) {
        Ok(meta) if !meta.is_dir() => return Err(InitError::NotAFolder(root.clone())),
        Ok(_) => {
            if !args.force && !is_empty_folder(root).map_err(io("read", root))? {
                return Err(InitError::NotEmpty(root.clone()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(root).map_err(io("create", root))?;
        }
        Err(e) => return Err(io("read", root)(e)),
    }
    let mut report = InitReport {
        root: root.clone(),
        created: Vec::new(),
        skipped: Vec::new(),
    };
    // With --force in an existing site, the missing files follow the site's language.
    let language = args.language.unwrap_or_else(|| {
        crate::source::read_config(root).map_or(Language::En, |config| config.language)
    });
    let today = chrono::Local::now().date_naive();
    let mut files = scaffold(language, today);
    if let Some(other) = args.also.filter(|&other| other != language) {
        super::init_bilingual::add_language(&mut files, scaffold(other, today), other);
    }
    for (path, text) in files {
        let full = root.join(&path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(io("create", parent))?;
        }
        if write_new(&full, &text).map_err(io("write", &full))? {
            report.created.push(path);
        } else {
            report.skipped.push(path);
        }
    }
    Ok(report)
}

impl fmt::Display for InitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let here = self.root == Path::new(".");
        let place = folder_name(&self.root);
        if self.created.is_empty() {
            writeln!(
                f,
                "Nothing created in {place}: every file was already there."
            )?;
        } else {
            writeln!(f, "Created a digest in {place}:")?;
        }
        for path in &self.created {
            writeln!(f, "  created  {}", path.display())?;
        }
        for path in &self.skipped {
            writeln!(
                f,
                "  skipped  {} (already there, left as it was)",
                path.display()
            )?;
        }
        writeln!(f, "\nNext steps:")?;
        if !here {
            writeln!(f, "  cd {}", shell_quote(&self.root.display().to_string()))?;
        }
        writeln!(
            f,
            "  digest new \"Did X really say Y?\"   write an entry (prints the file to edit)"
        )?;
        writeln!(
            f,
            "  digest serve                       preview the site as you edit"
        )?;
        writeln!(
            f,
            "  digest build                       build the site into public/"
        )?;
        write!(
            f,
            "To publish on GitHub Pages: set base_url in {CONFIG_FILE} and DIGEST_REPO in \
             .github/workflows/pages.yml,\npush to GitHub, and choose Settings > Pages > Source: \
             GitHub Actions."
        )
    }
}

/// The files of a new site: (path relative to the site folder, text).
pub fn scaffold(language: Language, today: chrono::NaiveDate) -> Vec<(PathBuf, String)> {
    let (site, claim, actor, team) = match language {
        Language::En => (
            include_str!("../scaffold/en/site.toml"),
            include_str!("../scaffold/en/claim.md"),
            include_str!("../scaffold/en/actor.md"),
            include_str!("../scaffold/en/team.md"),
        ),
        Language::Fr => (
            include_str!("../scaffold/fr/site.toml"),
            include_str!("../scaffold/fr/claim.md"),
            include_str!("../scaffold/fr/actor.md"),
            include_str!("../scaffold/fr/team.md"),
        ),
    };
    // The transparency pages a fact-checking desk publishes (IFCN's principles): how it works,
    // who owns and funds it, how to reach it and ask for a correction, and its corrections
    // policy (shown atop /corrections/).
    let pages: [(&str, &str); 4] = match language {
        Language::En => [
            (
                "methodology.md",
                include_str!("../scaffold/en/methodology.md"),
            ),
            ("funding.md", include_str!("../scaffold/en/funding.md")),
            ("contact.md", include_str!("../scaffold/en/contact.md")),
            (
                "corrections.md",
                include_str!("../scaffold/en/corrections.md"),
            ),
        ],
        Language::Fr => [
            (
                "methodologie.md",
                include_str!("../scaffold/fr/methodology.md"),
            ),
            (
                "financement.md",
                include_str!("../scaffold/fr/financement.md"),
            ),
            ("contact.md", include_str!("../scaffold/fr/contact.md")),
            (
                "corrections.md",
                include_str!("../scaffold/fr/corrections.md"),
            ),
        ],
    };
    let date = today.format("%Y-%m-%d").to_string();
    let year = today.format("%Y").to_string();
    let actor_slug = actor_name(actor).map_or_else(|| "example".to_string(), slugify);
    let team_slug = actor_name(team).map_or_else(|| "team".to_string(), slugify);
    let mut files = vec![
        (PathBuf::from(CONFIG_FILE), site.to_string()),
        (
            ["content", "claims", &year, "example-claim.md"]
                .iter()
                .collect(),
            claim.replace("@DATE@", &date),
        ),
        (
            ["content", "actors", &format!("{actor_slug}.md")]
                .iter()
                .collect(),
            actor.to_string(),
        ),
        (
            ["content", "team", &format!("{team_slug}.md")]
                .iter()
                .collect(),
            team.to_string(),
        ),
        (
            PathBuf::from(".gitignore"),
            include_str!("../scaffold/gitignore").to_string(),
        ),
        (
            [".github", "workflows", "pages.yml"].iter().collect(),
            include_str!("../scaffold/pages.yml").to_string(),
        ),
    ];
    files.extend(pages.iter().map(|(name, text)| {
        (
            ["content", "pages", name].iter().collect::<PathBuf>(),
            text.to_string(),
        )
    }));
    files
}

fn language_parser() -> impl clap::builder::TypedValueParser<Value = Language> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["en", "fr"]).map(|code| match code.as_str() {
        "fr" => Language::Fr,
        _ => Language::En,
    })
}

/// Whether `dir` holds nothing but possibly `.git` (a fresh `git init` or clone of an empty
/// repository).
fn is_empty_folder(dir: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        if entry?.file_name() != ".git" {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Writes `text` to `path` unless something (even a dangling link) is already there; returns
/// whether it wrote.
fn write_new(path: &Path, text: &str) -> std::io::Result<bool> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            file.write_all(text.as_bytes())?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// The `name:` of an actor profile's front matter.
fn actor_name(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|line| line.strip_prefix("name:"))
        .map(|value| value.trim().trim_matches('"'))
}

fn folder_name(dir: &Path) -> String {
    if dir == Path::new(".") {
        "the current folder".to_string()
    } else {
        dir.display().to_string()
    }
}

fn shell_quote(text: &str) -> String {
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b));
    if plain && !text.is_empty() {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_names_the_year_and_the_actor() {
        let today = chrono::NaiveDate::from_ymd_opt(2031, 3, 4).unwrap();
        let files = scaffold(Language::Fr, today);
        let paths: Vec<String> = files
            .iter()
            .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert!(paths.contains(&"content/claims/2031/example-claim.md".to_string()));
        assert!(paths.contains(&"content/actors/jeanne-exemple.md".to_string()));
        let claim = &files[1].1;
        assert!(claim.contains("date: 2031-03-04") && !claim.contains('@'));
    }

    #[test]
    fn the_scaffold_config_parses() {
        for language in [Language::En, Language::Fr] {
            let files = scaffold(language, chrono::Local::now().date_naive());
            let config = crate::config::Config::parse(&files[0].1, Path::new(CONFIG_FILE))
                .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
            assert_eq!(config.language, language);
        }
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("my-digest"), "my-digest");
        assert_eq!(shell_quote("my digest"), "'my digest'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
