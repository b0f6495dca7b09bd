//! `digest serve`: builds the site into memory, serves it on loopback and rebuilds on every
//! change. A server has no end to report at, so this verb prints what happens as it happens
//! (on stderr, like `build`'s summary), from the events `serve` reports.

use super::SiteOptions;
pub use crate::serve::Stopped;
use crate::serve::{self, Event, ServeError, ServeOptions};
use std::io::IsTerminal;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// `base_url` is not used: the site is served at `http://INTERFACE:PORT` with the path of
    /// its `base_url`.
    pub site: SiteOptions,
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the browser once it is served.
    pub open: bool,
    /// Print only errors.
    pub quiet: bool,
    /// Print each rebuild's stage timings.
    pub verbose: bool,
}

/// Serves until Ctrl-C, and says when it stopped. Set `DIGEST_SERVE_VERIFY=1` to check each
/// incremental rebuild against a full one (slow; for tests).
pub fn serve(args: &ServeArgs) -> Result<Stopped, ServeError> {
    let options = ServeOptions {
        root: args.site.root.clone(),
        include_drafts: args.site.include_drafts,
        interface: args.interface,
        port: args.port,
        verify: std::env::var_os("DIGEST_SERVE_VERIFY").is_some_and(|v| !v.is_empty() && v != "0"),
    };
    let printer = Printer {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal(),
        quiet: args.quiet,
        verbose: args.verbose,
        open: args.open,
        built_once: AtomicBool::new(false),
        warnings: AtomicUsize::new(0),
    };
    serve::run(&options, move |event| printer.print(event))
}

struct Printer {
    color: bool,
    quiet: bool,
    verbose: bool,
    open: bool,
    built_once: AtomicBool,
    warnings: AtomicUsize,
}

impl Printer {
    fn print(&self, event: Event) {
        match event {
            Event::Building if !self.quiet => eprintln!("Building the site in memory..."),
            Event::Listening { url } => {
                if !self.quiet {
                    eprintln!("Serving {url} (Ctrl-C to stop)");
                }
                if self.open {
                    open_browser(url);
                }
            }
            Event::Built(report) => {
                let first = !self.built_once.swap(true, Ordering::Relaxed);
                let warnings_before = self.warnings.swap(report.warnings, Ordering::Relaxed);
                if !self.quiet {
                    let n = report.changed.len();
                    let verb = if first { "Built" } else { "Rebuilt" };
                    // Output files that changed (pages, feeds, data), as `build` counts files.
                    let what = if n == 1 { "file" } else { "files" };
                    let mut detail = match report.reread.as_slice() {
                        _ if first => String::new(),
                        [one] => format!("{}; ", one.display()),
                        [] => String::new(),
                        many => format!("{} files; ", many.len()),
                    };
                    detail.push_str(&format!("{} of {} rendered", report.rendered, report.jobs));
                    // Warnings are counted when their number changes (`digest check` lists them).
                    if report.warnings > 0 && (first || report.warnings != warnings_before) {
                        detail.push_str(&format!(
                            ", {} warning(s) (see `digest check`)",
                            report.warnings
                        ));
                    }
                    eprintln!(
                        "{verb} {n} {what} in {} ms ({detail})",
                        report.elapsed.as_millis()
                    );
                }
                if self.verbose {
                    for (stage, time) in &report.timings {
                        eprintln!("  {stage:<36} {:>7.1} ms", time.as_secs_f64() * 1000.0);
                    }
                }
                if !report.missed.is_empty() {
                    eprintln!(
                        "warning: the incremental rebuild missed {} output(s): {}",
                        report.missed.len(),
                        report.missed.join(", ")
                    );
                }
            }
            Event::Failed(failure) => {
                eprint!("{}", failure.errors.render_human(self.color));
                eprintln!(
                    "Build failed: {} error(s) in {} ms; still serving the last good version.",
                    failure.errors.error_count(),
                    failure.elapsed.as_millis()
                );
            }
            Event::WatchFailed(message) => {
                eprintln!(
                    "warning: cannot watch the site for changes ({message}); edits will not show until a restart"
                );
            }
            Event::Crashed => eprintln!(
                "error: the rebuild crashed (a bug in digest, please report it); the next change rebuilds everything"
            ),
            Event::Stopping if !self.quiet => eprintln!("Stopping."),
            _ => {}
        }
    }
}

/// Opens `url` in the default browser, without waiting for it.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("Open {url} in your browser (cannot run {program}).");
    }
}
