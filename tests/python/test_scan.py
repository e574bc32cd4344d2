"""Scanning through the binding: verdicts, matches, offsets, errors."""

from __future__ import annotations

import ctypes

import pytest
import smmod
from smmod import Action, Flag, _lib

fn = _lib.fn

TEXTS = [
    "Schöner Radweg, danke an das Bezirksamt!",
    "Du Idiot!",
    "Du Depp, du Idiot, ich werde dich abstechen",
    "😀 Ärger über den Idioten 🤬 – du Idiot",
    "Schreib mir an max.mustermann@example.org, Dépp",
    "",
    "Nul\x00byte Idiot",
    "a\ud800b Idiot",  # a lone surrogate: invalid UTF-8 for the library
]


def reference(sc: smmod.Scanner, text: str) -> dict:
    """The verdict of `text` read with every C accessor, no shortcuts."""
    b = text.encode("utf-8", "surrogatepass")
    out = ctypes.c_void_p()
    assert fn.scan(sc._ptr, b, len(b), ctypes.byref(out)) == 0
    v = out
    cats = [(fn.verdict_category(v, i).decode(),
             fn.verdict_category_score(v, i))
            for i in range(fn.verdict_category_count(v))]
    matches = [(fn.verdict_match_rule(v, i).decode(),
                fn.verdict_match_start(v, i), fn.verdict_match_end(v, i))
               for i in range(fn.verdict_match_count(v))]
    return {"action": fn.verdict_action(v), "flags": fn.verdict_flags(v),
            "score": fn.verdict_score(v), "categories": cats,
            "matches": matches,
            "fingerprint": fn.verdict_fingerprint(v).decode()}


def as_reference(v: smmod.Verdict) -> dict:
    return {"action": int(v.action), "flags": int(v.flags), "score": v.score,
            "categories": [(c.code, c.score) for c in v.categories],
            "matches": [(m.rule, m.byte_start, m.byte_end)
                        for m in v.matches],
            "fingerprint": v.fingerprint}


@pytest.mark.parametrize("text", TEXTS)
def test_fast_path_equals_full_read(scanner, text):
    assert as_reference(scanner.scan(text)) == reference(scanner, text)


def test_clean_comment_is_allowed(scanner):
    v = scanner.scan(TEXTS[0])
    assert v.action is Action.ALLOW
    assert (v.score, v.categories, v.matches) == (0, [], [])
    assert v.flags == Flag(0)


def test_insult(scanner, rules):
    v = scanner.scan("Du Idiot!")
    assert v.action == Action.REVIEW and isinstance(v.action, Action)
    assert v.score == 60
    assert v.categories == ["insult"]
    cat = v.categories[0]
    assert (cat.code, cat.score, cat.label, cat.basis) == (
        "insult", 60, "Beleidigung", "§ 185 StGB")
    (m,) = v.matches
    assert (m.rule, m.category, m.start, m.end, m.text) == (
        "insult.idiot", "insult", 3, 8, "Idiot")
    assert m.term == "idiot"
    assert isinstance(m.view, smmod.View)
    assert v.fingerprint == rules.fingerprint


def test_threat_rejects_and_escalates(scanner):
    v = scanner.scan(TEXTS[2])
    assert v.action is Action.REJECT
    assert Flag.ESCALATE in v.flags and isinstance(v.flags, Flag)
    assert {c.code for c in v.categories} == {"insult", "threat"}
    scores = [c.score for c in v.categories]
    assert scores == sorted(scores, reverse=True)  # strongest first
    assert max(scores) <= 100 and v.score == sum(scores)
    assert {m.rule for m in v.matches} == {"insult.depp", "insult.idiot",
                                           "threat.kill"}
    starts = [m.start for m in v.matches]
    assert starts == sorted(starts)


def test_offsets_are_string_indices_with_umlauts_and_emoji(scanner):
    text = TEXTS[3]
    v = scanner.scan(text)
    assert len(v.matches) == 2
    raw = text.encode("utf-8")
    for m in v.matches:
        assert text[m.start:m.end] == m.text
        assert m.text.lower().startswith("idiot")
        assert raw[m.byte_start:m.byte_end].decode("utf-8") == m.text
        assert m.byte_start > m.start  # the emoji and Ä take several bytes
    # The span of an inflected word may be its stem or the whole word.
    assert [m.text[:5] for m in v.matches] == ["Idiot", "Idiot"]
    assert v.matches[0].start == text.index("Idioten")
    assert v.matches[1].start == text.rindex("Idiot")


def test_offsets_after_a_nul_byte(scanner):
    text = TEXTS[6]
    (m,) = scanner.scan(text).matches
    assert text[m.start:m.end] == "Idiot" == m.text


def test_invalid_utf8_is_reviewed_not_crashed(scanner):
    v = scanner.scan(TEXTS[7])
    assert Flag.INVALID_UTF8 in v.flags
    assert v.action >= Action.REVIEW
    for m in v.matches:
        assert TEXTS[7][m.start:m.end] == m.text == "Idiot"


def test_personal_data_is_flagged_and_redacted(scanner):
    text = TEXTS[4]
    v = scanner.scan(text)
    assert Flag.REDACT in v.flags
    (m,) = [m for m in v.matches if m.category == "pii"]
    assert m.text == "max.mustermann@example.org"
    red = scanner.redact(text)
    assert "max.mustermann" not in red and "@example" not in red
    assert red.startswith("Schreib mir an ") and red.endswith(", Dépp")
    assert len(red) == len(text)  # "*" per character of the span
    assert scanner.redact(text, mask="[entfernt]") == \
        "Schreib mir an [entfernt], Dépp"


def test_redact_chosen_categories(scanner):
    text = "Du Idiot, du Depp"
    assert scanner.redact(text, "*") == "Du *****, du ****"
    assert scanner.redact(text, ["insult"], mask="█") == "Du █████, du ████"
    assert scanner.redact(text, "pii") == text
    assert scanner.redact("ganz harmlos", "*") == "ganz harmlos"


def test_verdict_survives_later_scans(scanner):
    first = scanner.scan("Du Idiot!")
    snapshot = as_reference(first)
    for t in TEXTS:
        scanner.scan(t)
    assert as_reference(first) == snapshot


def test_scan_many_equals_scan(scanner):
    texts = TEXTS * 3
    many = list(scanner.scan_many(iter(texts)))
    one = [scanner.scan(t) for t in texts]
    assert many == one
    assert [v.action for v in many][:3] == [Action.ALLOW, Action.REVIEW,
                                            Action.REJECT]


def test_scan_many_is_lazy_and_ordered(scanner):
    seen = []

    def gen():
        for t in ("Du Idiot", "Hallo", "Du Depp"):
            seen.append(t)
            yield t
    it = scanner.scan_many(gen())
    assert seen == []
    assert next(it).matches[0].text == "Idiot"
    assert seen == ["Du Idiot"]
    assert [v.action for v in it] == [Action.ALLOW, Action.REVIEW]


@pytest.mark.parametrize("bad", [b"Du Idiot", None, 42, bytearray(b"x")])
def test_wrong_types_raise_type_error(scanner, bad):
    with pytest.raises(TypeError):
        scanner.scan(bad)
    with pytest.raises(TypeError):
        list(scanner.scan_many(["ok", bad]))
    with pytest.raises(TypeError):
        scanner.redact(bad)
    with pytest.raises(TypeError):
        smmod.Ruleset.from_string(bad)


def test_scanner_needs_a_ruleset():
    with pytest.raises(TypeError):
        smmod.Scanner("rules/de/default.rules")


def test_closed_scanner(rules):
    with smmod.Scanner(rules) as sc:
        assert sc.scan("Du Idiot").action == Action.REVIEW
    with pytest.raises(ValueError):
        sc.scan("x")
    with pytest.raises(ValueError):
        list(sc.scan_many(["x"]))
    sc.close()  # idempotent


def test_close_during_scan_many(rules):
    sc = smmod.Scanner(rules)
    it = sc.scan_many(["a", "b", "c"])
    next(it)
    sc.close()
    with pytest.raises(ValueError):
        next(it)


def test_topic(scanner, rules):
    assert rules.topics == ["radwege"]
    scanner.set_topic("radwege")
    scanner.set_topic(None)
    with pytest.raises(smmod.Error) as e:
        scanner.set_topic("gibtsnicht")
    assert e.value.code == smmod.Status.ENOTFOUND


def test_set_limit(scanner):
    scanner.set_limit(smmod.Option.MAX_MATCHES, 10)
    with pytest.raises(smmod.Error) as e:
        scanner.set_limit(smmod.Option.MAX_TERMS, 10)
    assert e.value.code == smmod.Status.EINVAL


def test_view(scanner):
    assert scanner.view("DU IDIOT", smmod.View.PLAIN) == "du idiot"
    assert "idiot" in scanner.view("I.d.i.o.t")


def test_to_dict(scanner):
    d = scanner.scan("Du Idiot!").to_dict()
    assert d["action"] == "review" and d["categories"] == {"insult": 60}
    assert d["matches"][0]["text"] == "Idiot"


def test_repr(scanner):
    assert "REVIEW" in repr(scanner.scan("Du Idiot!"))
    assert "open" in repr(scanner)


def test_verdicts_pickle(scanner):
    """Verdicts are plain data: they cross process boundaries
    (multiprocessing) intact."""
    import pickle
    v = scanner.scan(TEXTS[2])
    w = pickle.loads(pickle.dumps(v))
    assert w == v and w.categories[0].score == v.categories[0].score
    assert w.categories[0].label == v.categories[0].label
