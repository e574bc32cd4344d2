"""The Pythonic API over libsmmod: rulesets, scanners, verdicts, errors.

Verdicts are copied out of the C library at once (a C verdict is only valid
until the next scan on its scanner), so a Python ``Verdict`` stays valid for
ever. The hot path (``Scanner.scan``/``scan_many``) keeps the number of
ctypes calls per comment small: a clean comment costs the scan plus four
accessor calls; categories and matches are fetched only when there are any,
and byte offsets are converted to string indices only for non-ASCII text.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from pathlib import Path
from typing import (Any, Dict, Iterable, Iterator, List, Mapping, NamedTuple,
                    Optional, Tuple, Union)

from . import _lib
from ._constants import TEST_FLAGGED, Action, Flag, Option, Status, View

fn = _lib.fn

PathLike = Union[str, "os.PathLike[str]"]
_ENC_ERRORS = "surrogatepass"  # lone surrogates reach the C side as bad UTF-8
_CONT_BYTES = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes
_ACTIONS = tuple(Action)
_FLAG_ALL = int(sum(Flag))
_FLAGS = tuple(Flag(i) for i in range(_FLAG_ALL + 1))  # no Flag() per scan
_NEW = object.__new__
_TUPLE_NEW = tuple.__new__
_VIEWS = tuple(View)
_NINDEX = 256  # the default SMMOD_OPT_MAX_MATCHES
_INDEX = tuple(ctypes.c_size_t(i) for i in range(_NINDEX))  # no int->size_t


class _Strings(dict):
    """Decoded C strings (rule ids, codes, terms), decoded once each."""

    def __missing__(self, raw: Optional[bytes]) -> str:
        s = self[raw] = _s(raw)
        return s


# ---------------------------------------------------------------- errors --

class Error(Exception):
    """A libsmmod call failed.

    Attributes:
        code: the ``Status`` code (an int for codes this binding doesn't know).
        message: a plain-language description.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        try:
            self.code: int = Status(code)
        except ValueError:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        name = getattr(self.code, "name", str(self.code))
        return f"{self.message} [{name}]"


class RuleError(Error):
    """A rule file (or rule text) has an error.

    Attributes:
        file: the rule file ("" or "<string>" for rule text without a name).
        line, column: 1-based position; 0 when not about a position.
        message: what is wrong and how to fix it.
    """

    def __init__(self, file: str, line: int, column: int, message: str,
                 code: int = Status.ERULE) -> None:
        super().__init__(code, message)
        self.args = (file, line, column, message)
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column)
                         if p)
        return f"{where}: {self.message}" if where else self.message


def _s(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


def _strerror(code: int) -> str:
    return _s(fn.strerror(code))


def _raise(code: int, err: Optional[ctypes.c_void_p] = None) -> None:
    """Raise the exception for a failed call, with details from `err`."""
    if not err:
        raise Error(code, _strerror(code))
    msg = _s(fn.error_message(err)) or _strerror(code)
    if code == Status.ERULE:
        raise RuleError(_s(fn.error_file(err)), fn.error_line(err),
                        fn.error_column(err), msg)
    raise Error(code, msg)


class _ErrorObject:
    """A smmod_error for the duration of one call (``with`` block)."""

    def __enter__(self) -> ctypes.c_void_p:
        self.ptr = ctypes.c_void_p()
        if fn.error_new(ctypes.byref(self.ptr)) < 0:
            raise MemoryError("libsmmod: out of memory")
        return self.ptr

    def __exit__(self, *exc: Any) -> None:
        fn.error_free(self.ptr)


def _need_str(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    hint = " (decode bytes first, e.g. data.decode('utf-8'))" \
        if isinstance(value, (bytes, bytearray, memoryview)) else ""
    raise TypeError(f"{what} must be str, not {type(value).__name__}{hint}")


# ------------------------------------------------------- value objects --

class Category(str):
    """A category declared in a ruleset.

    It is a ``str`` (its code, e.g. ``"insult"``), so ``"insult" in
    ruleset.categories`` works, and carries ``.code``, ``.label`` (e.g.
    "Beleidigung") and ``.basis`` (the legal basis, e.g. "§ 185 StGB").
    """

    label: str
    basis: str

    def __new__(cls, code: str, label: str = "", basis: str = "") -> "Category":
        self = str.__new__(cls, code)
        self.label = label
        self.basis = basis
        return self

    @property
    def code(self) -> str:
        """The stable category code."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return (f"Category({self.code!r}, label={self.label!r}, "
                f"basis={self.basis!r})")


class CategoryScore(Category):
    """A category that matched in a verdict: a ``Category`` plus ``.score``
    (the category's score in this verdict, capped at 100)."""

    score: int

    def __new__(cls, code: str, score: int = 0, label: str = "",
                basis: str = "") -> "CategoryScore":
        self = str.__new__(cls, code)
        self.score = score
        self.label = label
        self.basis = basis
        return self

    def __repr__(self) -> str:
        return f"CategoryScore({self.code!r}, score={self.score})"


class Match(NamedTuple):
    """One match of a rule in a comment.

    ``start`` and ``end`` are indices into the Python string that was
    scanned, so ``text[m.start:m.end] == m.text`` (also with umlauts and
    emoji); ``byte_start``/``byte_end`` are the UTF-8 byte offsets the
    library reports.
    """

    rule: str
    category: str
    start: int
    end: int
    text: str
    term: str
    view: View
    score: int
    action: Optional[Action]
    byte_start: int
    byte_end: int


class Rule(NamedTuple):
    """A rule of a ruleset: its id, its category code, its literal terms."""

    id: str
    category: str
    term_count: int


class RuleTest(NamedTuple):
    """A ``test`` line of a rule file; ``expected`` is an ``Action``, or
    ``TEST_FLAGGED`` for ``test flagged`` (any action but ALLOW passes)."""

    text: str
    expected: int
    file: str
    line: int


class Verdict:
    """The result of scanning one comment. Plain data: stays valid after
    later scans.

    Attributes:
        action: an ``Action`` (ALLOW, REVIEW, HIDE, REJECT).
        score: the total score (the sum of the category scores).
        flags: a ``Flag`` bit set (ESCALATE, REDACT, INVALID_UTF8, ...).
        categories: the matched categories, strongest first, as
            ``CategoryScore`` objects (str codes with ``.score``, ``.label``,
            ``.basis``).
        matches: ``Match`` objects ordered by start.
        fingerprint: the fingerprint of the ruleset that decided.
    """

    __slots__ = ("action", "score", "flags", "categories", "matches",
                 "fingerprint")
    action: Action
    score: int
    flags: Flag
    categories: List[CategoryScore]
    matches: List[Match]
    fingerprint: str

    def _key(self) -> tuple:
        return (self.action, self.score, int(self.flags),
                [(c.code, c.score) for c in self.categories],
                self.matches, self.fingerprint)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        cats = ", ".join(f"{c.code}={c.score}" for c in self.categories)
        return (f"<Verdict {self.action.name} score={self.score} "
                f"flags={self.flags!r} categories=[{cats}] "
                f"matches={len(self.matches)}>")

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-ready dict (action and flag names in lower case)."""
        return {
            "action": self.action.name.lower(),
            "score": self.score,
            "flags": [f.name.lower() for f in Flag if f in self.flags],
            "categories": {c.code: c.score for c in self.categories},
            "matches": [{"rule": m.rule, "category": m.category,
                         "start": m.start, "end": m.end, "text": m.text}
                        for m in self.matches],
            "fingerprint": self.fingerprint,
        }


# -------------------------------------------------------------- rules --

def _options(options: Optional[Mapping[Union[Option, int], int]]
             ) -> ctypes.c_void_p:
    """A smmod_options holding `options` (caller frees), or NULL."""
    ptr = ctypes.c_void_p()
    if not options:
        return ptr
    if fn.options_new(ctypes.byref(ptr)) < 0:
        raise MemoryError("libsmmod: out of memory")
    for key, value in options.items():
        if not isinstance(value, int):
            fn.options_free(ptr)
            raise TypeError(f"option {key!r} needs an int value")
        rc = fn.options_set(ptr, int(key), value)
        if rc < 0:
            fn.options_free(ptr)
            raise Error(rc, f"invalid option {key!r}={value!r}")
    return ptr


def _fs(path: PathLike, what: str) -> bytes:
    if isinstance(path, (bytes, bytearray)) or not isinstance(
            path, (str, os.PathLike)):
        raise TypeError(f"{what} must be str or os.PathLike, not "
                        f"{type(path).__name__}")
    return os.fsencode(path)


def default_rules_path() -> Path:
    """The shipped default rules (``rules/de/default.rules``).

    Looked for in ``$SMMOD_RULES`` (a rule file, or a directory holding
    ``de/default.rules`` or ``default.rules``), the checkout this package
    lives in, beside the loaded library (its build tree, or the install
    prefix's ``share/smmod/rules``), then ``sys.prefix``, ``/usr/local``
    and ``/usr``. Raises ``Error`` (EIO) when none exists.
    """
    tried: List[Path] = []
    for cand in _rules_candidates():
        if cand.is_file():
            return cand
        tried.append(cand)
    raise Error(Status.EIO, "the default rules were not found; looked at "
                + ", ".join(map(str, tried)) + "; set SMMOD_RULES")


def _rules_candidates() -> Iterator[Path]:
    env = os.environ.get("SMMOD_RULES")
    if env:
        p = Path(env)
        yield p if not p.is_dir() else p / "de" / "default.rules"
        if p.is_dir():
            yield p / "default.rules"
        return
    rel = Path("de") / "default.rules"
    if _lib.in_checkout():
        yield _lib.REPO_ROOT / "rules" / rel
    lib = _lib.resolved_library_path()
    if lib:
        libdir = Path(lib).parent
        yield libdir.parent.parent / "rules" / rel       # BUILD/lib
        yield libdir.parent / "share" / "smmod" / "rules" / rel
    for prefix in dict.fromkeys([sys.prefix, "/usr/local", "/usr"]):
        yield Path(prefix) / "share" / "smmod" / "rules" / rel


class Ruleset:
    """A compiled ruleset: immutable and safe to share between threads.

    Make one with ``Ruleset.load(path)`` or ``Ruleset.from_string(text)``;
    scan with a ``Scanner`` per thread.
    """

    __slots__ = ("_ptr", "_fingerprint", "_categories", "_by_code",
                 "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use Ruleset.load() or Ruleset.from_string()")

    @classmethod
    def _wrap(cls, ptr: ctypes.c_void_p) -> "Ruleset":
        self = _NEW(cls)
        self._ptr = ptr
        self._fingerprint = _s(fn.ruleset_fingerprint(ptr))
        cats = []
        for i in range(fn.ruleset_category_count(ptr)):
            cats.append(Category(_s(fn.ruleset_category_code(ptr, i)),
                                 _s(fn.ruleset_category_label(ptr, i)),
                                 _s(fn.ruleset_category_basis(ptr, i))))
        self._categories = tuple(cats)
        self._by_code = {c.code: c for c in cats}
        return self

    @classmethod
    def load(cls, path: Optional[PathLike] = None, *,
             options: Optional[Mapping[Union[Option, int], int]] = None
             ) -> "Ruleset":
        """Load and compile a rule file and everything it includes.

        Args:
            path: the top rule file; None for the shipped default rules
                (see ``default_rules_path``).
            options: ``{Option.X: value}`` load and scan limits.
        Raises:
            RuleError: a rule file has an error (with file, line, column).
            Error: the file can't be read (EIO), a limit was exceeded, ...
            TypeError: `path` is not a str or path object.
        """
        raw = _fs(default_rules_path() if path is None else path, "path")
        opts = _options(options)
        out = ctypes.c_void_p()
        try:
            with _ErrorObject() as err:
                rc = fn.ruleset_load(ctypes.byref(out), raw, opts, err)
                if rc < 0:
                    _raise(rc, err)
        finally:
            fn.options_free(opts)
        return cls._wrap(out)

    @classmethod
    def from_string(cls, text: str, *, name: Optional[PathLike] = None,
                    options: Optional[Mapping[Union[Option, int], int]] = None
                    ) -> "Ruleset":
        """Compile rules given as text.

        Args:
            text: the rules.
            name: a path used in error messages and as the base of
                ``include``/``file`` references (None: the current
                directory, errors name "<string>").
            options: as for ``load``.
        """
        data = _need_str(text, "text").encode("utf-8")
        raw_name = None if name is None else _fs(name, "name")
        opts = _options(options)
        out = ctypes.c_void_p()
        try:
            with _ErrorObject() as err:
                rc = fn.ruleset_compile(ctypes.byref(out), data, len(data),
                                        raw_name, opts, err)
                if rc < 0:
                    _raise(rc, err)
        finally:
            fn.options_free(opts)
        return cls._wrap(out)

    def __del__(self, _free: Any = fn.ruleset_free) -> None:
        ptr = getattr(self, "_ptr", None)
        if ptr:
            self._ptr = None
            _free(ptr)

    @property
    def fingerprint(self) -> str:
        """16 hex digits identifying the compiled rules' content."""
        return self._fingerprint

    @property
    def categories(self) -> List[Category]:
        """The declared categories, in declaration order."""
        return list(self._categories)

    def category(self, code: str) -> Category:
        """The declared category `code`; KeyError when unknown."""
        return self._by_code[code]

    @property
    def rules(self) -> List[Rule]:
        """The rules (word lists, regexes, detectors)."""
        p, cats = self._ptr, self._categories
        out = []
        for i in range(fn.ruleset_rule_count(p)):
            ci = fn.ruleset_rule_category(p, i)
            out.append(Rule(_s(fn.ruleset_rule_id(p, i)),
                            cats[ci].code if 0 <= ci < len(cats) else "",
                            fn.ruleset_rule_term_count(p, i)))
        return out

    @property
    def topics(self) -> List[str]:
        """The declared topic names (for ``Scanner.set_topic``)."""
        p = self._ptr
        return [_s(fn.ruleset_topic_name(p, i))
                for i in range(fn.ruleset_topic_count(p))]

    @property
    def tests(self) -> List[RuleTest]:
        """The rule files' ``test`` lines."""
        p, out = self._ptr, []
        for i in range(fn.ruleset_test_count(p)):
            exp = fn.ruleset_test_expected(p, i)
            out.append(RuleTest(_s(fn.ruleset_test_text(p, i)),
                                _ACTIONS[exp] if 0 <= exp < 4 else exp,
                                _s(fn.ruleset_test_file(p, i)),
                                fn.ruleset_test_line(p, i)))
        return out

    def check_tests(self) -> List[Tuple[RuleTest, Action]]:
        """Run the rule files' ``test`` lines; the failing ones with the
        action they got (an empty list when all pass)."""
        failed = []
        with Scanner(self) as sc:
            for t in self.tests:
                got = sc.scan(t.text).action
                ok = got != Action.ALLOW if t.expected == TEST_FLAGGED \
                    else got == t.expected
                if not ok:
                    failed.append((t, got))
        return failed

    def threshold(self, action: Action) -> Optional[int]:
        """The score threshold of `action`; None when it has none."""
        t = fn.ruleset_threshold(self._ptr, int(action))
        return None if t < 0 else t

    def __repr__(self) -> str:
        return (f"<Ruleset {self._fingerprint} "
                f"categories={[c.code for c in self._categories]}>")


_default_lock = threading.Lock()
_default: Optional[Ruleset] = None


def default_ruleset() -> Ruleset:
    """The shipped default rules, loaded once per process (thread-safe)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Ruleset.load()
        return _default


# ------------------------------------------------------------ scanner --

_CategoriesArg = Union[None, str, Iterable[str]]


class Scanner:
    """Scans comments with one ruleset. Use one scanner per thread.

    A scanner owns scratch memory and must not be used by two threads at
    once (doing so raises ``RuntimeError`` rather than corrupting memory).
    Any number of scanners in any number of threads may share one
    ``Ruleset``. Use as a context manager or call ``close()``.
    """

    __slots__ = ("_ptr", "_ruleset", "_vout", "_vref", "_busy",
                 "_fingerprint", "_by_code", "_strs", "__weakref__")

    def __init__(self, ruleset: Optional[Ruleset] = None) -> None:
        """Create a scanner for `ruleset` (None: the default rules)."""
        self._ptr: Optional[ctypes.c_void_p] = None
        if ruleset is None:
            ruleset = default_ruleset()
        elif not isinstance(ruleset, Ruleset):
            raise TypeError("ruleset must be a Ruleset, not "
                            f"{type(ruleset).__name__}")
        ptr = ctypes.c_void_p()
        rc = fn.scanner_new(ctypes.byref(ptr), ruleset._ptr)
        if rc < 0:
            _raise(rc)
        self._ptr = ptr
        self._ruleset = ruleset
        self._vout = ctypes.c_void_p()
        self._vref = ctypes.byref(self._vout)  # reused by every scan
        self._busy = threading.Lock()
        self._fingerprint = ruleset._fingerprint
        self._by_code = ruleset._by_code
        self._strs = _Strings()

    @property
    def ruleset(self) -> Ruleset:
        """The ruleset this scanner uses."""
        return self._ruleset

    def close(self) -> None:
        """Free the scanner's memory. Idempotent; scanning afterwards
        raises ValueError."""
        with self._busy:
            ptr, self._ptr = self._ptr, None
            if ptr:
                fn.scanner_free(ptr)

    def __enter__(self) -> "Scanner":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self, _free: Any = fn.scanner_free) -> None:
        ptr = getattr(self, "_ptr", None)
        if ptr:
            self._ptr = None
            _free(ptr)

    def _enter(self) -> ctypes.c_void_p:
        """Take the busy lock; the scanner pointer. Caller releases."""
        if not self._busy.acquire(False):
            raise RuntimeError("this Scanner is in use by another thread; "
                               "create one Scanner per thread")
        ptr = self._ptr
        if ptr is None:
            self._busy.release()
            raise ValueError("the Scanner is closed")
        return ptr

    def scan(self, text: str) -> Verdict:
        """Scan one comment and return its verdict."""
        if text.__class__ is not str:
            _need_str(text, "text")
        sp = self._enter()
        try:
            return self._scan(sp, text)
        finally:
            self._busy.release()

    def scan_many(self, texts: Iterable[str]) -> Iterator[Verdict]:
        """Scan comments one after another, yielding a verdict for each, in
        order. Faster than calling ``scan`` in a loop."""
        busy, scan1 = self._busy, self._scan
        acquire, release = busy.acquire, busy.release
        for text in texts:
            if text.__class__ is not str:
                _need_str(text, "each text")
            if not acquire(False):
                raise RuntimeError("this Scanner is in use by another "
                                   "thread; create one Scanner per thread")
            try:
                sp = self._ptr
                if sp is None:
                    raise ValueError("the Scanner is closed")
                v = scan1(sp, text)
            finally:
                release()
            yield v

    def _scan(self, sp: ctypes.c_void_p, text: str,
              _scan: Any = fn.scan) -> Verdict:
        """The hot path: scan and copy the verdict out (caller holds the
        busy lock). Functions come in as defaults to skip global lookups."""
        b = text.encode("utf-8", _ENC_ERRORS)
        rc = _scan(sp, b, len(b), self._vref)
        if rc:
            _raise(rc)
        return self._read(text, b)

    def _read(self, text: str, b: bytes,
              _action: Any = fn.verdict_action,
              _flags: Any = fn.verdict_flags,
              _ccount: Any = fn.verdict_category_count,
              _mcount: Any = fn.verdict_match_count) -> Verdict:
        """Copy the scanner's current verdict (of `text`, encoded `b`)."""
        vp = self._vout
        v = _NEW(Verdict)
        v.action = _ACTIONS[_action(vp)]
        bits = _flags(vp)
        v.flags = _FLAGS[bits] if bits <= _FLAG_ALL else Flag(bits)
        v.fingerprint = self._fingerprint
        if _ccount(vp):
            v.score = fn.verdict_score(vp)
            v.categories = self._categories(vp)
        else:  # the score is the sum of the category scores
            v.score = 0
            v.categories = []
        n = _mcount(vp)
        v.matches = self._matches(vp, n, text, b) if n else []
        return v

    def _categories(self, vp: ctypes.c_void_p) -> List[CategoryScore]:
        by_code, out = self._by_code, []
        for i in range(fn.verdict_category_count(vp)):
            code = _s(fn.verdict_category(vp, i))
            decl = by_code.get(code)
            out.append(CategoryScore(code, fn.verdict_category_score(vp, i),
                                     decl.label if decl else "",
                                     decl.basis if decl else ""))
        return out

    def _matches(self, vp: ctypes.c_void_p, n: int, text: str, b: bytes,
                 _rule: Any = fn.verdict_match_rule,
                 _cat: Any = fn.verdict_match_category,
                 _term: Any = fn.verdict_match_term,
                 _start: Any = fn.verdict_match_start,
                 _end: Any = fn.verdict_match_end,
                 _view: Any = fn.verdict_match_view,
                 _score: Any = fn.verdict_match_score,
                 _act: Any = fn.verdict_match_action) -> List[Match]:
        ascii_only = len(b) == len(text)
        strs = self._strs
        out = []
        for i in range(n):
            ix = _INDEX[i] if i < _NINDEX else i
            bs = _start(vp, ix)
            be = _end(vp, ix)
            if ascii_only:
                s, e = bs, be
            else:  # characters = UTF-8 lead bytes before the offset
                s = len(b[:bs].translate(None, _CONT_BYTES))
                e = s + len(b[bs:be].translate(None, _CONT_BYTES))
            act = _act(vp, ix)
            view = _view(vp, ix)
            out.append(_TUPLE_NEW(Match, (
                strs[_rule(vp, ix)], strs[_cat(vp, ix)], s, e, text[s:e],
                strs[_term(vp, ix)],
                _VIEWS[view] if 0 <= view < 3 else View(view),
                _score(vp, ix), _ACTIONS[act] if 0 <= act < 4 else None,
                bs, be)))
        return out

    def redact(self, text: str, categories: _CategoriesArg = None,
               mask: Optional[str] = None) -> str:
        """`text` with the matched spans of chosen categories masked.

        Args:
            categories: None for the categories whose rules carry the
                redact flag (personal data), "*" for every matched
                category, or category codes (a comma-separated str or an
                iterable of str).
            mask: one character replaces each character of a span
                (default "*"); a longer string replaces each span once.
        """
        text = _need_str(text, "text")
        cats = _categories_arg(categories)
        raw_mask = None if mask is None else _need_str(
            mask, "mask").encode("utf-8")
        sp = self._enter()
        try:
            b = text.encode("utf-8", _ENC_ERRORS)
            rc = fn.scan(sp, b, len(b), self._vref)
            if rc:
                _raise(rc)
            return _fill(lambda buf, cap, n: fn.redact(
                self._vout, b, len(b), cats, raw_mask, buf, cap, n))
        finally:
            self._busy.release()

    def set_topic(self, name: Optional[str]) -> None:
        """Make `name` (a topic declared in the ruleset) the active topic,
        or clear it with None. Error (ENOTFOUND) for an unknown topic."""
        raw = None if name is None else _need_str(name, "name").encode()
        sp = self._enter()
        try:
            rc = fn.scanner_set_topic(sp, raw)
        finally:
            self._busy.release()
        if rc < 0:
            raise Error(rc, f"unknown topic {name!r}" if rc ==
                        Status.ENOTFOUND else _strerror(rc))

    def set_limit(self, option: Option, value: int) -> None:
        """Change a scan limit of this scanner (MAX_COMMENT_BYTES,
        REGEX_*, MAX_MATCHES)."""
        sp = self._enter()
        try:
            rc = fn.scanner_set_limit(sp, int(option), int(value))
        finally:
            self._busy.release()
        if rc < 0:
            raise Error(rc, f"invalid limit {option!r}={value!r}")

    def view(self, text: str, view: View = View.FOLDED) -> str:
        """The normalised `view` of `text` as rules see it (for explaining
        verdicts; not for the hot path)."""
        b = _need_str(text, "text").encode("utf-8", _ENC_ERRORS)
        sp = self._enter()
        try:
            return _fill(lambda buf, cap, n: fn.scanner_view(
                sp, int(view), b, len(b), buf, cap, n))
        finally:
            self._busy.release()

    def __repr__(self) -> str:
        state = "closed" if self._ptr is None else "open"
        return f"<Scanner {state} ruleset={self._fingerprint}>"


def _categories_arg(categories: _CategoriesArg) -> Optional[bytes]:
    if categories is None:
        return None
    if isinstance(categories, str):
        return categories.encode("utf-8")
    if isinstance(categories, (bytes, bytearray)):
        raise TypeError("categories must be str or an iterable of str")
    return ",".join(_need_str(c, "each category")
                    for c in categories).encode("utf-8")


def _fill(call: Any) -> str:
    """Run a (buf, cap, out_len) C call twice: ask the size, then fill."""
    n = ctypes.c_size_t()
    rc = call(None, 0, ctypes.byref(n))
    if rc not in (Status.OK, Status.ERANGE):
        _raise(rc)
    buf = ctypes.create_string_buffer(n.value + 1)
    rc = call(buf, len(buf), ctypes.byref(n))
    if rc:
        _raise(rc)
    return buf.raw[:n.value].decode("utf-8", _ENC_ERRORS)


# ------------------------------------------------------- conveniences --

_local = threading.local()


def _thread_scanner() -> Scanner:
    sc = getattr(_local, "scanner", None)
    if sc is None:
        sc = _local.scanner = Scanner(default_ruleset())
    return sc


def scan(text: str) -> Verdict:
    """Scan `text` with the default rules (one scanner per thread)."""
    return _thread_scanner().scan(text)


def redact(text: str, categories: _CategoriesArg = None,
           mask: Optional[str] = None) -> str:
    """``Scanner.redact`` with the default rules (one scanner per thread)."""
    return _thread_scanner().redact(text, categories, mask)
