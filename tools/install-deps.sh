#!/usr/bin/env bash
# Installs every build, run and test dependency of cardscan from Debian 12's
# archive. Idempotent: packages already present are left alone. Needs root
# (or sudo). Nothing is fetched from anywhere but the Debian archive.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd
  tesseract-ocr-script-latn
  tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-ita
  tesseract-ocr-vie  # national model: cards the evidence places in Vietnam are read again with it
  libtesseract-dev libleptonica-dev
  libphonenumber-dev libicu-dev libprotobuf-dev
  libcld2-dev  # the language a card is printed in (parse/card_language.cpp)
  libpsl-dev publicsuffix  # the Public Suffix List: TLDs and registrable domains in parse
  libsqlite3-dev libssl-dev libexif-dev
  libjpeg-dev libwebp-dev  # JPEG decoded with libjpeg (cut data is an error); animated WebP's first frame
  libzxing-dev libheif-dev libheif-examples
  catch2 libcli11-dev nlohmann-json3-dev
  python3 python3-vobject
  nodejs  # ical.js, the second vCard/iCalendar parser of the export tests (npm below)
  help2man    # the man page, generated from --help at build time
  dpkg-dev    # cpack -G DEB: dpkg-shlibdeps names the Debian packages of the shared libraries
  bsdutils    # script(1): the progress bar test runs scan on a terminal
  libcurl4-openssl-dev libpugixml-dev  # cardscan sync: HTTP/TLS and WebDAV XML
  radicale  # the sync tests run a real CardDAV/CalDAV server
  tzdata  # time zone rules: follow-up due dates and the DST tests (TZ=America/New_York, ...)
  libcpp-httplib-dev  # the review page's HTTP server (cardscan serve)
  chromium            # the review page's end-to-end test (headless)
  clang-16 libclang-rt-16-dev  # libFuzzer targets (tools/fuzz.sh); clang 14 cannot compile std::expected
  wamerican wbritish wfrench wspanish witalian wportuguese wbrazilian wdutch wngerman  # word lists: ordinary words vs names in parse
)

# npm packages, pinned, into a folder of the build (never globally): the
# store tests read every export back with ical.js; playwright-core drives
# Debian's /usr/bin/chromium in the review page's end-to-end test (it
# downloads no browser of its own). CARDSCAN_NPM_DIR must match the CMake
# cache variable of the same name (default: BUILD/npm).
repo=$(cd "$(dirname "$0")/.." && pwd)
npm_dir=${CARDSCAN_NPM_DIR:-$repo/build/npm}
icaljs_version=2.2.1
playwright_version=1.65.1
install_npm_tools() {
  local name version
  for package in "ical.js@$icaljs_version" "playwright-core@$playwright_version"; do
    name=${package%@*} version=${package##*@}
    if [ -f "$npm_dir/node_modules/$name/package.json" ] &&
      grep -q "\"version\": \"$version\"" "$npm_dir/node_modules/$name/package.json"; then
      continue
    fi
    echo "install-deps: installing $name $version into $npm_dir"
    mkdir -p "$npm_dir"
    npm install --silent --no-audit --no-fund --prefix "$npm_dir" "$package" >/dev/null
  done
}

# What CARDSCAN_REQUIRE_TEST_TOOLS (on in tools/run-tests.sh) needs, checked
# to run, not only to be installed: node loads ical.js and playwright-core
# (playwright-core stops at load on a node older than it supports: 1.65 needs
# Node.js 20, Debian 12's own nodejs is 18) and Debian's Chromium starts. A
# failure here names the tool, instead of a test failing later for it.
check_test_tools() {
  local problems=()
  if ! command -v node >/dev/null 2>&1; then
    problems+=("node not found")
  else
    node -e 'require(process.argv[1])' "$npm_dir/node_modules/ical.js" >/dev/null 2>&1 ||
      problems+=("node $(node --version) cannot load ical.js from $npm_dir")
    node -e 'require(process.argv[1])' "$npm_dir/node_modules/playwright-core" >/dev/null 2>&1 ||
      problems+=("node $(node --version) cannot load playwright-core $playwright_version from $npm_dir (it needs Node.js 20 or later)")
  fi
  /usr/bin/chromium --version >/dev/null 2>&1 || problems+=("/usr/bin/chromium does not run")
  if [ ${#problems[@]} -gt 0 ]; then
    printf 'install-deps: error: %s\n' "${problems[@]}" >&2
    exit 1
  fi
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Debian's npm, unless node came with its own (nodesource builds ship npm
# inside the nodejs package and conflict with Debian's).
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_npm_tools
  check_test_tools
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_npm_tools
check_test_tools
echo "install-deps: done"
