"""The binding's constants equal the C header's (parsed, not copied)."""

from __future__ import annotations

import re

import pytest
import smmod
from smmod import _constants, _lib
from conftest import ROOT

HEADER = ROOT / "include" / "smmod.h"


def header_enums() -> dict:
    """{typedef name: {C constant: value}} for every enum in smmod.h."""
    text = HEADER.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = {}
    for body, name in re.findall(r"typedef\s+enum\s+\w*\s*\{(.*?)\}\s*(\w+)\s*;",
                                 text, flags=re.S):
        values = {}
        for const, expr in re.findall(r"(SMMOD_\w+)\s*=\s*([^,]+)", body):
            expr = re.sub(r"(\d)[uU]", r"\1", expr.strip())
            assert re.fullmatch(r"[-\d\s<()]+", expr), expr
            values[const] = eval(expr)  # digits, minus and shifts only
        out[name] = values
    return out


def header_define(name: str) -> int:
    m = re.search(rf"#define\s+{name}\s+(\d+)", HEADER.read_text())
    assert m, name
    return int(m.group(1))


def test_every_header_enum_is_bound():
    assert set(header_enums()) == set(_constants.C_ENUM_NAMES.values())


@pytest.mark.parametrize("enum", list(_constants.C_ENUM_NAMES))
def test_enum_values_match_header(enum):
    c_values = header_enums()[_constants.C_ENUM_NAMES[enum]]
    prefix = _constants.C_PREFIXES[enum]
    py_values = {prefix + m.name: int(m.value) for m in enum}
    assert py_values == c_values


def test_version_matches_header():
    assert _lib.EXPECTED_VERSION == (header_define("SMMOD_VERSION_MAJOR"),
                                     header_define("SMMOD_VERSION_MINOR"))
    number = _lib.fn.version_number()
    assert number // 100 == header_define("SMMOD_VERSION_MAJOR") * 100 + \
        header_define("SMMOD_VERSION_MINOR")


def test_test_flagged_matches_header():
    assert smmod.TEST_FLAGGED == header_define("SMMOD_TEST_FLAGGED")


def test_exported_names():
    for name in ("ALLOW", "REVIEW", "HIDE", "REJECT"):
        assert getattr(smmod.Action, name) == header_enums()[
            "smmod_action"]["SMMOD_" + name]
    assert isinstance(smmod.Flag.ESCALATE, int)


def test_every_exported_symbol_is_bound():
    symbols = (ROOT / "lib" / "libsmmod.map").read_text()
    exported = set(re.findall(r"\b(smmod_\w+);", symbols))
    assert exported == set(_lib._PROTOTYPES)
