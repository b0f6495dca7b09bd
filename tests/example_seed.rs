//! The example digest against its source article (`../shared/seed/`): every `quote` is the
//! article's own words, found verbatim in it (quotation marks and spaces aside), and the example
//! quotes the article where it can.

mod common;

use common::{available_or_skip, repo_root};
use std::path::{Path, PathBuf};

/// The seed article, when `../shared/seed` is there (a test fails without it when `CI` is set).
fn seed_article() -> Option<String> {
    let dir = repo_root().join("../shared/seed");
    let article = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"));
    if !available_or_skip(
        article.is_some(),
        &format!("the seed article in {}", dir.display()),
    ) {
        return None;
    }
    Some(std::fs::read_to_string(article?).expect("the seed article reads"))
}

/// Text compared as an editor would: quotation marks of every kind dropped, runs of spaces
/// (no-break ones too) made one space, typographic apostrophes made one.
fn comparable(text: &str) -> String {
    let marks = ['«', '»', '“', '”', '„', '"', '‹', '›'];
    let kept: String = text
        .chars()
        .filter(|c| !marks.contains(c))
        .map(|c| if c == '\'' { '’' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn claim_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(&repo_root().join("content/claims"));
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("content/claims").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found
}

/// The `quote` of an entry's front matter, if it has one.
fn quote_of(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file).expect("an entry reads");
    let front = text.strip_prefix("---\n")?.split("\n---\n").next()?;
    let yaml: serde_yaml::Value = serde_yaml::from_str(front).expect("front matter parses");
    yaml.get("quote")?.as_str().map(str::to_owned)
}

#[test]
fn every_quote_is_the_articles_own_words() {
    let Some(article) = seed_article() else {
        return;
    };
    let article = comparable(&article);
    let quotes: Vec<(PathBuf, String)> = claim_files()
        .into_iter()
        .filter_map(|f| quote_of(&f).map(|q| (f, q)))
        .collect();
    assert!(
        quotes.len() >= 8,
        "the example quotes the article in at least eight entries, found {}",
        quotes.len()
    );
    for (file, quote) in &quotes {
        assert!(
            article.contains(&comparable(quote)),
            "{}: the quote is not in the seed article word for word: {quote}",
            file.display()
        );
    }
}

#[test]
fn comparison_ignores_marks_and_spaces_only() {
    let article = comparable("Il a dit : « Le but est\u{a0}de reconstruire. »");
    assert!(article.contains(&comparable("“Le but est de reconstruire.”")));
    assert!(!article.contains(&comparable("Le but est de rebâtir.")));
}
