//! A site in several languages: which pages each language has, for every page's `hreflang`
//! alternates and its language switcher. A page exists in another language when that language
//! made a page at the same site path.

use super::sitemap;
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
    /// The site paths of `language`'s pages, when the site has that language.
    pub fn pages_of(&self, language: Language) -> Option<&HashSet<String>> {
        self.entries
            .iter()
            .find(|e| e.language == language)
            .map(|e| &e.pages)
    }

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
    /// alternates (`xhtml:link`, as Google reads them) and `x-default`; over the protocol's
    /// limits, the index of its parts (`sitemaps/<n>.xml`), as a site in one language.
    pub fn sitemap(&self) -> Vec<u8> {
        self.sitemap_within(sitemap::LIMITS)
    }

    /// The `n`-th part (from 1) of a split `sitemap.xml`.
    pub fn sitemap_part(&self, n: usize) -> Vec<u8> {
        sitemap::part_file(
            &self.sitemap_entries(),
            sitemap::XHTML_HEAD,
            n,
            sitemap::LIMITS,
        )
    }

    /// How many parts the sitemap needs: 0 when `sitemap.xml` holds every URL itself.
    pub fn sitemap_part_count(&self) -> usize {
        sitemap::count_parts(
            &self.sitemap_entries(),
            sitemap::XHTML_HEAD,
            sitemap::LIMITS,
        )
    }

    fn sitemap_within(&self, limits: sitemap::Limits) -> Vec<u8> {
        let Some(root) = self.entries.first() else {
            return Vec::new();
        };
        let entries = self.sitemap_entries();
        sitemap::main_file(&root.urls, &entries, sitemap::XHTML_HEAD, limits)
    }

    /// One `<url>` of every page of every language, the default language's first.
    fn sitemap_entries(&self) -> Vec<sitemap::Entry> {
        let escape = crate::render::escape_markup;
        let mut entries = Vec::new();
        for entry in &self.entries {
            for (path, lastmod) in &entry.sitemap {
                let mut xml = format!("<url><loc>{}</loc>", escape(&entry.urls.absolute(path)));
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
                entries.push(sitemap::Entry {
                    line: xml,
                    lastmod: *lastmod,
                });
            }
        }
        entries
    }

    /// The site's jobs with the sitemap's parts of every language (`Renderer::jobs` counted
    /// one language's).
    pub fn with_sitemap_parts(&self, jobs: &mut Vec<super::Job>) {
        use super::Job;
        if !jobs.iter().any(|j| matches!(j, Job::Sitemap)) {
            return;
        }
        jobs.retain(|j| !matches!(j, Job::SitemapPart(_)));
        jobs.extend((1..=self.sitemap_part_count()).map(Job::SitemapPart));
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

    /// The local names of a document's elements with their text, well-formedness checked.
    fn elements(xml: &[u8]) -> Vec<(String, String)> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_reader(xml);
        reader.config_mut().check_end_names = true;
        let (mut out, mut buf) = (Vec::<(String, String)>::new(), Vec::new());
        loop {
            match reader.read_event_into(&mut buf).expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    out.push((name, String::new()));
                }
                Event::Text(t) => {
                    if let Some(last) = out.last_mut() {
                        last.1.push_str(String::from_utf8_lossy(&t).trim());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        out
    }

    #[test]
    fn over_the_limits_the_sitemap_is_an_index_of_parts_that_keep_the_alternates() {
        let urls = UrlBuilder::new("https://x.org/r/").unwrap();
        let dated = |paths: &[&str]| paths.iter().map(|p| (p.to_string(), None)).collect();
        let fr = ["", "claims/a/", "claims/b/"];
        let en = ["", "claims/a/"];
        let languages = Languages {
            entries: vec![
                LanguagePages {
                    language: Language::Fr,
                    urls: urls.clone(),
                    pages: fr.iter().map(|p| p.to_string()).collect(),
                    sitemap: dated(&fr),
                },
                LanguagePages {
                    language: Language::En,
                    urls: urls.for_language("en"),
                    pages: en.iter().map(|p| p.to_string()).collect(),
                    sitemap: dated(&en),
                },
            ],
            files: HashSet::new(),
        };
        let limits = sitemap::Limits {
            urls: 2,
            bytes: 1 << 20,
        };
        let whole = elements(&languages.sitemap());
        assert_eq!(whole[0].0, "urlset", "within the limits, one file");
        let index = elements(&languages.sitemap_within(limits));
        assert_eq!(index[0].0, "sitemapindex");
        let locs: Vec<&str> = index
            .iter()
            .filter(|e| e.0 == "loc")
            .map(|e| e.1.as_str())
            .collect();
        assert_eq!(
            locs,
            [
                "https://x.org/r/sitemaps/1.xml",
                "https://x.org/r/sitemaps/2.xml",
                "https://x.org/r/sitemaps/3.xml"
            ]
        );
        let entries = languages.sitemap_entries();
        let parts: Vec<Vec<(String, String)>> = (1..=3)
            .map(|n| {
                elements(&sitemap::part_file(
                    &entries,
                    sitemap::XHTML_HEAD,
                    n,
                    limits,
                ))
            })
            .collect();
        let in_parts: Vec<&str> = parts
            .iter()
            .flatten()
            .filter(|e| e.0 == "loc")
            .map(|e| e.1.as_str())
            .collect();
        let in_whole: Vec<&str> = whole
            .iter()
            .filter(|e| e.0 == "loc")
            .map(|e| e.1.as_str())
            .collect();
        assert_eq!(in_parts, in_whole, "every URL once, in order");
        assert_eq!(in_parts.len(), 5);
        let links = |doc: &[(String, String)]| doc.iter().filter(|e| e.0 == "link").count();
        assert_eq!(
            parts.iter().map(|p| links(p)).sum::<usize>(),
            links(&whole),
            "the alternates are kept"
        );
        assert!(
            parts
                .iter()
                .all(|p| p[0].0 == "urlset" && p.iter().filter(|e| e.0 == "url").count() <= 2)
        );
    }
}
