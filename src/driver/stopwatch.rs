//! Wall time per stage, for `--verbose`.

use std::time::{Duration, Instant};

/// Laps of named stages.
#[derive(Debug)]
pub struct Stopwatch {
    lap: Instant,
    pub laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch {
            lap: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name` (started at the previous mark).
    pub fn mark(&mut self, name: &'static str) {
        self.laps.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}
