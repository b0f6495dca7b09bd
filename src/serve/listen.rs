//! The accept loop of `digest serve`, hardened for a server that holds drafts and file paths:
//! only requests addressed to this machine by a loopback name or an IP address are answered
//! (a web page using DNS rebinding sends its own host name), a client gets a bounded time to
//! send its request headers and to start its next request (slow or idle connections are
//! closed), and at most `MAX_CONNECTIONS` connections are open at once, far below the process's
//! descriptor limit, so the rebuilds always have files to open.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Open connections at most; more wait in the kernel's queue until one closes.
pub const MAX_CONNECTIONS: usize = 128;
/// How long a client may take to send a request's headers, or to start its next request on a
/// kept-alive connection.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The `Host` header values the server answers.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    /// This machine's own name, accepted when the server listens beyond loopback.
    machine: Option<String>,
}

impl AllowedHosts {
    pub fn for_interface(interface: IpAddr) -> Self {
        let machine = (!interface.is_loopback())
            .then(machine_name)
            .flatten()
            .map(|name| name.to_ascii_lowercase());
        AllowedHosts { machine }
    }

    /// Loopback names (`localhost`, `*.localhost`) and IP literals always; the machine's name
    /// (and `<name>.local`) when listening beyond loopback. A request without `Host` (HTTP/1.0
    /// tools) is no rebinding attempt: browsers always send it.
    pub fn accepts(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return true;
        };
        let name = host_name(host).to_ascii_lowercase();
        let name = name.strip_suffix('.').unwrap_or(&name);
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        if name.parse::<IpAddr>().is_ok() {
            return true;
        }
        self.machine
            .as_deref()
            .is_some_and(|machine| name == machine || name.strip_suffix(".local") == Some(machine))
    }
}

/// The host part of a `Host` header: without its port, and an IPv6 literal without brackets.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

#[cfg(unix)]
fn machine_name() -> Option<String> {
    let mut buffer = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length; gethostname NUL-terminates within it
    // (the last byte stays 0 in any case).
    let result = unsafe { libc::gethostname(buffer.as_mut_ptr().cast(), buffer.len() - 1) };
    if result != 0 {
        return None;
    }
    let end = buffer.iter().position(|&b| b == 0)?;
    let name = std::str::from_utf8(&buffer[..end]).ok()?;
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(not(unix))]
fn machine_name() -> Option<String> {
    None
}

/// The middleware that refuses requests for other host names.
pub async fn guard_host(
    State(hosts): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|value| value.to_str().unwrap_or("\u{0}"));
    if hosts.accepts(host) {
        return next.run(request).await;
    }
    (
        StatusCode::FORBIDDEN,
        "digest serve answers only requests for localhost or an IP address of this machine\n",
    )
        .into_response()
}

/// Serves `app` on `listener` until `stop` completes.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let service = TowerToHyperService::new(app);
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut stop => return Ok(()),
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => return Ok(()),
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of descriptors (or a connection reset before it was taken): wait a little
            // rather than spin; the open connections close in at most HEADER_TIMEOUT.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = service.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            // A failed connection concerns its client only.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// Raises the soft limit of open files to the hard limit, as servers do: a big site's rebuild
/// opens many files while pages hold connections.
#[cfg(unix)]
pub fn raise_descriptor_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid rlimit for both calls.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

#[cfg(not(unix))]
pub fn raise_descriptor_limit() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_ip_literals_only() {
        let hosts = AllowedHosts { machine: None };
        for good in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.:1111",
            "app.localhost:80",
            "127.0.0.1:1111",
            "[::1]:1111",
            "192.168.1.20:1111",
        ] {
            assert!(hosts.accepts(Some(good)), "{good}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "",
            "\u{0}",
        ] {
            assert!(!hosts.accepts(Some(bad)), "{bad}");
        }
        assert!(hosts.accepts(None));
        let lan = AllowedHosts {
            machine: Some("desk".into()),
        };
        assert!(lan.accepts(Some("desk:1111")) && lan.accepts(Some("DESK.local")));
        assert!(!hosts.accepts(Some("desk:1111")));
    }
}
