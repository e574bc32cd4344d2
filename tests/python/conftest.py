"""Shared fixtures for the Python binding tests.

The package is imported from bindings/python of this checkout (unless
SMMOD_TEST_INSTALLED=1, to test an installed copy); the library comes from
SMMOD_LIBRARY, which tests/python/run.sh points at $BUILD/lib.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if os.environ.get("SMMOD_TEST_INSTALLED") != "1":
    sys.path.insert(0, str(ROOT / "bindings" / "python"))

import smmod  # noqa: E402

# Small rules in the rule language of rules/README.md, so the tests don't
# depend on the contents of the shipped default ruleset.
SMALL_RULES = """\
category insult label "Beleidigung" basis "§ 185 StGB" score 60
category threat label "Bedrohung" basis "§ 241 StGB" flag escalate
category pii label "Personenbezogene Daten" flag redact
word insult id insult.idiot "idiot"
word insult id insult.depp score 40 "depp"
word threat id threat.kill score 95 "abstechen"
detect pii id pii.email email
topic radwege "radweg" "fahrrad" "radfahrer"
"""


@pytest.fixture(scope="session")
def rules() -> smmod.Ruleset:
    return smmod.Ruleset.from_string(SMALL_RULES)


@pytest.fixture()
def scanner(rules: smmod.Ruleset):
    with smmod.Scanner(rules) as sc:
        yield sc


def _default_rules_exist() -> bool:
    try:
        smmod.default_rules_path()
        return True
    except smmod.Error:
        return False


needs_default_rules = pytest.mark.skipif(
    not _default_rules_exist(), reason="the default rules are not there yet")
