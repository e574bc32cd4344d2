#!/bin/sh
# tests/sweep/run.sh - the dictionary sweep (issue 4, item 5): every word of
# /usr/share/dict/ngerman goes through rules/de/default.rules; the flagged
# words must equal tests/sweep/expected-flagged.txt, a hand-reviewed list of
# words that really are offensive. Prints `sweep: N passed, M failed` and
# the unexpected words; exits non-zero on any difference.
#
#   BUILD=build tests/sweep/run.sh          (BUILD: the build directory)
#   tests/sweep/run.sh --write              (regenerate the list; review it!)
#
# Uses the Python bindings (bindings/python) on $BUILD's shared library.
# Part of libsmmod's German rulesets. Licence: MIT.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
DICT=${DICT:-/usr/share/dict/ngerman}
RULES=${RULES:-$ROOT/rules/de/default.rules}
EXPECTED=$ROOT/tests/sweep/expected-flagged.txt

if [ ! -r "$DICT" ]; then
    echo "sweep: $DICT not found (Debian package wngerman)" >&2
    exit 2
fi
lib=
for f in "$BUILD/lib/libsmmod.so.1" "$BUILD"/lib/libsmmod.so.1.*; do
    if [ -e "$f" ]; then lib=$f; break; fi
done
if [ -z "$lib" ]; then
    echo "sweep: no libsmmod.so.1 under $BUILD/lib (build it: make BUILD=...)" >&2
    exit 2
fi
SMMOD_LIBRARY=$lib PYTHONPATH=$ROOT/bindings/python${PYTHONPATH:+:$PYTHONPATH} \
    exec python3 "$ROOT/tests/sweep/sweep.py" "$RULES" "$DICT" "$EXPECTED" "$@"
