#!/usr/bin/env bash
# Writes a help2man include file with a COMMANDS section: each subcommand's
# own --help, so the man page documents every command, not only the top level.
# Usage: man-commands.sh CARDSCAN OUTPUT
set -euo pipefail
bin=${1:?usage: man-commands.sh CARDSCAN OUTPUT}
out=${2:?usage: man-commands.sh CARDSCAN OUTPUT}
commands=$("$bin" --no-config --help | awk '/^Subcommands:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }')
{
  echo "[COMMANDS]"
  for command in $commands; do
    echo ".SS $command"
    echo ".nf"
    # roff: a backslash is \e; a line starting with . or ' is text, not a request.
    "$bin" --no-config "$command" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
    echo ".fi"
  done
} >"$out.tmp"
mv "$out.tmp" "$out"
