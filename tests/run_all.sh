#!/usr/bin/env bash
# Runs every test of libsmmod against the build in $BUILD (default build):
# the cmocka suites, the header and symbol checks, the ABI check, the rule
# files' own test lines, and the CLI, sweep and Python suites when present.
# Prints one line per suite and a final "check: N passed, M failed".
# SMMOD_VALGRIND=1 runs the C suites under valgrind memcheck.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
passed=0; failed=0; failures=()

run() { # run NAME COMMAND...
    local name=$1; shift
    if "$@"; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); failures+=("$name"); echo "FAIL $name"
    fi
}

VG=()
if [ "${SMMOD_VALGRIND:-0}" = 1 ]; then
    # --fair-sched=yes: valgrind runs one thread at a time, and with its
    # default lock a thread waiting in a sched_yield loop (test_reload's
    # reloader) could take the lock straight back and starve the threads
    # it waits for; once a CI run hung there for over ten minutes
    VG=(valgrind -q --fair-sched=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect)
fi

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run "$(basename "$t")" "${VG[@]}" "$t"
done

run header-c99-c++ bash tests/check_header.sh
run exported-symbols bash tests/check_symbols.sh
if [ -z "${SMMOD_SANITIZED:-}" ] && [ -z "${SMMOD_VALGRIND:-}" ]; then
    run abi-baseline bash tests/check_abi.sh
fi

for top in rules/*/*.rules; do
    # only the top files (not included by another file) are whole rulesets
    if ! grep -qsF "\"$(basename "$top")\"" "$(dirname "$top")"/*.rules; then
        run "rule-tests $top" "${VG[@]}" "$BUILD/bin/smmod" test "$top"
    fi
done

# Python-driven suites load the sanitized library into an uninstrumented
# interpreter: the ASan runtime must come first.
PYENV=()
if [ -n "${SMMOD_SANITIZED:-}" ]; then
    PYENV=(env "LD_PRELOAD=$(${CC:-cc} -print-file-name=libasan.so)"
           "ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}")
fi
[ -f tests/cli/run.sh ] && run tests/cli/run.sh bash tests/cli/run.sh
[ -f tests/sweep/run.sh ] && run tests/sweep/run.sh "${PYENV[@]}" bash tests/sweep/run.sh
[ -f tests/python/run.sh ] && run tests/python/run.sh bash tests/python/run.sh

echo
[ $failed -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "check: $passed passed, $failed failed"
[ $failed -eq 0 ]
