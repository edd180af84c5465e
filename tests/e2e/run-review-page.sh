#!/usr/bin/env bash
# End-to-end test of `cardscan serve` in Debian's headless Chromium, driven by
# playwright-core (installed by tools/install-deps.sh into the build's npm
# folder; never fetched here). ctest runs:
#   run-review-page.sh CARDSCAN NODE_MODULES SCREENSHOT_DIR SOURCE_DIR
# Exit 77 (skipped) when Chromium, node or playwright-core is not installed;
# exit 1 instead when CARDSCAN_REQUIRE_TEST_TOOLS=1 (CI: a skip would hide breakage).
set -euo pipefail
cardscan=$1 node_modules=$2 shots=$3 source=$4
here=$(cd "$(dirname "$0")" && pwd)

modules=""
# A second build folder (build-asan) may use the first one's npm folder.
for dir in "$node_modules" "$source/build/npm/node_modules"; do
  if [ -n "$dir" ] && [ -f "$dir/playwright-core/package.json" ]; then modules=$dir; break; fi
done
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null || [ -z "$modules" ]; then
  need="needs /usr/bin/chromium, node and playwright-core in $node_modules (tools/install-deps.sh installs them)"
  if [ "${CARDSCAN_REQUIRE_TEST_TOOLS:-0}" = 1 ]; then
    echo "error: $need; CARDSCAN_REQUIRE_TEST_TOOLS is on, so this fails instead of being skipped" >&2
    exit 1
  fi
  echo "skipped: $need"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cardscan-e2e-XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$cardscan" --db "$work/cards.db" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "cardscan serve printed no address"; cat "$work/serve.err"; exit 1; }

mkdir -p "$shots"
HOME="$work" node "$here/review-page.cjs" "$url" "$modules" "$source/samples" "$shots"
