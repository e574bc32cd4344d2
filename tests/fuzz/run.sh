#!/usr/bin/env bash
# tests/fuzz/run.sh - builds the libFuzzer targets with clang
# (-fsanitize=fuzzer,address,undefined) into $FUZZ_BUILD (build-fuzz) and
# runs each for a while.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]   each target SECONDS (60)
#   tests/fuzz/run.sh --smoke [TARGET...]     each target 12 s (for .ci/run)
#   tests/fuzz/run.sh --build [TARGET...]     build only
#
# Targets: rules scan norm csv json (tests/fuzz/fuzz_<target>.c). The
# committed seeds in tests/fuzz/corpus/<target>/ (including the reproducers
# of bugs found, named regress-*) are read every run; what libFuzzer learns
# goes to $FUZZ_BUILD/corpus/<target>/ and crashes to
# $FUZZ_BUILD/artifacts/. Prints one line per target with its executions
# and exits non-zero when any target found a crash, leak or broken
# invariant.
set -u
cd "$(dirname "$0")/../.."
FB=${FUZZ_BUILD:-build-fuzz}
CLANG=${CLANG:-clang-14}
ALL_TARGETS=(rules scan norm csv json)

secs=60 build_only=0
case "${1:-}" in
--smoke) secs=12; shift ;;
--build) build_only=1; shift ;;
[0-9]*) secs=$1; shift ;;
esac
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")

command -v "$CLANG" >/dev/null || { echo "fuzz: $CLANG missing" >&2; exit 1; }

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# The library and the CLI objects: instrumented for coverage, not linked
# with libFuzzer's main.
CLI_SRCS=$(ls examples/smmod/*.c | grep -v '/main\.c$')
CLI_OBJS=$(for f in $CLI_SRCS; do echo "$FB/obj/${f%.c}.o"; done)
make -s BUILD="$FB" CC="$CLANG" OPT=-O1 \
    SANFLAGS="$SAN -fsanitize=fuzzer-no-link" "$FB/lib/libsmmod.a" $CLI_OBJS ||
    exit 1

PKGS="libpcre2-8 icu-uc icu-i18n libutf8proc jansson zlib"
LIBS="$(pkg-config --libs $PKGS) -lcsv -lpthread"
mkdir -p "$FB/bin" "$FB/artifacts"
build_target() { # build_target NAME
    local t=$1 objs=""
    case $t in csv | json) objs=$CLI_OBJS ;; esac
    "$CLANG" -std=c11 -Wall -Wextra -Werror -O1 -g -D_GNU_SOURCE \
        $SAN -fsanitize=fuzzer -Iinclude -Ilib -Iexamples/smmod \
        $(pkg-config --cflags jansson) -o "$FB/bin/fuzz_$t" \
        "tests/fuzz/fuzz_$t.c" $objs "$FB/lib/libsmmod.a" $LIBS
}
for t in "${targets[@]}"; do
    [ -f "tests/fuzz/fuzz_$t.c" ] || { echo "fuzz: no target $t" >&2; exit 2; }
    build_target "$t" || exit 1
done
[ $build_only = 1 ] && exit 0

max_len() {
    case $1 in
    norm) echo 1024 ;; scan) echo 4096 ;; *) echo 8192 ;;
    esac
}
dict() {
    case $1 in
    rules | csv | json) echo "-dict=tests/fuzz/$1.dict" ;;
    esac
}

failed=0
nfail=0
for t in "${targets[@]}"; do
    work="$FB/corpus/$t"
    log="$FB/fuzz_$t.log"
    mkdir -p "$work"
    # detect_leaks: each input must free what it allocates (ASan checks
    # after every input that allocated more than it freed).
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1 \
        "$FB/bin/fuzz_$t" "$work" "tests/fuzz/corpus/$t" $(dict "$t") \
        -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 \
        -rss_limit_mb=2560 -print_final_stats=1 \
        -artifact_prefix="$FB/artifacts/$t-" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        echo "ok   fuzz_$t: ${execs:-?} executions in ${secs}s, $cov"
    else
        failed=1
        nfail=$((nfail + 1))
        echo "FAIL fuzz_$t (exit $rc): see $log; reproduce with"
        echo "     $FB/bin/fuzz_$t $FB/artifacts/$t-*"
        grep -m1 -E 'ERROR|invariant failed|runtime error|Sanitizer' "$log"
    fi
done
echo "fuzz: $((${#targets[@]} - nfail)) passed, $nfail failed"
exit $failed
