#!/usr/bin/env python3
"""Throughput of Scanner.scan_many on a corpus (one comment a line).

    SMMOD_LIBRARY=build/lib/libsmmod.so.1 PYTHONPATH=bindings/python \
        python3 tests/python/bench_scan_many.py [CORPUS] [--rules FILE] [--repeat N]

Prints comments/s for scan_many (the figure issue 7 asks for), for a loop
of scan(), and for a bare ctypes loop over smmod_scan alone, which shows how
much of the time is the C library and how much the binding. Single thread.
Not a test: speed is measured here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import ctypes
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python"))

import smmod  # noqa: E402
from smmod import _lib  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "peers" / "corpus" / \
    "germeval.txt"


def best_rate(run, n_items: int, repeat: int) -> float:
    """Comments per second of the fastest of `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return n_items / best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--rules", default=None,
                    help="rule file (default: the shipped default rules)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8", errors="replace") as f:
        texts = f.read().splitlines()
    rules = smmod.Ruleset.load(args.rules)
    sc = smmod.Scanner(rules)

    def many() -> None:
        for _ in sc.scan_many(texts):
            pass

    def loop() -> None:
        scan = sc.scan
        for t in texts:
            scan(t)

    encoded = [t.encode("utf-8") for t in texts]
    vout = ctypes.c_void_p()
    ref = ctypes.byref(vout)

    def bare() -> None:
        f, sp = _lib.fn.scan, sc._ptr
        for b in encoded:
            f(sp, b, len(b), ref)

    def read_only() -> float:
        """Seconds spent copying verdicts out (the binding's own work)."""
        spent, clock, f, sp = 0.0, time.perf_counter, _lib.fn.scan, sc._ptr
        read, vref = sc._read, sc._vref
        for t in texts:
            b = t.encode("utf-8")
            f(sp, b, len(b), vref)
            t0 = clock()
            read(t, b)
            spent += clock() - t0
        return spent

    flagged = sum(1 for v in sc.scan_many(texts) if v.action)
    print(f"library {smmod.LIBRARY_PATH} ({smmod.library_version}), "
          f"rules {rules.fingerprint}, corpus {args.corpus}: "
          f"{len(texts)} comments, {flagged} flagged")
    rates = {}
    for name, run in (("scan_many", many), ("scan loop", loop),
                      ("bare smmod_scan", bare)):
        rates[name] = best_rate(run, len(texts), args.repeat)
        print(f"{name:16s} {rates[name]:12,.0f} comments/s")
    n = len(texts)
    c_us = 1e6 / rates["bare smmod_scan"]
    read_us = min(read_only() for _ in range(args.repeat)) / n * 1e6
    total_us = 1e6 / rates["scan_many"]
    print(f"per comment: {total_us:.2f} us in scan_many = {c_us:.2f} us "
          f"ctypes smmod_scan + {total_us - c_us:.2f} us binding "
          f"(of which {read_us:.2f} us copying verdicts out)")
    sc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
