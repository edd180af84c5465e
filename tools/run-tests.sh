#!/usr/bin/env bash
# Installs dependencies, builds cardscan with warnings as errors and runs the
# whole Catch2 suite through ctest, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Exits non-zero if anything fails; a test tool
# that is missing is a failure here, never a skip (CARDSCAN_REQUIRE_TEST_TOOLS:
# ical.js and node for the exports' second parser, Chromium, node and
# playwright-core for the review page; tools/install-deps.sh installs them all
# and checks that they run).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
jobs=$(nproc)

echo "== build (warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARDSCAN_WERROR=ON -DCARDSCAN_REQUIRE_TEST_TOOLS=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== build with ASan + UBSan"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARDSCAN_WERROR=ON -DCARDSCAN_SANITIZE=ON \
  -DCARDSCAN_REQUIRE_TEST_TOOLS=ON -DCARDSCAN_NPM_DIR="$PWD/build/npm" >/dev/null
cmake --build build-asan -j "$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# libFuzzer smoke: each target of fuzz/ for 20 s (the build takes about 8 min
# on 2 cores, 1 min with a warm ccache). Without clang 16 (exit 77) this
# fails: install-deps.sh installs it, so its absence is breakage, not a skip.
echo "== fuzz smoke (20 s per target)"
tools/fuzz.sh 20
