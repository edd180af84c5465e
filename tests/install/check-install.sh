#!/usr/bin/env bash
# cmake --install into an empty prefix, then the installed cardscan: it reads
# a sample card with the model installed beside it (its --version names that
# folder, not the build's), and the man page and bash completion are there.
# Nothing of the build folder is moved or changed.
# Usage: check-install.sh BUILD_DIR SAMPLES_DIR
set -euo pipefail
build=${1:?usage: check-install.sh BUILD_DIR SAMPLES_DIR}
samples=${2:?usage: check-install.sh BUILD_DIR SAMPLES_DIR}
prefix=$(mktemp -d "${TMPDIR:-/tmp}/cardscan-install-XXXXXX")
trap 'rm -rf "$prefix"' EXIT
fail() { echo "check-install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
bin=$prefix/bin/cardscan
[ -x "$bin" ] || fail "no $bin"
[ -f "$prefix/share/cardscan/tessdata/Latin.traineddata" ] || fail "no model under share/cardscan/tessdata"
man=$prefix/share/man/man1/cardscan.1
[ -f "$man" ] || fail "no man page at $man"
grep -q '^\.TH CARDSCAN "1"' "$man" || fail "$man is not a section-1 man page"
grep -q 'Exit status' "$man" || fail "the man page does not document the exit statuses"
grep -q '^\.SH COMMANDS' "$man" && grep -q '^\.SS export' "$man" || fail "the man page does not describe each command"
completion=$prefix/share/bash-completion/completions/cardscan
[ -f "$completion" ] || fail "no bash completion at $completion"

run() { env -u CARDSCAN_TESSDATA XDG_CONFIG_HOME="$prefix/no-config" "$bin" "$@"; }
version=$(run --version)
grep -qx "OCR model: $prefix/share/cardscan/tessdata" <<<"$version" ||
  fail "the installed binary does not use its installed model: $version"
json=$(run scan --no-store --json "$samples/img_001.jpg")
grep -q '"emails":\["[^"]*@' <<<"$json" || fail "the installed binary read no e-mail from img_001.jpg: $json"

# The completion offers subcommands and options read from the installed binary's --help.
words=$(bash -c 'source "$1"; COMP_WORDS=("$2" con); COMP_CWORD=1; _cardscan; echo "${COMPREPLY[*]}";
                 COMP_WORDS=("$2" scan --follow); COMP_CWORD=2; _cardscan; echo "${COMPREPLY[*]}"' _ "$completion" "$bin")
[ "$words" = $'contacts\n--followup-time' ] || fail "bash completion offered: $words"
echo "check-install: $bin reads cards with $prefix/share/cardscan/tessdata; man page and completion installed"
