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
  libtesseract-dev libleptonica-dev
  libphonenumber-dev libicu-dev libprotobuf-dev
  libsqlite3-dev libssl-dev libexif-dev
  libzxing-dev libheif-dev libheif-examples
  catch2 libcli11-dev nlohmann-json3-dev
  python3 python3-vobject
  tzdata  # time zone rules: follow-up due dates and the DST tests (TZ=America/New_York, ...)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
