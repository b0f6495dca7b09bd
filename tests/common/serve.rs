//! A running `digest serve` for the tests: started on a free port, its log kept, spoken to
//! with plain HTTP/1.1 over TCP (no client library: the tests see exactly what a browser gets).

use super::{Site, claim_entry, site_toml};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn entry(title: &str, status: &str, body: &str) -> String {
    claim_entry(
        title,
        "2024-06-20",
        status,
        "claimant: \"Jane Doe\"\ntags: [\"Economy\"]\n",
        body,
    )
}

pub fn small_site() -> Site {
    Site::new(&[
        ("site.toml", &site_toml("en")),
        (
            "content/claims/premier.md",
            &entry("Premier", "false", "The first analysis."),
        ),
        (
            "content/claims/second.md",
            &entry("Second", "mixed", "The second analysis."),
        ),
        (
            "content/actors/jane-doe.md",
            "---\nname: \"Jane Doe\"\nkind: person\n---\nA politician.\n",
        ),
    ])
}

/// Saves a site file as editors do: a hidden temporary file renamed over it, so that the server
/// never reads it half-written.
pub fn save(site: &Site, relative: &str, text: &str) {
    let path = site.path(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

/// A running `digest serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// The lines it printed on stderr so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(site: &Site) -> Server {
        Server::start_with(site, |_| {})
    }

    /// Starts the server with its command adjusted first (an environment, a resource limit).
    pub fn start_with(site: &Site, adjust: impl FnOnce(&mut Command)) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_digest"));
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("DIGEST_SERVE_VERIFY", "1")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        adjust(&mut command);
        let mut child = command.spawn().expect("digest serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().expect("piped");
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line.clone());
                lines.lock().unwrap().push(line);
            }
        });
        let port = wait_for(&rx, Duration::from_secs(60), |line| {
            let rest = line.strip_prefix("Serving http://127.0.0.1:")?;
            rest.split('/').next()?.parse().ok()
        })
        .unwrap_or_else(|| {
            panic!(
                "no `Serving` line; stderr:\n{}",
                log.lock().unwrap().join("\n")
            )
        });
        Server { child, port, log }
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Waits until the server has printed `text` (the log is collected by another thread).
    pub fn wait_for_log(&self, text: &str, within: Duration) {
        let started = Instant::now();
        while !self.log().contains(text) {
            assert!(
                started.elapsed() < within,
                "the server did not print {text:?} within {within:?}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Fetches `path` until its body contains `text`; the time it took.
    pub fn wait_for_text(&self, path: &str, text: &str, within: Duration) -> Duration {
        let started = Instant::now();
        loop {
            let response = self.get(path);
            if response.body.contains(text) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < within,
                "{path} did not show {text:?} within {within:?}; server log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn wait_for<T>(
    rx: &Receiver<String>,
    within: Duration,
    mut found: impl FnMut(&str) -> Option<T>,
) -> Option<T> {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx.recv_timeout(left).ok()?;
        if let Some(value) = found(&line) {
            return Some(value);
        }
    }
}

pub struct Response {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

/// A plain HTTP/1.1 GET with `Connection: close` (the server sends a Content-Length).
pub fn get(port: u16, path: &str) -> Response {
    get_for_host(port, path, &format!("127.0.0.1:{port}"))
}

/// A GET as a browser sends it to a page of `host` (which DNS may have pointed at loopback).
pub fn get_for_host(port: u16, path: &str, host: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to digest serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a response");
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("a header");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Connects to the event channel; the names of the events received arrive on the receiver.
pub fn events(port: u16) -> Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to digest serve");
    write!(
        stream,
        "GET /__digest/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        // The header, then chunks (the stream has no length): `size\r\n data \r\n`.
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut data = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let Ok(size) = usize::from_str_radix(line.trim(), 16) else {
                return;
            };
            let mut chunk = vec![0; size + 2];
            if size == 0 || reader.read_exact(&mut chunk).is_err() {
                return;
            }
            data.push_str(&String::from_utf8_lossy(&chunk[..size]));
            while let Some(end) = data.find("\n\n") {
                let event: String = data.drain(..end + 2).collect();
                for l in event.lines() {
                    if let Some(name) = l.strip_prefix("event: ")
                        && tx.send(name.to_string()).is_err()
                    {
                        return;
                    }
                }
            }
        }
    });
    rx
}

pub fn expect_event(events: &Receiver<String>, name: &str, within: Duration, server: &Server) {
    let got = wait_for(events, within, |e| (e == name).then_some(()));
    assert!(
        got.is_some(),
        "no `{name}` event within {within:?}; server log:\n{}",
        server.log()
    );
}
