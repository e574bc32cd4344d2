#!/usr/bin/env bash
# tests/bench/run.sh - `make bench`: throughput of libsmmod with the shipped
# default ruleset, stage by stage and end to end, compile time, peak RSS,
# allocations per scan, scaling from 1,000 to 100,000 generated terms, and
# -j 1 against -j 2. Prints figures only: nothing passes or fails here
# (timings depend on the machine; the targets of issue 8 are shown beside).
#
#   bash tests/bench/run.sh [CORPUS] [BIG_CORPUS]
#
# CORPUS (default ../shared/bench/peers/corpus/germeval.txt) is scanned by
# the in-process benchmark; BIG_CORPUS (default big.txt beside it, else
# CORPUS) by the CLI for peak RSS and the -j scaling. Both are made by
# ../shared/bench/peers/make_corpus.sh. BUILD selects the build (build).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
CORPUS=${1:-../shared/bench/peers/corpus/germeval.txt}
BIG=${2:-$(dirname "$CORPUS")/big.txt}
[ -f "$BIG" ] || BIG=$CORPUS
BENCH=$BUILD/bench/bench_scan
SMMOD=$BUILD/bin/smmod
if [ ! -f "$CORPUS" ]; then
    echo "no corpus $CORPUS: run bash ../shared/bench/peers/make_corpus.sh" >&2
    exit 2
fi
for f in "$BENCH" "$SMMOD"; do
    [ -x "$f" ] || { echo "missing $f: run make first" >&2; exit 2; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== default ruleset, in process, CPU time of one thread =="
"$BENCH" "$CORPUS" rules/de/default.rules 3
echo "  (targets: end to end >= 50% of hyperscan-utf8 MB/s, compile <= 50 ms,"
echo "   0 allocations per scan)"

echo
echo "== smmod scan --stats on $BIG =="
bytes=$(wc -c < "$BIG")
lines=$(wc -l < "$BIG")
wall() { # ARGS... -> wall seconds of smmod scan (best of 2); peak RSS in $TMP/rss
    local best=
    for _ in 1 2; do
        /usr/bin/time -f '%e %M' -o "$TMP/time" "$SMMOD" scan "$@" "$BIG" > /dev/null
        read -r s rss < "$TMP/time"
        echo "$rss" > "$TMP/rss"
        best=$(awk -v a="$s" -v b="${best:-1e9}" 'BEGIN { print (a < b ? a : b) }')
    done
    echo "$best"
}
report() { # LABEL SECONDS
    awk -v l="$1" -v s="$2" -v b="$bytes" -v n="$lines" 'BEGIN {
        if (s <= 0) s = 0.01
        printf "  %-22s %7.2f s %8.1f MB/s %11.0f comments/s\n", l, s, b / s / 1e6, n / s }'
}
s1=$(wall --stats -j 1); report "--stats -j 1" "$s1"
echo "  peak RSS -j 1: $(cat "$TMP/rss") KB (target <= 65536 KB)"
s2=$(wall --stats -j 2); report "--stats -j 2" "$s2"
awk -v a="$s1" -v b="$s2" 'BEGIN { if (b <= 0) b = 0.01
    printf "  speed-up -j 2 / -j 1: %.2f (target >= 1.8; %d CPUs here)\n", a / b, '"$(nproc)"' }'

echo
echo "== scaling with generated terms (words only, folded view) =="
gen() { # N FILE: N distinct pseudo-random lower-case terms, 6-12 letters
    awk -v n="$1" 'BEGIN {
        srand(8); seen[""] = 1
        while (count < n) {
            len = 6 + int(rand() * 7); t = ""
            for (i = 0; i < len; i++) t = t substr("abcdefghijklmnopqrstuvwxyz", 1 + int(rand() * 26), 1)
            if (!(t in seen)) { seen[t] = 1; print t; count++ }
        }
    }' > "$2"
}
for n in 1000 100000; do
    gen "$n" "$TMP/terms$n.txt"
    printf 'category gen label "generated"\nwords gen id gen.terms score 50 file "terms%s.txt"\n' \
        "$n" > "$TMP/gen$n.rules"
    r=$("$BENCH" -s "$CORPUS" "$TMP/gen$n.rules" 3)
    echo "  $n terms: $r"
    eval "mbps$n=$(echo "$r" | sed -n 's/.*mbps=\([0-9.]*\).*/\1/p')"
    eval "ms$n=$(echo "$r" | sed -n 's/.*compile_ms=\([0-9.]*\).*/\1/p')"
done
awk -v a="$mbps1000" -v b="$mbps100000" -v c="$ms1000" -v d="$ms100000" 'BEGIN {
    printf "  100k / 1k speed: %.2f (target >= 0.75)\n", b / a
    printf "  compile ms per 1,000 terms: %.1f at 1k, %.1f at 100k (linear if equal)\n", c, d / 100 }'
