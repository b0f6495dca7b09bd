//! `digest init --also en`: a site in two languages. The default language's scaffold, its
//! entries each with a translation beside it (`x.md` and `x.en.md`) taken from the other
//! language's scaffold, and `site.toml` with `[[languages]]` and the scale's labels in both.

use crate::config::{Language, default_ratings};
use std::path::{Path, PathBuf};

/// Adds to `files` (the default language's scaffold) the translations found in `other_files`
/// (the same scaffold in `other`, file for file), and the second language to `site.toml`.
pub fn add_language(
    files: &mut Vec<(PathBuf, String)>,
    other_files: Vec<(PathBuf, String)>,
    other: Language,
) {
    let code = other.code();
    let mut translations = Vec::new();
    for ((path, text), (other_path, other_text)) in files.iter_mut().zip(other_files) {
        if path == Path::new(crate::config::CONFIG_FILE) {
            *text = with_language(text, &other_text, other);
        } else if path.starts_with("content") && other_path.starts_with("content") {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            // A translation shares its original's slug.
            let slug = text.lines().find(|l| l.starts_with("slug:"));
            let other_text: String = other_text
                .split_inclusive('\n')
                .map(|line| match (line.starts_with("slug:"), slug) {
                    (true, Some(slug)) => format!("{slug}\n"),
                    (true, None) => String::new(),
                    (false, _) => line.to_string(),
                })
                .collect();
            translations.push((path.with_file_name(format!("{stem}.{code}.md")), other_text));
        }
    }
    files.extend(translations);
}

/// `site.toml` with `[[languages]]` and each rating's label and description in `other`, taken
/// from the other language's `site.toml` (`other_text`), else from the built-in scale.
fn with_language(text: &str, other_text: &str, other: Language) -> String {
    let theirs: Vec<(String, String, Option<String>)> = toml::from_str::<toml::Value>(other_text)
        .ok()
        .and_then(|v| v.get("ratings")?.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|r| {
            let field = |k: &str| r.get(k).and_then(|v| v.as_str()).map(str::to_string);
            Some((field("key")?, field("label")?, field("description")))
        })
        .collect();
    let builtin = default_ratings(other);
    let code = other.code();
    let mut out = String::with_capacity(text.len() + 1024);
    let mut key: Option<String> = None;
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
        if let Some(value) = line.strip_prefix("key = ") {
            key = Some(value.trim_matches('"').to_string());
        }
        let Some(key) = &key else { continue };
        let found = theirs.iter().find(|(k, _, _)| k == key);
        if line.starts_with("label = ") {
            let label = found.map(|(_, label, _)| label.clone()).or_else(|| {
                builtin
                    .iter()
                    .find(|r| &r.key == key)
                    .map(|r| r.label.clone())
            });
            if let Some(label) = label {
                out.push_str(&format!("labels = {{ {code} = {label:?} }}\n"));
            }
        }
        if line.starts_with("description = ")
            && let Some((_, _, Some(description))) = found
        {
            out.push_str(&format!("descriptions = {{ {code} = {description:?} }}\n"));
        }
    }
    out.push_str(&format!(
        "\n# A second language: its pages live under /{0}/; an entry's translation sits beside it\n\
         # (x.md and x.{0}.md). `digest new \"Title\" --translation-of <slug>` starts one.\n\
         [[languages]]\ncode = \"{0}\"\n",
        other.code()
    ));
    out
}
