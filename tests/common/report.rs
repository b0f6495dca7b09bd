//! The diagnostics of a `digest check --format json` report, narrowed by code, file or
//! severity: `diagnostics(&report).code("unsafe-url").errors()`.

use serde_json::Value;
use std::ops::Deref;

/// Some diagnostics of a report, in the report's order.
#[derive(Debug, Clone)]
pub struct Diagnostics(Vec<Value>);

/// Every diagnostic of a `check --format json` report; panics when it has no such list.
pub fn diagnostics(report: &Value) -> Diagnostics {
    let all = report["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics array in {report:#}"));
    Diagnostics(all.clone())
}

impl Diagnostics {
    fn keep(self, field: &str, value: &str) -> Diagnostics {
        Diagnostics(self.0.into_iter().filter(|d| d[field] == value).collect())
    }

    /// Those with this `code`.
    pub fn code(self, code: &str) -> Diagnostics {
        self.keep("code", code)
    }

    /// Those about this `file` (relative to the site, `/`-separated).
    pub fn file(self, file: &str) -> Diagnostics {
        self.keep("file", file)
    }

    /// Those of this `severity` ("error" or "warning").
    pub fn severity(self, severity: &str) -> Diagnostics {
        self.keep("severity", severity)
    }

    pub fn errors(self) -> Diagnostics {
        self.severity("error")
    }

    pub fn warnings(self) -> Diagnostics {
        self.severity("warning")
    }

    /// Their codes, in order.
    pub fn codes(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|d| d["code"].as_str().expect("a code").to_string())
            .collect()
    }
}

impl Deref for Diagnostics {
    type Target = Vec<Value>;

    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Value;
    type IntoIter = std::vec::IntoIter<Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
