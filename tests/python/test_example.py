"""examples/python/filter_dump.py on small CSV and JSONL dumps."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, SMALL_RULES

SCRIPT = ROOT / "examples" / "python" / "filter_dump.py"
COMMENTS = ["Danke für den neuen Radweg!", "Du Idiot 😀",
            "Mail an max@example.org", "Ich werde dich abstechen"]


@pytest.fixture()
def rules_file(tmp_path):
    path = tmp_path / "small.rules"
    path.write_text(SMALL_RULES, encoding="utf-8")
    return path


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "bindings" / "python"))
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin,
                          capture_output=True, text=True, env=env,
                          timeout=120)


def test_jsonl_annotates_every_record(tmp_path, rules_file):
    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps({"id": i, "message": t}) + "\n"
                           for i, t in enumerate(COMMENTS)), encoding="utf-8")
    r = run(str(src), "--rules", str(rules_file))
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["id"] for o in out] == [0, 1, 2, 3]
    assert [o["smmod_action"] for o in out] == ["allow", "review", "review",
                                                "reject"]
    assert out[1]["smmod_categories"] == {"insult": 60}
    assert out[1]["smmod_rules"] == ["insult.idiot"]
    assert "4 records: 1 allow, 2 review, 1 reject" in r.stderr


def test_csv_filter_and_redact(tmp_path, rules_file):
    src = tmp_path / "export.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["author", "text"])
        for i, t in enumerate(COMMENTS):
            w.writerow([f"user{i}", t])
    out = tmp_path / "flagged.csv"
    r = run(str(src), "--rules", str(rules_file), "--min-action", "review",
            "--redact", "*", "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row["author"] for row in rows] == ["user1", "user2", "user3"]
    assert rows[0]["text"] == "Du ***** 😀"
    assert "max@example.org" not in rows[1]["text"]
    assert rows[0]["smmod_categories"] == "insult:60"


def test_stdin_and_bad_input(rules_file):
    r = run("-", "--format", "jsonl", "--rules", str(rules_file),
            stdin='{"text": "Du Idiot"}\nnot json\n')
    assert r.returncode == 1
    assert "line 2" in r.stderr


def test_missing_text_field(tmp_path, rules_file):
    src = tmp_path / "d.jsonl"
    src.write_text('{"foo": "Du Idiot"}\n')
    r = run(str(src), "--rules", str(rules_file))
    assert r.returncode == 1 and "--field" in r.stderr
    r = run(str(src), "--rules", str(rules_file), "--field", "foo")
    assert r.returncode == 0 and '"smmod_action": "review"' in r.stdout


def test_unknown_format_is_a_usage_error(tmp_path):
    r = run(str(tmp_path / "dump.xml"))
    assert r.returncode == 2
