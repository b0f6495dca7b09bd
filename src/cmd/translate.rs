//! `digest new "Title" --translation-of <slug> [--language en]`: starts a translation of a
//! claim beside its original (`x.md` -> `x.en.md`; a bundle's is not read yet), from the
//! original's front matter: the verdict, dates, actors and sources stay; the title is the one
//! given; the texts to translate are marked; the entry is a draft until translated.

use super::new::{NewArgs, NewError, NewReport};
use crate::config::{Config, Language};
use crate::source;
use crate::source::split::normalize;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Errors of a translation's start, besides `new`'s.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    #[error(
        "the site has no other language than its default: add [[languages]] code = \"en\" to site.toml"
    )]
    NoOtherLanguage,
    #[error("--language {0:?} is not one of the site's other languages ({1})")]
    UnknownLanguage(String, String),
    #[error("the site has several other languages ({0}): say which with --language")]
    WhichLanguage(String),
    #[error(
        "no claim in the default language has the slug {0:?} (digest new --translation-of takes the original's slug)"
    )]
    NoOriginal(String),
    #[error(
        "{} already exists: the claim has this translation already; edit that file",
        .0.display()
    )]
    Exists(PathBuf),
}

/// Writes the translation; `original` is the slug of the claim to translate.
pub fn new_translation(args: &NewArgs, original: &str) -> Result<NewReport, NewError> {
    let root = &args.root;
    let config = source::read_config(root).map_err(|mut diags| {
        diags.finish(|file| source::file_text(root, file));
        NewError::Config(diags)
    })?;
    let language = which_language(&config, args.language.as_deref())?;
    let file = original_file(root, &config, original)
        .ok_or_else(|| TranslateError::NoOriginal(original.to_string()))?;
    let text = std::fs::read_to_string(root.join(&file)).map_err(|source| NewError::Io {
        path: root.join(&file),
        source,
    })?;
    // A bundle's translation is its `index.en.md`, beside the original's `index.md`.
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    let relative = file.with_file_name(format!("{stem}.{}.md", language.code()));
    let path = if root == Path::new(".") {
        relative
    } else {
        root.join(relative)
    };
    let translated = translation_text(&normalize(&text), args.title.trim(), language);
    let io = |source| NewError::Io {
        path: path.clone(),
        source,
    };
    let mut out = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(TranslateError::Exists(path).into());
        }
        Err(e) => return Err(io(e)),
    };
    out.write_all(translated.as_bytes()).map_err(io)?;
    Ok(NewReport { path })
}

fn which_language(config: &Config, given: Option<&str>) -> Result<Language, TranslateError> {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.code()).collect();
    match (given, codes.as_slice()) {
        (_, []) => Err(TranslateError::NoOtherLanguage),
        (None, [_]) => Ok(config.languages[0].code),
        (None, _) => Err(TranslateError::WhichLanguage(codes.join(", "))),
        (Some(code), _) => config
            .languages
            .iter()
            .find(|l| l.code.code() == code)
            .map(|l| l.code)
            .ok_or_else(|| TranslateError::UnknownLanguage(code.to_string(), codes.join(", "))),
    }
}

/// The default language's claim file whose slug is `slug` (explicit, or its file name's).
fn original_file(root: &Path, config: &Config, slug: &str) -> Option<PathBuf> {
    let (sources, _) = source::load(root);
    let others: Vec<&str> = config.languages.iter().map(|l| l.code.code()).collect();
    sources.claims.into_iter().find_map(|claim| {
        let stem = claim.file.file_stem()?.to_string_lossy().into_owned();
        if let Some((_, code)) = stem.rsplit_once('.')
            && others.contains(&code)
        {
            return None;
        }
        let own = match claim.raw.slug {
            Some(explicit) => explicit,
            None if stem == "index" => {
                crate::slug::segment_slug(&claim.file.parent()?.file_name()?.to_string_lossy())
            }
            None => crate::slug::segment_slug(&stem),
        };
        (own == slug).then_some(claim.file)
    })
}

/// The original's front matter with the new title, a draft, and the texts to translate marked;
/// the body replaced by a note.
fn translation_text(original: &str, title: &str, language: Language) -> String {
    let rest = original.strip_prefix("---\n").unwrap_or(original);
    let front = rest.split_once("\n---").map_or(rest, |(front, _)| front);
    let mut lines: Vec<String> = Vec::new();
    let mut skipping = false;
    for line in front.lines() {
        let top_level = !line.starts_with([' ', '\t', '-', '#']) && !line.is_empty();
        if top_level {
            skipping = false;
        }
        if skipping {
            continue;
        }
        if line.starts_with("title:") {
            lines.push(format!(
                "title: {}",
                serde_json::to_string(title).expect("a string")
            ));
            skipping = true;
        } else if line.starts_with("draft:") {
            skipping = true;
        } else {
            lines.push(line.to_string());
        }
    }
    let (note, body) = match language {
        Language::En => (
            "# A translation: translate claim, quote, summary and the analysis; keep status, dates and actors as in the original.",
            "Translate the original's analysis here.\n",
        ),
        Language::Fr => (
            "# Une traduction : traduisez claim, quote, summary et l’analyse ; gardez status, dates et acteurs de l’original.",
            "Traduisez ici l’analyse de l’original.\n",
        ),
    };
    format!(
        "---\n{note}\n{}\ndraft: true\n---\n{body}",
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_is_kept_with_the_new_title_and_a_draft() {
        let original = "---\ntitle: >\n  Le ciel\n  est-il vert ?\nclaim: \"Le ciel est vert.\"\n\
                        status: false\ndraft: false\nsource:\n  publisher: P\n---\nCorps.\n";
        let text = translation_text(original, "Is the sky green?", Language::En);
        assert!(
            text.contains("\ntitle: \"Is the sky green?\"\nclaim:"),
            "{text}"
        );
        assert!(
            text.contains("status: false\nsource:\n  publisher: P\ndraft: true\n---\n"),
            "{text}"
        );
        assert!(
            !text.contains("Corps") && !text.contains("Le ciel\n"),
            "{text}"
        );
        assert!(!text.contains("draft: false"), "{text}");
    }
}
