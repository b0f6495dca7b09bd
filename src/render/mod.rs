//! Floor 3: pure rendering. `&Site` in, `(path, bytes)` outputs out; never touches the disk.
//! Each page is a `Job`, rendered independently (in parallel by the caller).

mod assets;
pub mod cards;
mod charts;
mod data;
mod feeds;
pub mod highlight;
pub mod i18n;
mod images;
pub mod jsonld;
pub mod languages;
pub mod markdown;
mod output;
mod pages;
mod prepared;
mod related;
mod renderer;
pub mod search;
pub mod sitemap;
mod text;
mod theme;
mod typography;
mod values;

pub use languages::Languages;
pub use output::{Output, RenderError};
pub use pages::Job;
pub use prepared::Prepared;
pub use renderer::Renderer;
pub use text::{escape_markup, verdict_line};
pub use theme::{BUILTIN_ASSETS, BUILTIN_TEMPLATES};

impl Renderer<'_> {
    /// Every job of the site, pages first (the longest first, so parallel workers finish together).
    /// Another language's renderer leaves out the files every language shares (assets, robots,
    /// sitemap), which the default language's renderer makes once.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = pages::plan(self.site, self.has_code, self.theme);
        if !self.output_prefix.is_empty() {
            jobs.retain(Job::per_language);
        } else if let Some(languages) = self.languages {
            languages.with_sitemap_parts(&mut jobs);
        }
        jobs
    }

    /// Where a job's output goes, relative to the output folder (the route table), under
    /// `<code>/` for another language than the default.
    pub fn path(&self, job: &Job) -> String {
        let path = pages::path(self.site, self.theme, job);
        match self.output_prefix.is_empty() {
            true => path,
            false => format!("{}{path}", self.output_prefix),
        }
    }

    /// What the share card of a card job shows (`None` for any other job): its `key` names it
    /// in the cache, its `png` draws it. `render` draws it too; the driver asks here first, so
    /// that a card drawn by an earlier build is taken from the cache instead.
    pub fn card(&self, job: &Job) -> Option<cards::Card> {
        match *job {
            Job::ClaimCard(id) => Some(cards::Card::claim(self.site, id)),
            Job::ActorCard(id) => Some(cards::Card::actor(self.site, id)),
            _ => None,
        }
    }

    pub fn render(&self, job: &Job) -> Result<Output, RenderError> {
        pages::render(self, job)
    }

    /// Writes the output of a job too large to hold in memory (the open data) into `out`, as
    /// `render` would make it; `None` for any other job. The writer that can (`build`) asks here
    /// first.
    pub fn stream(&self, job: &Job, out: &mut dyn std::io::Write) -> Option<std::io::Result<()>> {
        pages::stream(self, job, out)
    }
}
