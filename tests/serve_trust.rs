//! `digest serve` under attack or stress: a web page using DNS rebinding cannot read the site or
//! its status, slow and idle connections are closed, many open connections do not starve the
//! rebuilds of file descriptors, and a `content/` folder deleted or moved and restored is watched
//! again.

mod common;

use common::serve::{Server, get_for_host, save, small_site};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const FIRST: &str = "/digest/claims/premier/";

#[test]
fn only_loopback_names_and_ip_addresses_are_answered() {
    let site = small_site();
    let server = Server::start(&site);
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let page = get_for_host(port, FIRST, &host);
        assert_eq!(page.status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "rebind.127.0.0.1.nip.io".to_string(),
    ] {
        for path in [FIRST, "/__digest/status", "/__digest/events"] {
            let response = get_for_host(port, path, &host);
            assert_eq!(response.status, 403, "{host} {path}");
            assert!(!response.body.contains("Premier"), "{host} {path}");
        }
    }
}

#[test]
fn slow_and_idle_connections_are_closed() {
    let site = small_site();
    let server = Server::start(&site);
    let connect = || {
        let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream
    };
    let mut idle = connect();
    let mut slow = connect();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let started = Instant::now();
    for stream in [&mut idle, &mut slow] {
        let mut buffer = Vec::new();
        // The server closes the connection (a 408 at most precedes the end).
        let _ = stream.read_to_end(&mut buffer);
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "a connection stayed open {:?}",
            started.elapsed()
        );
    }
    assert_eq!(
        server.get("/digest/").status,
        200,
        "the server still answers"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn hundreds_of_open_connections_do_not_starve_the_rebuilds() {
    use std::os::unix::process::CommandExt;
    let site = small_site();
    // A low descriptor limit, soft and hard, that the server cannot raise.
    let server = Server::start_with(&site, |command| {
        // SAFETY: only setrlimit, async-signal-safe, runs between fork and exec.
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: 256,
                    rlim_max: 256,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    });
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], server.port));
    // Past the server's cap and the kernel's queue, a connection attempt waits: give up fast.
    let held: Vec<TcpStream> = (0..400)
        .filter_map(|_| TcpStream::connect_timeout(&address, Duration::from_millis(200)).ok())
        .collect();
    assert!(held.len() > 200, "only {} connections opened", held.len());
    save(
        &site,
        "content/claims/premier.md",
        &common::serve::entry(
            "Premier",
            "false",
            "An edit made while connections pile up.",
        ),
    );
    // The held connections are idle: they are closed within the header timeout, and the edit
    // must have been rebuilt without a descriptor error in between.
    let waited = server.wait_for_text(
        "/digest/claims/premier/",
        "An edit made while connections pile up.",
        Duration::from_secs(60),
    );
    assert!(
        !server.log().contains("Too many open files"),
        "a rebuild ran out of descriptors:\n{}",
        server.log()
    );
    drop(held);
    eprintln!("edit shown after {waited:?}");
}

#[test]
fn a_content_folder_moved_away_and_back_is_watched_again() {
    let site = small_site();
    let server = Server::start(&site);
    let content = site.path("content");
    let away = site.path("content.away");
    std::fs::rename(&content, &away).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    std::fs::rename(&away, &content).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    save(
        &site,
        "content/claims/premier.md",
        &common::serve::entry("Premier", "false", "Edited after the folder came back."),
    );
    server.wait_for_text(
        FIRST,
        "Edited after the folder came back.",
        Duration::from_secs(20),
    );

    std::fs::remove_dir_all(&content).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    common::copy_dir(&away_copy(&site), &content);
    save(
        &site,
        "content/claims/premier.md",
        &common::serve::entry("Premier", "false", "Edited after the folder was recreated."),
    );
    server.wait_for_text(
        FIRST,
        "Edited after the folder was recreated.",
        Duration::from_secs(20),
    );
}

/// A fresh copy of the small site's content folder, to restore after deleting it.
fn away_copy(site: &common::Site) -> std::path::PathBuf {
    let fresh = small_site();
    let copy = site.path("content.fresh");
    common::copy_dir(&fresh.path("content"), &copy);
    copy
}
