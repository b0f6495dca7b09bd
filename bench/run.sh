#!/usr/bin/env bash
# Build-time benchmark: digest vs Hugo (and Zola when ZOLA_BIN is set) on the generated corpora.
#
# usage: bench/run.sh [N ...]          (default: 10 1000 10000)
#   RUNS, WARMUP, BENCH_DIR, HUGO_BIN, ZOLA_BIN are passed on to ../shared/bench/run_peers.sh.
#
# Builds digest in release mode, generates each corpus with ../shared/bench/gen_corpus.py (through
# run_peers.sh), times the generators side by side, round after round, and prints the targets of
# issue "Speed and scale" with the measured medians and ratios.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10 1000 10000)
export BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/digest-bench}"

command -v "${HUGO_BIN:-hugo}" >/dev/null || echo "!! hugo not found: install it with 'apt-get install -y hugo' for the comparison"
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
targets = {"10": (0.5, 40), "1000": (0.1, 100), "10000": (0.1, 300), "50000": (None, 1024)}
print("| N | digest wall s | digest peak MiB | Hugo wall s | digest/Hugo (paired) | target ratio | target MiB |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    path = os.path.join(bench, f"result-{n}.json")
    if not os.path.exists(path):
        continue
    d = json.load(open(path))
    dg, hg = d.get("digest"), d.get("hugo")
    ratio = dg.get("ratio_vs", {}).get("hugo", {}).get("median") if dg else None
    t_ratio, t_mib = targets.get(n, (None, None))
    fmt = lambda v, f: (f % v) if v is not None else "-"
    print(f"| {n} | {fmt(dg and dg['wall']['median'], '%.3f')} | {fmt(dg and dg['peak_mib']['median'], '%.0f')} "
          f"| {fmt(hg and hg['wall']['median'], '%.3f')} | {fmt(ratio, '%.3f')} | {fmt(t_ratio, '%.2f')} | {fmt(t_mib, '%d')} |")
PY
