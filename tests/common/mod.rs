//! Shared helpers of the integration tests, one module per job:
//!
//! - `site`: write a real site into a temporary folder (`Site`, `site_toml`, `claim_entry`);
//! - `claims`: claim entries written field by field, a claim's ClaimReview and slug;
//! - `run`: run the `digest` binary (`digest`, `Site::build`, `Site::check_json`) and read the
//!   output folder (`Built`);
//! - `report`: the diagnostics of a `check --format json` report, filtered;
//! - `html`, `xml`, `data`: parse the output (HTML with `scraper`, XML with `quick-xml`, CSV
//!   with the `csv` crate);
//! - `tools`: the checkers of `../shared/tools`, run with python3;
//! - `serve`: a running `digest serve`; `yaml`: YAML quoting.
//!
//! Every test binary includes this module but uses only part of it.
#![allow(dead_code, unused_imports)]

pub mod claims;
pub mod data;
pub mod html;
pub mod languages;
pub mod report;
pub mod run;
pub mod serve;
pub mod site;
pub mod tools;
pub mod xml;
mod yaml;

pub use data::csv_rows;
pub use html::{Page, assert_svg_image, collapse, selector, text};
pub use report::{Diagnostics, diagnostics};
pub use run::{Built, Run, check_json_at, digest, digest_siblings, list_files, snapshot};
pub use site::{Site, claim_entry, copy_dir, repo_root, site_toml};
pub use tools::{
    available_or_skip, check_links_under, has_python3, run_claimreview_checker, run_python_tool,
    shared_tool,
};
pub use xml::{XmlElement, parse_xml, xml_records};
pub use yaml::yaml_quote;
