//! Another language's site as rendered: its renderer under `<code>/` (kept between updates
//! with the theme), the table of the pages every language has (for `hreflang`, the switcher
//! and the sitemap), and which of its jobs an update changes.

use super::plan;
use crate::diag::Diagnostics;
use crate::model::{ClaimId, IdVec, Site};
use crate::render::languages::{LanguagePages, Languages};
use crate::render::{Job, Prepared, RenderError, sitemap};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Another language's site, ready to render under `<code>/`.
pub struct Translation {
    pub site: Site,
    pub prepared: Prepared,
    pub jobs: Vec<Job>,
    /// The jobs (indices into `jobs`) whose output may differ from the last update's.
    pub selected: Vec<usize>,
}

/// A translation as last rendered: its site, related claims and jobs.
pub type Before = (Site, IdVec<ClaimId, Vec<ClaimId>>, Vec<Job>);

impl Translation {
    /// Its renderer, jobs and selection, for a `Ready`.
    pub fn ready(&self) -> (crate::render::Renderer<'_>, &[Job], &[usize]) {
        let renderer = self.prepared.renderer(&self.site);
        (renderer, &self.jobs, &self.selected)
    }

    pub fn select_all(&mut self) {
        self.selected = (0..self.jobs.len()).collect();
    }
}

/// The output path of every job of every language (`en/…` for English): where the site's
/// local links may lead.
pub(super) fn site_wide_paths(
    good: &super::Good,
    renderer: &crate::render::Renderer,
) -> HashSet<String> {
    let mut paths: HashSet<String> = good.jobs.iter().map(|job| renderer.path(job)).collect();
    for t in &good.translations {
        let renderer = t.prepared.renderer(&t.site);
        paths.extend(t.jobs.iter().map(|job| renderer.path(job)));
    }
    paths
}

/// The problems of a translation's links and images (`links::check_translation`).
pub fn check_links<'g>(
    t: &Translation,
    media: &[super::MediaFile],
    statics: &[(PathBuf, PathBuf)],
    site_wide: &dyn Fn() -> &'g HashSet<String>,
) -> Diagnostics {
    let prefix = format!("{}/", t.site.config.language.code());
    super::links::check_translation(&t.site, media, statics, &prefix, site_wide)
}

impl super::Ready<'_> {
    /// Every job of every language, with the renderer that makes it.
    pub fn every_job(&self) -> Vec<(&crate::render::Renderer<'_>, &Job)> {
        let mut all: Vec<_> = self.jobs.iter().map(|j| (&self.renderer, j)).collect();
        for (renderer, jobs, _) in &self.translations {
            all.extend(jobs.iter().map(|j| (renderer, j)));
        }
        all
    }
}

/// Prepares each other language's renderer: its own theme globals, its outputs under
/// `<code>/`. A renderer of `old` (the last update's, its theme still good) is refreshed for
/// the new site, which is then compared with the one it rendered (`select`).
#[allow(clippy::type_complexity)]
pub fn prepare(
    sites: Vec<Site>,
    templates: &[(String, Vec<u8>)],
    mut old: Vec<Translation>,
) -> Result<(Vec<Translation>, Vec<Option<Before>>), Vec<RenderError>> {
    let mut made = Vec::with_capacity(sites.len());
    let mut befores = Vec::with_capacity(sites.len());
    for site in sites {
        let language = site.config.language;
        let kept = old.iter().position(|t| t.site.config.language == language);
        let (prepared, before) = match kept.map(|i| old.swap_remove(i)) {
            Some(t) => {
                let mut prepared = t.prepared;
                let related = prepared.related().clone();
                prepared.refresh(&site).map_err(|e| vec![e])?;
                (prepared, Some((t.site, related, t.jobs)))
            }
            None => {
                let mut prepared = Prepared::new(&site, templates)?;
                prepared.set_output_prefix(format!("{}/", language.code()));
                (prepared, None)
            }
        };
        let jobs = prepared.renderer(&site).jobs();
        made.push(Translation {
            site,
            prepared,
            jobs,
            selected: Vec::new(),
        });
        befores.push(before);
    }
    Ok((made, befores))
}

/// After a full validation, the jobs of each language whose output may differ from the last
/// update's (`plan::between` for each language's site), when the table of the pages every
/// language has is the same (else every page's alternates may have changed: `None`, every
/// job). `selected`: the default language's; the sitemap (every language's URLs) is added to
/// it when a language's URLs or dates changed.
pub fn select(
    mut selected: Vec<usize>,
    jobs: &[Job],
    tables: (Option<&Languages>, Option<&Languages>),
    translations: &mut [Translation],
    befores: &[Option<Before>],
) -> Option<Vec<usize>> {
    let (Some(old), Some(new)) = tables else {
        return None;
    };
    let same_pages = old.entries.len() == new.entries.len()
        && old.files == new.files
        && (old.entries.iter().zip(&new.entries)).all(|(a, b)| a.pages == b.pages);
    if !same_pages {
        return None;
    }
    let mut each = Vec::with_capacity(translations.len());
    for (t, before) in translations.iter().zip(befores) {
        let (old_site, old_related, _) = before.as_ref()?;
        let related = t.prepared.related();
        each.push(plan::between(
            old_site,
            old_related,
            &t.site,
            related,
            &t.jobs,
        )?);
    }
    for (t, chosen) in translations.iter_mut().zip(each) {
        t.selected = chosen;
    }
    let dates_changed = (old.entries.iter().zip(&new.entries)).any(|(a, b)| a.sitemap != b.sitemap);
    if dates_changed {
        let sitemaps = jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| matches!(j, Job::Sitemap | Job::SitemapPart(_)));
        selected.extend(sitemaps.map(|(i, _)| i));
        selected.sort_unstable();
        selected.dedup();
    }
    Some(selected)
}

/// Gives every language's renderer the table of the pages each language has, and of the
/// `files` they share (bundle files and `static/`, published once at the root).
pub fn link(
    default: (&Site, &mut Prepared, &[Job]),
    translations: &mut [Translation],
    files: HashSet<String>,
) -> Arc<Languages> {
    let (site, prepared, jobs) = default;
    let table = table((site, prepared, jobs), translations, files);
    prepared.set_languages(Some(table.clone()));
    for t in translations {
        t.prepared.set_languages(Some(table.clone()));
    }
    table
}

/// The pages each language made, the default language first.
fn table(
    default: (&Site, &Prepared, &[Job]),
    translations: &[Translation],
    files: HashSet<String>,
) -> Arc<Languages> {
    let pages = |site: &Site, prepared: &Prepared, jobs: &[Job]| -> LanguagePages {
        let renderer = prepared.renderer(site);
        let prefix = match site.config.language == site.config.default_language {
            true => String::new(),
            false => format!("{}/", site.config.language.code()),
        };
        let pages = jobs
            .iter()
            .filter_map(|job| {
                let path = renderer.path(job);
                let path = path.strip_prefix(&prefix)?;
                Some(path.strip_suffix("index.html")?.to_string())
            })
            .collect();
        LanguagePages {
            language: site.config.language,
            urls: site.config.urls.clone(),
            pages,
            sitemap: sitemap::dated_paths(site),
        }
    };
    let mut entries = vec![pages(default.0, default.1, default.2)];
    entries.extend(
        translations
            .iter()
            .map(|t| pages(&t.site, &t.prepared, &t.jobs)),
    );
    Arc::new(Languages { entries, files })
}
