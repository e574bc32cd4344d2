#!/usr/bin/env bash
# tests/python/run.sh - run the Python binding tests against $BUILD's library.
#
#   BUILD=build bash tests/python/run.sh [pytest args]
#
# Uses Debian's /usr/bin/python3 (python3-pytest); prints a closing line
# "python: N passed, M failed" and exits non-zero on any failure. pytest's
# exit 5 (no tests collected) counts as a failure: it means the suite broke.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) LIBDIR=$BUILD/lib ;; *) LIBDIR=$ROOT/$BUILD/lib ;; esac
PY=${SMMOD_PYTHON:-/usr/bin/python3}
export SMMOD_LIBRARY=${SMMOD_LIBRARY:-$LIBDIR/libsmmod.so.1}
export BUILD

if [ ! -e "$SMMOD_LIBRARY" ]; then
  echo "tests/python: $SMMOD_LIBRARY not built (run make BUILD=$BUILD lib)" >&2
  echo "python: 0 passed, 1 failed"
  exit 1
fi
if ! "$PY" -c 'import pytest' 2>/dev/null; then
  echo "tests/python: pytest missing for $PY (apt-get install python3-pytest)" >&2
  echo "python: 0 passed, 1 failed"
  exit 1
fi

# Under ASan the interpreter itself is not instrumented: preload the runtime
# so the library can be loaded, and don't report the interpreter's leaks.
if [ -n "${SMMOD_SANITIZED:-}" ]; then
  asan=$(${CC:-cc} -print-file-name=libasan.so)
  export LD_PRELOAD="$asan${LD_PRELOAD:+:$LD_PRELOAD}"
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
cd "$ROOT"
PYTHONDONTWRITEBYTECODE=1 "$PY" -m pytest -q -p no:cacheprovider \
  tests/python "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|skipped|error)' "$log" | tail -1)
num() { printf '%s\n' "$summary" | grep -oE "[0-9]+ $1" | grep -oE '[0-9]+' || echo 0; }
passed=$(num passed); failed=$(num failed); errors=$(num error)
skipped=$(num skipped)
failed=$((failed + errors))
if [ "$rc" -eq 5 ]; then
  echo "tests/python: pytest collected no tests" >&2
  failed=$((failed + 1)); rc=1
elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # pytest itself failed (usage, internal error, interrupted)
fi
echo "python: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
