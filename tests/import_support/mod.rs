//! Helpers of the `digest import` tests: a site made by `digest init`, input files beside it
//! (never inside it), and the imported entries read back by parsing their front matter.
#![allow(dead_code)]

use crate::common::{Built, Run, Site, digest};
use serde_json::Value;
use std::collections::BTreeSet;

/// A site made by `digest init`, and a folder of inputs outside it.
pub struct Desk {
    pub site: Site,
    pub inputs: tempfile::TempDir,
    /// The claim files `digest init` wrote (not imported).
    initial: BTreeSet<String>,
}

/// An imported claim entry: its path in the site, its front matter as JSON, its body.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub front: Value,
    pub body: String,
}

impl Entry {
    pub fn get(&self, key: &str) -> &str {
        self.front[key].as_str().unwrap_or_default()
    }

    pub fn slug(&self) -> String {
        self.path
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_suffix(".md"))
            .expect("a .md file")
            .to_string()
    }

    pub fn is_draft(&self) -> bool {
        self.front["draft"].as_bool() == Some(true)
    }
}

impl Desk {
    pub fn new() -> Desk {
        let site = Site::new(&[]);
        let root = site.root().to_str().expect("UTF-8 path").to_string();
        let run = digest(&["init", &root], site.root());
        assert_eq!(run.code, 0, "digest init failed: {run:?}");
        let inputs = tempfile::Builder::new()
            .prefix("digest-import-inputs-")
            .tempdir()
            .expect("a temporary folder");
        let mut desk = Desk {
            site,
            inputs,
            initial: BTreeSet::new(),
        };
        desk.initial = desk.claim_files().into_iter().collect();
        desk
    }

    /// Adds lines at the end of site.toml (e.g. an `[import]` table).
    pub fn append_config(&self, extra: &str) {
        let path = self.site.path("site.toml");
        let text = std::fs::read_to_string(&path).expect("read site.toml");
        std::fs::write(&path, format!("{text}\n{extra}\n")).expect("write site.toml");
    }

    /// Writes an input file; its absolute path.
    pub fn input(&self, name: &str, text: &str) -> String {
        let path = self.inputs.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, text).expect("write an input");
        path.to_str().expect("UTF-8 path").to_string()
    }

    pub fn inputs_dir(&self) -> String {
        self.inputs.path().to_str().expect("UTF-8 path").to_string()
    }

    /// `digest import --root SITE <args>`, run from the inputs folder.
    pub fn import(&self, args: &[&str]) -> Run {
        let root = self.site.root().to_str().expect("UTF-8 path").to_string();
        let mut all = vec!["import", "--root", &root];
        all.extend_from_slice(args);
        digest(&all, self.inputs.path())
    }

    /// Like `import`, asserting exit 0.
    pub fn import_ok(&self, args: &[&str]) -> Run {
        let run = self.import(args);
        assert_eq!(run.code, 0, "digest import failed: {run:#?}");
        run
    }

    fn claim_files(&self) -> Vec<String> {
        crate::common::list_files(&self.site.path("content/claims"))
            .into_iter()
            .map(|f| format!("content/claims/{f}"))
            .collect()
    }

    /// Every imported claim entry, by path.
    pub fn entries(&self) -> Vec<Entry> {
        self.claim_files()
            .into_iter()
            .filter(|f| !self.initial.contains(f))
            .map(|path| {
                let text = std::fs::read_to_string(self.site.path(&path)).expect("read");
                let (front, body) = split(&text);
                Entry { path, front, body }
            })
            .collect()
    }

    /// The imported entry whose claim is `claim`.
    pub fn entry(&self, claim: &str) -> Entry {
        let entries = self.entries();
        entries
            .iter()
            .find(|e| e.get("claim") == claim)
            .unwrap_or_else(|| panic!("no entry claims {claim:?} among {entries:#?}"))
            .clone()
    }

    /// `digest check`: asserts exit 0 and no error; the report.
    pub fn check_clean(&self) -> Value {
        let (run, report) = self.site.check_json(&[]);
        assert_eq!(
            report["errors"], 0,
            "check found errors: {report:#}\n{}",
            run.stderr
        );
        assert_eq!(run.code, 0, "{run:#?}");
        report
    }

    pub fn build_drafts(&self) -> Built {
        let built = self.site.build(&["--drafts"]);
        assert_eq!(built.run.code, 0, "build failed: {:#?}", built.run);
        built
    }
}

/// Front matter (parsed as YAML into JSON values) and body of an entry.
pub fn split(text: &str) -> (Value, String) {
    let rest = text.strip_prefix("---\n").expect("front matter first");
    let end = rest.find("\n---\n").expect("closed front matter");
    let front: Value = serde_yaml::from_str(&rest[..end]).expect("valid YAML front matter");
    (front, rest[end + 5..].to_string())
}

/// The one ClaimReview of a built claim page.
pub fn claim_review(built: &Built, slug: &str) -> Value {
    let page = built.page(&format!("claims/{slug}/index.html"));
    let reviews: Vec<Value> = page
        .json_ld()
        .into_iter()
        .filter(|v| v["@type"] == "ClaimReview")
        .collect();
    assert_eq!(reviews.len(), 1, "one ClaimReview on {slug}");
    reviews.into_iter().next().expect("one")
}

/// Runs `../shared/tools/check_links.py` and `check_claimreview.py` on a built site of
/// `digest init` (base path `/REPO/`); skipped when python3 or the tools are missing, unless
/// `CI` is set (then their absence fails the test).
pub fn run_shared_checkers(built: &Built) {
    let dir = built.dir.as_os_str();
    for (tool, extra) in [
        ("check_links.py", &["--base-path", "/REPO/"][..]),
        ("check_claimreview.py", &[][..]),
    ] {
        let Some(path) = crate::common::shared_tool(tool) else {
            return;
        };
        let mut args = vec![dir];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        if tool == "check_claimreview.py" {
            // Imported entries may name no claimant: issue 15 omits the claim's author rather
            // than inventing one, which the checker counts as an error (Google recommends it).
            crate::common::run_claimreview_checker(&path, &args);
        } else {
            crate::common::run_python_tool(&path, &args);
        }
    }
}
