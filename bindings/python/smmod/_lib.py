"""Finding, loading and checking libsmmod; the C prototypes.

This module owns everything that touches ctypes directly at load time: where
the shared library is looked for, the version check, and the argument and
result types of every exported function. The rest of the package calls the
function objects collected in ``fn`` (a simple namespace).

Accessors that only read a verdict or ruleset field are bound through a
``PyDLL`` view of the same library handle: they keep the GIL, which saves the
release/re-acquire on every call in the hot path. Calls that do real work
(compiling, loading, scanning, redacting, views) go through ``CDLL`` and
release the GIL so that scanners in several threads run in parallel.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import List, Optional, Tuple

#: The (major, minor) version of libsmmod this binding was written for.
EXPECTED_VERSION: Tuple[int, int] = (0, 1)

_SONAME = "libsmmod.so.1"
_PKG_DIR = Path(__file__).resolve().parent
#: The source tree root when the package is used from a checkout
#: (bindings/python/smmod -> the repository).
REPO_ROOT = _PKG_DIR.parents[2] if len(_PKG_DIR.parents) > 2 else _PKG_DIR


def in_checkout() -> bool:
    """True when the package runs from a libsmmod source tree."""
    return (REPO_ROOT / "include" / "smmod.h").is_file()


class LibraryError(ImportError):
    """libsmmod could not be found, loaded, or has the wrong version."""


def _candidates() -> List[Tuple[str, str]]:
    """(how, path-or-name) pairs in lookup order, after $SMMOD_LIBRARY."""
    out = [("beside the package", str(_PKG_DIR / _SONAME))]
    if in_checkout():
        build = os.environ.get("BUILD", "build")
        for b in dict.fromkeys([build, "build"]):
            out.append(("the build tree",
                        str(REPO_ROOT / b / "lib" / _SONAME)))
    found = ctypes.util.find_library("smmod")
    if found:
        out.append(("the system (find_library)", found))
    out.append(("the dynamic loader path", _SONAME))
    return out


def _open(path: str) -> ctypes.CDLL:
    return ctypes.CDLL(path)


def load_library() -> Tuple[ctypes.CDLL, str]:
    """Load libsmmod; return the handle and the path or name it came from.

    Order: $SMMOD_LIBRARY (no fallback when it is set but unusable), the
    file beside the package, the build tree of a checkout, then the system.
    """
    env = os.environ.get("SMMOD_LIBRARY")
    if env:
        try:
            return _open(env), env
        except OSError as exc:
            raise LibraryError(
                f"SMMOD_LIBRARY={env!r} could not be loaded: {exc}") from exc
    tried = []
    for how, cand in _candidates():
        if os.sep in cand and not os.path.exists(cand):
            tried.append(f"  {how}: {cand} (missing)")
            continue
        try:
            return _open(cand), cand
        except OSError as exc:
            tried.append(f"  {how}: {cand} ({exc})")
    raise LibraryError(
        "libsmmod was not found. Tried:\n" + "\n".join(tried) +
        "\nBuild it with `make lib`, install it with `make install`, or set "
        "SMMOD_LIBRARY to the path of libsmmod.so.1.")


_P = ctypes.c_void_p
_PP = ctypes.POINTER(ctypes.c_void_p)
_S = ctypes.c_char_p
_Z = ctypes.c_size_t
_I = ctypes.c_int
_U = ctypes.c_uint
_I64 = ctypes.c_int64

# name: (restype, argtypes, keeps_gil). keeps_gil=True for cheap accessors.
_PROTOTYPES = {
    "smmod_version": (_S, [], True),
    "smmod_version_number": (_U, [], True),
    "smmod_strerror": (_S, [_I], True),
    "smmod_error_new": (_I, [_PP], True),
    "smmod_error_free": (None, [_P], True),
    "smmod_error_code": (_I, [_P], True),
    "smmod_error_message": (_S, [_P], True),
    "smmod_error_file": (_S, [_P], True),
    "smmod_error_line": (_U, [_P], True),
    "smmod_error_column": (_U, [_P], True),
    "smmod_options_new": (_I, [_PP], True),
    "smmod_options_free": (None, [_P], True),
    "smmod_options_set": (_I, [_P, _I, _I64], True),
    "smmod_options_get": (_I, [_P, _I, ctypes.POINTER(_I64)], True),
    "smmod_ruleset_load": (_I, [_PP, _S, _P, _P], False),
    "smmod_ruleset_compile": (_I, [_PP, _S, _Z, _S, _P, _P], False),
    "smmod_ruleset_ref": (_P, [_P], True),
    "smmod_ruleset_free": (None, [_P], False),
    "smmod_ruleset_fingerprint": (_S, [_P], True),
    "smmod_ruleset_category_count": (_Z, [_P], True),
    "smmod_ruleset_category_code": (_S, [_P, _Z], True),
    "smmod_ruleset_category_label": (_S, [_P, _Z], True),
    "smmod_ruleset_category_basis": (_S, [_P, _Z], True),
    "smmod_ruleset_rule_count": (_Z, [_P], True),
    "smmod_ruleset_rule_id": (_S, [_P, _Z], True),
    "smmod_ruleset_rule_category": (_I, [_P, _Z], True),
    "smmod_ruleset_rule_term_count": (_Z, [_P, _Z], True),
    "smmod_ruleset_threshold": (_I, [_P, _I], True),
    "smmod_ruleset_topic_count": (_Z, [_P], True),
    "smmod_ruleset_topic_name": (_S, [_P, _Z], True),
    "smmod_ruleset_test_count": (_Z, [_P], True),
    "smmod_ruleset_test_text": (_S, [_P, _Z], True),
    "smmod_ruleset_test_expected": (_I, [_P, _Z], True),
    "smmod_ruleset_test_file": (_S, [_P, _Z], True),
    "smmod_ruleset_test_line": (_U, [_P, _Z], True),
    "smmod_scanner_new": (_I, [_PP, _P], False),
    "smmod_scanner_free": (None, [_P], False),
    "smmod_scanner_ruleset": (_P, [_P], True),
    "smmod_scanner_set_limit": (_I, [_P, _I, _I64], True),
    "smmod_scanner_set_topic": (_I, [_P, _S], True),
    "smmod_scan": (_I, [_P, _S, _Z, _PP], False),
    "smmod_verdict_action": (_I, [_P], True),
    "smmod_verdict_flags": (_U, [_P], True),
    "smmod_verdict_score": (_I, [_P], True),
    "smmod_verdict_fingerprint": (_S, [_P], True),
    "smmod_verdict_text_length": (_Z, [_P], True),
    "smmod_verdict_category_count": (_Z, [_P], True),
    "smmod_verdict_category": (_S, [_P, _Z], True),
    "smmod_verdict_category_index": (_I, [_P, _Z], True),
    "smmod_verdict_category_score": (_I, [_P, _Z], True),
    "smmod_verdict_match_count": (_Z, [_P], True),
    "smmod_verdict_match_rule": (_S, [_P, _Z], True),
    "smmod_verdict_match_category": (_S, [_P, _Z], True),
    "smmod_verdict_match_term": (_S, [_P, _Z], True),
    "smmod_verdict_match_start": (_Z, [_P, _Z], True),
    "smmod_verdict_match_end": (_Z, [_P, _Z], True),
    "smmod_verdict_match_view": (_I, [_P, _Z], True),
    "smmod_verdict_match_score": (_I, [_P, _Z], True),
    "smmod_verdict_match_action": (_I, [_P, _Z], True),
    "smmod_redact": (_I, [_P, _S, _Z, _S, _S, ctypes.c_char_p, _Z,
                          ctypes.POINTER(_Z)], False),
    "smmod_scanner_view": (_I, [_P, _I, _S, _Z, ctypes.c_char_p, _Z,
                                ctypes.POINTER(_Z)], False),
}


def _bind(cdll: ctypes.CDLL, where: str) -> SimpleNamespace:
    """Set the prototypes; a missing symbol means a wrong or old library."""
    pydll = ctypes.PyDLL(where, handle=cdll._handle)
    ns = SimpleNamespace()
    for name, (restype, argtypes, keeps_gil) in _PROTOTYPES.items():
        try:
            f = getattr(pydll if keeps_gil else cdll, name)
        except AttributeError as exc:
            raise LibraryError(
                f"{where} does not export {name}: it is not a libsmmod "
                f"{EXPECTED_VERSION[0]}.{EXPECTED_VERSION[1]} library") from exc
        f.restype = restype
        f.argtypes = argtypes
        setattr(ns, name[len("smmod_"):], f)
    return ns


def version_compatible(number: int) -> bool:
    """True when a library of SMMOD_VERSION_NUMBER `number` fits.

    Same major; before 1.0 the minor must match too (0.x minors may break
    the API), from 1.0 on the library's minor may be newer.
    """
    major, minor = number // 10000, number // 100 % 100
    want_major, want_minor = EXPECTED_VERSION
    if major != want_major:
        return False
    return minor == want_minor if major == 0 else minor >= want_minor


def _check_version(ns: SimpleNamespace, where: str) -> None:
    number = ns.version_number()
    if not version_compatible(number):
        got = ns.version().decode("ascii", "replace")
        raise LibraryError(
            f"{where} is libsmmod {got}, but this smmod binding needs "
            f"{EXPECTED_VERSION[0]}.{EXPECTED_VERSION[1]}.x; point "
            f"SMMOD_LIBRARY at a matching libsmmod.so.1 or install the "
            f"binding that came with the library.")


def _init() -> Tuple[SimpleNamespace, str]:
    cdll, where = load_library()
    ns = _bind(cdll, where)
    _check_version(ns, where)
    return ns, where


fn, LIBRARY_PATH = _init()


def resolved_library_path() -> Optional[str]:
    """The file the library was loaded from, as the dynamic loader saw it."""
    if os.sep in LIBRARY_PATH:
        return os.path.realpath(LIBRARY_PATH)
    maps = Path("/proc/self/maps")
    if sys.platform.startswith("linux") and maps.exists():
        for line in maps.read_text().splitlines():
            if "libsmmod.so" in line:
                return line.split(None, 5)[-1]
    return None
