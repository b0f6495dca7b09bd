#!/usr/bin/env bash
# Build-time benchmark: digest vs Hugo 0.168 and Zola 0.22.1 on the generated corpora.
#
# usage: bench/run.sh [N ...]          (default: 10 1000 10000)
#   RUNS, WARMUP, BENCH_DIR, HUGO_BIN, ZOLA_BIN are passed on to ../shared/bench/run_peers.sh.
#
# Installs the peers with ../shared/bench/install_peers.sh (once; cached), builds digest in release
# mode, generates each corpus with ../shared/bench/gen_corpus.py (through run_peers.sh), times the
# three generators side by side, round after round, and prints the medians and paired ratios.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10 1000 10000)
export BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/digest-bench}"

peers="$("$SHARED/install_peers.sh")"
export HUGO_BIN="${HUGO_BIN:-$peers/hugo}" ZOLA_BIN="${ZOLA_BIN:-$peers/zola}"
(cd "$ROOT" && cargo build --release --locked --quiet)
export DIGEST_BIN="$ROOT/target/release/digest"

for n in "${SIZES[@]}"; do
  echo "=================== N=$n"
  "$SHARED/run_peers.sh" "$n"
done

echo
echo "=================== summary (medians; targets from the issue)"
python3 - "$BENCH_DIR" "${SIZES[@]}" <<'PY'
import json, os, sys
bench, sizes = sys.argv[1], sys.argv[2:]
print("| N | digest wall s | Hugo wall s | Zola wall s | digest/Hugo (paired) | digest/Zola (paired) | digest peak MiB |")
print("|---:|---:|---:|---:|---:|---:|---:|")
fmt = lambda v, f: (f % v) if v is not None else "-"
for n in sizes:
    path = os.path.join(bench, f"result-{n}.json")
    if not os.path.exists(path):
        continue
    d = json.load(open(path))
    dg, hg, zl = d.get("digest"), d.get("hugo"), d.get("zola")
    ratio = lambda peer: dg.get("ratio_vs", {}).get(peer, {}).get("median") if dg else None
    wall = lambda g: g and g["wall"]["median"]
    print(f"| {n} | {fmt(wall(dg), '%.3f')} | {fmt(wall(hg), '%.3f')} | {fmt(wall(zl), '%.3f')} "
          f"| {fmt(ratio('hugo'), '%.3f')} | {fmt(ratio('zola'), '%.3f')} | {fmt(dg and dg['peak_mib']['median'], '%.0f')} |")
PY
