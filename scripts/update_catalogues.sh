#!/bin/sh
# Extract the reader's strings, merge them into every catalogue and compile the .mo files.
# Run from the repository root after changing a user-facing string; commit the .pot, the .po
# and the .mo files (tests/test_i18n.py checks that each .mo says what its .po says).
set -eu
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
LOCALES=reader/locale
"$PYBABEL" extract -F babel.cfg --no-location --sort-output \
    -k N_ -k ngettext:1,2 -k pgettext:1c,2 -o "$LOCALES/reader.pot" .
for po in "$LOCALES"/*/LC_MESSAGES/reader.po; do
    lang=$(basename "$(dirname "$(dirname "$po")")")
    "$PYBABEL" update --no-fuzzy-matching \
        -i "$LOCALES/reader.pot" -d "$LOCALES" -D reader -l "$lang"
done
"$PYBABEL" compile -d "$LOCALES" -D reader --statistics
