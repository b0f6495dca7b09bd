//! Shared helpers of the integration tests: write a real site into a temporary folder, run the
//! `digest` binary on it, and read the output back by parsing it (HTML with `scraper`, XML with
//! `quick-xml`, JSON with `serde_json`).
//!
//! Every test binary includes this module but uses only part of it.
#![allow(dead_code)]

use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub mod serve;
mod yaml;
// Not every test binary quotes YAML.
#[allow(unused_imports)]
pub use yaml::yaml_quote;

/// The repository holding the example site (`site.toml`, `content/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site folder in a temporary directory, deleted when dropped.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A site made of `files` (path relative to the site root, text).
    pub fn new(files: &[(&str, &str)]) -> Site {
        let site = Site {
            dir: tempfile::Builder::new()
                .prefix("digest-test-")
                .tempdir()
                .expect("a temporary folder"),
        };
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A site made of owned `files` (path relative to the site root, text).
    pub fn from_files(files: &[(String, String)]) -> Site {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        Site::new(&refs)
    }

    /// A copy of the repository's example site (`site.toml` and `content/`).
    pub fn example() -> Site {
        let site = Site::new(&[]);
        let repo = repo_root();
        std::fs::copy(repo.join("site.toml"), site.root().join("site.toml"))
            .expect("copy site.toml");
        copy_dir(&repo.join("content"), &site.root().join("content"));
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Writes (or replaces) a file of the site, creating its folders.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).expect("remove a site file");
    }

    /// `digest build --root SITE --output-dir SITE/<out> <extra>`; panics unless it exits 0.
    pub fn build(&self, extra: &[&str]) -> Built {
        self.build_into("out", extra)
    }

    /// As `build`, into `SITE/<out>`.
    pub fn build_into(&self, out: &str, extra: &[&str]) -> Built {
        let output = self.path(out);
        let run = self.run_build(&output, extra);
        assert_eq!(
            run.code, 0,
            "digest build failed\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        Built { dir: output, run }
    }

    /// `digest build --root SITE --output-dir OUTPUT <extra>`, whatever its outcome.
    pub fn run_build(&self, output: &Path, extra: &[&str]) -> Run {
        let root = self.root().to_str().expect("UTF-8 path").to_string();
        let out = output.to_str().expect("UTF-8 path").to_string();
        let mut args = vec!["build", "--root", &root, "--output-dir", &out];
        args.extend_from_slice(extra);
        digest(&args, self.root())
    }

    /// `digest check --root SITE --format json <extra>`: the run and its parsed JSON report.
    pub fn check_json(&self, extra: &[&str]) -> (Run, serde_json::Value) {
        let root = self.root().to_str().expect("UTF-8 path").to_string();
        let mut args = vec!["check", "--root", &root, "--format", "json"];
        args.extend_from_slice(extra);
        let run = digest(&args, self.root());
        let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
            panic!(
                "check --format json printed invalid JSON ({e}):\n{}\nstderr:\n{}",
                run.stdout, run.stderr
            )
        });
        (run, json)
    }
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the `digest` binary built by cargo for this test run, in `cwd`, without colours.
pub fn digest(args: &[&str], cwd: &Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the digest binary");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A built output folder.
pub struct Built {
    pub dir: PathBuf,
    pub run: Run,
}

impl Built {
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path(relative).exists()
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Parses an output HTML file (e.g. `claims/x/index.html`).
    pub fn page(&self, relative: &str) -> Page {
        Page::parse(relative, &self.read(relative))
    }

    pub fn json(&self, relative: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(relative))
            .unwrap_or_else(|e| panic!("{relative} is not valid JSON: {e}"))
    }

    pub fn xml(&self, relative: &str) -> Vec<XmlElement> {
        parse_xml(&self.read(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Every record of the search (`search/docs/<n>.json`), in document order.
    pub fn search_records(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<(usize, String)> = self
            .files()
            .into_iter()
            .filter_map(|f| {
                let n = f.strip_prefix("search/docs/")?.strip_suffix(".json")?;
                Some((n.parse().ok()?, f))
            })
            .collect();
        files.sort();
        files
            .iter()
            .flat_map(|(_, f)| {
                self.json(f)
                    .as_array()
                    .expect("an array of records")
                    .clone()
            })
            .collect()
    }

    /// Every file of the output, relative, sorted (with `/` separators).
    pub fn files(&self) -> Vec<String> {
        list_files(&self.dir)
    }

    /// Every HTML file of the output.
    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }
}

/// Every file under `dir`, relative, sorted, with `/` separators.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("below the base");
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file under `dir` with its bytes: a snapshot to compare before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).expect("read a file of the snapshot");
            (f, bytes)
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A parsed HTML page.
pub struct Page {
    pub name: String,
    pub source: String,
    pub html: Html,
}

impl Page {
    pub fn parse(name: &str, source: &str) -> Page {
        Page {
            name: name.to_string(),
            source: source.to_string(),
            html: Html::parse_document(source),
        }
    }

    /// Every element matching a CSS selector.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// The only element matching `css`; panics (naming the page) unless there is exactly one.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "{}: expected exactly one `{css}`, found {}",
            self.name,
            found.len()
        );
        found[0]
    }

    pub fn count(&self, css: &str) -> usize {
        self.select(css).len()
    }

    /// The text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text).collect()
    }

    /// The text of the only element matching `css`.
    pub fn text(&self, css: &str) -> String {
        text(self.one(css))
    }

    /// An attribute of the only element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("{}: `{css}` has no attribute {name}", self.name))
            .to_string()
    }

    /// The `href` of every `a` inside the elements matching `css`.
    pub fn links_in(&self, css: &str) -> Vec<String> {
        let a = selector("a[href]");
        self.select(css)
            .into_iter()
            .flat_map(|e| {
                e.select(&a)
                    .filter_map(|l| l.value().attr("href").map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The canonical URL (`link[rel=canonical]`), if the page has one.
    pub fn canonical(&self) -> Option<String> {
        self.select("link[rel=canonical]")
            .first()
            .and_then(|e| e.value().attr("href"))
            .map(str::to_string)
    }

    /// The parsed JSON of every `script[type="application/ld+json"]`.
    pub fn json_ld(&self) -> Vec<serde_json::Value> {
        self.select(r#"script[type="application/ld+json"]"#)
            .into_iter()
            .map(|s| {
                let raw: String = s.text().collect();
                serde_json::from_str(&raw)
                    .unwrap_or_else(|e| panic!("{}: invalid JSON-LD ({e}): {raw}", self.name))
            })
            .collect()
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// An element's text, with runs of whitespace collapsed to one space and trimmed.
pub fn text(element: ElementRef<'_>) -> String {
    collapse(&element.text().collect::<String>())
}

pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One element of an XML document: its local name, attributes and own text (entities resolved).
#[derive(Debug, Clone)]
pub struct XmlElement {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    /// The local names of its ancestors, outermost first.
    pub parents: Vec<String>,
}

impl XmlElement {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a whole XML document (well-formedness checked: matching end tags, one root, nothing
/// left open) into its elements in document order.
pub fn parse_xml(text: &str) -> Result<Vec<XmlElement>, String> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(text);
    let mut elements: Vec<XmlElement> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots = 0;
    let decoder = reader.decoder();
    let start =
        |e: &BytesStart, open: &[usize], elements: &[XmlElement]| -> Result<XmlElement, String> {
            let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
            let mut attrs = Vec::new();
            for attr in e.attributes() {
                let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
                let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
                let value = attr
                    .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
                    .map_err(|e| format!("bad attribute value: {e}"))?
                    .into_owned();
                attrs.push((key, value));
            }
            Ok(XmlElement {
                name,
                attrs,
                text: String::new(),
                parents: open.iter().map(|&i| elements[i].name.clone()).collect(),
            })
        };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("invalid XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                let element = start(&e, &open, &elements)?;
                elements.push(element);
                open.push(elements.len() - 1);
            }
            Event::Empty(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                let element = start(&e, &open, &elements)?;
                elements.push(element);
            }
            Event::End(_) => {
                open.pop().ok_or("an end tag closes nothing")?;
            }
            Event::Text(t) => {
                let decoded = t.decode().map_err(|e| format!("bad text: {e}"))?;
                if let Some(&i) = open.last() {
                    elements[i].text.push_str(&decoded);
                } else if !decoded.trim().is_empty() {
                    return Err(format!("text outside the root element: {decoded:?}"));
                }
            }
            Event::CData(t) => {
                if let Some(&i) = open.last() {
                    elements[i].text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => match &*r {
                        b"amp" => "&".into(),
                        b"lt" => "<".into(),
                        b"gt" => ">".into(),
                        b"quot" => "\"".into(),
                        b"apos" => "'".into(),
                        other => {
                            return Err(format!(
                                "undefined entity &{};",
                                String::from_utf8_lossy(other)
                            ));
                        }
                    },
                };
                if let Some(&i) = open.last() {
                    elements[i].text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(format!("{} element(s) left open", open.len()));
    }
    if roots != 1 {
        return Err(format!("expected one root element, found {roots}"));
    }
    Ok(elements)
}

/// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) into records.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "CSV ends inside a quoted field");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// A `site.toml` with a fixed four-step scale (two off-scale verdicts).
pub fn site_toml(language: &str) -> String {
    format!(
        r##"title = "Test digest"
description = "A digest written by the integration tests."
base_url = "https://example.github.io/digest/"
language = "{language}"

[publisher]
name = "Test Fact-Checkers"
url = "https://factcheckers.example.org/"

[[ratings]]
key = "true"
label = "True"
score = 3
color = "#1b7f3b"

[[ratings]]
key = "mixed"
label = "Mixed"
score = 2
color = "#a86b00"

[[ratings]]
key = "false"
label = "False"
score = 1
color = "#b3261e"

[[ratings]]
key = "unverified"
label = "Unverified"
color = "#5f6368"
"##
    )
}

/// A valid claim entry: `title` and `claim` are put in YAML double quotes (so keep them free of
/// `"` and `\`); `extra` is more front matter (whole lines), `body` the Markdown.
pub fn claim_entry(title: &str, date: &str, status: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nclaim: \"Claim of {title}.\"\ndate: {date}\nstatus: {status}\nsource:\n  publisher: \"Example Press\"\n  url: \"https://news.example.org/article\"\n  archive: \"https://web.archive.org/web/2024/https://news.example.org/article\"\n{extra}---\n{body}\n"
    )
}

/// Whether `python3` can be run.
pub fn has_python3() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

// ---- Helpers added for the semantics, hostile-input and fuzz suites ----

impl Site {
    /// Writes (or replaces) a file of the site with raw bytes (not necessarily UTF-8).
    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

/// The elements of an XML document grouped by record: for each element named `record` (e.g.
/// `entry`, `url`), the elements inside it, in document order.
pub fn xml_records<'a>(elements: &'a [XmlElement], record: &str) -> Vec<Vec<&'a XmlElement>> {
    let mut records: Vec<Vec<&XmlElement>> = Vec::new();
    for element in elements {
        if element.name == record {
            records.push(Vec::new());
        } else if element.parents.iter().any(|p| p == record)
            && let Some(current) = records.last_mut()
        {
            current.push(element);
        }
    }
    records
}

/// The diagnostics of a `check --format json` report.
pub fn report_diagnostics(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics array in {report:#}"))
        .clone()
}
