#!/usr/bin/env bash
# Rebuild latency of `digest serve` (a benchmark, not a timed test).
#
# usage: bench/serve_rebuild.sh [N ...]     (default: example 10000)
#   "example" is this repository's example digest; a number is a corpus made by
#   ../shared/bench/gen_corpus.py (kept in $BENCH_DIR/n<N>, made when missing).
#   EDITS (default 7) edits per site; BENCH_DIR (default ${TMPDIR:-/tmp}/digest-bench);
#   VERBOSE=1 also prints the stage timings of the last rebuild; DIGEST_BIN runs that binary
#   instead of this repository's release build (to compare two versions).
#
# For each site: copies it into a temporary folder (the corpus itself is never edited), starts
# `digest serve --port 0` on it (release build), listens to its Server-Sent Events channel (a
# small Python client), then EDITS times appends a word to one entry's body and measures
#   - client: from the write to the `reload` event on the channel (watch, debounce, rebuild),
#     and to the served page showing the change (fetched until it does);
#   - server: the rebuild time the server prints ("Rebuilt N pages in X ms").
# Then EDITS verdict changes (the entry's `status` switched back and forth), which move the
# claim between rating pages and change counts and scorecards.
# Prints each edit and the medians.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
SITES=("$@")
[[ ${#SITES[@]} -gt 0 ]] || SITES=(example 10000)
EDITS="${EDITS:-7}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/digest-bench}"

if [[ -n "${DIGEST_BIN:-}" ]]; then
  DIGEST="$DIGEST_BIN"
else
  (cd "$ROOT" && cargo build --release --quiet)
  DIGEST="$ROOT/target/release/digest"
fi
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
  python3 - "$url" "$entry" "$log" "$EDITS" <<'PY'
import re, socket, statistics, sys, time, urllib.request
url, entry, log, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
origin = re.match(r"(http://[^/]+)", url).group(1)
host, port = origin.removeprefix("http://").split(":")
text = open(entry, encoding="utf-8").read()
slug = re.search(r"^slug: *\"?([^\"\n]+)", text, re.M)
slug = slug.group(1) if slug else re.sub(r"\.md$", "", entry.rsplit("/", 1)[1])
page = f"{url}claims/{slug}/"
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
def shows(needle):
    with urllib.request.urlopen(page) as response:
        return needle in response.read().decode("utf-8")
def edit(kind, i, change, needle):
    """Writes a change, then times the reload event and the served page showing `needle`."""
    seen = len(rebuilt_lines())
    t0 = time.monotonic()
    change()
    wait_event("reload")
    event = (time.monotonic() - t0) * 1000
    while not shows(needle):
        time.sleep(0.002)
    shown = (time.monotonic() - t0) * 1000
    while len(rebuilt_lines()) <= seen:
        time.sleep(0.01)
    line = rebuilt_lines()[-1].strip()
    ms = float(re.search(r" in (\d+) ms", line).group(1))
    print(f"  {kind} {i}: reload event after {event:7.1f} ms, page shows it after {shown:7.1f} ms; server: {line}", flush=True)
    time.sleep(0.5)
    return ms, event, shown
def report(kind, rows):
    server, event, shown = zip(*rows)
    print(f"  median over {len(rows)} {kind}s: rebuild {statistics.median(server):.0f} ms (server), "
          f"write -> reload event {statistics.median(event):.0f} ms, write -> page shows it "
          f"{statistics.median(shown):.0f} ms (client; includes the watcher's 60 ms quiet time)")
wait_event("hello")
def append(i):
    def change():
        with open(entry, "a", encoding="utf-8") as f:
            f.write(f"\nmot{i}\n")
    return change
report("word edit", [edit("word edit", i, append(i), f"mot{i}") for i in range(1, edits + 1)])
original = re.search(r"^status: *\"?([^\"\s]+)", open(entry, encoding="utf-8").read(), re.M).group(1)
site_toml = open(entry.split("/content/")[0] + "/site.toml", encoding="utf-8").read()
keys = re.findall(r'^key *= *"([^"]+)"', site_toml, re.M) or ["true", "false"]
other = next(k for k in keys if k != original)
labels = {}
def verdict(i):
    key = other if i % 2 else original
    def change():
        now = open(entry, encoding="utf-8").read()
        with open(entry, "w", encoding="utf-8") as f:
            f.write(re.sub(r"^status: *\S+", f"status: \"{key}\"", now, count=1, flags=re.M))
    return change, f'class="claim-page r-{key}"'
rows = []
for i in range(1, edits + 1):
    change, needle = verdict(i)
    rows.append(edit("verdict change", i, change, needle))
report("verdict change", rows)
PY
  [[ -z "${VERBOSE:-}" ]] || { echo "  stage timings of the last rebuild:"; grep -A7 '^Rebuilt ' "$log" | tail -7; }
  kill -INT "$SERVER"
  wait "$SERVER" || true
  SERVER=""
done
