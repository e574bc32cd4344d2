#!/usr/bin/env python3
"""overlap.py - list word-file terms whose own word is matched by more
than one term of a ruleset. Every matching term counts once per comment
(rules/README.md, "Scores"), so overlapping terms (*idiot and *vollidiot)
add their scores: this finds them so the lists stay free of accidental
stacking.

    PYTHONPATH=bindings/python python3 tests/eval/overlap.py rules/de/default.rules

Part of libsmmod's German rulesets (tests/eval). Licence: MIT.
"""
import glob
import os
import sys
import smmod


def terms(path):
    for line in open(path, encoding="utf-8"):
        t = line.split("#")[0].strip()
        if t:
            yield t


def main(rs_path):
    rs = smmod.Ruleset.load(rs_path)
    words_dir = os.path.join(os.path.dirname(rs_path), "words")
    bad = 0
    with smmod.Scanner(rs) as sc:
        for path in sorted(glob.glob(os.path.join(words_dir, "*.txt"))):
            if path.endswith("allow.txt"):
                continue
            for t in terms(path):
                word = t.strip("*=")
                v = sc.scan(word)
                hits = [m for m in v.matches if m.view != smmod.View.PLAIN
                        or m.rule.startswith(("insult.", "slur.", "sexual.",
                                              "incitement."))]
                rules = {(m.rule, m.term) for m in hits}
                if len(rules) > 1:
                    bad += 1
                    print(f"{os.path.basename(path)}: {t}: " + ", ".join(
                        f"{r}[{tm}]" for r, tm in sorted(rules)))
    print(f"{bad} overlapping terms")


if __name__ == "__main__":
    main(sys.argv[1])
