//! A site in several languages (`[[languages]]` in `site.toml`): the entries split by the
//! language code before `.md` (`x.en.md`), one validated site per language, the
//! checks between a translation and its original, and the table of the pages each language has.

use crate::config::{CONFIG_FILE, Config, Language};
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::model::{BuildOptions, Site, build_site};
use crate::slug::fold;
use crate::source::bundle::is_translated_index;
use crate::source::entry::RawClaim;
use crate::source::walk::language_suffix;
use crate::source::{Parsed, Sources};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The entries of one language other than the default, and where each translated claim says
/// its verdict (for the check against its original).
pub struct LanguageSources {
    pub language: Language,
    pub sources: Sources,
    /// Where a translation writes `status`, `title`, `claim` and `summary` (by file and key).
    at: HashMap<(PathBuf, &'static str), Option<Position>>,
    /// The translations with no original, by kind (`claims`, `pages`) and slug-to-be.
    stems: Vec<(PathBuf, PathBuf)>,
}

/// The original's file of a translation (`a/x.en.md` -> `a/x.md`).
fn original_file(file: &Path, base: &str) -> PathBuf {
    file.with_file_name(format!("{base}.md"))
}

/// Splits the entries by language: the default language's, then each other language's. A
/// translation's slug defaults to its original's file name; an actor or team profile not
/// translated is the default language's.
/// A one-language site's entries are all the default language's.
pub fn split(
    mut sources: Sources,
    config: &Config,
    problems: &mut Diagnostics,
) -> (Sources, Vec<LanguageSources>) {
    drop_unknown_bundle_translations(&mut sources, config, problems);
    if !config.is_multilingual() {
        return (sources, Vec::new());
    }
    let others: Vec<Language> = config.languages.iter().map(|l| l.code).collect();
    let mut default = Sources::default();
    let mut by_language: Vec<LanguageSources> = others
        .iter()
        .map(|&language| LanguageSources {
            language,
            sources: Sources::default(),
            at: HashMap::new(),
            stems: Vec::new(),
        })
        .collect();
    // Which language an entry is in, its slug given from its original's name.
    let mut place = |file: &Path, slug: &mut Option<String>| -> Option<usize> {
        let (base, code) = language_suffix(file)?;
        match others.iter().position(|l| l.code() == code) {
            Some(i) => {
                if slug.is_none() {
                    // A bundle's `index.en.md` takes its folder's name, as its `index.md` does.
                    let name = match base {
                        "index" => file.parent().and_then(Path::file_name),
                        _ => None,
                    };
                    let name = name.map_or(base.into(), |n| n.to_string_lossy());
                    *slug = Some(crate::slug::segment_slug(&name));
                }
                Some(i)
            }
            None => {
                problems.push(
                    Diagnostic::warning(
                        "language-not-configured",
                        file,
                        format!(
                            "the file name ends in .{code}.md but {code:?} is not a language of \
                             the site: it is read as an entry in the default language"
                        ),
                    )
                    .hint(format!(
                        "add [[languages]] code = \"{code}\" to {CONFIG_FILE}, or rename the file"
                    )),
                );
                None
            }
        }
    };
    for mut claim in sources.claims {
        match place(&claim.file, &mut claim.raw.slug) {
            Some(i) => {
                let target = &mut by_language[i];
                for key in ["status", "title", "claim", "summary"] {
                    let at = claim.locator.value(key);
                    target.at.insert((claim.file.clone(), key), at);
                }
                let (base, _) = language_suffix(&claim.file).expect("placed by its suffix");
                target
                    .stems
                    .push((claim.file.clone(), original_file(&claim.file, base)));
                target.sources.claims.push(claim);
            }
            None => default.claims.push(claim),
        }
    }
    for mut page in sources.pages {
        match place(&page.file, &mut page.raw.slug) {
            Some(i) => {
                let (base, _) = language_suffix(&page.file).expect("placed by its suffix");
                let original = original_file(&page.file, base);
                by_language[i].stems.push((page.file.clone(), original));
                by_language[i].sources.pages.push(page);
            }
            None => default.pages.push(page),
        }
    }
    let mut actors = Vec::new();
    for mut actor in sources.actors {
        let i = place(&actor.file, &mut actor.raw.slug);
        actors.push((i, actor));
    }
    let mut team = Vec::new();
    for mut member in sources.team {
        let i = place(&member.file, &mut member.raw.slug);
        team.push((i, member));
    }
    for (i, target) in by_language.iter_mut().enumerate() {
        // The default language's profiles of the actors this language's claims name.
        let named: HashSet<String> = target
            .sources
            .claims
            .iter()
            .flat_map(|c| c.raw.claimant.0.iter().chain(&c.raw.about.0))
            .map(|name| fold(name))
            .collect();
        target.sources.actors = with_fallback(&actors, i, |a| {
            let stem = a.file.file_stem().map(|s| s.to_string_lossy());
            let keys = [
                a.raw.name.as_deref(),
                a.raw.slug.as_deref(),
                stem.as_deref(),
            ];
            keys.into_iter()
                .flatten()
                .chain(a.raw.aliases.iter().map(String::as_str))
                .any(|key| named.contains(&fold(key)))
        });
        target.sources.team = with_fallback(&team, i, |_| true);
    }
    default.actors = actors
        .into_iter()
        .filter_map(|(i, a)| i.is_none().then_some(a))
        .collect();
    default.team = team
        .into_iter()
        .filter_map(|(i, m)| i.is_none().then_some(m))
        .collect();
    (default, by_language)
}

/// A bundle's `index.<code>.md` beside its `index.md`, in a language the site does not have: not
/// an entry (it would take its original's slug), as any other Markdown file of a bundle.
fn drop_unknown_bundle_translations(
    sources: &mut Sources,
    config: &Config,
    problems: &mut Diagnostics,
) {
    fn unknown<'c>(claim: &'c Parsed<RawClaim>, config: &Config) -> Option<&'c str> {
        let name = claim.file.file_name().and_then(|n| n.to_str());
        let code = name
            .filter(|n| claim.bundle.is_some() && is_translated_index(n))
            .and_then(|n| n.split('.').nth(1));
        code.filter(|&code| config.languages.iter().all(|l| l.code.code() != code))
    }
    if !sources.claims.iter().any(|c| unknown(c, config).is_some()) {
        return;
    }
    let files: HashSet<PathBuf> = sources.claims.iter().map(|c| c.file.clone()).collect();
    sources.claims.retain(|claim| {
        let Some(code) = unknown(claim, config) else {
            return true;
        };
        let original = claim.file.with_file_name("index.md");
        if !files.contains(&original) {
            return true;
        }
        problems.push(
            Diagnostic::warning(
                "entry-ignored",
                &claim.file,
                format!(
                    "{code:?} is not one of the site's other languages: this translation of the \
                     bundle's index.md is neither an entry nor published"
                ),
            )
            .hint(format!(
                "add [[languages]] code = \"{code}\" to {CONFIG_FILE}, or move the file out of the bundle"
            )),
        );
        false
    });
}

/// The profiles of language `i`: its translations, and the default language's profiles that
/// have none and that it `wants`.
fn with_fallback<T: Clone>(
    profiles: &[(Option<usize>, Parsed<T>)],
    i: usize,
    wants: impl Fn(&Parsed<T>) -> bool,
) -> Vec<Parsed<T>> {
    let translated: HashSet<PathBuf> = profiles
        .iter()
        .filter(|(l, _)| *l == Some(i))
        .filter_map(|(_, p)| {
            let (base, _) = language_suffix(&p.file)?;
            Some(original_file(&p.file, base))
        })
        .collect();
    profiles
        .iter()
        .filter(|(l, p)| {
            *l == Some(i) || (l.is_none() && !translated.contains(&p.file) && wants(p))
        })
        .map(|(_, p)| p.clone())
        .collect()
}

/// Validates another language's site, with its own title, labels and URLs.
fn build(
    config: &Config,
    language: LanguageSources,
    default: &Site,
    options: BuildOptions,
    root: &Path,
) -> (Site, Diagnostics) {
    let (config, missing) = config.for_language(language.language);
    let code = language.language.code();
    let mut problems = Diagnostics::default();
    if !missing.is_empty() {
        problems.push(
            Diagnostic::warning(
                "rating-label-missing",
                CONFIG_FILE,
                format!(
                    "rating(s) {} have no label in {code:?}: its pages show the default language's",
                    missing.join(", ")
                ),
            )
            .hint(format!(
                "add labels = {{ {code} = \"...\" }} (and descriptions = {{ {code} = \"...\" }}) to each [[ratings]] entry"
            )),
        );
    }
    let (at, stems) = (language.at, language.stems);
    let (site, model_problems) = build_site(config, language.sources, options);
    problems.extend(model_problems);
    let originals: HashMap<&str, &str> = default
        .claims
        .iter()
        .map(|c| (c.slug.as_str(), default.ratings[c.rating].key.as_str()))
        .collect();
    let original_files: HashSet<&Path> = default
        .claims
        .iter()
        .map(|c| c.file.as_path())
        .chain(default.pages.iter().map(|p| p.file.as_path()))
        .collect();
    for claim in &site.claims {
        let key = site.ratings[claim.rating].key.as_str();
        match originals.get(claim.slug.as_str()) {
            Some(&original) if original != key => problems.push(
                Diagnostic::error(
                    "translation-verdict",
                    &claim.file,
                    format!(
                        "this translation's status is {key:?} but its original's is \
                         {original:?}: readers of the two languages would read two verdicts"
                    ),
                )
                .at(at.get(&(claim.file.clone(), "status")).copied().flatten())
                .expected(format!("status: {original}"))
                .hint("a re-rating is made in the original, with a correction, and in each translation"),
            ),
            _ => {}
        }
    }
    problems.extend(super::untranslated::copied_texts(&site, default, &at));
    let slugs: HashMap<&Path, &str> = default
        .claims
        .iter()
        .map(|c| (c.file.as_path(), c.slug.as_str()))
        .chain(
            default
                .pages
                .iter()
                .map(|p| (p.file.as_path(), p.slug.as_str())),
        )
        .collect();
    let own_slugs: HashMap<&Path, &str> = site
        .claims
        .iter()
        .map(|c| (c.file.as_path(), c.slug.as_str()))
        .chain(
            site.pages
                .iter()
                .map(|p| (p.file.as_path(), p.slug.as_str())),
        )
        .collect();
    for (file, original) in stems {
        if let (Some(&theirs), Some(&own)) =
            (slugs.get(original.as_path()), own_slugs.get(file.as_path()))
            && theirs != own
        {
            problems.push(
                Diagnostic::warning(
                    "translation-slug",
                    &file,
                    format!(
                        "this translation's slug is {own:?} but its original's is {theirs:?}: \
                         the two pages are not linked as translations"
                    ),
                )
                .hint(format!("remove `slug:` or write slug: {theirs:?}")),
            );
        }
        // An original with errors of its own is not in the default site, but it is there.
        let exists =
            |original: &Path| original_files.contains(original) || root.join(original).is_file();
        if !exists(original.as_path()) && site_has_file(&site, &file) {
            problems.push(
                Diagnostic::warning(
                    "translation-without-original",
                    &file,
                    format!(
                        "no original {} beside this translation: it is published in {code:?} only",
                        original.display()
                    ),
                )
                .hint("write the original in the default language, or ignore this if the entry exists in this language only"),
            );
        }
    }
    (site, problems)
}

fn site_has_file(site: &Site, file: &Path) -> bool {
    site.claims.iter().any(|c| c.file == file) || site.pages.iter().any(|p| p.file == file)
}

/// Validates each other language's site.
pub fn build_all(
    config: &Config,
    others: Vec<LanguageSources>,
    default: &Site,
    options: BuildOptions,
    root: &Path,
    problems: &mut Diagnostics,
) -> Vec<Site> {
    others
        .into_iter()
        .map(|other| {
            let (site, found) = build(config, other, default, options, root);
            problems.extend(found);
            site
        })
        .collect()
}
