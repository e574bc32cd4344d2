#!/usr/bin/env bash
# tests/tsan/run.sh - ThreadSanitizer run (`make tsan`): builds the library
# and the threaded suites (tests/unit/test_threads.c: 8 threads sharing
# one ruleset; tests/unit/test_reload.c: rulesets swapped in while threads
# scan) with -fsanitize=thread into $TSAN_BUILD (build-tsan), and runs
# them. Any reported race fails (halt_on_error).
set -u
cd "$(dirname "$0")/../.."
TB=${TSAN_BUILD:-build-tsan}
SUITES=(test_threads test_reload)
make -s BUILD="$TB" OPT=-O1 SANFLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
    "${SUITES[@]/#/$TB/tests/}" || exit 1
failed=0
nfail=0
for t in "${SUITES[@]}"; do
    if TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
        "$TB/tests/$t" > "$TB/$t.log" 2>&1; then
        echo "ok   tsan $t"
    else
        failed=1
        nfail=$((nfail + 1))
        echo "FAIL tsan $t (see $TB/$t.log)"
        grep -m3 -E 'WARNING: ThreadSanitizer|FAILED|ERROR' "$TB/$t.log"
    fi
done
echo "tsan: $((${#SUITES[@]} - nfail)) passed, $nfail failed"
exit $failed
