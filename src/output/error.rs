//! What can go wrong when writing the output, as one error type.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into {path}: {reason}")]
    Refused { path: PathBuf, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("output path {0:?} would leave the output folder")]
    Escape(String),
    #[error(
        "another `digest build` is writing {path} (waited {waited} s); run again when it is done, or pass a longer --wait"
    )]
    Busy { path: PathBuf, waited: u64 },
    #[error(
        "the staging folder {path} holds {found} of the {written} files written: something removed files during the build; the previous output is untouched"
    )]
    Incomplete {
        path: PathBuf,
        found: usize,
        written: usize,
    },
}

pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn refused(path: &Path, reason: &str) -> OutputError {
    OutputError::Refused {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}
