"""Search and anchor folding: spelling variants that should match, with a map back to the source.

Folding is character by character (docs/DESIGN.md §5: Lucene's ArabicNormalizer plus what Chrome's
find-in-page ignores), so every folded character knows the source offset it came from:

* hamza and madda seats on alef (آ أ إ), alef wasla ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي;
* tatweel, harakat, U+0670 and every other combining mark (Mn, Me) are dropped;
* format characters (Cf: bidi controls, ZWJ/ZWNJ, soft hyphen, BOM) are dropped;
* decimal digits of every script (Arabic-Indic ٣, Persian ۳...) → ASCII digits;
* compatibility forms (Arabic presentation forms, the lam-alef ligature ﻻ, ﬁ, full-width
  letters) → their letters (NFKD), which are folded in turn;
* Latin case (casefold) and accents (NFKD, marks dropped).

A few more variants that readers type interchangeably are folded too: Persian keheh/yeh
(ک ی) → Arabic kaf/yeh, the Arabic decimal and thousands separators and percent sign, curly
and angle quotes → ASCII quotes, dashes → "-", and every space (NBSP, tab...) → " ".

Folding cannot make تسلا meet تيسلا, or ماسك meet Musk: entity aliases do that.

Speed: most characters fold to themselves or to one character, so the folded text comes from
one ``str.translate`` with a lazily filled table. The index is built in C loops too
(``itertools.compress`` over the kept positions); only characters that expand to several
(ligatures, ß) are handled one by one, and they are rare.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import compress

__all__ = [
    "FoldedText",
    "fold",
    "fold_char",
    "fold_index",
    "fold_query",
    "is_dropped",
    "to_source_span",
]

# Mappings applied to a character (or to each character of its decomposition).
_DIRECT = {
    "\u0622": "\u0627",  # آ ALEF WITH MADDA ABOVE
    "\u0623": "\u0627",  # أ ALEF WITH HAMZA ABOVE
    "\u0625": "\u0627",  # إ ALEF WITH HAMZA BELOW
    "\u0671": "\u0627",  # ٱ ALEF WASLA
    "\u0672": "\u0627",  # ٲ ALEF WITH WAVY HAMZA ABOVE
    "\u0673": "\u0627",  # ٳ ALEF WITH WAVY HAMZA BELOW
    "\u0675": "\u0627",  # ٵ HIGH HAMZA ALEF
    "\u0649": "\u064a",  # ى ALEF MAKSURA → YEH
    "\u0629": "\u0647",  # ة TEH MARBUTA → HEH
    "\u0624": "\u0648",  # ؤ WAW WITH HAMZA ABOVE
    "\u0626": "\u064a",  # ئ YEH WITH HAMZA ABOVE
    "\u06cc": "\u064a",  # ی FARSI YEH
    "\u06d0": "\u064a",  # ې E
    "\u06a9": "\u0643",  # ک KEHEH → KAF
    "\u06aa": "\u0643",  # ڪ SWASH KAF
    "\u06d5": "\u0647",  # ە AE
    "\u06c0": "\u0647",  # ۀ HEH WITH YEH ABOVE
    "\u06c1": "\u0647",  # ہ HEH GOAL
    "\u0640": "",  # ـ TATWEEL
    "\u066b": ".",  # ٫ ARABIC DECIMAL SEPARATOR
    "\u066c": ",",  # ٬ ARABIC THOUSANDS SEPARATOR
    "\u066a": "%",  # ٪ ARABIC PERCENT SIGN
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\t": " ",
}

# Hangul syllables decompose into jamo under NFKD: harmless but triples Korean text.
_HANGUL = range(0xAC00, 0xD7A4)


def _simple(ch: str) -> str:
    """Fold one character that is already decomposed (no compatibility mapping left)."""
    if ch in _DIRECT:
        return _DIRECT[ch]
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category == "Zs":
        return " "
    return ch.casefold()


@cache
def fold_char(ch: str) -> str:
    """The folded form of one source character (empty when it is dropped)."""
    if ch in _DIRECT:
        return _DIRECT[ch]
    if ord(ch) < 0x80:
        return ch.lower()
    if ord(ch) in _HANGUL:
        return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    out = "".join(_simple(c) for c in decomposed)
    # casefold can itself produce marks or compatibility characters (İ → i̇): fold once more.
    if out and out != ch:
        again = unicodedata.normalize("NFKD", out)
        if again != out or any(unicodedata.category(c) in ("Mn", "Me", "Cf") for c in again):
            out = "".join(_simple(c) for c in again)
    return out


def is_dropped(ch: str) -> bool:
    """True for characters that fold to nothing (marks, tatweel, format characters)."""
    return fold_char(ch) == ""


class _Table(dict[int, str | None]):
    """``str.translate`` table filled on first use: ord → folded str (or None when dropped)."""

    def __missing__(self, code: int) -> str | None:
        folded = fold_char(chr(code))
        value = folded if folded else None
        self[code] = value
        return value


class _LengthTable(dict[int, str]):
    """``str.translate`` table: ord → a character whose code is the folded length (0..255)."""

    def __missing__(self, code: int) -> str:
        value = chr(min(len(fold_char(chr(code))), 255))
        self[code] = value
        return value


_TABLE = _Table()
_LENGTHS = _LengthTable()
# Bytes of the length string that mark a character folding to two or more.
_EXPANDING = re.compile(rb"[\x02-\xff]")


def fold_query(text: str) -> str:
    """Fold a search query or an anchor quote (no index needed)."""
    return text.translate(_TABLE)


def fold(text: str) -> tuple[str, array[int]]:
    """Fold ``text``. Returns the folded text and, for each folded character, the offset in
    ``text`` of the character it came from (an ``array('I')``: 4 bytes per character)."""
    return text.translate(_TABLE), fold_index(text)


def fold_index(text: str) -> array[int]:
    """Just the index of :func:`fold`: the source offset of each folded character."""
    n = len(text)
    lengths = text.translate(_LENGTHS).encode("latin-1")
    if lengths.count(1) == n:
        return array("I", range(n))
    if _EXPANDING.search(lengths) is None:
        return array("I", compress(range(n), lengths))
    index = array("I")
    position = 0
    for match in _EXPANDING.finditer(lengths):
        start = match.start()
        index.extend(compress(range(position, start), lengths[position:start]))
        index.extend([start] * lengths[start])
        position = start + 1
    index.extend(compress(range(position, n), lengths[position:n]))
    return index


def to_source_span(
    text: str, index: Sequence[int], start: int, end: int
) -> tuple[int, int]:
    """The source span ``[s, e)`` of ``text`` covered by the folded hit ``[start, end)``.

    The span starts at the letter the first folded character came from and ends after the
    letter of the last one, plus the marks (harakat, shadda...) that follow it, so a hit never
    splits a letter from its marks. A letter that expanded (ﻻ → لا) is covered whole.
    """
    if not 0 <= start < end <= len(index):
        raise ValueError(f"invalid folded span {start}..{end} (folded length {len(index)})")
    source_start = index[start]
    source_end = index[end - 1] + 1
    while source_end < len(text) and _is_trailing_mark(text[source_end]):
        source_end += 1
    return source_start, source_end


def _is_trailing_mark(ch: str) -> bool:
    """Marks that sit on the letter before them (all of them are dropped by folding)."""
    return unicodedata.category(ch) in ("Mn", "Me")


class FoldedText:
    """A (large) text folded once, for repeated searching.

    The folded text is one ``str.translate``; the index back to the source is built lazily,
    per chunk of ``CHUNK`` source characters, only where hits land. That keeps folding a
    10 MB document to about the cost of one translate, and its memory to the folded string.
    """

    CHUNK = 1 << 14

    __slots__ = ("_folded_starts", "_indexes", "folded", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        pieces = [fold_query(source[i : i + self.CHUNK])
                  for i in range(0, len(source), self.CHUNK)]
        starts = [0]
        for piece in pieces:
            starts.append(starts[-1] + len(piece))
        self.folded = "".join(pieces)
        self._folded_starts = starts
        self._indexes: dict[int, array[int]] = {}

    def source_offset(self, position: int) -> int:
        """The source offset of folded character ``position``."""
        if not 0 <= position < len(self.folded):
            raise IndexError(f"folded position {position} out of range")
        chunk = bisect_right(self._folded_starts, position) - 1
        # Empty chunks (all dropped) share a start with the next one: skip to the real one.
        while self._folded_starts[chunk + 1] <= position:
            chunk += 1
        index = self._indexes.get(chunk)
        if index is None:
            start = chunk * self.CHUNK
            index = fold_index(self.source[start : start + self.CHUNK])
            self._indexes[chunk] = index
        return chunk * self.CHUNK + index[position - self._folded_starts[chunk]]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the folded hit ``[start, end)`` (see :func:`to_source_span`)."""
        if not 0 <= start < end <= len(self.folded):
            raise ValueError(f"invalid folded span {start}..{end}")
        source_end = self.source_offset(end - 1) + 1
        source = self.source
        while source_end < len(source) and _is_trailing_mark(source[source_end]):
            source_end += 1
        return self.source_offset(start), source_end

    def find_all(self, query: str, overlapping: bool = False) -> list[tuple[int, int]]:
        """Source spans of every match of ``query`` (folded the same way), in order."""
        needle = fold_query(query)
        if not needle:
            return []
        spans: list[tuple[int, int]] = []
        step = 1 if overlapping else len(needle)
        position = self.folded.find(needle)
        while position >= 0:
            spans.append(self.to_source(position, position + len(needle)))
            position = self.folded.find(needle, position + step)
        return spans
