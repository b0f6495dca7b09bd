//! A site in several languages: which pages each language has, for every page's `hreflang`
//! alternates and its language switcher. A page exists in another language when that language
//! made a page at the same site path.

use crate::config::Language;
use crate::urls::UrlBuilder;
use serde::Serialize;
use std::collections::HashSet;

/// The pages of every language of a site, the default language first.
#[derive(Debug, Default)]
pub struct Languages {
    pub entries: Vec<LanguagePages>,
}

/// One language's pages: their site paths relative to that language's base (`claims/x/`).
#[derive(Debug)]
pub struct LanguagePages {
    pub language: Language,
    pub urls: UrlBuilder,
    pub pages: HashSet<String>,
}

/// A `<link rel="alternate" hreflang>` of a page.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Alternate {
    pub lang: &'static str,
    pub url: String,
}

/// An item of the language switcher: the same page in that language, else its home.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Switch {
    pub lang: &'static str,
    /// The language's own name (`English`, `Français`).
    pub name: &'static str,
    pub url: String,
    pub current: bool,
}

/// What a page shows of the site's other languages.
#[derive(Debug, Serialize)]
pub struct PageLanguages {
    pub alternates: Vec<Alternate>,
    pub x_default: Option<String>,
    pub switcher: Vec<Switch>,
}

impl Languages {
    /// The alternates and switcher of the page at `site_path` in `current`.
    pub fn page(&self, current: Language, site_path: &str) -> PageLanguages {
        let alternates: Vec<Alternate> = self
            .entries
            .iter()
            .filter(|e| e.pages.contains(site_path))
            .map(|e| Alternate {
                lang: e.language.code(),
                url: e.urls.absolute(site_path),
            })
            .collect();
        // The default language's page when it exists, else the first there is.
        let x_default = alternates.first().map(|a| a.url.clone());
        let switcher = self
            .entries
            .iter()
            .map(|e| {
                let path = match e.pages.contains(site_path) {
                    true => site_path,
                    false => "",
                };
                Switch {
                    lang: e.language.code(),
                    name: native_name(e.language),
                    url: e.urls.path(path),
                    current: e.language == current,
                }
            })
            .collect();
        PageLanguages {
            alternates,
            x_default,
            switcher,
        }
    }
}

/// A language's name in that language, for the switcher.
pub fn native_name(language: Language) -> &'static str {
    match language {
        Language::Fr => "Français",
        Language::En => "English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_switches_to_that_language_home() {
        let urls = UrlBuilder::new("https://x.org/r/").unwrap();
        let languages = Languages {
            entries: vec![
                LanguagePages {
                    language: Language::Fr,
                    urls: urls.clone(),
                    pages: ["".into(), "claims/a/".into(), "claims/b/".into()].into(),
                },
                LanguagePages {
                    language: Language::En,
                    urls: urls.for_language("en"),
                    pages: ["".into(), "claims/a/".into()].into(),
                },
            ],
        };
        let a = languages.page(Language::En, "claims/a/");
        let langs: Vec<_> = a
            .alternates
            .iter()
            .map(|a| (a.lang, a.url.as_str()))
            .collect();
        assert_eq!(
            langs,
            [
                ("fr", "https://x.org/r/claims/a/"),
                ("en", "https://x.org/r/en/claims/a/")
            ]
        );
        assert_eq!(a.x_default.as_deref(), Some("https://x.org/r/claims/a/"));
        let b = languages.page(Language::Fr, "claims/b/");
        assert_eq!(b.alternates.len(), 1);
        let targets: Vec<_> = b
            .switcher
            .iter()
            .map(|s| (s.url.as_str(), s.current))
            .collect();
        assert_eq!(targets, [("/r/claims/b/", true), ("/r/en/", false)]);
    }
}
