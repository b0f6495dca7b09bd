//! One entry's text into its raw fields: split the front matter from the body, refuse what
//! must not reach the YAML parser, parse, and warn about unknown keys.

use super::locate::KeyLocator;
use super::parsed::Parsed;
use super::refuse::{literal_control, nesting_problem, tab_problem, yaml_constructs};
use super::split::{self, SplitError};
use super::yaml_errors::serde_problem;
use crate::diag::{Diagnostic, Position, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses one entry's text (already read); used by `load` and by `serve` for a single file.
pub fn parse_text<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    known_keys: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<Parsed<T>> {
    let text = split::normalize(text);
    if let Some(d) = literal_control(file, &text) {
        problems.push(d);
        return None;
    }
    let parts = match split::split(&text) {
        Ok(parts) => parts,
        Err(e) => {
            problems.push(split_problem(file, e));
            return None;
        }
    };
    if let Some(d) = tab_problem(file, parts.front_matter, parts.front_matter_line)
        .or_else(|| nesting_problem(file, parts.front_matter, parts.front_matter_line))
        .or_else(|| yaml_constructs(file, parts.front_matter, parts.front_matter_line))
    {
        problems.push(d);
        return None;
    }
    let raw: T = match serde_yaml::from_str(parts.front_matter) {
        Ok(raw) => raw,
        Err(e) => {
            problems.push(serde_problem(file, &e, &parts));
            return None;
        }
    };
    let locator = KeyLocator::new(parts.front_matter, parts.front_matter_line);
    for (key, position) in locator.keys() {
        if !known_keys.contains(&key) {
            let hint = did_you_mean(key, known_keys.iter().copied())
                .map(|k| format!("did you mean `{k}`?"));
            problems.push(
                Diagnostic::warning(
                    "unknown-key",
                    file,
                    format!("unknown front-matter key `{key}` (ignored)"),
                )
                .at(Some(position))
                .expected(format!("one of {}", known_keys.join(", ")))
                .hint_opt(hint),
            );
        }
    }
    Some(Parsed {
        raw,
        file: file.to_path_buf(),
        locator,
        body: parts.body.to_string(),
        body_line: parts.body_line,
        bundle: None,
    })
}

fn split_problem(file: &Path, error: SplitError) -> Diagnostic {
    let start = Some(Position { line: 1, column: 1 });
    match error {
        SplitError::Missing => Diagnostic::error(
            "front-matter-missing",
            file,
            "no front matter: the file must start with a `---` line",
        )
        .at(start)
        .expected("---\\ntitle: ...\\n---\\nBody")
        .hint("add YAML front matter between two `---` lines at the top of the file"),
        SplitError::Unclosed => Diagnostic::error(
            "front-matter-unclosed",
            file,
            "front matter opened here is never closed",
        )
        .at(start)
        .expected("a closing `---` line after the front matter"),
        SplitError::Empty { at } => {
            Diagnostic::error("front-matter-empty", file, "front matter is empty")
                .at(Some(at))
                .hint("a claim needs at least title, claim, date, status and source")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::entry::{CLAIM_KEYS, RawClaim};

    fn parse_claim(text: &str) -> (Option<Parsed<RawClaim>>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let parsed = parse_text::<RawClaim>(Path::new("c.md"), text, CLAIM_KEYS, &mut problems);
        (parsed, problems)
    }

    #[test]
    fn yaml_errors_map_to_file_lines() {
        let (parsed, problems) = parse_claim("---\ntitle: x\ntags: 5\n---\n");
        assert!(parsed.is_none());
        assert_eq!(problems[0].position.unwrap().line, 3, "{:?}", problems[0]);
        assert!(
            problems[0].message.contains("invalid type"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn duplicate_keys_and_tabs_are_errors() {
        let (_, problems) = parse_claim("---\ntitle: x\ntitle: y\n---\n");
        assert_eq!(problems[0].code, "yaml-duplicate-key");
        assert_eq!(problems[0].position.unwrap().line, 3);
        let (_, problems) = parse_claim("---\nsource:\n\tpublisher: x\n---\n");
        assert_eq!(problems[0].code, "yaml-tab");
        assert_eq!(problems[0].position.unwrap().line, 3);
    }

    #[test]
    fn unknown_keys_warn_with_suggestion() {
        let (parsed, problems) = parse_claim("---\ntitle: x\nstatuss: false\n---\nBody");
        assert!(parsed.is_some());
        assert_eq!(problems[0].code, "unknown-key");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `status`?"));
    }

    #[test]
    fn boolean_status_reads_as_its_key() {
        let (parsed, _) = parse_claim("---\nstatus: false\nclaimant: [a, b]\n---\n");
        let raw = parsed.unwrap().raw;
        assert_eq!(raw.status.unwrap().0, "false");
        assert_eq!(raw.claimant.0, ["a", "b"]);
    }
}
