#!/usr/bin/env bash
# Builds cardscan's OCR model from Debian's Tesseract data: the Latin script
# model (reads every Latin-alphabet language, accents included) with its
# 88 MB all-languages word list replaced by the union of the English,
# German, French, Spanish, Portuguese and Italian word lists (8 MB). The
# dictionary still steers recognition towards real words, at a tenth of the
# memory per OCR worker. Nothing is downloaded: everything comes from the
# tesseract-ocr-* packages. The national models cards are read again with
# (vie: see ocr::Engine::with_model) are copied beside it as they are.
# Usage: make-tessdata.sh OUTPUT_DIR
set -euo pipefail
out=${1:?usage: make-tessdata.sh OUTPUT_DIR}
src=${TESSDATA_SOURCE:-/usr/share/tesseract-ocr/5/tessdata}
for f in Latin eng deu fra spa por ita vie; do
  [ -f "$src/$f.traineddata" ] || { echo "make-tessdata: $src/$f.traineddata missing (run tools/install-deps.sh)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
combine_tessdata -u "$src/Latin.traineddata" Latin. >/dev/null 2>&1
for lang in eng deu fra spa por ita; do
  combine_tessdata -u "$src/$lang.traineddata" "$lang." >/dev/null 2>&1
  dawg2wordlist "$lang.lstm-unicharset" "$lang.lstm-word-dawg" "$lang.words" >/dev/null 2>&1
done
LC_ALL=C sort -u eng.words deu.words fra.words spa.words por.words ita.words > words
rm Latin.lstm-word-dawg
wordlist2dawg words Latin.lstm-word-dawg Latin.lstm-unicharset >/dev/null 2>&1
combine_tessdata Latin. >/dev/null 2>&1 || { echo "make-tessdata: combine_tessdata failed" >&2; exit 1; }
mkdir -p "$out"
mv Latin.traineddata "$out/Latin.traineddata.tmp"
cp "$src/vie.traineddata" "$out/vie.traineddata"
mv "$out/Latin.traineddata.tmp" "$out/Latin.traineddata"
