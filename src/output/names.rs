//! The names digest gives the files it keeps beside an output: the marker inside it, and the
//! hidden siblings (staging folder, lock, leftovers) next to it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by digest (and so safe to replace).
pub const MARKER: &str = ".digest-output";
/// Its text, which `carries_marker` checks: keep it unchanged, or outputs of earlier versions
/// would no longer be recognised.
pub(super) const MARKER_TEXT: &str =
    "This folder is written by `digest build` and replaced on every build.\n";

/// A hidden sibling of the output folder: `.public.digest-{what}` beside `public/`.
pub(super) fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(OsString::from)
        .unwrap_or_else(|| "public".into());
    let mut sibling_name = OsString::from(".");
    sibling_name.push(name);
    sibling_name.push(format!(".digest-{what}"));
    target.with_file_name(sibling_name)
}
