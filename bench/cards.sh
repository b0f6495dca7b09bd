#!/usr/bin/env bash
# Share cards: the cost of a build with a cold cache (every card drawn) and a warm one (every
# card taken from .digest-cache/), on a generated corpus.
#
# usage: bench/cards.sh [N ...]          (default: 1000)
#   RUNS (default 5), BENCH_DIR (default ${TMPDIR:-/tmp}/digest-bench).
#
# For each N: generates the corpus with ../shared/bench/gen_corpus.py (kept in $BENCH_DIR/n<N>,
# made when missing), builds digest in release mode, then times with ../shared/bench/timeit.py
#   cold  `digest build -q` after deleting .digest-cache/ (and the output): every card drawn;
#   warm  `digest build -q` with the cache of the previous run: no card drawn.
# The CPU a card costs is (cold CPU - warm CPU) / cards: drawing, encoding and caching it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000)
RUNS="${RUNS:-5}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/digest-bench}"

(cd "$ROOT" && cargo build --release --locked --quiet)
DIGEST="$ROOT/target/release/digest"

for n in "${SIZES[@]}"; do
  corpus="$BENCH_DIR/n$n"
  [[ -f "$corpus/digest/site.toml" ]] || python3 "$SHARED/gen_corpus.py" "$n" "$corpus" --force >/dev/null
  site="$corpus/digest"
  cards=$(( $(find "$site/content/claims" -name '*.md' | wc -l) ))
  echo "=================== N=$n ($site)"
  python3 "$SHARED/timeit.py" -n "$RUNS" --warmup 1 --json --cwd "$site" \
    --prep 'rm -rf .digest-cache public' -- "$DIGEST" build -q > "$BENCH_DIR/cards-cold-$n.json"
  "$DIGEST" build -q --root "$site"   # fills the cache
  python3 "$SHARED/timeit.py" -n "$RUNS" --warmup 1 --json --cwd "$site" \
    --prep 'rm -rf public' -- "$DIGEST" build -q > "$BENCH_DIR/cards-warm-$n.json"
  actors=$(find "$site/public/actors" -name card.png | wc -l)
  python3 - "$BENCH_DIR/cards-cold-$n.json" "$BENCH_DIR/cards-warm-$n.json" "$cards" "$actors" "$site" <<'PY'
import json, os, sys
cold, warm = (json.load(open(p))["digest"] for p in sys.argv[1:3])
claims, actors, site = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
med = lambda d, k: d[k]["median"]
cards = claims + actors
cache = os.path.join(site, ".digest-cache")
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(cache) for f in fs)
print(f"cards: {cards} ({claims} claims, {actors} actors), {size / cards / 1024:.1f} KiB each")
print(f"cold: wall {med(cold, 'wall'):.2f} s, CPU {med(cold, 'cpu'):.2f} s")
print(f"warm: wall {med(warm, 'wall'):.2f} s, CPU {med(warm, 'cpu'):.2f} s")
per = (med(cold, 'cpu') - med(warm, 'cpu')) / cards * 1000
print(f"CPU per card drawn (cold - warm): {per:.2f} ms (target: at most 3 ms)")
PY
done
