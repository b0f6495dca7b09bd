//! Floor 1: reads the site folder. Walks `content/`, splits front matter from body and parses
//! the YAML into raw structs, keeping positions for diagnostics. Never validates meaning.

pub mod bundle;
mod config;
pub mod entry;
mod load;
pub mod locate;
mod parse;
mod parsed;
mod refuse;
pub mod split;
pub mod statics;
mod templates;
pub mod walk;
mod yaml_errors;
mod yaml_scan;

pub use config::read_config;
pub use load::{file_text, load, read_entry_text};
pub use parse::parse_text;
pub use parsed::{Parsed, Sources};
pub use statics::{StaticFiles, scan_static, static_files};
pub use templates::read_template_overrides;
