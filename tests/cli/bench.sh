#!/usr/bin/env bash
# tests/cli/bench.sh - throughput of `smmod scan` (not a test: timings vary
# with the machine, so nothing here passes or fails).
#
#   BUILD=build bash tests/cli/bench.sh [CORPUS] [RULES]
#
# CORPUS: one comment a line (default: the 100 MB peers corpus, built by
# ../shared/bench/peers/make_corpus.sh). RULES: a rule file (default: the
# shipped default ruleset). Prints MB/s and comments/s of --stats with
# -j 1 and -j 2, and of JSON Lines in and out, and the two ratios issue 6
# asks for (-j 2 / -j 1 >= 1.8, JSONL / --stats >= 0.5).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
SMMOD=$BUILD/bin/smmod
CORPUS=${1:-$ROOT/../shared/bench/peers/corpus/big.txt}
RULES=${2:+--rules $2}
[ -f "$CORPUS" ] || { echo "no corpus $CORPUS (run make_corpus.sh)"; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the same comments as JSON Lines
python3 - "$CORPUS" "$TMP/corpus.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8", errors="replace") as f, \
        open(sys.argv[2], "w", encoding="utf-8") as o:
    for i, line in enumerate(f):
        o.write(json.dumps({"id": i, "text": line.rstrip("\n")}, ensure_ascii=False) + "\n")
PY
bytes=$(wc -c < "$CORPUS")
lines=$(wc -l < "$CORPUS")
run() { # LABEL ARGS... -> seconds (best of 2)
    local best=
    for _ in 1 2; do
        local t0 t1
        t0=$(date +%s.%N)
        "$SMMOD" scan $RULES "$@" > /dev/null
        t1=$(date +%s.%N)
        best=$(echo "$t0 $t1 ${best:-999999}" | awk '{ d = $2 - $1; print (d < $3 ? d : $3) }')
    done
    echo "$best"
}
report() { # LABEL SECONDS
    awk -v l="$1" -v s="$2" -v b="$bytes" -v n="$lines" \
        'BEGIN { printf "%-28s %7.2f s %8.1f MB/s %10.0f comments/s\n", l, s, b / s / 1e6, n / s }'
}
s1=$(run --stats -j 1 "$CORPUS"); report "--stats text -j 1" "$s1"
s2=$(run --stats -j 2 "$CORPUS"); report "--stats text -j 2" "$s2"
j1=$(run -j 1 "$TMP/corpus.jsonl"); report "jsonl in+out -j 1" "$j1"
j2=$(run -j 2 "$TMP/corpus.jsonl"); report "jsonl in+out -j 2" "$j2"
awk -v a="$s1" -v b="$s2" -v c="$j1" -v d="$j2" 'BEGIN {
    printf "speed-up -j 2 / -j 1: %.2f (target >= 1.8)\n", a / b
    printf "jsonl / --stats text, comments/s: -j 1 %.2f, -j 2 %.2f (target >= 0.5)\n", a / c, b / d }'
