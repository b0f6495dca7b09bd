//! `site.toml`: the site's configuration, validated into a `Config`.

use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::urls::UrlBuilder;
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod checks;

use checks::{check_addresses, check_import_verdicts, check_languages, check_ratings, check_texts};

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    pub url: Option<String>,
}

/// One step of the rating scale. `score` is absent (or 0) for off-scale verdicts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingDef {
    pub key: String,
    pub label: String,
    pub score: Option<u32>,
    pub color: Option<String>,
    pub description: Option<String>,
    /// The label in the site's other languages (`labels = { en = "False" }`).
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    /// The description in the site's other languages.
    #[serde(default)]
    pub descriptions: std::collections::BTreeMap<String, String>,
}

/// `[[languages]]`: a language the site publishes in besides its default one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageDef {
    pub code: Language,
    /// The site's title and description in that language (default: the default language's).
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Raw HTML inside Markdown is escaped unless the site opts in.
    pub raw_html: bool,
    pub highlight: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: false,
            highlight: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScorecardConfig {
    /// A scorecard shows only from this many rated claims.
    pub min_claims: usize,
}

impl Default for ScorecardConfig {
    fn default() -> Self {
        ScorecardConfig { min_claims: 5 }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// `digest check` warns about an unverified claim older than this with no correction.
    pub stale_unverified_days: i64,
    /// Claims longer than this get a warning (Google's ClaimReview guideline).
    pub max_claim_length: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            stale_unverified_days: 180,
            max_claim_length: 75,
        }
    }
}

/// `[import]`: how `digest import` reads other sites' ClaimReview data.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImportConfig {
    /// A verdict as published (any case, accents, punctuation) -> a rating key of the scale.
    pub verdicts: std::collections::BTreeMap<String, String>,
}

/// `[images]`: how a bundle's raster images are published.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// Publish the originals as they are, metadata (GPS position, camera, author) included.
    /// Off by default: a phone's photo can give away where a source stands.
    pub keep_metadata: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: Language,
    #[serde(default = "default_output_dir")]
    output_dir: PathBuf,
    cname: Option<String>,
    publisher: Option<Publisher>,
    ratings: Option<Vec<RatingDef>>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    scorecard: ScorecardConfig,
    #[serde(default)]
    check: CheckConfig,
    /// How many claims the home page lists.
    #[serde(default = "default_home_latest")]
    home_latest: usize,
    #[serde(default)]
    import: ImportConfig,
    #[serde(default)]
    languages: Vec<LanguageDef>,
    #[serde(default)]
    images: ImagesConfig,
}

fn default_language() -> Language {
    Language::En
}
fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
fn default_home_latest() -> usize {
    12
}

/// The validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub urls: UrlBuilder,
    pub language: Language,
    pub output_dir: PathBuf,
    pub cname: Option<String>,
    pub publisher: Publisher,
    pub ratings: Vec<RatingDef>,
    pub markdown: MarkdownConfig,
    pub scorecard: ScorecardConfig,
    pub check: CheckConfig,
    pub home_latest: usize,
    pub import: ImportConfig,
    /// The languages besides the default one (`[[languages]]`); empty for a one-language site.
    pub languages: Vec<LanguageDef>,
    /// The site's default language (`language`), also in another language's settings.
    pub default_language: Language,
    pub images: ImagesConfig,
}

impl Config {
    /// Parses `site.toml`'s text; `file` names it in diagnostics.
    pub fn parse(text: &str, file: &Path) -> Result<Config, Diagnostics> {
        let mut diags = Diagnostics::default();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let position = e.span().map(|span| position_of(text, span.start));
                diags.push(
                    Diagnostic::error("config-syntax", file, e.message().to_string())
                        .at(position)
                        .hint("see the site.toml section of the README for every key"),
                );
                return Err(diags);
            }
        };
        let key_position = |key: &str| find_key(text, key);
        let urls = match UrlBuilder::new(&raw.base_url) {
            Ok(urls) => Some(urls),
            Err(e) => {
                diags.push(
                    Diagnostic::error("config-base-url", file, e.to_string())
                        .at(key_position("base_url"))
                        .expected(
                            "an absolute http(s) URL; a project site's URL ends with its sub-path",
                        )
                        .hint("base_url = \"https://user.github.io/repo/\" (or pass --base-url)"),
                );
                None
            }
        };
        let ratings = raw.ratings.unwrap_or_else(|| default_ratings(raw.language));
        check_ratings(&ratings, file, text, &mut diags);
        check_languages(raw.language, &raw.languages, file, text, &mut diags);
        check_import_verdicts(&raw.import, &ratings, file, text, &mut diags);
        // Without a URL the publisher is the site itself (resolved at render time, after
        // any --base-url override).
        let publisher = raw.publisher.unwrap_or_else(|| Publisher {
            name: raw.title.clone(),
            url: None,
        });
        check_addresses(&publisher, raw.cname.as_deref(), file, text, &mut diags);
        check_texts(
            &raw.title,
            &raw.description,
            &publisher,
            &ratings,
            file,
            text,
            &mut diags,
        );
        match urls {
            Some(urls) if !diags.has_errors() => Ok(Config {
                title: raw.title,
                description: raw.description,
                urls,
                language: raw.language,
                output_dir: raw.output_dir,
                cname: raw.cname,
                publisher,
                ratings,
                markdown: raw.markdown,
                scorecard: raw.scorecard,
                check: raw.check,
                home_latest: raw.home_latest,
                import: raw.import,
                languages: raw.languages,
                default_language: raw.language,
                images: raw.images,
            }),
            _ => Err(diags),
        }
    }

    /// Whether the site publishes in more than one language.
    pub fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// Every language of the site, the default first.
    pub fn all_languages(&self) -> Vec<Language> {
        let mut all = vec![self.default_language];
        all.extend(self.languages.iter().map(|l| l.code));
        all
    }

    /// The settings of another language's pages: its title, description, UI language, rating
    /// labels and URLs under `<code>/`. Returns too the rating keys without a label (or a
    /// description) in that language: they keep the default language's.
    pub fn for_language(&self, language: Language) -> (Config, Vec<String>) {
        let mut config = self.clone();
        let Some(def) = self.languages.iter().find(|l| l.code == language) else {
            return (config, Vec::new());
        };
        config.language = language;
        config.title = def.title.clone().unwrap_or_else(|| self.title.clone());
        config.description = def
            .description
            .clone()
            .unwrap_or_else(|| self.description.clone());
        config.urls = self.urls.for_language(language.code());
        let mut missing = Vec::new();
        for rating in &mut config.ratings {
            match rating.labels.get(language.code()) {
                Some(label) => rating.label = label.clone(),
                None => missing.push(rating.key.clone()),
            }
            match rating.descriptions.get(language.code()) {
                Some(description) => rating.description = Some(description.clone()),
                None if rating.description.is_some() => {
                    missing.push(format!("{} (description)", rating.key));
                }
                None => {}
            }
        }
        (config, missing)
    }

    /// Replaces the base URL (`--base-url`).
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), crate::urls::BaseUrlError> {
        self.urls = UrlBuilder::new(base_url)?;
        Ok(())
    }
}

/// The default scale, best first; `misleading` and `unverified` are off-scale verdicts.
pub fn default_ratings(language: Language) -> Vec<RatingDef> {
    let rows: [(&str, &str, &str, Option<u32>, &str); 7] = [
        ("true", "Vrai", "True", Some(5), "#1b7f3b"),
        (
            "mostly-true",
            "Plutôt vrai",
            "Mostly true",
            Some(4),
            "#4f8a1f",
        ),
        ("mixed", "À nuancer", "Mixed", Some(3), "#a86b00"),
        (
            "mostly-false",
            "Plutôt faux",
            "Mostly false",
            Some(2),
            "#c2410c",
        ),
        ("false", "Faux", "False", Some(1), "#b3261e"),
        ("misleading", "Trompeur", "Misleading", None, "#8e3b8e"),
        ("unverified", "Non vérifié", "Unverified", None, "#5f6368"),
    ];
    rows.iter()
        .map(|(key, fr, en, score, color)| RatingDef {
            key: key.to_string(),
            label: match language {
                Language::Fr => fr,
                Language::En => en,
            }
            .to_string(),
            score: *score,
            color: Some(color.to_string()),
            description: None,
            descriptions: Default::default(),
            labels: [("fr", fr), ("en", en)]
                .iter()
                .map(|(code, label)| (code.to_string(), label.to_string()))
                .collect(),
        })
        .collect()
}

/// 1-based line and column of a byte offset.
pub fn position_of(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

/// Where `key = ` starts in a TOML text (top-level keys), for diagnostics.
pub fn find_key(text: &str, key: &str) -> Option<Position> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Some(position_of(text, offset + line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

fn find_value(text: &str, key: &str, value: &str) -> Option<Position> {
    let needle = format!("{value:?}");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(key)
            && let Some(col) = line.find(&needle)
        {
            return Some(position_of(text, offset + col));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let config = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/r/\"\n",
            Path::new("site.toml"),
        )
        .unwrap();
        assert_eq!(config.urls.base_path(), "/r/");
        assert_eq!(config.ratings.len(), 7);
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert!(!config.markdown.raw_html);
    }

    #[test]
    fn control_characters_and_unportable_keys_are_refused() {
        let text = "title = \"T\\u0007\"\nbase_url = \"https://x.org/\"\n\
                    [[ratings]]\nkey = \"nul\"\nlabel = \"L\"\n\
                    [[ratings]]\nkey = \"ok\"\nlabel = \"Faux\\u009b\"\n";
        let err = Config::parse(text, Path::new("site.toml")).unwrap_err();
        let codes: Vec<(&str, usize)> = err
            .items()
            .iter()
            .map(|d| (d.code, d.position.map_or(0, |p| p.line)))
            .collect();
        assert!(
            codes.contains(&("config-control-character", 1)),
            "{codes:?}"
        );
        assert!(codes.contains(&("config-rating-key", 4)), "{codes:?}");
        assert_eq!(codes.len(), 3, "{codes:?}");
    }

    #[test]
    fn unknown_key_is_located() {
        let err = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\ntitel = 3\n",
            Path::new("site.toml"),
        )
        .unwrap_err();
        let d = &err.items()[0];
        assert_eq!(d.position.unwrap().line, 3);
        assert!(d.message.contains("titel"), "{}", d.message);
    }

    #[test]
    fn publisher_url_and_cname_are_checked() {
        let text = "title = \"T\"\nbase_url = \"https://x.org/\"\ncname = \"x.org/path\"\n\
                    [publisher]\nname = \"P\"\nurl = \"javascript:alert(1)\"\n";
        let err = Config::parse(text, Path::new("site.toml")).unwrap_err();
        let found: Vec<_> = err
            .items()
            .iter()
            .map(|d| (d.code, d.position.unwrap().line))
            .collect();
        assert_eq!(found, [("config-publisher-url", 6), ("config-cname", 3)]);
    }

    #[test]
    fn bad_base_url_and_colour_are_reported_together() {
        let text = "title = \"T\"\nbase_url = \"example.org\"\n[[ratings]]\nkey = \"ok\"\nlabel = \"OK\"\ncolor = \"red\"\n";
        let err = Config::parse(text, Path::new("site.toml")).unwrap_err();
        let codes: Vec<_> = err.items().iter().map(|d| d.code).collect();
        assert_eq!(codes, ["config-base-url", "config-rating-color"]);
        assert_eq!(err.items()[0].position.unwrap().line, 2);
        assert_eq!(err.items()[1].position.unwrap().line, 6);
    }
}
