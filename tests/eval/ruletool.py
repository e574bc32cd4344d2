#!/usr/bin/env python3
"""ruletool.py - helpers for maintaining rules/de with the Python bindings
while the `smmod` CLI is not at hand: run a ruleset's test lines, explain one
comment, scan a file line by line, and evaluate GermEval-2018 / clean text.

    PYTHONPATH=bindings/python SMMOD_LIBRARY=build/lib/libsmmod.so.1 \
        python3 tests/eval/ruletool.py test rules/de/default.rules
    ... explain rules/de/default.rules "Du Vollidiot"
    ... scan rules/de/default.rules FILE        (flagged lines: action TAB line TAB rules)
    ... germeval rules/de/default.rules ../shared/data/germeval2018/train.tsv
    ... clean rules/de/default.rules FILE...    (one sentence a line)

Part of libsmmod's German rulesets (tests/eval). Licence: MIT.
"""
import sys
import collections
import smmod

A = smmod.Action


def load(path):
    return smmod.Ruleset.load(path)


def cmd_test(rs_path):
    rs = load(rs_path)
    bad = rs.check_tests()
    for t, got in bad:
        print(f"FAIL {t}: got {got.name.lower()}")
    n = len(rs.tests)
    print(f"{n - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


def explain(sc, text):
    v = sc.scan(text)
    parts = [f"{m.rule}:{m.text}" for m in v.matches]
    return v, ", ".join(parts)


def cmd_explain(rs_path, *texts):
    with smmod.Scanner(load(rs_path)) as sc:
        for t in texts:
            v, why = explain(sc, t)
            print(f"{v.action.name.lower()}\t{v.score}\t{t}\t{why}")
    return 0


def cmd_scan(rs_path, path):
    with smmod.Scanner(load(rs_path)) as sc, open(path, encoding="utf-8",
                                                   errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            v, why = explain(sc, line)
            if v.action != A.ALLOW:
                print(f"{v.action.name.lower()}\t{line}\t{why}")
    return 0


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def cmd_germeval(rs_path, path, dump=None):
    rules = collections.Counter()
    rules_tp = collections.Counter()
    levels = {A.REVIEW: [0, 0, 0], A.HIDE: [0, 0, 0], A.REJECT: [0, 0, 0]}
    out = open(dump, "w", encoding="utf-8") if dump else None
    with smmod.Scanner(load(rs_path)) as sc, open(path, encoding="utf-8") as f:
        for line in f:
            text, coarse, _fine = line.rstrip("\n").split("\t")
            text = text.replace("|LBR|", "\n")
            gold = coarse == "OFFENSE"
            v, why = explain(sc, text)
            for r in {m.rule for m in v.matches}:
                rules[r] += 1
                rules_tp[r] += gold
            for lv, c in levels.items():
                pred = v.action >= lv
                if pred and gold:
                    c[0] += 1
                elif pred:
                    c[1] += 1
                elif gold:
                    c[2] += 1
            if out and (v.action != A.ALLOW) != gold:
                kind = "FP" if not gold else "FN"
                out.write(f"{kind}\t{v.action.name.lower()}\t{text!r}\t{why}\n")
    for lv, c in levels.items():
        p, r, f1 = prf(*c)
        print(f"{lv.name.lower():7s} P={p:.3f} R={r:.3f} F1={f1:.3f} "
              f"(tp {c[0]} fp {c[1]} fn {c[2]})")
    print("rule hits (precision):")
    for r, n in rules.most_common():
        print(f"  {r:32s} {n:5d}  {rules_tp[r] / n:.2f}")
    return 0


def cmd_clean(rs_path, *paths):
    n = flagged = rejected = 0
    with smmod.Scanner(load(rs_path)) as sc:
        for path in paths:
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    line = line.strip()
                    if not line:
                        continue
                    n += 1
                    v, why = explain(sc, line)
                    if v.action != A.ALLOW:
                        flagged += 1
                        rejected += v.action == A.REJECT
                        print(f"{v.action.name.lower()}\t{line}\t{why}",
                              file=sys.stderr)
    print(f"clean: {n} sentences, flag rate {flagged / max(n, 1):.4f} "
          f"({flagged}), reject rate {rejected / max(n, 1):.4f} ({rejected})")
    return 0


if __name__ == "__main__":
    cmds = {"test": cmd_test, "explain": cmd_explain, "scan": cmd_scan,
            "germeval": cmd_germeval, "clean": cmd_clean}
    if len(sys.argv) < 3 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    sys.exit(cmds[sys.argv[1]](*sys.argv[2:]))
