//! Writing a real site into a temporary folder: `site.toml`, entries and other files.

use std::path::{Path, PathBuf};

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

    /// The example site in its default language only (its English translations and
    /// `[[languages]]` removed), for suites about one-language behaviour such as incremental
    /// rebuilds (a site in several languages is rendered whole on each edit).
    pub fn example_one_language() -> Site {
        let site = Site::example();
        let toml = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
        let start = toml
            .find("[[languages]]")
            .expect("the example has [[languages]]");
        let end = start + toml[start..].find("\n\n").expect("a blank line after it");
        let mut one: String = toml[..start].to_string() + &toml[end + 2..];
        one = one
            .lines()
            .filter(|l| !l.starts_with("labels = ") && !l.starts_with("descriptions = "))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        std::fs::write(site.path("site.toml"), one).expect("write site.toml");
        for file in super::run::list_files(&site.path("content")) {
            if file.ends_with(".en.md") {
                std::fs::remove_file(site.path(&format!("content/{file}"))).expect("remove");
            }
        }
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

    /// Writes (or replaces) a file of the site with raw bytes (not necessarily UTF-8).
    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
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
