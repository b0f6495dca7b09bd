//! A progress bar for long builds: drawn on a terminal only, and only once a build has run for
//! a while (a quick build prints nothing but its summary). The caller decides whether it may
//! show at all (`-q`, `CI`, a redirected stderr: never).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Once;
use std::time::{Duration, Instant};

/// How long a build runs before its bar appears.
const DELAY: Duration = Duration::from_millis(1500);

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: Once,
}

impl Progress {
    /// A bar of `len` steps; `enabled` false makes every call a no-op.
    pub fn new(enabled: bool, len: usize, message: &'static str) -> Progress {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta} left)")
                .expect("a valid template")
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(message);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: Once::new(),
        }
    }

    /// One step done (from any thread).
    pub fn step(&self) {
        let Some(bar) = &self.bar else { return };
        if self.started.elapsed() >= DELAY {
            self.shown
                .call_once(|| bar.set_draw_target(ProgressDrawTarget::stderr()));
        }
        bar.inc(1);
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Whether a progress bar may show: stderr is a terminal, not quiet, not in CI.
pub fn wanted(quiet: bool) -> bool {
    use std::io::IsTerminal;
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty())
}
