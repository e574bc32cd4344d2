"""Loading and compiling rulesets; rule errors as exceptions."""

from __future__ import annotations

import re

import pytest
import smmod
from conftest import SMALL_RULES, needs_default_rules


def test_categories(rules):
    cats = rules.categories
    assert isinstance(cats, list)
    assert [c.code for c in cats] == ["insult", "threat", "pii"]
    assert (cats[0].label, cats[0].basis) == ("Beleidigung", "§ 185 StGB")
    assert cats[2].basis == ""
    assert "threat" in cats and rules.category("pii") == "pii"
    cats.clear()  # a copy: the ruleset keeps its own
    assert len(rules.categories) == 3


def test_fingerprint(rules):
    assert re.fullmatch(r"[0-9a-f]{16}", rules.fingerprint)
    assert smmod.Ruleset.from_string(SMALL_RULES).fingerprint == \
        rules.fingerprint
    other = smmod.Ruleset.from_string(SMALL_RULES + 'word insult "trottel"\n')
    assert other.fingerprint != rules.fingerprint


def test_rules_and_thresholds(rules):
    ids = [r.id for r in rules.rules]
    assert {"insult.idiot", "insult.depp", "threat.kill", "pii.email"} <= \
        set(ids)
    assert {r.category for r in rules.rules} == {"insult", "threat", "pii"}
    assert rules.threshold(smmod.Action.REVIEW) == 30
    assert rules.threshold(smmod.Action.REJECT) == 90
    assert rules.threshold(smmod.Action.HIDE) is None


def test_load_file_with_word_file(tmp_path):
    (tmp_path / "words.txt").write_text("# insults\ntrottel\n\nknallkopf\n")
    main = tmp_path / "main.rules"
    main.write_text('category insult\nwords insult file "words.txt"\n'
                    'test review "Du Trottel"\n')
    rs = smmod.Ruleset.load(main)
    assert smmod.Ruleset.load(str(main)).fingerprint == rs.fingerprint
    with smmod.Scanner(rs) as sc:
        assert [m.text for m in sc.scan("Knallkopf und Trottel").matches] \
            == ["Knallkopf", "Trottel"]
    (t,) = rs.tests
    assert (t.text, t.expected, t.line) == ("Du Trottel",
                                            smmod.Action.REVIEW, 3)
    assert t.file.endswith("main.rules")


def test_rule_error_has_position(tmp_path):
    path = tmp_path / "bad.rules"
    path.write_text('category insult\n\nword insul "idiot"\n')
    with pytest.raises(smmod.RuleError) as e:
        smmod.Ruleset.load(path)
    err = e.value
    assert isinstance(err, smmod.Error)
    assert err.code == smmod.Status.ERULE
    assert err.file.endswith("bad.rules")
    assert (err.line, err.column) == (3, 6)
    assert "insul" in err.message
    assert str(err).startswith(f"{err.file}:3:6: ")


def test_rule_error_from_string():
    with pytest.raises(smmod.RuleError) as e:
        smmod.Ruleset.from_string('category a\nregex a /(unclosed/\n')
    assert e.value.line == 2 and e.value.column > 0
    assert e.value.args[1:3] == (2, e.value.column)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(smmod.Error) as e:
        smmod.Ruleset.load(tmp_path / "nope.rules")
    assert e.value.code == smmod.Status.EIO
    assert e.value.message


def test_bad_argument_types():
    with pytest.raises(TypeError):
        smmod.Ruleset.load(b"rules/de/default.rules")
    with pytest.raises(TypeError):
        smmod.Ruleset.load(42)
    with pytest.raises(TypeError):
        smmod.Ruleset.from_string(None)
    with pytest.raises(TypeError):
        smmod.Ruleset()


def test_check_tests_reports_failures():
    rs = smmod.Ruleset.from_string(
        'category insult score 60\nword insult "idiot"\n'
        'test review "Du Idiot"\ntest flagged "Idiot!"\n'
        'test allow "Du Idiot"\ntest flagged "Hallo"\n')
    failed = rs.check_tests()
    assert [(t.line, got) for t, got in failed] == [
        (5, smmod.Action.REVIEW), (6, smmod.Action.ALLOW)]
    assert rs.tests[3].expected == smmod.TEST_FLAGGED


def test_options():
    rs = smmod.Ruleset.from_string(
        SMALL_RULES + 'test allow "hallo"\n',
        options={smmod.Option.KEEP_TESTS: 0})
    assert rs.tests == []
    with pytest.raises(smmod.Error) as e:
        smmod.Ruleset.from_string(SMALL_RULES, options={999: 1})
    assert e.value.code == smmod.Status.EINVAL


def test_rules_env_override(tmp_path, monkeypatch):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "default.rules").write_text(
        'category x\nword x "quatschkopf"\n')
    monkeypatch.setenv("SMMOD_RULES", str(tmp_path))
    assert smmod.default_rules_path() == tmp_path / "de" / "default.rules"
    rs = smmod.Ruleset.load()
    assert [c.code for c in rs.categories] == ["x"]
    monkeypatch.setenv("SMMOD_RULES", str(tmp_path / "missing.rules"))
    with pytest.raises(smmod.Error):
        smmod.Ruleset.load()


@needs_default_rules
def test_default_rules_load_and_pass_their_own_tests():
    rs = smmod.Ruleset.load()
    assert rs.categories and rs.rules
    assert rs.fingerprint == smmod.default_ruleset().fingerprint
    assert rs.tests, "the default rules carry test lines"
    assert rs.check_tests() == []


@needs_default_rules
def test_convenience_scan_with_default_rules():
    text = "Du bist ein Vollidiot! 😡"
    v = smmod.scan(text)
    assert v.action != smmod.Action.ALLOW
    assert any("idiot" in m.text.lower() for m in v.matches)
    assert all(text[m.start:m.end] == m.text for m in v.matches)
    assert smmod.scan("Treffpunkt am Marschallplatz um 10 Uhr").action == \
        smmod.Action.ALLOW
