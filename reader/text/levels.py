"""Embedding levels for a whole paragraph (UAX #9 up to rule I2), from python-bidi.

python-bidi 0.6 wraps the Rust crate ``unicode-bidi`` but exposes no levels API: the only
way to read the resolved levels is ``get_display(text, debug=True)``, which returns Rust's
debug dump of ``BidiInfo`` with one ``Level(n)`` per UTF-8 *byte*, before rule L1 (pretty,
one ``Level(`` per line, or on one line: both are read). The paragraph level comes from the
public ``get_base_level`` (rules P2-P3). The dump is not a contract, so the version is
pinned in ``pyproject.toml`` and :func:`self_test` checks the parser against known answers.
Every command and the app run it once before anything is drawn (:func:`check_library`):
if the library changes under us, or cannot be imported, the user gets one line
(:class:`BidiLibraryError`, a :class:`~reader.errors.ReaderError`) instead of wrong text or
a traceback.

Rule L1 is applied per visual line by :mod:`reader.text.reorder`, not here.

To keep the debug dump (about fifty characters of text per byte of input) small, the text
handed to the library is *condensed* first: every character is replaced by a one-code-point
representative of its bidi class, and runs of the same representative whose members must
resolve to one level (strong letters, numbers, marks, plain neutrals) are collapsed to one
code point. Brackets, separators and explicit formatting characters are kept one by one,
because rules W4 and N0 look at them individually; characters that Python's Unicode tables
do not know are handed over as they are (the library may know them, and gives unassigned
code points in right-to-left blocks their default class R or AL). ``tests/test_levels.py``
holds both shortcuts, this and the LTR fast path, to the library's answer on the whole text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from reader.errors import ReaderError
from reader.text.chars import BRACKETS, EXPLICIT_FORMATTING

try:
    from bidi import get_base_level, get_display
except Exception as error:  # a missing or broken install: reported by self_test, one line
    _IMPORT_ERROR: Exception | None = error
else:
    _IMPORT_ERROR = None

LTR, RTL = 0, 1

PINNED_BIDI_VERSION = "0.6.12"

# One representative per bidi class. Each is a single code point of that class; the
# classes whose runs may be collapsed are listed in _COLLAPSIBLE.
_REPRESENTATIVE = {
    "L": "a",
    "R": "\u05d0",
    "AL": "\u0627",
    "EN": "1",
    "ES": "+",
    "ET": "%",
    "AN": "\u0660",
    "CS": ",",
    "NSM": "\u0300",
    "BN": "\u200b",
    "S": "\t",
    "WS": " ",
    "ON": "!",
    # A paragraph separator inside one of our paragraphs (U+001C..U+001E, U+0085, a lone
    # CR) is shown as a visible control; to the algorithm it is a neutral, so that the
    # library sees one paragraph as we do.
    "B": "!",
}
# A strong letter's run also takes in the combining marks after its letters (rule W1: a mark
# takes the type of the character before it) and the white space, common separators and
# other neutrals between two of its letters (W6 makes a separator not between numbers a
# neutral; N1: neutrals between two strong letters of one direction resolve to it), so a
# sentence of Arabic words, harakat and commas condenses to one code point instead of one per
# word, mark, comma and space. Brackets are not neutrals here (they keep their own code
# points, for rule N0), nor are terminators (W5) or anything next to a number.
_COLLAPSIBLE_RUN = re.compile(
    "a[a\u0300]*(?:[ ,!]+a[a\u0300]*)*"
    "|\u05d0[\u05d0\u0300]*(?:[ ,!]+\u05d0[\u05d0\u0300]*)*"
    "|\u0627[\u0627\u0300]*(?:[ ,!]+\u0627[\u0627\u0300]*)*"
    "|1+|\u0660+|\u0300+| +|!+|%+|.",
    re.DOTALL,
)


class BidiLibraryError(ReaderError, RuntimeError):
    """python-bidi no longer behaves the way the reader relies on (or cannot be imported)."""


class _Condenser(dict[int, str]):
    """A ``str.translate`` table mapping each code point to its class representative.

    Missing entries are computed on first sight, so translation runs at C speed once the
    characters of a document have been seen.
    """

    def __missing__(self, codepoint: int) -> str:
        ch = chr(codepoint)
        bidi_class = unicodedata.bidirectional(ch)
        if ch in BRACKETS or ch in EXPLICIT_FORMATTING or not bidi_class:
            # Unassigned for Python's Unicode tables: the library may know it (a newer
            # Unicode), or give it its block's default class (R or AL in right-to-left blocks).
            rep = ch
        else:
            rep = _REPRESENTATIVE.get(bidi_class, "a")
        self[codepoint] = rep
        return rep


_CONDENSER = _Condenser()


# Maps each UTF-8 byte to 1 if it starts a character, 0 if it continues one.
_LEAD_BYTES = bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))


# One level in the dump, pretty-printed ("Level(\n    1,\n)") or on one line ("Level(1)").
_LEVEL = re.compile(r"Level\(\s*(\d+)\s*,?\s*\)")


def _dump_levels(dump: str, byte_count: int) -> list[str]:
    """The per-byte levels (as digit strings) in python-bidi's debug dump of one paragraph."""
    start = dump.find("levels: [")
    end = dump.find("paragraphs: [", start)
    if start < 0 or end < 0:
        raise BidiLibraryError("python-bidi's debug output has no levels section")
    byte_levels = _LEVEL.findall(dump, start, end)
    if len(byte_levels) != byte_count:
        raise BidiLibraryError(
            f"python-bidi's debug output gave {len(byte_levels)} levels for {byte_count} bytes"
        )
    return byte_levels


def _raw_levels(text: str, base_dir: str | None) -> tuple[list[int], int]:
    """Levels per code point of ``text`` and the paragraph level, from the library."""
    if _IMPORT_ERROR is not None:
        raise BidiLibraryError(f"python-bidi cannot be imported: {_IMPORT_ERROR}")
    encoded = text.encode("utf-8")
    byte_levels = _dump_levels(get_display(text, base_dir=base_dir, debug=True), len(encoded))
    # The level of a character is the level of its first byte.
    levels = list(map(int, compress(byte_levels, encoded.translate(_LEAD_BYTES))))
    para = {"L": LTR, "R": RTL}[base_dir] if base_dir else get_base_level(text)
    return levels, para


LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
# What each kind of :class:`Isolate` stands between: HTML's ``dir`` on an inline element
# (and ``<bdi>``) isolates its text (``unicode-bidi: isolate``), ``<bdo>`` overrides it.
_CONTROLS = {"ltr": (LRI, PDI), "rtl": (RLI, PDI), "auto": (FSI, PDI),
             "override-ltr": (LRO, PDF), "override-rtl": (RLO, PDF)}
ISOLATE_KINDS = frozenset(_CONTROLS)


class Isolate(NamedTuple):
    """A range of a paragraph laid out as if it stood between bidi controls that are not in
    the text: ``ltr`` (a code span, ``dir="ltr"``: LRI…PDI), ``rtl`` (RLI…PDI), ``auto``
    (``<bdi>``, ``dir="auto"``: FSI…PDI), ``override-ltr`` / ``override-rtl`` (``<bdo>``:
    LRO/RLO…PDF). Offsets, copying and search are those of the text itself."""

    start: int
    end: int
    kind: str = "ltr"


def level_runs(text: str, direction: str = "auto",
               isolates: tuple[Isolate, ...] = ()) -> tuple[list[int], list[int], int]:
    """Resolve embedding levels (rules P2 to I2) for one paragraph, as runs.

    ``direction`` is ``"auto"`` (rules P2-P3, defaulting to LTR), ``"ltr"`` or ``"rtl"``
    (UAX #9 HL1: the markup's direction). ``isolates``: ranges of ``text`` resolved as if
    each stood between the controls of its kind (see :class:`Isolate`; a code span: left to
    right wherever it stands, one neutral to the text around it) without those characters
    being in the text, so offsets, copying and search are unchanged. They nest (an element
    inside another); overlapping ones are cut where the outer ends. Returns
    ``(ends, levels, paragraph_level)``: run ``k`` covers offsets ``ends[k-1]`` (or 0) to
    ``ends[k]`` at ``levels[k]``, and neighbouring runs differ. Characters removed by rule
    X9 get the level the library gives them; they are never drawn.
    """
    if isolates and (_uniform_level(text, direction) is None
                     or any(isolate.kind != "ltr" for isolate in isolates)):
        return _isolated_runs(text, direction, isolates)
    _ensure_self_tested()
    base_dir = {"auto": None, "ltr": "L", "rtl": "R"}[direction]
    if not text:
        return [], [], RTL if direction == "rtl" else LTR
    fast = _uniform_level(text, direction)
    if fast is not None:
        return [len(text)], [fast], fast
    condensed = text.translate(_CONDENSER)
    run_ends = [m.end() for m in _COLLAPSIBLE_RUN.finditer(condensed)]
    # each run stands as its first code point: a letter's run may end on a mark
    short = condensed if len(run_ends) == len(condensed) else condensed[0] + "".join(
        map(condensed.__getitem__, run_ends[:-1])
    )
    run_levels, para_level = _raw_levels(short, base_dir)
    ends: list[int] = []
    levels: list[int] = []
    last = -1
    for end, level in zip(run_ends, run_levels):
        if level == last:
            ends[-1] = end
        else:
            ends.append(end)
            levels.append(level)
            last = level
    return ends, levels, para_level


def _isolated_runs(text: str, direction: str,
                   isolates: tuple[Isolate, ...]) -> tuple[list[int], list[int], int]:
    """:func:`level_runs` of ``text`` with each of ``isolates`` between its controls, those
    controls' levels then left out (they are no part of the text)."""
    bounds = isolate_bounds(isolates, len(text))
    if not bounds:
        return level_runs(text, direction)
    pieces: list[str] = []
    keep: list[bool] = []  # per character of the marked text: is it one of ``text``'s?
    at = 0
    for offset, closing, opening in bounds:
        controls = [_CONTROLS[kind][1] for kind in closing] + \
            [_CONTROLS[kind][0] for kind in opening]
        pieces += [text[at:offset], *controls]
        keep += [True] * (offset - at) + [False] * len(controls)
        at = offset
    pieces.append(text[at:])
    keep += [True] * (len(text) - at)
    marked_levels, para_level = paragraph_levels("".join(pieces), direction)
    ends: list[int] = []
    levels: list[int] = []
    for level in compress(marked_levels, keep):
        if levels and levels[-1] == level:
            ends[-1] += 1
        else:
            ends.append((ends[-1] if ends else 0) + 1)
            levels.append(level)
    return ends, levels, para_level


def isolate_bounds(isolates: Iterable[Isolate], length: int
                   ) -> list[tuple[int, list[str], list[str]]]:
    """Where ``isolates`` (in a text of ``length``) close and open, in offset order:
    ``(offset, kinds closing there, kinds opening there)``, inner ones closing first and
    outer ones opening first. They nest; one that overlaps another is cut where the outer
    ends, one of no known kind or empty is left out. What the layout (:func:`level_runs`)
    and the chrome (:func:`reader.text.chrome.isolate`) both put around the ranges."""
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    open_ends: list[int] = []  # the ends of the isolates open, innermost last
    for start, end, kind in sorted(isolates, key=lambda i: (i.start, -i.end)):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        start, end = max(start, 0), min(end, length, *open_ends[-1:])
        if start >= end or kind not in _CONTROLS:
            continue
        opening.setdefault(start, []).append(kind)
        closing.setdefault(end, []).insert(0, kind)  # inner ones close first
        open_ends.append(end)
    return [(offset, closing.get(offset, []), opening.get(offset, []))
            for offset in sorted(opening.keys() | closing.keys())]


def clip_isolates(isolates: tuple[Isolate, ...], start: int,
                  end: int) -> tuple[Isolate, ...]:
    """``isolates`` (offsets in a paragraph) within its piece ``[start, end)``, as offsets
    in the piece."""
    return tuple(Isolate(max(a, start) - start, min(b, end) - start, kind)
                 for a, b, kind in isolates if a < end and b > start)


def paragraph_levels(text: str, direction: str = "auto") -> tuple[list[int], int]:
    """One level per code point of ``text``, and the paragraph level (see :func:`level_runs`)."""
    ends, run_levels, para_level = level_runs(text, direction)
    levels: list[int] = []
    previous = 0
    for end, level in zip(ends, run_levels):
        levels.extend([level] * (end - previous))
        previous = end
    return levels, para_level


# Characters that can make any level other than the paragraph's odd/even default.
_NOT_PURE_LTR = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)


def _uniform_level(text: str, direction: str) -> int | None:
    """The single level of a plain-LTR paragraph, or None when the library must decide.

    A paragraph with no right-to-left letters, Arabic digits or explicit formatting in an
    LTR (or auto) context resolves to level 0 everywhere: numbers become L under W7.
    """
    if direction == "rtl":
        return None
    if text.isascii() or _NOT_PURE_LTR.search(text) is None:
        return LTR
    return None


_SELF_TEST_CASES: list[tuple[str, str, list[int], int]] = [
    ("abc", "auto", [0, 0, 0], 0),
    ("\u0627\u0628 12", "auto", [1, 1, 1, 2, 2], 1),
    ("\u0642\u0627\u0644 (abc) 7", "auto", [1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 2], 1),
    ("a \u05d0\u05d1 c", "ltr", [0, 0, 1, 1, 0, 0], 0),
    ("\u2067\u05d0\u2069 x", "rtl", [1, 3, 1, 1, 2], 1),
    # P2 skips what an isolate holds: the paragraph is LTR (get_base_level must agree)
    ("\u2067\u05d0\u2069 x", "auto", [0, 1, 0, 0, 0], 0),
    ("12 - 34", "auto", [0, 0, 0, 0, 0, 0, 0], 0),
]


def self_test() -> None:
    """Check that the installed python-bidi still gives the levels this module expects."""
    for text, direction, expected, expected_para in _SELF_TEST_CASES:
        base_dir = {"auto": None, "ltr": "L", "rtl": "R"}[direction]
        try:
            got, para = _raw_levels(text, base_dir)
        except Exception as error:  # whatever the library does, the user gets one line
            raise BidiLibraryError(
                f"python-bidi {_installed()} is not usable (reader needs {PINNED_BIDI_VERSION}): "
                f"{error}"
            ) from error
        if got != expected or para != expected_para:
            raise BidiLibraryError(
                f"python-bidi {_installed()} resolves {text!r} ({direction}) to levels {got} "
                f"(paragraph {para}); reader expects {expected} (paragraph {expected_para}). "
                f"Install python-bidi=={PINNED_BIDI_VERSION}."
            )


def _installed() -> str:
    """python-bidi's version, for a message (importlib.metadata is slow to import: only
    when something went wrong)."""
    from importlib import metadata

    try:
        return metadata.version("python-bidi")
    except metadata.PackageNotFoundError:
        return "(not installed)"


@lru_cache(maxsize=1)
def _ensure_self_tested() -> bool:
    self_test()
    return True


def check_library() -> None:
    """Run :func:`self_test` once per process (every command and the app call this first);
    raises :class:`BidiLibraryError`, a :class:`~reader.errors.ReaderError`."""
    _ensure_self_tested()
