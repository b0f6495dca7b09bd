//! `digest`: a static site generator for fact-check digests.
//!
//! Data flows one way, floor by floor: `source` (read the folder) -> `model` (validate, resolve,
//! index) -> `render` (pages as jobs, pure) -> `output` (stage, swap). `config`, `diag`, `urls`,
//! `slug` and `color` are the ground floor; `cmd` orchestrates; `cli` and `main` sit on top.

pub mod cache;
pub mod cmd;
pub mod color;
pub mod config;
pub mod diag;
pub mod driver;
pub mod images;
pub mod import;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod slug;
pub mod source;
pub mod text;
pub mod urls;
