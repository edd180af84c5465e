#!/usr/bin/env bash
# The figures issue 15 asks for, in one run: the bad-input corpus's size and
# outcomes (errors in words, crashes, hangs, phantom contacts), then the runs
# and executions per second of every fuzz target (tools/fuzz.sh SECONDS).
#   tools/hardening-report.sh [SECONDS] [TARGET...]   default 600 s per target, every target
# Needs the plain build in build/ (or CARDSCAN_BUILD=DIR) with test_tools and
# cardscan built; clang 16 for the fuzz targets. Exits non-zero if the corpus
# test fails, hangs, or a fuzz target finds something.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
build=${CARDSCAN_BUILD:-build}
if [ ! -x "$build/tests/test_tools" ] || [ ! -x "$build/tools/cardscan" ]; then
  echo "hardening-report: build test_tools and cardscan in $build first" >&2
  exit 2
fi

status=0
# The corpus is made by the test itself (tests/tools/test_bad_input.cpp); a
# scan that does not finish within the limit counts as a hang.
limit=600
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
rc=0
OMP_THREAD_LIMIT=1 timeout "$limit" "$build/tests/test_tools" "[badinput]" >"$log" 2>&1 || rc=$?
elapsed=$(($(date +%s) - start))
line=$(grep -o 'bad-input corpus: .*' "$log" | tail -1 || true)
if [ "$rc" -eq 124 ]; then
  echo "bad-input corpus: 1 hang (no result within $limit s)"
  status=1
elif [ -z "$line" ]; then
  echo "bad-input corpus: the test printed no figures (exit $rc):"
  cat "$log"
  status=1
else
  echo "${line/ crashes, / crashes, 0 hangs, } (in $elapsed s)"
  if [ "$rc" -ne 0 ]; then
    echo "bad-input corpus: the test failed (exit $rc):"
    cat "$log"
    status=1
  fi
fi

tools/fuzz.sh "$seconds" "$@" || status=$?
exit "$status"
