#!/usr/bin/env bash
# The shared library exports exactly the committed list of symbols
# (tests/abi/symbols.txt), all named smmod_*, under node LIBSMMOD_1.0.
set -eu
lib=${BUILD:-build}/lib/libsmmod.so
got=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' | grep -v '^LIBSMMOD' | sort)
if ! diff <(echo "$got") tests/abi/symbols.txt; then
    echo "exported symbols differ from tests/abi/symbols.txt (< built, > committed)" >&2
    exit 1
fi
if echo "$got" | grep -v '^smmod_[a-z]'; then
    echo "symbols above do not follow the smmod_* naming" >&2; exit 1
fi
objdump -T "$lib" | grep -q 'LIBSMMOD_1.0' || { echo "no LIBSMMOD_1.0 version node" >&2; exit 1; }
readelf -d "$lib" | grep -q 'SONAME.*libsmmod.so.1\]' || { echo "SONAME is not libsmmod.so.1" >&2; exit 1; }
