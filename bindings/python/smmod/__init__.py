"""smmod: Python bindings (ctypes, no compiled part) for libsmmod, the
comment-risk filter for German public authorities.

    import smmod
    v = smmod.scan("Du Vollidiot!")            # default rules, per-thread scanner
    v.action, v.score, v.categories, v.matches

    rules = smmod.Ruleset.load("rules/de/default.rules")   # share across threads
    with smmod.Scanner(rules) as sc:                        # one per thread
        for verdict in sc.scan_many(comments):
            ...

Threading: a ``Ruleset`` is immutable and may be shared by any number of
threads; a ``Scanner`` must be used by one thread at a time (create one per
thread; concurrent use raises RuntimeError). The library releases the GIL
while it scans, so scanners in several threads run in parallel.
``smmod.scan`` keeps one scanner per thread for you.

The library is found through $SMMOD_LIBRARY, then beside this package, then
the build tree of the checkout the package lives in, then the system.
"""

from ._lib import EXPECTED_VERSION, LIBRARY_PATH, LibraryError
from ._constants import TEST_FLAGGED, Action, Flag, Option, Status, View
from ._api import (Category, CategoryScore, Error, Match, Rule, RuleError,
                   RuleTest, Ruleset, Scanner, Verdict, default_rules_path,
                   default_ruleset, redact, scan)
from . import _lib as _l

__version__ = "0.1.0"

#: The release of the loaded libsmmod, e.g. "0.1.0".
library_version: str = _l.fn.version().decode("ascii", "replace")

__all__ = [
    "Action", "Category", "CategoryScore", "EXPECTED_VERSION", "Error",
    "Flag", "LIBRARY_PATH", "LibraryError", "Match", "Option", "Rule",
    "RuleError", "RuleTest", "Ruleset", "Scanner", "Status", "TEST_FLAGGED",
    "Verdict",
    "View", "default_rules_path", "default_ruleset", "library_version",
    "redact", "scan",
]
