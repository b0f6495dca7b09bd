#!/usr/bin/env bash
# Runs ../shared/tools/check_claimreview.py on an output folder and accepts only the errors an
# honest ClaimReview makes where the content has nothing to say (issue 15): no claim author when
# the entry names no claimant, no appearance address when the source has none, a claim date known
# only to the month or year (itemReviewed.datePublished "2024-06" or "2024", ISO 8601 at reduced
# precision, valid for schema.org). Any other error fails. (tests/common/tools.rs applies the same rule in the tests.)
set -uo pipefail
report="$(python3 "$(dirname "$0")/../../shared/tools/check_claimreview.py" "$@")"
status=$?
printf '%s\n' "$report"
[[ $status -eq 0 ]] && exit 0
other="$(printf '%s\n' "$report" | sed -n '/^ERRORS (/,/^WARNINGS (/p' | grep -E '^\s+- ' \
  | grep -v 'itemReviewed.author: missing' | grep -vE 'appearance.*has no absolute url' \
  | grep -vE " itemReviewed\.datePublished: '[0-9]{4}(-[0-9]{2})?' is not an ISO 8601 date \(" || true)"
if [[ -n "$other" ]]; then
  echo "!! ClaimReview errors beyond the honest omissions:"; printf '%s\n' "$other"; exit 1
fi
echo "== ClaimReview: only honest omissions (no claimant named, no source address, month or year dates)"
