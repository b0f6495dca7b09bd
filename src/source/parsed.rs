//! What reading the folder gives: each entry's raw fields with its body and positions.

use super::bundle::BundleFile;
use super::entry::{RawActor, RawClaim, RawMember, RawPage};
use super::locate::KeyLocator;
use std::path::PathBuf;

/// One parsed entry: its raw fields, body, and where it came from.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub raw: T,
    pub file: PathBuf,
    pub locator: KeyLocator,
    pub body: String,
    pub body_line: usize,
    /// A bundle's files (`content/claims/**/<slug>/index.md`); `None` for a lone file.
    pub bundle: Option<Vec<BundleFile>>,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub claims: Vec<Parsed<RawClaim>>,
    pub actors: Vec<Parsed<RawActor>>,
    pub pages: Vec<Parsed<RawPage>>,
    /// `content/team/`: the desk's people.
    pub team: Vec<Parsed<RawMember>>,
}
