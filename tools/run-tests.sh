#!/usr/bin/env bash
# Installs dependencies, builds cardscan with warnings as errors and runs the
# whole Catch2 suite through ctest, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
jobs=$(nproc)

echo "== build (warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARDSCAN_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== build with ASan + UBSan"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARDSCAN_WERROR=ON -DCARDSCAN_SANITIZE=ON \
  -DCARDSCAN_NPM_DIR="$PWD/build/npm" >/dev/null
cmake --build build-asan -j "$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# libFuzzer smoke: each target of fuzz/ for 20 s (the build takes about 8 min
# on 2 cores, 1 min with a warm ccache). tools/fuzz.sh exits 77 without clang 16.
echo "== fuzz smoke (20 s per target)"
fuzz_status=0
tools/fuzz.sh 20 || fuzz_status=$?
if [ "$fuzz_status" -eq 77 ]; then
  echo "fuzz: skipped (no clang 16)"
elif [ "$fuzz_status" -ne 0 ]; then
  exit "$fuzz_status"
fi
