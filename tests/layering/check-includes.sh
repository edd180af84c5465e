#!/usr/bin/env bash
# The layering of DESIGN.md, checked on the sources: each folder's files
# include the project's headers only from the folders it may depend on, so
# arrows only point down the flow (parse sees ocr's plain page type and
# nothing of OpenCV or Tesseract; store never sees capture or ocr; ocr never
# sees capture; a tools wing sees the stages and the wings below it).
# tools/cli/main.cpp is the executable itself, on top of every wing; tests/,
# tests/fuzz/ and parse/fit/ (offline tools) may use anything.
# Usage: check-includes.sh SOURCE_DIR    (exit 1 and one line per include out of place)
set -euo pipefail
src=${1:?usage: check-includes.sh SOURCE_DIR}
cd "$src"

# folder: what its includes may start with (its own folder is always allowed).
declare -A allowed=(
  [capture]=""
  [ocr]=""
  [parse]="ocr/page.hpp"
  [store]="parse/"
  [tools/pipeline]="capture/ ocr/ parse/"
  [tools/cli]="capture/ ocr/ parse/ store/ tools/pipeline/"
  [tools/watch]="capture/ ocr/ parse/ store/ tools/pipeline/ tools/cli/"
  [tools/bench]="capture/ ocr/ parse/ store/ tools/pipeline/ tools/cli/"
  [tools/sync]="capture/ ocr/ parse/ store/ tools/pipeline/ tools/cli/"
  [tools/serve]="capture/ ocr/ parse/ store/ tools/pipeline/ tools/cli/"
)

bad=0
for folder in "${!allowed[@]}"; do
  [ -d "$folder" ] || continue
  while IFS= read -r file; do
    case $file in parse/fit/* | tools/cli/main.cpp) continue ;; esac
    while IFS=: read -r line target; do
      ok=0
      for prefix in "$folder/" ${allowed[$folder]}; do
        [[ $target == "$prefix"* ]] && ok=1
      done
      # Headers the build generates or that sit beside the file (no folder) are the folder's own.
      [[ $target != */* ]] && ok=1
      if [ $ok = 0 ]; then
        echo "$file:$line: includes \"$target\": $folder/ may include only from: $folder/ ${allowed[$folder]}"
        bad=1
      fi
    done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" | sed -E 's/^([0-9]+):[^"]*"([^"]+)".*/\1:\2/')
  done < <(find "$folder" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)
done
exit $bad
