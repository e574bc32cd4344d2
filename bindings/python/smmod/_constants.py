"""The C enums of include/smmod.h as Python enums.

The values are copied from the header by hand; tests/python/test_constants.py
parses the header and fails when a value or a name differs, in either
direction.
"""

from __future__ import annotations

import enum


class Status(enum.IntEnum):
    """Return codes (``smmod_status``)."""

    OK = 0
    EINVAL = -1
    ENOMEM = -2
    ERULE = -3
    EIO = -4
    ERANGE = -5
    ELIMIT = -6
    ENOTFOUND = -7


class Action(enum.IntEnum):
    """What to do with a comment (``smmod_action``); larger is stronger."""

    ALLOW = 0
    REVIEW = 1
    HIDE = 2
    REJECT = 3


class Flag(enum.IntFlag):
    """Verdict flags (``smmod_flag``)."""

    ESCALATE = 1 << 0
    REDACT = 1 << 1
    INVALID_UTF8 = 1 << 2
    TRUNCATED = 1 << 3
    LIMIT = 1 << 4
    OFFTOPIC = 1 << 5
    TOO_MANY_MATCHES = 1 << 6


class View(enum.IntEnum):
    """The normalised views rules match in (``smmod_view``)."""

    RAW = 0
    PLAIN = 1
    FOLDED = 2


class Option(enum.IntEnum):
    """Load and scan limits (``smmod_option``)."""

    MAX_COMMENT_BYTES = 1
    MAX_RULE_FILE_BYTES = 2
    MAX_TERMS = 3
    MAX_INCLUDE_DEPTH = 4
    ALLOW_OUTSIDE_ROOT = 5
    REGEX_MATCH_LIMIT = 6
    REGEX_DEPTH_LIMIT = 7
    REGEX_HEAP_LIMIT_KB = 8
    MAX_MATCHES = 9
    KEEP_TESTS = 10


#: ``RuleTest.expected`` of a ``test flagged "..."`` line: any action but
#: ALLOW passes (``SMMOD_TEST_FLAGGED``).
TEST_FLAGGED = 100

#: Prefix of each enum's values in the header, for the constants test.
C_PREFIXES = {
    Status: "SMMOD_",
    Action: "SMMOD_",
    Flag: "SMMOD_FLAG_",
    View: "SMMOD_VIEW_",
    Option: "SMMOD_OPT_",
}
#: The C typedef name of each enum, for the constants test.
C_ENUM_NAMES = {
    Status: "smmod_status",
    Action: "smmod_action",
    Flag: "smmod_flag",
    View: "smmod_view",
    Option: "smmod_option",
}
