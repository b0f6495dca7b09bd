//! Editorial rigour (issue 15): drafts that cannot leak, corrections that tell the truth, "did
//! you mean" suggestions, honest scorecards and charts, and typography by language. Each topic
//! is a module of this one test binary; every test builds a real site and parses its output.

#[path = "../common/mod.rs"]
mod common;

mod drafts;
