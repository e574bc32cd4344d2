#!/usr/bin/env bash
# Compare the built libsmmod.so.1 with the committed ABI baseline
# (tests/abi/libsmmod.abi, made by `abidw`). abidiff exits with bit 3 (8)
# set for incompatible changes; those fail. Compatible additions pass but
# are printed: refresh the baseline with
#   abidw --no-corpus-path --headers-dir include build/lib/libsmmod.so.1 > tests/abi/libsmmod.abi
set -u
lib=${BUILD:-build}/lib/libsmmod.so.1
base=tests/abi/libsmmod.abi
command -v abidiff >/dev/null || { echo "abidiff missing (apt-get install abigail-tools)" >&2; exit 1; }
[ -f "$base" ] || { echo "no ABI baseline $base" >&2; exit 1; }
abidiff --headers-dir2 include "$base" "$lib" > /tmp/smmod-abidiff.$$ 2>&1
rc=$?
if [ $((rc & 8)) -ne 0 ] || [ $((rc & 1)) -ne 0 ]; then
    cat /tmp/smmod-abidiff.$$; rm -f /tmp/smmod-abidiff.$$
    echo "incompatible ABI change against $base" >&2; exit 1
fi
[ $rc -ne 0 ] && cat /tmp/smmod-abidiff.$$
rm -f /tmp/smmod-abidiff.$$
exit 0
