#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ (clang 16, ASan + UBSan) into
# build-fuzz/ and runs each for SECONDS (default 60), one after the other,
# each on its own corpus in build-fuzz/corpus/NAME (seeded on the first run).
# Prints each target's executions per second; exits non-zero on a finding
# (the crashing input is left in build-fuzz/ as crash-*).
#   tools/fuzz.sh [SECONDS] [TARGET...]     e.g. tools/fuzz.sh 600   or   tools/fuzz.sh 20 qr_payload
#   tools/fuzz.sh build [TARGET...]         builds only (run-tests.sh builds while other tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse qr_payload exports image)

cxx=$(command -v clang++-16 || command -v clang++-17 || command -v clang++-18 || true)
if [ -z "$cxx" ]; then
  echo "fuzz: clang++-16 not found (apt-get install clang-16 libclang-rt-16-dev)" >&2
  exit 77
fi
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARDSCAN_FUZZ=ON \
  -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" >/dev/null
start=$(date +%s)
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
echo "fuzz: built in $(($(date +%s) - start)) s"
[ "$seconds" != build ] || exit 0

status=0
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  [ -n "$(ls -A "$corpus")" ] || cp tests/fuzz/seeds/"$t"/* "$corpus"/ 2>/dev/null || true
  log=build-fuzz/fuzz_$t.log
  # parse reads at most 1024 bytes (kMaxInput in fuzz_parse.cpp: twice a card's page).
  max_len=()
  [ "$t" = parse ] && max_len=(-max_len=1024)
  if (cd build-fuzz && ./tests/fuzz/fuzz_"$t" -max_total_time="$seconds" -rss_limit_mb=2560 -timeout=10 "${max_len[@]}" \
    -print_final_stats=1 "corpus/$t") >"$log" 2>&1; then
    result=ok
  else
    result="FINDING (see $log)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  echo "fuzz: $t: $runs runs in ${seconds} s, $rate exec/s: $result"
done
exit $status
