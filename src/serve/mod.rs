//! Floor 4: `digest serve`. Builds the site into memory, serves it on loopback, watches the
//! site folder and rebuilds incrementally on each change, telling open pages to reload (or to
//! show the errors over the last good version) through Server-Sent Events.
//!
//! - `workspace`: the outputs in memory, rebuilt with the driver's incremental project;
//! - `watch`: file events, in batches;
//! - `http`: the server (axum), the reload script and the event channel;
//! - `listen`: the accept loop (allowed host names, timeouts, a connection cap).
//!
//! Nothing here prints: what happens is reported to the caller as `Event`s.

mod http;
mod listen;
mod watch;
mod workspace;

pub use workspace::{Failure, Report};

use crate::config::CONFIG_FILE;
use crate::diag::Diagnostics;
use crate::driver::Touched;
use axum::body::Bytes;
use http::{Notice, Served, Shared};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use workspace::{Files, Outcome, Update, Workspace};

/// How long open connections get to close after Ctrl-C.
const GRACE: Duration = Duration::from_millis(500);

/// Options of `digest serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// The address to listen on, `127.0.0.1` by default.
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Render everything after each incremental rebuild and report what it missed (for tests).
    pub verify: bool,
}

/// What happens while serving, for the command to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// The first build is starting.
    Building,
    /// The server listens; `url` is the site's address (with its base path).
    Listening {
        url: &'a str,
    },
    Built(&'a Report),
    Failed(&'a Failure),
    /// Watching stopped working; the server goes on without rebuilds.
    WatchFailed(String),
    /// A rebuild panicked (a bug); the next change rebuilds everything from the files.
    Crashed,
    Stopping,
}

/// How serving ended: always by Ctrl-C (SIGINT) or SIGTERM, which is no failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// During the first build, before the server listened (nothing was served or written).
    WhileBuilding,
    /// While serving.
    WhileServing,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("{} is not a site folder: it has no {CONFIG_FILE}", .0.display())]
    NotASite(PathBuf),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Serves the site until Ctrl-C (SIGINT) or SIGTERM, and says when it stopped; the caller
/// decides how the process ends. `report` is called from several threads.
pub fn run(
    options: &ServeOptions,
    report: impl Fn(Event) + Send + Sync + 'static,
) -> Result<Stopped, ServeError> {
    let root = options.root.canonicalize()?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ServeError::NotASite(options.root.clone()));
    }
    listen::raise_descriptor_limit();
    let address = SocketAddr::new(options.interface, options.port);
    let listener = std::net::TcpListener::bind(address)
        .map_err(|source| ServeError::Listen { address, source })?;
    listener.set_nonblocking(true)?;
    let bound = listener.local_addr()?;
    let origin = format!("http://{bound}");

    let report = Arc::new(report);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let workspace = Workspace::new(
        root.clone(),
        origin.clone(),
        options.include_drafts,
        options.verify,
    );
    let shared = Shared::new(Served {
        rendered: workspace.rendered(),
        statics: Files::default(),
        base_path: "/".into(),
        generation: 0,
        status: Bytes::new(),
        ok: false,
    });
    // Ctrl-C is heard from now on: during the first build it ends `run` at once (the build is
    // left to the process's end: nothing was written); after, it stops the server.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    runtime.spawn({
        let (shared, report) = (shared.clone(), report.clone());
        async move {
            stop_signal().await;
            report(Event::Stopping);
            shared.notify(Notice::Shutdown);
            let _ = stop_tx.send(true);
        }
    });

    report(Event::Building);
    let Some(mut workspace) = runtime.block_on(first_build(workspace, &shared, &report, &stop_rx))
    else {
        runtime.shutdown_background();
        return Ok(Stopped::WhileBuilding);
    };

    let watcher = {
        let shared = shared.clone();
        let report = report.clone();
        watch::spawn(root, move |touched| {
            let mut retry = false;
            let rebuilt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                workspace.rebuild(&touched, &mut |update| {
                    retry = matches!(update.outcome, Outcome::Failed(f) if f.lacked_descriptors());
                    publish(&shared, update, &*report)
                })
            }));
            if rebuilt.is_err() {
                workspace.reset();
                report(Event::Crashed);
            }
            // Out of descriptors is no fault of the site: try again without waiting for a save.
            match retry {
                true => watch::Rebuilt::Retry,
                false => watch::Rebuilt::Done,
            }
        })
    };
    if let Err(e) = watcher {
        report(Event::WatchFailed(e.to_string()));
    }

    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let base_path = shared
            .served
            .read()
            .expect("not poisoned")
            .base_path
            .clone();
        if *stop_rx.borrow() {
            return Ok(());
        }
        report(Event::Listening {
            url: &format!("{origin}{base_path}"),
        });
        let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            let _ = rx.wait_for(|stop| *stop).await;
        };
        let hosts = Arc::new(listen::AllowedHosts::for_interface(options.interface));
        let app = http::router(shared.clone()).layer(axum::middleware::from_fn_with_state(
            hosts,
            listen::guard_host,
        ));
        let server = listen::serve(listener, app, stopped(stop_rx.clone()));
        // Open connections get a moment to close; then the server stops anyway.
        let grace = async {
            stopped(stop_rx.clone()).await;
            tokio::time::sleep(GRACE).await;
        };
        tokio::select! {
            result = server => result,
            () = grace => Ok(()),
        }
    })?;
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(Stopped::WhileServing)
}

/// Builds the whole site once (on a thread of its own, so that a stop is heard meanwhile);
/// `None` when stopped first.
async fn first_build<R: Fn(Event) + Send + Sync + 'static>(
    mut workspace: Workspace,
    shared: &Arc<Shared>,
    report: &Arc<R>,
    stop: &tokio::sync::watch::Receiver<bool>,
) -> Option<Workspace> {
    let build = tokio::task::spawn_blocking({
        let (shared, report) = (shared.clone(), report.clone());
        move || {
            workspace.rebuild(&Touched::everything(), &mut |update| {
                publish(&shared, update, &*report)
            });
            workspace
        }
    });
    let mut stop = stop.clone();
    tokio::select! {
        built = build => match built {
            Ok(workspace) => Some(workspace),
            // A bug: fail as the build would have on this thread.
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        },
        _ = stop.wait_for(|stop| *stop) => None,
    }
}

/// Waits for Ctrl-C (SIGINT) or SIGTERM.
#[cfg(unix)]
async fn stop_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match term.as_mut() {
                Some(term) => { term.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}

/// Waits for Ctrl-C.
#[cfg(not(unix))]
async fn stop_signal() {
    let _ = tokio::signal::ctrl_c().await;
}

/// Shows a rebuild's outcome: swaps in the new files, updates the status, tells the pages.
fn publish(shared: &Shared, update: Update, report: &dyn Fn(Event)) {
    let outcome = update.outcome;
    let notice = {
        let mut served = shared.served.write().expect("not poisoned");
        served.base_path = update.base_path.to_string();
        match outcome {
            Outcome::Unchanged => return,
            Outcome::Built(built) => {
                served.statics = update.statics;
                let changed = !built.changed.is_empty() || !served.ok;
                if changed {
                    served.generation += 1;
                }
                served.ok = true;
                served.status = status_json(served.generation, built.warnings, None);
                changed.then_some(Notice::Reload {
                    generation: served.generation,
                })
            }
            Outcome::Failed(failure) => {
                served.ok = false;
                served.status =
                    status_json(served.generation, failure.warnings, Some(&failure.errors));
                Some(Notice::Failed {
                    generation: served.generation,
                })
            }
        }
    };
    match outcome {
        Outcome::Built(built) => report(Event::Built(built)),
        Outcome::Failed(failure) => report(Event::Failed(failure)),
        Outcome::Unchanged => {}
    }
    if let Some(notice) = notice {
        shared.notify(notice);
    }
}

/// The document of `/__digest/status`: `ok`, the served `generation`, the counts, the errors
/// as `digest check --format json` gives them and as text (`human`).
fn status_json(generation: u64, warnings: usize, errors: Option<&Diagnostics>) -> Bytes {
    let empty = Diagnostics::default();
    let errors = errors.unwrap_or(&empty);
    let json = serde_json::json!({
        "ok": !errors.has_errors(),
        "generation": generation,
        "errors": errors.error_count(),
        "warnings": warnings,
        "human": errors.render_human(false),
        "diagnostics": errors.to_json()["diagnostics"],
    });
    Bytes::from(serde_json::to_vec(&json).expect("JSON serializes"))
}
