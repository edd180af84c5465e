#!/usr/bin/env bash
# Installs dependencies, builds cardscan with warnings as errors and runs the
# whole Catch2 suite through ctest, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the store, watch and worker-pool tests
# under ThreadSanitizer, then each fuzz target for a short time. Exits
# non-zero if anything fails; a test tool that is missing is a failure here,
# never a skip (CARDSCAN_REQUIRE_TEST_TOOLS: ical.js and node for the exports'
# second parser, Chromium, node and playwright-core for the review page;
# tools/install-deps.sh installs them all and checks that they run).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
jobs=$(nproc)

# Line tables only (-g1) in every build here: test reports and sanitizer
# stacks keep function, file and line, and full debug info was a third of
# the compile time (parse/field_finders.cpp: 11.7 s -> 8.2 s at -O2).
echo "== build (warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DCARDSCAN_WERROR=ON -DCARDSCAN_REQUIRE_TEST_TOOLS=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"

# The sanitizer builds are at -O1, as the sanitizers advise: with -g1 each
# file compiles in under half the time -O2 -g takes under ASan
# (parse/field_finders.cpp 42.5 s -> 21.7 s of CPU, tests/parse/test_extract.cpp
# 28.9 s -> 12.8 s), and the ASan build was the largest share of the CI budget.
sanitizer_flags="-O1 -g1 -DNDEBUG"
echo "== build with ASan + UBSan"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_flags" \
  -DCARDSCAN_WERROR=ON -DCARDSCAN_SANITIZE=ON -DCARDSCAN_REQUIRE_TEST_TOOLS=ON -DCARDSCAN_NPM_DIR="$PWD/build/npm" >/dev/null
cmake --build build-asan -j "$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# ThreadSanitizer: only what the store, watch and worker-pool tests need
# (the cardscan binary the watch tests run, test_store, test_tools), and only
# those tests, at -O1 (TSan's advice: quicker to build, stacks that read), so
# the stage stays a few minutes. halt_on_error: the first race fails the test
# (a child cardscan exits 66). Each suppression in tools/tsan.supp says which
# uninstrumented library it is for and why.
echo "== build with ThreadSanitizer (store, watch, worker pool)"
start=$(date +%s)
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_flags" \
  -DCARDSCAN_WERROR=ON -DCARDSCAN_TSAN=ON -DCARDSCAN_REQUIRE_TEST_TOOLS=ON -DCARDSCAN_NPM_DIR="$PWD/build/npm" >/dev/null
cmake --build build-tsan -j "$jobs" --target cardscan test_store test_tools
echo "tsan: built in $(($(date +%s) - start)) s"
echo "== store, watch and worker-pool tests under ThreadSanitizer"
# The watch tests spend most of their time waiting for files to settle, so
# the fuzz targets are built meanwhile (about 5 minutes of the CI budget).
mkdir -p build-fuzz
tools/fuzz.sh build >build-fuzz/build.log 2>&1 &
fuzz_build=$!
trap 'kill "$fuzz_build" 2>/dev/null || true' EXIT
start=$(date +%s)
# The tests are picked by their Catch2 tags, so a new watch or worker-pool
# test is in this stage without editing it.
(
  export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 suppressions=$PWD/tools/tsan.supp"
  export OMP_THREAD_LIMIT=1 CARDSCAN_SLOW_TESTS=1
  build-tsan/tests/test_store
  build-tsan/tests/test_tools "[watch],[worker-pool]"
)
echo "tsan: tests in $(($(date +%s) - start)) s"

# libFuzzer smoke: each target of tests/fuzz/ for 20 s (the build takes about 8 min
# on 2 cores, 1 min with a warm ccache). Without clang 16 (exit 77) this
# fails: install-deps.sh installs it, so its absence is breakage, not a skip.
echo "== fuzz smoke (20 s per target)"
if ! wait "$fuzz_build"; then
  cat build-fuzz/build.log
  exit 1
fi
cat build-fuzz/build.log
tools/fuzz.sh 20
