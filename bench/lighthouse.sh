#!/usr/bin/env bash
# Lighthouse (mobile, its default simulated throttling) on the pages issue 16 names: the home page,
# the timeline, the busiest actor's page and a search for his name, on a generated corpus served
# with gzip (bench/serve_gzip.py), as GitHub Pages serves it.
#
# usage: bench/lighthouse.sh [N]            (default: 10000)
#   DIGEST_BIN  the binary (default target/release/digest, built when missing)
#   WORK        where the corpus, the output and the reports go (default ${TMPDIR:-/tmp}/digest-lighthouse)
# Needs Debian's chromium and npm (the lighthouse package is installed into WORK).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
N="${1:-10000}"
WORK="${WORK:-${TMPDIR:-/tmp}/digest-lighthouse}"
DIGEST_BIN="${DIGEST_BIN:-$ROOT/target/release/digest}"
PORT="${PORT:-8765}"
[[ -x "$DIGEST_BIN" ]] || (cd "$ROOT" && cargo build --release --locked --quiet)
mkdir -p "$WORK/reports"
[[ -x "$WORK/node_modules/.bin/lighthouse" ]] || (cd "$WORK" && npm init -y >/dev/null && npm install --silent lighthouse >/dev/null)
corpus="$WORK/corpus-$N" out="$WORK/out-$N"
[[ -d "$corpus/digest" ]] || python3 "$SHARED/gen_corpus.py" "$N" "$corpus" >/dev/null
rm -rf "$out"
"$DIGEST_BIN" build --root "$corpus/digest" --output-dir "$out" --base-url "http://127.0.0.1:$PORT/" -q
python3 "$HERE/serve_gzip.py" "$out" "$PORT" & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
# The busiest actor: the one with the most claims in claims.json (made or about).
read -r slug name < <(python3 - "$out/claims.json" <<'PY'
import collections, json, sys
claims = json.load(open(sys.argv[1]))
claims = claims["claims"] if isinstance(claims, dict) else claims
count, names = collections.Counter(), {}
for c in claims:
    for a in c.get("claimants", []) + c.get("about", []):
        count[a["slug"]] += 1; names[a["slug"]] = a["name"]
slug = count.most_common(1)[0][0]
print(slug, names[slug].split()[-1])
PY
)
echo "| page | performance | accessibility | LCP | TBT | CLS | bytes (gzip) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for page in "/" "/timeline/" "/actors/$slug/" "/search/?q=$name"; do
  report="$WORK/reports/$(echo "$page" | tr '/?=' '___').json"
  CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" "$WORK/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$page" \
    --quiet --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility \
    --output=json --output-path="$report" >/dev/null 2>&1
  python3 - "$report" "$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); a = r["audits"]; c = r["categories"]
print(f"| `{sys.argv[2]}` | {round(c['performance']['score'] * 100)} | {round(c['accessibility']['score'] * 100)} "
      f"| {a['largest-contentful-paint']['displayValue']} | {a['total-blocking-time']['displayValue']} "
      f"| {a['cumulative-layout-shift']['displayValue']} | {round(a['total-byte-weight']['numericValue'] / 1000)} KB |")
PY
done
