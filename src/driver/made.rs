//! How `build` and `serve` get a job's output: rendered, or, for a share card an earlier build
//! drew, taken from the cards' cache (`.digest-cache/cards/`). The one place the cache is asked;
//! rendering itself stays pure.

use super::Ready;
use crate::diag::Diagnostic;
use crate::render::{Job, Output, RenderError, Renderer};
use std::path::PathBuf;

impl Ready<'_> {
    /// Renders one job. The one place where the cache is asked: a share card is taken from it
    /// when an earlier build drew the same card (same texts, colours, fonts and layout
    /// version), else drawn (rendering stays pure) and put there.
    pub fn render(&self, job: &Job) -> Result<Output, RenderError> {
        self.render_in(&self.renderer, job)
    }

    /// As `render`, with one language's renderer (`every_job`).
    pub fn render_in(&self, renderer: &Renderer, job: &Job) -> Result<Output, RenderError> {
        let Some(card) = renderer.card(job) else {
            return renderer.render(job);
        };
        let key = card.key();
        let bytes = self.cache.get(&key).unwrap_or_else(|| {
            let bytes = card.png();
            // A cache that cannot be written only costs the next build this card.
            let _ = self.cache.put(&key, &bytes);
            bytes
        });
        Ok(Output {
            path: renderer.path(job),
            bytes,
        })
    }

    /// As `render`, for a writer that can link files and stream: a card already in the cache is
    /// given as its cache file (`Made::Cached`), not read; the open data as `Made::Streamed`;
    /// anything else is rendered.
    pub fn make(&self, job: &Job) -> Result<Made, RenderError> {
        self.make_in(&self.renderer, job)
    }

    /// As `make`, with one language's renderer (`every_job`).
    pub fn make_in(&self, renderer: &Renderer, job: &Job) -> Result<Made, RenderError> {
        if job.streamed() {
            return Ok(Made::Streamed {
                path: renderer.path(job),
            });
        }
        let cached = renderer
            .card(job)
            .and_then(|card| self.cache.file(&card.key()));
        match cached {
            Some(file) => Ok(Made::Cached {
                path: renderer.path(job),
                file,
            }),
            None => self.render_in(renderer, job).map(Made::Output),
        }
    }
}

/// What `Ready::make` gives: an output's bytes, or the cache file that holds them.
pub enum Made {
    Output(Output),
    Cached {
        path: String,
        file: PathBuf,
    },
    /// Too large to hold in memory: for the writer to have `Renderer::stream` write it.
    Streamed {
        path: String,
    },
}

/// The one conversion of a render error into a diagnostic, naming the template's file.
pub(super) fn render_diagnostic(error: RenderError) -> Diagnostic {
    let file = match &error {
        RenderError::Template { name, .. } => name.clone(),
        RenderError::Page { template, .. } => format!("templates/{template}"),
    };
    Diagnostic::error("template", file, error.to_string()).hint(
        "fix the template (or remove the site's copy to use the built-in one, in the digest \
         repository's templates/)",
    )
}
