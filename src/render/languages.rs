//! A site in several languages: which pages each language has, for every page's `hreflang`
//! alternates and its language switcher. A page exists in another language when that language
//! made a page at the same site path.

use crate::config::Language;
use crate::urls::UrlBuilder;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The pages of every language of a site, the default language first.
#[derive(Debug, Default)]
pub struct Languages {
    pub entries: Vec<LanguagePages>,
    /// The site paths of the files every language shares (bundle files, `static/`).
    pub files: HashSet<String>,
}

/// One language's pages: their site paths relative to that language's base (`claims/x/`).
#[derive(Debug)]
pub struct LanguagePages {
    pub language: Language,
    pub urls: UrlBuilder,
    pub pages: HashSet<String>,
    /// The pages of its sitemap and the date each last changed (`sitemap::dated_paths`).
    pub sitemap: Vec<(String, Option<NaiveDate>)>,
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

impl Languages {
    /// `sitemap.xml` of a site in several languages: every language's pages, each with its
    /// alternates (`xhtml:link`, as Google reads them) and `x-default`.
    pub fn sitemap(&self) -> Vec<u8> {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let escape = crate::render::escape_markup;
        for entry in &self.entries {
            for (path, lastmod) in &entry.sitemap {
                let _ = write!(
                    xml,
                    "<url><loc>{}</loc>",
                    escape(&entry.urls.absolute(path))
                );
                if let Some(date) = lastmod {
                    let _ = write!(xml, "<lastmod>{date}</lastmod>");
                }
                let links = self.page(entry.language, path);
                if links.alternates.len() > 1 {
                    for a in &links.alternates {
                        let _ = write!(
                            xml,
                            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                            a.lang,
                            escape(&a.url)
                        );
                    }
                    if let Some(url) = &links.x_default {
                        let _ = write!(
                            xml,
                            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                            escape(url)
                        );
                    }
                }
                xml.push_str("</url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes()
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
                    sitemap: Vec::new(),
                },
                LanguagePages {
                    language: Language::En,
                    urls: urls.for_language("en"),
                    pages: ["".into(), "claims/a/".into()].into(),
                    sitemap: Vec::new(),
                },
            ],
            files: HashSet::new(),
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
