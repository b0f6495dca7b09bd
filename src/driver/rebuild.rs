//! The two ways an update validates: the whole site again (`rebuild`: every language, its
//! media, the theme when stale, and the jobs that differ from the last site), or only the claims
//! edited in place (`revise`: `model::Site::revise_claim`, the jobs that show them).

use super::Stopwatch;
use super::entries::ParsedEntry;
use super::made::render_diagnostic;
use super::{Good, Project, Update, languages, media, plan, translations};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::{Claim, ClaimId, Revision, Site, build_site};
use crate::render::Prepared;
use std::path::PathBuf;
use std::sync::Arc;

impl Project {
    /// The whole site validated again (and the theme compiled again when stale).
    pub(super) fn rebuild(
        &mut self,
        config: Config,
        mut problems: Diagnostics,
        reread: Vec<PathBuf>,
        mut watch: Stopwatch,
    ) -> Update<'_> {
        let sources = self.sources(&mut problems);
        watch.mark("read entries");
        let multilingual = config.is_multilingual();
        let (sources, others) = languages::split(sources, &config, &mut problems);
        let options = self.build_options();
        let whole = config.clone();
        let (site, mut model_problems) = build_site(config, sources, options);
        let translated_sites = languages::build_all(
            &whole,
            others,
            &site,
            options,
            self.root(),
            &mut model_problems,
        );
        watch.mark("validate");
        let mut model_warnings = Diagnostics::default();
        for d in model_problems.items() {
            match d.is_error() {
                true => problems.push(d.clone()),
                false => model_warnings.push(d.clone()),
            }
        }
        if problems.has_errors() {
            problems.extend(model_warnings);
            return self.failed(problems, reread);
        }
        let statics = self.statics.as_ref().map_or(&[][..], |s| &s.files[..]);
        let media = media::prepare(
            &site,
            &translated_sites,
            statics,
            &self.options.root,
            self.options.write_cache,
        );
        watch.mark("images and bundle files");
        let media_failed = media.problems.has_errors();
        problems.extend(media.problems);
        if media_failed {
            problems.extend(model_warnings);
            return self.failed(problems, reread);
        }
        let translated_sites: Vec<Site> = translated_sites
            .into_iter()
            .map(|t| t.with_images(media.images.clone()))
            .collect();
        let site = site.with_images(media.images);
        let mut previous = self.good.take();
        // The other languages' renderers and tables, kept with the theme.
        let kept = match (&mut previous, self.theme_stale) {
            (Some(good), false) => Some((
                std::mem::take(&mut good.translations),
                good.languages.take(),
            )),
            _ => None,
        };
        let (old_translations, old_table) = kept.unzip();
        let prepared = match previous {
            Some(good) if !self.theme_stale => {
                let mut prepared = good.prepared;
                let old_related = prepared.related().clone();
                let refreshed = prepared.refresh(&site).map_err(|e| vec![e]);
                refreshed.map(|()| (prepared, Some((good.site, old_related, good.jobs))))
            }
            _ => Prepared::new(&site, &self.templates().0).map(|p| (p, None)),
        };
        let (prepared, before) = match prepared {
            Ok(prepared) => prepared,
            Err(errors) => return self.prepare_failed(errors, problems),
        };
        let old_translations = old_translations.unwrap_or_default();
        let translations =
            translations::prepare(translated_sites, &self.templates().0, old_translations);
        let (mut translations, translations_before) = match translations {
            Ok(translations) => translations,
            Err(errors) => return self.prepare_failed(errors, problems),
        };
        let mut prepared = prepared;
        self.theme_stale = false;
        watch.mark("prepare renderer");
        let mut jobs = prepared.renderer(&site).jobs();
        let mut table_now = None;
        if multilingual {
            let statics = self.statics.as_ref().map_or(&[][..], |s| &s.files[..]);
            let files = (media.files.iter().map(|f| f.path.clone()))
                .chain(statics.iter().map(|(r, _)| media::slash_path(r)))
                .collect();
            let table = translations::link((&site, &mut prepared, &jobs), &mut translations, files);
            // The sitemap's parts count every language's pages.
            table.with_sitemap_parts(&mut jobs);
            table_now = Some(table);
        }
        let selected = match (&before, self.pending_full) {
            (Some((old, old_related, _)), false) => {
                plan::between(old, old_related, &site, prepared.related(), &jobs)
            }
            _ => None,
        };
        let selected = match (multilingual, selected) {
            (true, Some(selected)) => translations::select(
                selected,
                &jobs,
                (old_table.flatten().as_deref(), table_now.as_deref()),
                &mut translations,
                &translations_before,
            ),
            (_, selected) => selected,
        };
        if selected.is_none() {
            translations
                .iter_mut()
                .for_each(translations::Translation::select_all);
        }
        // Freeing a large site takes a while: off the critical path.
        if let Some(before) = before {
            std::thread::spawn(move || drop((before, translations_before)));
        }
        watch.mark("plan");
        let full = selected.is_none();
        let selected = selected.unwrap_or_else(|| (0..jobs.len()).collect());
        let claim_by_file = site
            .claims
            .iter_enumerated()
            .map(|(id, c)| (c.file.clone(), id))
            .collect();
        self.good = Some(Good {
            site,
            prepared,
            jobs,
            model_diagnostics: model_warnings,
            claim_by_file,
            translations,
            languages: table_now,
            media: media.files,
        });
        if self.options.incremental {
            // The next full validation takes a copy of the parsed entries: made meanwhile.
            self.entries.prepare_copy();
        }
        self.ready(selected, full, true, problems, reread, watch)
    }

    /// The fast path: every entry changed since the last good site is a claim edited in place
    /// (`Site::revise_claim`). `None` when it is not so; `Some(Err)` with the new errors;
    /// else the jobs to render, and whether jobs went (a verdict change can split or join the
    /// parts of a rating's list).
    pub(super) fn revise(
        &mut self,
        watch: &mut Stopwatch,
        reread: &[PathBuf],
    ) -> Option<Result<(Vec<usize>, bool), Diagnostics>> {
        let options = self.build_options();
        let good = self.good.as_mut()?;
        let mut edits = Vec::with_capacity(self.since_good.len());
        for (file, previous) in &self.since_good {
            let id = *good.claim_by_file.get(file)?;
            let (Some(ParsedEntry::Claim(before)), Some(ParsedEntry::Claim(after))) = (
                previous.as_deref(),
                self.entries.parsed(file).map(Arc::as_ref),
            ) else {
                return None;
            };
            edits.push((id, before, after));
        }
        if edits.is_empty() && !reread.is_empty() {
            return None;
        }
        let mut revised: Vec<(ClaimId, Claim)> = Vec::with_capacity(edits.len());
        let (mut gone, mut added) = (Diagnostics::default(), Diagnostics::default());
        for (id, before, after) in edits {
            gone.extend(good.site.claim_diagnostics(before, options));
            match good.site.revise_claim(id, before, after, options) {
                Revision::Revised {
                    before,
                    diagnostics,
                } => {
                    revised.push((id, *before));
                    added.extend(diagnostics);
                }
                outcome => {
                    for (id, claim) in revised {
                        good.site.restore_claim(id, claim);
                    }
                    return match outcome {
                        Revision::Refused(problems) => Some(Err(problems)),
                        _ => None,
                    };
                }
            }
        }
        watch.mark("revise claims");
        good.model_diagnostics.remove_each(&gone);
        good.model_diagnostics.extend(added);
        let globals_changed = match good.prepared.refresh_claims(&good.site, &revised) {
            Ok(changed) => changed,
            Err(e) => {
                self.good = None;
                self.pending_full = true;
                let mut errors = Diagnostics::default();
                errors.push(render_diagnostic(e));
                return Some(Err(errors));
            }
        };
        watch.mark("prepare renderer");
        let rerated = revised
            .iter()
            .any(|(id, before)| good.site.claims[*id].rating != before.rating);
        let mut reshaped = false;
        if rerated {
            let jobs = good.prepared.renderer(&good.site).jobs();
            reshaped = jobs != good.jobs;
            good.jobs = jobs;
        }
        let selected = match globals_changed {
            true => (0..good.jobs.len()).collect(),
            false => plan::revised(&good.site, good.prepared.related(), &good.jobs, &revised),
        };
        watch.mark("plan");
        Some(Ok((selected, reshaped)))
    }
}
