//! What rendering makes: one output file per job, or an error naming the template.

/// One file of the output: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{name}: {message}")]
    Template { name: String, message: String },
    #[error("rendering {page} with {template}: {message}")]
    Page {
        page: String,
        /// The template the page is rendered with (relative to `templates/`).
        template: String,
        message: String,
    },
}
