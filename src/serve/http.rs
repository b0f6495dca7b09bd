//! The HTTP side: the site from memory under its base path, and the reserved `/__digest/` paths
//! for live reload (a script, a Server-Sent Events channel and the build status as JSON).

use super::workspace::{Files, Outputs};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// The reserved paths, outside any site's base path.
pub const RELOAD_SCRIPT: &str = "/__digest/reload.js";
pub const EVENTS: &str = "/__digest/events";
pub const STATUS: &str = "/__digest/status";

const SCRIPT: &str = include_str!("reload.js");

/// What the server shows, swapped in by the rebuilding thread.
pub struct Served {
    pub rendered: Outputs,
    pub statics: Files,
    /// `/` or `/repo/`.
    pub base_path: String,
    /// Counts the builds that changed what is served; pages carry it to notice missed reloads.
    pub generation: u64,
    /// The status document (`/__digest/status`).
    pub status: Bytes,
    pub ok: bool,
}

/// What the rebuilding thread tells the open pages.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A build succeeded and changed something: reload.
    Reload { generation: u64 },
    /// A build failed: show the status.
    Failed { generation: u64 },
    /// The server is stopping: end the event streams.
    Shutdown,
}

pub struct Shared {
    pub served: RwLock<Served>,
    pub notices: broadcast::Sender<Notice>,
}

impl Shared {
    pub fn new(served: Served) -> Arc<Shared> {
        Arc::new(Shared {
            served: RwLock::new(served),
            notices: broadcast::channel(64).0,
        })
    }

    pub fn notify(&self, notice: Notice) {
        // No open page is not an error.
        let _ = self.notices.send(notice);
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(RELOAD_SCRIPT, get(reload_script))
        .route(EVENTS, get(events))
        .route(STATUS, get(status))
        .fallback(site_file)
        .with_state(shared)
}

async fn reload_script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        SCRIPT.into(),
    )
}

async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let body = shared.served.read().expect("not poisoned").status.clone();
    respond(StatusCode::OK, "application/json", body)
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.notices.subscribe();
    let (generation, ok) = {
        let served = shared.served.read().expect("not poisoned");
        (served.generation, served.ok)
    };
    let hello = Event::default()
        .event("hello")
        .data(format!(r#"{{"generation":{generation},"ok":{ok}}}"#));
    let notices = stream::unfold(receiver, |mut receiver| async move {
        loop {
            let event = match receiver.recv().await {
                Ok(Notice::Reload { generation }) => Event::default()
                    .event("reload")
                    .data(format!(r#"{{"generation":{generation},"ok":true}}"#)),
                Ok(Notice::Failed { generation }) => Event::default()
                    .event("failed")
                    .data(format!(r#"{{"generation":{generation},"ok":false}}"#)),
                Ok(Notice::Shutdown) | Err(broadcast::error::RecvError::Closed) => return None,
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
            };
            return Some((Ok(event), receiver));
        }
    });
    Sse::new(stream::once(async { Ok(hello) }).chain(notices)).keep_alive(KeepAlive::default())
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "method not allowed\n".into(),
        );
    }
    let served = shared.served.read().expect("not poisoned");
    let path = percent_decode(uri.path());
    let base = served.base_path.as_str();
    let Some(rest) = path.strip_prefix(base) else {
        if format!("{path}/") == base || path == "/" {
            return redirect(base);
        }
        return not_found(&served);
    };
    if rest.split('/').any(|s| s == ".." || s == ".") {
        return not_found(&served);
    }
    let key = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    if let Some(bytes) = lookup(&served, &key) {
        return file(&served, &key, bytes, StatusCode::OK);
    }
    if lookup(&served, &format!("{rest}/index.html")).is_some() {
        return redirect(&format!("{}/", uri.path()));
    }
    not_found(&served)
}

fn lookup(served: &Served, key: &str) -> Option<Bytes> {
    served
        .statics
        .get(key)
        .cloned()
        .or_else(|| served.rendered.get(key))
}

fn not_found(served: &Served) -> Response {
    match lookup(served, "404.html") {
        Some(bytes) => file(served, "404.html", bytes, StatusCode::NOT_FOUND),
        None if served.rendered.is_empty() => {
            // Nothing was ever built: a page that shows the errors and reloads when fixed.
            let page = Bytes::from_static(
                b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>digest serve</title>\
                  </head><body><p>The site has not been built yet.</p></body></html>",
            );
            file(served, "index.html", page, StatusCode::SERVICE_UNAVAILABLE)
        }
        None => respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found\n".into(),
        ),
    }
}

fn file(served: &Served, key: &str, bytes: Bytes, status: StatusCode) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        inject(&bytes, served.generation)
    } else {
        bytes
    };
    respond(status, kind, body)
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn respond(status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The page with the live-reload script before its last `</body>` (at its end when it has
/// none). The script is external and same-origin, as the site's Content-Security-Policy wants.
pub fn inject(html: &[u8], generation: u64) -> Bytes {
    let tag =
        format!(r#"<script src="{RELOAD_SCRIPT}" data-generation="{generation}" defer></script>"#);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    Bytes::from(out)
}

/// The Content-Type of an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => return "text/plain; charset=utf-8",
    };
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" if name == "atom.xml" => "application/atom+xml",
        "xml" | "xsl" => "application/xml",
        "txt" | "md" | "nojekyll" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// `%xx` escapes of a URL path decoded (invalid UTF-8 is replaced).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let page = inject(b"<html><body><p>x</p></BODY></html>", 7);
        let text = std::str::from_utf8(&page).unwrap();
        assert!(text.ends_with(
            "<p>x</p><script src=\"/__digest/reload.js\" data-generation=\"7\" defer></script></BODY></html>"
        ));
        let bare = inject(b"<p>x</p>", 1);
        assert!(
            std::str::from_utf8(&bare)
                .unwrap()
                .starts_with("<p>x</p><script")
        );
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(
            content_type("claims/x/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("assets/site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("claims.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("CNAME"), "text/plain; charset=utf-8");
        assert_eq!(content_type("img/a.PNG"), "image/png");
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(percent_decode("/a%20b/%C3%A9"), "/a b/é");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/%zz"), "/%zz");
    }
}
