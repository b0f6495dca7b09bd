#!/usr/bin/env bash
# The bytes a search for the busiest actor's name downloads (page, script, styles, manifest, shards
# and records), in headless Chromium, on the generated corpora of ../shared/bench/gen_corpus.py.
#
# usage: bench/search_bytes.sh [N ...]        (default: 1000 10000)
#   DIGEST_BIN  the binary (default target/release/digest, built when missing)
#   WORK        where corpora and outputs go (default ${TMPDIR:-/tmp}/digest-search-bytes)
#   QUERIES     more queries to measure after the actor's name (space-separated words each, ';'
#               between queries; default "prix;les salaires")
# Each site is served by python3's http.server (no compression: the bytes are the files' sizes).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
WORK="${WORK:-${TMPDIR:-/tmp}/digest-search-bytes}"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000)
DIGEST_BIN="${DIGEST_BIN:-$ROOT/target/release/digest}"
[[ -x "$DIGEST_BIN" ]] || (cd "$ROOT" && cargo build --release --locked --quiet)
IFS=';' read -r -a EXTRA <<< "${QUERIES:-prix;les salaires}"
mkdir -p "$WORK"

server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null || true' EXIT

for n in "${SIZES[@]}"; do
  corpus="$WORK/corpus-$n" out="$WORK/out-$n"
  [[ -d "$corpus/digest" ]] || python3 "$SHARED/gen_corpus.py" "$n" "$corpus" >/dev/null
  rm -rf "$out"
  "$DIGEST_BIN" build --root "$corpus/digest" --output-dir "$out" >/dev/null 2>&1
  # The actor in the most claims (made or about), from the open data.
  actor="$(python3 - "$out/claims.json" <<'PY'
import collections, json, sys
counts = collections.Counter()
for c in json.load(open(sys.argv[1]))["claims"]:
    for a in c["claimants"] + c["about"]:
        counts[a["name"]] += 1
print(counts.most_common(1)[0][0])
PY
)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port))" 2>/dev/null && break; sleep 0.1; done
  echo "=== N=$n: $(find "$out/search/index" -name '*.json' | wc -l) shards ($(du -sb "$out/search/index" | cut -f1) bytes), $(find "$out/search/docs" -name '*.json' | wc -l) records files; busiest actor: $actor"
  node "$HERE/search_bytes.mjs" "http://127.0.0.1:$port/" "$actor" "${EXTRA[@]}"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
