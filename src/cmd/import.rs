//! `digest import FILE|DIR|-...`: turns published ClaimReview data into entries of the site.
//! Orchestration only: read the inputs, ask `import` for the reviews and the plan, write the
//! new files (never over an existing one), report.

use crate::diag::{Diagnostic, Diagnostics};
use crate::import::{self, Existing, Format, NewFile, Plan, Sourced, VerdictMap};
use crate::slug::slugify;
use crate::source;
use std::fmt;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Reads JSON-LD (objects, arrays, @graph), HTML pages holding ld+json scripts, schema.org
DataFeeds and Fact Check Tools API responses (claims[].claimReview[]); a folder is read for
its .json, .jsonld, .html and .htm files; - reads standard input. Each review becomes a claim
entry under content/claims/<year>/, and each new claimant an actor profile. Verdicts map onto
the site's scale ([import] verdicts in site.toml, then common labels in several languages,
then the numeric rating); a review whose verdict matches nothing is imported as a draft rated
unverified. No file is ever overwritten, and importing the same data twice creates nothing.
Exit status: 0 done, 1 some input could not be read (the rest is imported), 2 failure.

Examples:
  digest import archive.json
  digest import --dry-run saved-pages/
  digest import --format factcheck-api --publisher example.org api-response.json
  curl -s https://checks.example.org/feed.json | digest import -")]
pub struct ImportArgs {
    /// Files or folders to read (- for standard input)
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The site folder (holding site.toml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How the input is laid out (auto finds ClaimReview objects anywhere)
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// Keep only the reviews of this publisher (a name or a domain)
    #[arg(long)]
    pub publisher: Option<String>,
    /// Print what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Auto,
    Jsonld,
    FactcheckApi,
    Datafeed,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Auto => Format::Auto,
            FormatArg::Jsonld => Format::JsonLd,
            FormatArg::FactcheckApi => Format::FactCheckApi,
            FormatArg::Datafeed => Format::DataFeed,
        }
    }
}

/// What an import did (or, with --dry-run, would do).
#[derive(Debug)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Files written (or to be written), relative to the site root.
    pub written: Vec<PathBuf>,
    pub plan: Plan,
    /// Reviews left out by --publisher.
    pub filtered: usize,
    /// Problems of the inputs and of the reviews (unmapped verdicts are warnings).
    pub diagnostics: Diagnostics,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the site's configuration:\n{}", .0.render_human(false).trim_end())]
    Config(Diagnostics),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Imports `args.inputs` into the site at `args.root`.
pub fn import(args: &ImportArgs) -> Result<ImportReport, ImportError> {
    let root = &args.root;
    let config = source::read_config(root).map_err(|mut diags| {
        diags.finish(|file| source::file_text(root, file));
        ImportError::Config(diags)
    })?;
    let mut diagnostics = Diagnostics::default();
    let mut reviews = Vec::new();
    for (name, text) in read_inputs(&args.inputs, &mut diagnostics) {
        let (found, problems) = import::read_reviews(&name, &text, args.format.into());
        problems.into_iter().for_each(|d| diagnostics.push(d));
        for review in found {
            for note in &review.notes {
                diagnostics.push(Diagnostic::warning(
                    "import-url-dropped",
                    &name,
                    format!("review at {}: {note}", review.pointer),
                ));
            }
            reviews.push(Sourced {
                input: name.clone(),
                review,
            });
        }
    }
    let before = reviews.len();
    if let Some(publisher) = &args.publisher {
        reviews.retain(|r| import::published_by(&r.review, publisher));
    }
    let filtered = before - reviews.len();
    let mut existing = existing_site(root);
    let verdicts = VerdictMap::new(&config);
    let plan = import::plan(reviews, &verdicts, &mut existing);
    report_unmapped(&plan, &mut diagnostics);
    let mut written = Vec::new();
    for file in plan.actors.iter().chain(&plan.entries) {
        if args.dry_run || write_new(root, file, &mut diagnostics)? {
            written.push(file.path.clone());
        }
    }
    Ok(ImportReport {
        dry_run: args.dry_run,
        written,
        plan,
        filtered,
        diagnostics,
    })
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.dry_run { "would write" } else { "wrote" };
        for path in &self.written {
            writeln!(f, "{verb} {}", path.display())?;
        }
        for skip in &self.plan.skipped {
            writeln!(
                f,
                "skipped {} at {}: {}",
                skip.input.display(),
                skip.review_pointer(),
                skip.reason
            )?;
        }
        let claims = self
            .written
            .iter()
            .filter(|p| p.starts_with("content/claims"))
            .count();
        write!(
            f,
            "{}: {claims} entries, {} actor profiles; {} skipped as duplicates or undated, {} drafts to map, {} filtered out by --publisher, {} warning(s), {} error(s)",
            if self.dry_run { "Dry run" } else { "Imported" },
            self.written.len() - claims,
            self.plan.skipped.len(),
            self.plan.unmapped.len(),
            self.filtered,
            self.diagnostics.warning_count(),
            self.diagnostics.error_count(),
        )
    }
}

impl import::plan::Skipped {
    fn review_pointer(&self) -> &str {
        if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        }
    }
}

/// Each input's name and text: files as given, folders' data files in a stable order, `-` as
/// standard input. What cannot be read becomes a diagnostic.
fn read_inputs(inputs: &[PathBuf], diagnostics: &mut Diagnostics) -> Vec<(PathBuf, String)> {
    let mut texts = Vec::new();
    for input in inputs {
        if input == Path::new("-") {
            let text = read_limited(std::io::stdin().lock(), input, diagnostics);
            texts.extend(text.map(|t| (PathBuf::from("<stdin>"), t)));
        } else if input.is_dir() {
            for file in data_files(input, diagnostics) {
                let text = open(&file, diagnostics);
                texts.extend(text.map(|t| (file, t)));
            }
        } else {
            let text = open(input, diagnostics);
            texts.extend(text.map(|t| (input.clone(), t)));
        }
    }
    texts
}

fn data_files(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for item in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match item {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or_default();
                if ["json", "jsonld", "html", "htm"].contains(&ext.to_ascii_lowercase().as_str()) {
                    files.push(path);
                }
            }
            Ok(_) => {}
            Err(e) => diagnostics.push(Diagnostic::error(
                "import-read",
                e.path().unwrap_or(dir),
                format!("cannot read: {e}"),
            )),
        }
    }
    files
}

fn open(path: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    match std::fs::File::open(path) {
        Ok(file) => read_limited(file, path, diagnostics),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                "import-read",
                path,
                format!("cannot read: {e}"),
            ));
            None
        }
    }
}

/// Reads at most `MAX_INPUT_BYTES`: a larger input is refused, not half read.
fn read_limited(
    reader: impl std::io::Read,
    name: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let mut bytes = Vec::new();
    let limit = import::MAX_INPUT_BYTES;
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        diagnostics.push(Diagnostic::error(
            "import-read",
            name,
            format!("cannot read: {e}"),
        ));
        return None;
    }
    if bytes.len() as u64 > limit {
        diagnostics.push(
            Diagnostic::error(
                "import-too-large",
                name,
                format!("input is over the limit of {limit} bytes"),
            )
            .hint("split the archive into several files (one per year, or one API page each)"),
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(_) => {
            diagnostics.push(
                Diagnostic::error("import-not-utf8", name, "input is not valid UTF-8")
                    .hint("re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"),
            );
            None
        }
    }
}

/// The claims and actors already in the site, for duplicates and slugs.
fn existing_site(root: &Path) -> Existing {
    let (sources, _) = source::load(root);
    let mut existing = Existing::default();
    for claim in &sources.claims {
        // The file name is taken too: an entry named by its `slug:` still holds its file.
        let stem = slugify(&claim.file.file_stem().unwrap_or_default().to_string_lossy());
        let slug = claim.raw.slug.clone().unwrap_or_else(|| stem.clone());
        existing.claim_slugs.insert(stem);
        existing.add_claim(
            slug,
            claim.raw.original_url.as_deref(),
            claim.raw.claim.as_deref(),
        );
    }
    for actor in &sources.actors {
        let slug = slugify(&actor.file.file_stem().unwrap_or_default().to_string_lossy());
        let names = actor.raw.name.iter().chain(&actor.raw.aliases);
        existing.add_actor(slug, names.map(String::as_str));
        if let Some(slug) = &actor.raw.slug {
            existing.actor_slugs.insert(slug.clone());
        }
    }
    existing
}

fn report_unmapped(plan: &Plan, diagnostics: &mut Diagnostics) {
    for unmapped in &plan.unmapped {
        let verdict = unmapped.verdict.as_deref().unwrap_or("(none given)");
        diagnostics.push(
            Diagnostic::warning(
                "import-verdict-unmapped",
                &unmapped.input,
                format!(
                    "review at {}: verdict {verdict:?} matches no rating; imported as a draft, {}",
                    unmapped.pointer,
                    unmapped.entry.display()
                ),
            )
            .hint(format!(
                "map it in site.toml: [import] verdicts = {{ {} = \"<rating key>\" }}, then set the entry's status and remove `draft: true`",
                import::write::quote(verdict)
            )),
        );
    }
}

/// Writes a planned file unless one is already there (reported, never overwritten). Whether it
/// was written.
fn write_new(
    root: &Path,
    file: &NewFile,
    diagnostics: &mut Diagnostics,
) -> Result<bool, ImportError> {
    let path = root.join(&file.path);
    let io = |source| ImportError::Io {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match created {
        Ok(mut out) => {
            out.write_all(file.text.as_bytes()).map_err(io)?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            diagnostics.push(
                Diagnostic::warning(
                    "import-exists",
                    &file.path,
                    "a file is already there; it was left as it is",
                )
                .hint("rename or remove it and import again to get the imported version"),
            );
            Ok(false)
        }
        Err(e) => Err(io(e)),
    }
}
