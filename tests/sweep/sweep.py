#!/usr/bin/env python3
"""sweep.py - scan every word of a dictionary with a ruleset and compare the
flagged words with a committed list of words that really are offensive.

    sweep.py RULES DICT EXPECTED [--write]

Prints the unexpected and the missing words and a summary line
`sweep: N passed, M failed`; exits 1 on any difference. With --write,
stores the flagged words as the new EXPECTED list (review it by hand!).

Part of libsmmod's German rulesets (tests/sweep). Licence: MIT.
"""
import sys
import smmod


def flagged_words(rules, dict_path):
    words, flagged = [], []
    with smmod.Scanner(smmod.Ruleset.load(rules)) as sc, \
            open(dict_path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w:
                continue
            words.append(w)
            if sc.scan(w).action != smmod.Action.ALLOW:
                flagged.append(w)
    return words, flagged


def read_expected(path):
    with open(path, encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


HEADER = """# expected-flagged.txt - the words of /usr/share/dict/ngerman (Debian
# wngerman) that rules/de/default.rules flags. Each was reviewed by hand:
# every word here is offensive (an insult, a slur, vulgar or sexual
# language, a dehumanising or hate term). Any other flagged word fails
# tests/sweep/run.sh: fix the rules or add an allow entry instead.
# Licence: MIT, like libsmmod.
"""


def main(argv):
    rules, dict_path, expected_path = argv[1:4]
    words, flagged = flagged_words(rules, dict_path)
    if "--write" in argv:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(HEADER + "".join(w + "\n" for w in sorted(set(flagged))))
        print(f"sweep: wrote {len(set(flagged))} words to {expected_path}")
        return 0
    expected = read_expected(expected_path)
    got = set(flagged)
    unexpected = sorted(got - expected)
    missing = sorted(expected - got)
    for w in unexpected:
        print(f"unexpected (flagged, not in the list): {w}")
    for w in missing:
        print(f"missing (in the list, not flagged): {w}")
    failed = len(unexpected) + len(missing)
    print(f"sweep: {len(set(words)) - failed} passed, {failed} failed "
          f"({len(got)} words flagged of {len(set(words))})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
