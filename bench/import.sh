#!/usr/bin/env bash
# `digest import` benchmark: N reviews of a Fact Check Tools API response (500 claimants, four
# verdicts, one unmapped) imported into a site made by `digest init`, then imported again (all
# duplicates), then the site checked.
#
# usage: bench/import.sh [N ...]          (default: 10000)
#   DIGEST_BIN: the binary to time (default: a release build of this repository)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000)
if [[ -z "${DIGEST_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build --release --locked --quiet)
  DIGEST_BIN="$ROOT/target/release/digest"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/digest-import-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

for n in "${SIZES[@]}"; do
  python3 - "$n" "$WORK/api-$n.json" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
verdicts = ["False", "Mostly true", "Engañoso", "Odd"]
claims = [{
    "text": f"Claim number {i} &amp; more", "claimant": f"Speaker {i % 500}",
    "claimDate": f"20{10 + i % 15:02}-0{1 + i % 9}-1{i % 10}",
    "claimReview": [{"publisher": {"name": "Desk", "site": "desk.example.net"},
                     "url": f"https://desk.example.net/{i}", "title": f"Review {i}",
                     "reviewDate": "2024-01-01", "textualRating": verdicts[i % 4]}]}
    for i in range(n)]
json.dump({"claims": claims}, open(path, "w"))
PY
  site="$WORK/site-$n"
  "$DIGEST_BIN" init --quiet "$site"
  time_it() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
  first=$(time_it "$DIGEST_BIN" import --root "$site" "$WORK/api-$n.json")
  again=$(time_it "$DIGEST_BIN" import --root "$site" "$WORK/api-$n.json")
  check=$(time_it "$DIGEST_BIN" check --root "$site")
  size=$(du -k "$WORK/api-$n.json" | cut -f1)
  printf "N=%-7s input %6s KiB   import %6.2f s   again (all duplicates) %6.2f s   check %6.2f s\n" \
    "$n" "$size" "$first" "$again" "$check"
done
