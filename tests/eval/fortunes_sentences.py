#!/usr/bin/env python3
"""fortunes_sentences.py - split Debian fortunes-de files (entries separated
by lines holding `%`) into sentences, one a line, for the clean-text rates.

    fortunes_sentences.py [--crude|--no-crude] > sentences.txt

--no-crude (default) skips the files of crude jokes (unfug, witze,
doppelsinnig); --crude takes only those; --all takes every file.
Part of libsmmod's German rulesets (tests/eval). Licence: MIT.
"""
import glob
import os
import re
import sys

CRUDE = {"unfug", "witze", "doppelsinnig"}
DIR = "/usr/share/games/fortunes/de"


def files(mode):
    for p in sorted(glob.glob(os.path.join(DIR, "*"))):
        name = os.path.basename(p)
        if "." in name or not os.path.isfile(p):
            continue  # .dat indexes and .u8 duplicates
        if mode == "all" or (mode == "crude") == (name in CRUDE):
            yield p


def main():
    mode = {"--crude": "crude", "--all": "all"}.get(
        sys.argv[1] if len(sys.argv) > 1 else "", "clean")
    for p in files(mode):
        text = open(p, encoding="utf-8", errors="replace").read()
        for entry in re.split(r"^%\s*$", text, flags=re.M):
            flat = " ".join(entry.split())
            for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])", flat):
                if len(s) >= 3:
                    print(s)


if __name__ == "__main__":
    main()
