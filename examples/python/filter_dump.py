#!/usr/bin/env python3
"""Filter a CSV or JSON Lines dump of comments with libsmmod (stdlib only).

    python3 examples/python/filter_dump.py comments.jsonl > checked.jsonl
    python3 examples/python/filter_dump.py export.csv --field message \\
        --min-action review --redact pii -o to_review.csv

Each record gets the verdict added (smmod_action, smmod_score,
smmod_categories, smmod_rules); with --min-action only records whose action
is at least that strong are written. --redact masks the matched spans of the
given categories ("*" for all) in the text field. A summary per action goes
to stderr. Exit status: 0 done, 1 bad input or rules, 2 usage.

The format follows the file name (.csv, .jsonl/.ndjson) or --format. Input
"-" is standard input. The text field is --field, or the first of message,
text, comment, body, content that the records have.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, TextIO

try:
    import smmod
except ImportError:  # run from a checkout without installing the package
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings"
                           / "python"))
    import smmod

TEXT_FIELDS = ("message", "text", "comment", "body", "content")
ACTIONS = {a.name.lower(): a for a in smmod.Action}


class InputError(Exception):
    """The dump can't be read as the chosen format."""


def read_jsonl(f: TextIO) -> Iterator[dict]:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n}: not JSON: {exc}") from exc
        if not isinstance(rec, dict):
            raise InputError(f"line {n}: expected a JSON object")
        yield rec


def pick_field(first: dict, wanted: Optional[str]) -> str:
    if wanted:
        return wanted
    for name in TEXT_FIELDS:
        if name in first:
            return name
    raise InputError("no text field found; name it with --field (fields: "
                     + ", ".join(map(str, first)) + ")")


class Writer:
    """Writes records in the output format; CSV learns its header from the
    first record."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.csv: Optional[csv.DictWriter] = None

    def write(self, rec: dict) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return
        if self.csv is None:
            self.csv = csv.DictWriter(self.out, fieldnames=list(rec),
                                      extrasaction="ignore")
            self.csv.writeheader()
        self.csv.writerow(rec)


def annotate(rec: dict, v: smmod.Verdict, csv_out: bool) -> None:
    cats = {c.code: c.score for c in v.categories}
    rules = sorted({m.rule for m in v.matches})
    rec["smmod_action"] = v.action.name.lower()
    rec["smmod_score"] = v.score
    if csv_out:
        rec["smmod_categories"] = ";".join(f"{k}:{s}" for k, s in
                                           cats.items())
        rec["smmod_rules"] = ";".join(rules)
    else:
        rec["smmod_categories"] = cats
        rec["smmod_rules"] = rules


def run(args: argparse.Namespace, src: TextIO, dst: TextIO) -> Dict[str, int]:
    fmt = args.format
    records: Iterator[dict] = (read_jsonl(src) if fmt == "jsonl"
                               else iter(csv.DictReader(src)))
    first = next(records, None)
    if first is None:
        return {}
    field = pick_field(first, args.field)
    rules = smmod.Ruleset.load(args.rules)
    minimum = ACTIONS[args.min_action]
    writer = Writer(dst, fmt)
    counts: Dict[str, int] = collections.Counter()
    pending: collections.deque = collections.deque()

    def texts() -> Iterator[str]:
        for rec in _chain(first, records):
            pending.append(rec)
            text = rec.get(field)
            yield text if isinstance(text, str) else ""

    with smmod.Scanner(rules) as sc:
        if args.topic:
            sc.set_topic(args.topic)
        for v in sc.scan_many(texts()):  # lazy: one record in flight
            rec = pending.popleft()
            counts[v.action.name.lower()] += 1
            if v.action < minimum:
                continue
            if args.redact and v.matches and isinstance(rec.get(field), str):
                rec[field] = sc.redact(rec[field], args.redact)
            annotate(rec, v, fmt == "csv")
            writer.write(rec)
    return counts


def _chain(first: dict, rest: Iterator[dict]) -> Iterator[dict]:
    yield first
    yield from rest


def parse_args(argv: List[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="CSV or JSONL file, or - for stdin")
    ap.add_argument("-o", "--output", default="-", help="output file [-]")
    ap.add_argument("--format", choices=("csv", "jsonl"),
                    help="input and output format [from the file name]")
    ap.add_argument("--field", help="the record field holding the comment")
    ap.add_argument("--rules", help="rule file [the shipped default rules]")
    ap.add_argument("--min-action", choices=list(ACTIONS), default="allow",
                    help="write only records with at least this action")
    ap.add_argument("--redact", metavar="CATEGORIES",
                    help='mask matches of these categories ("*" for all, '
                    'comma-separated codes)')
    ap.add_argument("--topic", help="the topic the comments are about")
    args = ap.parse_args(argv)
    if args.format is None:
        suffix = Path(args.input).suffix.lower()
        if suffix == ".csv":
            args.format = "csv"
        elif suffix in (".jsonl", ".ndjson", ".json"):
            args.format = "jsonl"
        else:
            ap.error("can't tell the format from the file name; use --format")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    opener: Callable[..., TextIO] = open
    try:
        src = sys.stdin if args.input == "-" else opener(
            args.input, encoding="utf-8", newline="")
        dst = sys.stdout if args.output == "-" else opener(
            args.output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        print(f"filter_dump: {exc}", file=sys.stderr)
        return 1
    try:
        counts = run(args, src, dst)
    except (InputError, smmod.Error, csv.Error, UnicodeDecodeError) as exc:
        print(f"filter_dump: {args.input}: {exc}", file=sys.stderr)
        return 1
    finally:
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()
    total = sum(counts.values())
    parts = ", ".join(f"{n} {a}" for a, n in sorted(
        counts.items(), key=lambda kv: ACTIONS[kv[0]]))
    print(f"filter_dump: {total} records: {parts or 'none'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
