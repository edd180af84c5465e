#!/usr/bin/env bash
# Installs dependencies, builds cardscan and runs the main job on samples/:
# scan every card into a store, list the next-day follow-ups, export vCards.
# The demo store and exports go to demo-output/ so a real store is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target cardscan

mkdir -p demo-output
db=demo-output/cardscan.db
echo "== cardscan scan samples/"
build/tools/cardscan --db "$db" scan samples/ --event "Samples demo" || true
echo
echo "== cardscan followups"
build/tools/cardscan --db "$db" followups
echo
echo "== cardscan export --vcard demo-output/contacts.vcf"
build/tools/cardscan --db "$db" export --vcard demo-output/contacts.vcf
echo "Import demo-output/contacts.vcf into Google Contacts, Apple Contacts or Outlook."
