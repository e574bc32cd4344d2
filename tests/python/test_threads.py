"""One Ruleset shared by threads, one Scanner per thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import smmod
from conftest import ROOT

CORPUS = ROOT.parent / "shared" / "bench" / "peers" / "corpus" / \
    "germeval.txt"


def comments() -> list:
    base = ["Du Idiot!", "Schöner Radweg 🚲", "Du Depp, ich werde dich "
            "abstechen", "Mail an a.b@example.org", "😀 Ärger, Idioten"]
    if CORPUS.is_file():
        base += CORPUS.read_text(encoding="utf-8",
                                 errors="replace").splitlines()[:2000]
    return [f"{t} #{i}" for i, t in enumerate(base * 4)]


def test_threads_agree_with_single_thread(rules):
    texts = comments()
    with smmod.Scanner(rules) as sc:
        expected = list(sc.scan_many(texts))
    assert any(v.matches for v in expected)

    def work(part: int) -> list:
        with smmod.Scanner(rules) as own:  # one scanner per thread
            if part % 2:
                return list(own.scan_many(texts))
            return [own.scan(t) for t in texts]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(6)))
    for got in results:
        assert got == expected


def test_convenience_scan_keeps_a_scanner_per_thread(rules, monkeypatch):
    monkeypatch.setattr(smmod._api, "_default", rules)
    seen = {}

    def work(i: int) -> None:
        v = smmod.scan("Du Idiot")
        seen[i] = (smmod._api._local.scanner, v.action)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    scanners = {id(s) for s, _ in seen.values()}
    assert len(scanners) == 4
    assert {a for _, a in seen.values()} == {smmod.Action.REVIEW}


def test_scanner_in_use_raises_instead_of_corrupting(rules):
    sc = smmod.Scanner(rules)
    sc._busy.acquire()  # as if another thread were inside scan()
    try:
        with pytest.raises(RuntimeError):
            sc.scan("Du Idiot")
        with pytest.raises(RuntimeError):
            next(sc.scan_many(["Du Idiot"]))
    finally:
        sc._busy.release()
    assert sc.scan("Du Idiot").action == smmod.Action.REVIEW
    sc.close()
