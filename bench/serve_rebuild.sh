#!/usr/bin/env bash
# Rebuild latency of `digest serve` (a benchmark, not a timed test).
#
# usage: bench/serve_rebuild.sh [N ...]     (default: example 10000)
#   "example" is this repository's example digest; a number is a corpus made by
#   ../shared/bench/gen_corpus.py (kept in $BENCH_DIR/n<N>, made when missing).
#   EDITS (default 7) edits per site; BENCH_DIR (default ${TMPDIR:-/tmp}/digest-bench);
#   VERBOSE=1 also prints the stage timings of the last rebuild.
#
# For each site: copies it into a temporary folder (the corpus itself is never edited), starts
# `digest serve --port 0` on it (release build), listens to its Server-Sent Events channel (a
# small Python client), then EDITS times appends a word to one entry's body and measures
#   - client: from the write to the `reload` event on the channel (watch, debounce, rebuild);
#   - server: the rebuild time the server prints ("Rebuilt N pages in X ms").
# Prints each edit and the medians.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
SITES=("$@")
[[ ${#SITES[@]} -gt 0 ]] || SITES=(example 10000)
EDITS="${EDITS:-7}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/digest-bench}"

(cd "$ROOT" && cargo build --release --quiet)
DIGEST="$ROOT/target/release/digest"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/digest-serve-bench.XXXXXX")"
SERVER=""
cleanup() {
  [[ -n "$SERVER" ]] && kill -INT "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for name in "${SITES[@]}"; do
  site="$WORK/$name"
  if [[ "$name" == example ]]; then
    mkdir -p "$site" && cp -r "$ROOT/site.toml" "$ROOT/content" "$site/"
    entry="$(ls "$site"/content/claims/*/*.md | head -1)"
  else
    corpus="$BENCH_DIR/n$name/digest"
    [[ -f "$corpus/site.toml" ]] || python3 "$SHARED/gen_corpus.py" "$name" "$BENCH_DIR/n$name" >/dev/null
    mkdir -p "$site" && cp -r "$corpus/site.toml" "$corpus/content" "$site/"
    [[ -d "$corpus/static" ]] && cp -r "$corpus/static" "$site/"
    entries=("$site"/content/claims/*.md)
    entry="${entries[$(( ${#entries[@]} / 2 ))]}"
  fi
  log="$WORK/$name.log"
  "$DIGEST" serve ${VERBOSE:+-v} --root "$site" --port 0 2>"$log" &
  SERVER=$!
  for _ in $(seq 1 600); do grep -q '^Serving ' "$log" && break; sleep 0.5; done
  url="$(sed -n 's/^Serving \(http:[^ ]*\).*/\1/p' "$log" | head -1)"
  [[ -n "$url" ]] || { echo "digest serve did not start:"; cat "$log"; exit 1; }
  origin="$(echo "$url" | sed -E 's#^(http://[^/]+).*#\1#')"
  echo "=================== $name: $(find "$site/content" -name '*.md' | wc -l) entries, served at $url; editing ${entry#"$site"/}"
  grep '^Built ' "$log" || true
  python3 - "$origin" "$entry" "$log" "$EDITS" <<'PY'
import re, socket, statistics, sys, time
origin, entry, log, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
host, port = origin.removeprefix("http://").split(":")
sock = socket.create_connection((host, int(port)))
sock.sendall(f"GET /__digest/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
buffer = b""
def wait_event(name, timeout=120):
    global buffer
    deadline = time.monotonic() + timeout
    needle = f"event: {name}\n".encode()
    while needle not in buffer:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("the event channel closed")
        buffer += chunk
    buffer = buffer[buffer.index(needle) + len(needle):]
def rebuilt_lines():
    return [l for l in open(log, encoding="utf-8") if l.startswith("Rebuilt ")]
wait_event("hello")
client, server = [], []
for i in range(1, edits + 1):
    seen = len(rebuilt_lines())
    t0 = time.monotonic()
    with open(entry, "a", encoding="utf-8") as f:
        f.write(f"\nmot{i}\n")
    wait_event("reload")
    took = (time.monotonic() - t0) * 1000
    while len(rebuilt_lines()) <= seen:
        time.sleep(0.01)
    line = rebuilt_lines()[-1].strip()
    ms = float(re.search(r" in (\d+) ms", line).group(1))
    client.append(took)
    server.append(ms)
    print(f"  edit {i}: reload event after {took:7.1f} ms; server: {line}", flush=True)
    time.sleep(0.5)
print(f"  median over {edits} edits: rebuild {statistics.median(server):.0f} ms (server), "
      f"write -> reload event {statistics.median(client):.0f} ms (client, includes the watcher's 60 ms quiet time)")
PY
  [[ -z "${VERBOSE:-}" ]] || { echo "  stage timings of the last rebuild:"; grep -A7 '^Rebuilt ' "$log" | tail -7; }
  kill -INT "$SERVER"
  wait "$SERVER" || true
  SERVER=""
done
