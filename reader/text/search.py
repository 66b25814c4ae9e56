"""Search within a document: folded (Arabic-aware), exact, or by regular expression.

A :class:`SearchIndex` is built once per document: every paragraph is folded
(:mod:`reader.text.fold`) and the folded paragraphs are joined by line feeds into one string,
with a table of where each paragraph starts in it. Matching is then done by C code over that
string (``str.find``/``str.count``, or a compiled regular expression), and only the hits that
are looked at are mapped back to source offsets, through each paragraph's index map (an
``array('I')``, made when first needed and kept in a small cache).

Modes:

* ``fold`` (the default): query and text are folded alike (docs/DESIGN.md §5), so ماسك finds
  مَاسِك, التمان finds ألتمان, 2018 finds ٢٠١٨, and case and accents do not matter; a run
  of spaces in the query counts as one. When
  the folded query is an alias of an annotated entity, every alias of that entity is
  searched (``Musk`` finds ماسك and إيلون ماسك): pass ``aliases`` (entity id → spellings,
  what :meth:`Annotations.alias_lists` gives).
* ``exact``: the text as typed, case and marks included; no aliases.
* ``forms`` and ``root`` (Arabic; :class:`WordIndex`, :mod:`reader.text.morphology`): one
  Arabic word, found whatever its clitics and inflection (``forms``: وبالسيارات finds سيارة
  and السيارة) or by its root (``root``: نشر finds لنشره and ونشرت; شرك finds الشركة and
  مشاركته). A hit covers the whole word of the text. Persian and Hebrew text cannot be
  analysed: those modes raise :class:`SearchError` there, as they do without the optional
  lexicon (``reader[arabic]``).
* ``regex=True`` with ``fold`` or ``exact``: a Python regular expression. In ``fold`` mode
  it is matched against the *folded* text, and its literal characters are folded the same
  way (escapes, classes such as ``\\d`` and quantifiers are kept), so ``ما?سك`` or
  ``[0-9]{4}`` work on Arabic without harakat or Arabic-Indic digits getting in the way. In
  ``exact`` mode it is matched against the source text as it is. ``^`` and ``$`` match at
  paragraph ends. An invalid pattern raises :class:`SearchError`. Patterns are run by the
  ``regex`` package (compatible with ``re``), because it can stop a match that runs too
  long: a pattern such as ``(a+)+$`` takes exponential time on a long run of ``a``, and
  Python's ``re`` cannot be interrupted. After ``timeout`` seconds (:data:`REGEX_TIMEOUT`)
  the search gives up with :class:`SearchTimeout`.

Every hit lies within one paragraph, is given as a :class:`Span` (paragraph, start, end in
source code points) and covers whole letters: a hit never splits a letter from its marks
(harakat after its last letter are included; a hit cannot start on a mark).

Hits are non-overlapping and in document order. :class:`Hits` is lazy: for a plain folded
query ``total`` is one ``str.count`` and stepping is ``str.find``/``rfind``, so a one-letter
query on a 10 MB document costs milliseconds, not a list of a million spans.
"""

from __future__ import annotations

import re
import time
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

import regex as rx  # the `regex` package (not named `regex`: search() has a `regex` flag)

from reader.i18n import _
from reader.text.chars import is_mark
from reader.text.fold import fold_char, fold_index, fold_query
from reader.text.search_modes import (
    ALL_MODES,
    MODES,
    WORD_MODES,
    SearchError,
    SearchTimeout,
)
from reader.text.span import Span
from reader.text.word_index import LookUp, WordIndex

__all__ = [
    "ALL_MODES",
    "MODES",
    "WORD_MODES",
    "Hit",
    "Hits",
    "IndexInSlices",
    "LookUp",
    "SearchError",
    "SearchIndex",
    "SearchTimeout",
    "WordIndex",
    "alias_needles",
    "fold_pattern",
]


# Paragraph index maps kept at once (in characters of source text).
INDEX_CACHE_CHARS = 4_000_000

# Seconds a regular expression may run over the whole document before it is stopped.
REGEX_TIMEOUT = 2.0


@dataclass(frozen=True, slots=True)
class Hit:
    """One hit: ``span`` in the source, and ``[start, end)`` in the searched string (folded
    or source, joined by line feeds), which orders hits and steps from one to the next."""

    start: int
    end: int
    span: Span


def _whole_letters(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` of ``text`` so that it does not split a letter from its marks."""
    while start > 0 and is_mark(text[start]):
        start -= 1
    length = len(text)
    while end < length and is_mark(text[end]):
        end += 1
    return start, end


# -- queries ------------------------------------------------------------------------------


def _needle(text: str) -> str:
    """A literal needle never holds a line feed: those join paragraphs in the index."""
    return text.replace("\n", " ")


def alias_needles(query: str, aliases: Mapping[str, Sequence[str]] | Iterable[Sequence[str]]
                  | None) -> list[str]:
    """The folded spellings a folded ``query`` stands for: every alias of each entity that
    has the query as an alias (compared folded and stripped), longest first; else ``[]``."""
    if not aliases:
        return []
    key = fold_query(query).strip()
    if not key:
        return []
    lists = aliases.values() if isinstance(aliases, Mapping) else aliases
    needles: set[str] = set()
    for spellings in lists:
        folded = {_needle(fold_query(s).strip()) for s in spellings}
        folded.discard("")
        if key in folded:
            needles |= folded
    return sorted(needles, key=lambda s: (-len(s), s))


_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_SPACES = re.compile(" {2,}")


def fold_pattern(pattern: str) -> str:
    """Fold the literal characters of a regular expression the way text is folded, leaving
    its syntax alone: escapes (``\\d``, ``\\.``, ``\\u0627``, ``\\N{...}``), group syntax and
    quantifiers keep their meaning, letters in classes are folded one by one."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "N" and i + 2 < n and pattern[i + 2] == "{":
                close = pattern.find("}", i)
                close = n - 1 if close < 0 else close
                name = pattern[i + 3 : close]
                try:
                    folded = fold_char(unicodedata.lookup(name)) if name else None
                except KeyError:
                    folded = None
                if folded is None:  # let re report the bad name
                    out.append(pattern[i : close + 1])
                else:
                    out.append(re.escape(folded))
                i = close + 1
                continue
            if nxt in _HEX_ESCAPES:
                digits = pattern[i + 2 : i + 2 + _HEX_ESCAPES[nxt]]
                try:
                    code = int(digits, 16) if len(digits) == _HEX_ESCAPES[nxt] else -1
                except ValueError:
                    code = -1
                if 0 <= code <= 0x10FFFF:
                    out.append(re.escape(fold_char(chr(code))))
                else:
                    out.append(pattern[i : i + 2 + len(digits)])
                i += 2 + len(digits)
                continue
            if nxt.isascii():
                out.append(pattern[i : i + 2])  # \d \w \. \( \1 ... keep their meaning
            else:
                out.append(re.escape(fold_char(nxt)))
            i += 2
            continue
        if ch == "(" and pattern.startswith("?", i + 1):
            # group syntax is kept as written: (?P<name>, (?P=name), (?aiL), (?i:, (?<=, (?#
            j = i + 2
            if pattern.startswith(("<=", "<!"), j):
                j += 2
            elif j < n and pattern[j] in "=!:":
                j += 1
            else:
                while j < n and pattern[j] not in ">):":
                    j += 1
                j = min(n, j + 1)
            out.append(pattern[i:j])
            i = j
            continue
        if ch.isascii():
            out.append(ch.lower())
        else:
            out.append(fold_char(ch))
        i += 1
    return "".join(out)


def _compile(pattern: str, folded: bool) -> rx.Pattern[str]:
    flags = rx.MULTILINE | rx.VERSION0  # VERSION0: the syntax of Python's re
    try:
        compiled = rx.compile(pattern, flags)
    except rx.error as error:
        raise SearchError(_regex_message(error)) from None
    except (OverflowError, RecursionError, ValueError) as error:
        raise SearchError(_("invalid regular expression: {error}").format(error=error)) from None
    if not folded:
        return compiled
    try:
        return rx.compile(fold_pattern(pattern), flags | rx.IGNORECASE)
    except (rx.error, OverflowError, RecursionError, ValueError) as error:
        # The pattern is valid but folding it broke it (a class of marks only, say).
        raise SearchError(_("invalid regular expression once folded: {error}").format(
            error=error)) from None


def _regex_message(error: rx.error) -> str:
    # regex's error has re.error's msg and pos, which its stub (types-regex) does not declare.
    message: str = getattr(error, "msg", str(error))
    position: int | None = getattr(error, "pos", None)
    if position is not None:
        return _("invalid regular expression: {error} at position {position}").format(
            error=message, position=position + 1)
    return _("invalid regular expression: {error}").format(error=message)


# -- hits ---------------------------------------------------------------------------------


class Hits:
    """The hits of one query, in document order, found lazily. ``total`` is their number."""

    total: int = 0

    def __init__(self, index: SearchIndex, space: str, starts: Sequence[int],
                 folded: bool, query: str = "", needles: Sequence[str] = ()) -> None:
        self._index = index
        self._space = space
        self._starts = starts
        self._folded = folded
        self.query = query
        self.needles = tuple(needles)  # what was searched for (folded), for messages

    @property
    def mode(self) -> str:
        return "fold" if self._folded else "exact"

    # positions in the searched string: subclasses say where hits are

    def _next_from(self, position: int) -> tuple[int, int] | None:
        """The first hit starting at or after ``position``."""
        raise NotImplementedError

    def _previous_before(self, position: int) -> tuple[int, int] | None:
        """The last hit ending at or before ``position``."""
        raise NotImplementedError

    def _last_start_before(self, position: int) -> tuple[int, int] | None:
        """The last hit starting before ``position`` (it may run past it)."""
        raise NotImplementedError

    def _count_before(self, position: int) -> int:
        """How many hits start before ``position``."""
        raise NotImplementedError

    def _next_within(self, position: int, stop: int) -> tuple[int, int] | None:
        """The first hit starting at or after ``position`` and before ``stop``."""
        found = self._next_from(position)
        return found if found is not None and found[0] < stop else None

    def _running_over(self, position: int) -> tuple[int, int] | None:
        """The hit that starts before ``position`` and runs past it, if any."""
        found = self._last_start_before(position)
        return found if found is not None and found[1] > position else None

    # the public side: spans, places

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def _hit(self, found: tuple[int, int] | None) -> Hit | None:
        return None if found is None else self._hit_at(*found)

    def _hit_at(self, start: int, end: int) -> Hit:
        return Hit(start, end, self._index._span(start, end, self._folded))

    def first(self) -> Hit | None:
        return self._hit(self._next_from(0))

    def last(self) -> Hit | None:
        return self._hit(self._previous_before(len(self._space)))

    def at_or_after(self, paragraph: int, offset: int = 0) -> Hit | None:
        """The first hit that starts at or after ``offset`` of ``paragraph``."""
        return self._hit(self._next_from(self._index._position(paragraph, offset,
                                                                 self._folded)))

    def before(self, paragraph: int, offset: int = 0) -> Hit | None:
        """The last hit that starts before ``offset`` of ``paragraph``."""
        position = self._index._position(paragraph, offset, self._folded)
        return self._hit(self._last_start_before(position))

    def next(self, hit: Hit) -> Hit | None:
        """The hit after ``hit`` (None at the end: the caller wraps)."""
        return self._hit(self._next_from(max(hit.end, hit.start + 1)))

    def previous(self, hit: Hit) -> Hit | None:
        """The hit before ``hit`` (None at the start: the caller wraps)."""
        return self._hit(self._previous_before(hit.start))

    def number(self, hit: Hit) -> int:
        """The 1-based place of ``hit`` among all hits (what ``3/12`` shows)."""
        return self._count_before(hit.start) + 1

    def between(self, first: tuple[int, int], last: tuple[int, int]) -> list[Hit]:
        """The hits that overlap the source range from place ``first`` to place ``last``
        (each a (paragraph, offset) pair; ``last`` is excluded): what a screen shows."""
        begin = self._index._position(*first, self._folded)
        stop = self._index._position(*last, self._folded)
        out: list[Hit] = []
        # (looked for on the screen's range only: a rare word's next hit may be megabytes on)
        found = self._running_over(begin) or self._next_within(begin, stop)
        while found is not None and found[0] < stop:
            out.append(self._hit_at(*found))
            found = self._next_within(max(found[1], found[0] + 1), stop)
        return out

    def __iter__(self) -> Iterator[Hit]:
        found = self._next_from(0)
        while found is not None:
            yield self._hit_at(*found)
            found = self._next_from(max(found[1], found[0] + 1))

    def spans(self) -> list[Span]:
        return [hit.span for hit in self]


class _NoHits(Hits):
    total = 0

    def _next_from(self, position: int) -> tuple[int, int] | None:
        return None

    def _previous_before(self, position: int) -> tuple[int, int] | None:
        return None

    def _last_start_before(self, position: int) -> tuple[int, int] | None:
        return None

    def _count_before(self, position: int) -> int:
        return 0


class _LiteralHits(Hits):
    """One literal needle: counted and stepped through by ``str`` methods (C speed)."""

    def __init__(self, index: SearchIndex, space: str, starts: Sequence[int], folded: bool,
                 query: str, needle: str) -> None:
        super().__init__(index, space, starts, folded, query, (needle,))
        self._needle = needle
        self.total = space.count(needle)
        self._counted = (0, 0)  # (position, hits before it): the last count made
        self._self_overlapping = any(needle[i:] == needle[:-i] for i in range(1, len(needle)))

    def _next_from(self, position: int) -> tuple[int, int] | None:
        found = self._space.find(self._needle, position)
        return None if found < 0 else (found, found + len(self._needle))

    def _previous_before(self, position: int) -> tuple[int, int] | None:
        found = self._space.rfind(self._needle, 0, position)
        return None if found < 0 else (found, found + len(self._needle))

    def _last_start_before(self, position: int) -> tuple[int, int] | None:
        if position <= 0:
            return None
        found = self._space.rfind(self._needle, 0, position - 1 + len(self._needle))
        return None if found < 0 else (found, found + len(self._needle))

    def _count_before(self, position: int) -> int:
        # Counted on from the last hit asked about when it is before this one (n steps
        # forward): a hit far into a big text is not counted from the start each time.
        # Exact only for a needle that cannot overlap itself: no occurrence then runs over
        # a hit's start (``position`` is one: :meth:`Hits.number`), so the two counts add.
        since, counted = self._counted
        if since > position or self._self_overlapping:
            since, counted = 0, 0
        counted += self._space.count(self._needle, since, position)
        self._counted = (position, counted)
        return counted

    def _next_within(self, position: int, stop: int) -> tuple[int, int] | None:
        found = self._space.find(self._needle, position, stop - 1 + len(self._needle))
        return None if found < 0 else (found, found + len(self._needle))

    def _running_over(self, position: int) -> tuple[int, int] | None:
        needle = self._needle
        found = self._space.rfind(needle, max(0, position - len(needle) + 1),
                                  position - 1 + len(needle))
        if found < 0 or found >= position:
            return None
        return found, found + len(needle)


class _ListedHits(Hits):
    """Hits found once by a regular expression, kept as two arrays of positions.

    A pattern of the ``regex`` package is given ``timeout`` seconds for the whole document
    (:class:`SearchTimeout` after that); a literal alternation (``re``) needs none."""

    def __init__(self, index: SearchIndex, space: str, starts: Sequence[int], folded: bool,
                 query: str, needles: Sequence[str], pattern: re.Pattern[str] | rx.Pattern[str],
                 timeout: float | None = None) -> None:
        super().__init__(index, space, starts, folded, query, needles)
        self._hit_starts = array("I")
        self._hit_ends = array("I")
        if timeout is None or not isinstance(pattern, rx.Pattern):  # re's take no time limit
            self._collect(pattern)
        else:
            try:
                self._collect(_TimedPattern(pattern, timeout))
            except TimeoutError:
                raise SearchTimeout(
                    f"regular expression stopped after {timeout:g} s: it takes too long on this "
                    "text (nested repeats such as (a+)+ can take for ever); simplify it"
                ) from None
        self.total = len(self._hit_starts)

    def _collect(self, pattern: re.Pattern[str] | rx.Pattern[str] | _TimedPattern) -> None:
        space = self._space
        paragraph_starts = self._starts
        add_start = self._hit_starts.append
        add_end = self._hit_ends.append
        length = len(space)
        position = 0
        while position <= length:
            restart = None
            for match in pattern.finditer(space, position):
                start, end = match.span()
                if end == start:  # an empty match cannot be shown
                    continue
                if space.find("\n", start, end) < 0:
                    add_start(start)
                    add_end(end)
                    continue
                # The match runs across paragraphs: match again within the first one, then
                # go on from there (finditer would skip what the long match covered).
                limit = space.find("\n", start)
                again = pattern.search(space, start, limit)
                while again is not None and again.end() == again.start():
                    again = (pattern.search(space, again.end() + 1, limit)
                             if again.end() < limit else None)
                if again is not None:
                    add_start(again.start())
                    add_end(again.end())
                    restart = again.end()
                else:
                    paragraph = bisect_right(paragraph_starts, start) - 1
                    restart = paragraph_starts[paragraph + 1]
                break
            if restart is None:
                break
            position = restart

    def _next_from(self, position: int) -> tuple[int, int] | None:
        i = bisect_left(self._hit_starts, position)
        if i >= len(self._hit_starts):
            return None
        return self._hit_starts[i], self._hit_ends[i]

    def _previous_before(self, position: int) -> tuple[int, int] | None:
        i = bisect_right(self._hit_ends, position) - 1
        if i < 0:
            return None
        return self._hit_starts[i], self._hit_ends[i]

    def _last_start_before(self, position: int) -> tuple[int, int] | None:
        i = bisect_left(self._hit_starts, position) - 1
        if i < 0:
            return None
        return self._hit_starts[i], self._hit_ends[i]

    def _count_before(self, position: int) -> int:
        return bisect_left(self._hit_starts, position)


class _WordHits(_ListedHits):
    """The words of the text under a query's keys (forms or root mode), given as arrays of
    source positions (the index's ``source``, paragraphs joined by line feeds)."""

    def __init__(self, index: SearchIndex, query: str, word_mode: str, starts: array[int],
                 ends: array[int], needles: Sequence[str]) -> None:
        Hits.__init__(self, index, index.source, index.source_starts, False, query, needles)
        self._word_mode = word_mode
        self._hit_starts = starts
        self._hit_ends = ends
        self.total = len(starts)

    @property
    def mode(self) -> str:
        return self._word_mode


class _TimedPattern:
    """A ``regex`` pattern whose searches share one time limit (``TimeoutError`` past it)."""

    def __init__(self, pattern: rx.Pattern[str], timeout: float) -> None:
        self._pattern = pattern
        self._deadline = time.monotonic() + timeout

    def _left(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def finditer(self, space: str, position: int) -> Iterator[rx.Match[str]]:
        return self._pattern.finditer(space, position, timeout=self._left())

    def search(self, space: str, start: int, end: int) -> rx.Match[str] | None:
        return self._pattern.search(space, start, end, timeout=self._left())


# -- the index ----------------------------------------------------------------------------


class SearchIndex:
    """A document's paragraphs, folded once for searching.

    ``folded`` is every paragraph folded, joined by line feeds; ``folded_starts[i]`` is where
    paragraph ``i`` starts in it (with one more entry: the length plus one). The source
    joined the same way is made only for exact searches.
    """

    def __init__(self, paragraphs: Sequence[str], pieces: Sequence[str] | None = None) -> None:
        """``pieces``, when given, are the paragraphs already folded (see
        :class:`IndexInSlices`)."""
        self.paragraphs = paragraphs
        if pieces is None:
            pieces = [_needle(fold_query(p)) for p in paragraphs]
        elif len(pieces) != len(paragraphs):
            raise ValueError("one folded piece per paragraph")
        self.folded = "\n".join(pieces)
        self.folded_starts = array("I", [0])
        self.folded_starts.extend(accumulate(len(p) + 1 for p in pieces))
        self._source: str | None = None
        self._source_starts: array[int] | None = None
        self._maps: OrderedDict[int, array[int]] = OrderedDict()
        self._map_chars = 0
        self.words: WordIndex | None = None  # forms and root search; made when first needed

    @property
    def source(self) -> str:
        """The paragraphs joined by line feeds (line feeds inside one are spaces)."""
        if self._source is None:
            self._source = "\n".join(_needle(p) for p in self.paragraphs)
            self._source_starts = array("I", [0])
            self._source_starts.extend(accumulate(len(p) + 1 for p in self.paragraphs))
        return self._source

    @property
    def source_starts(self) -> array[int]:
        self.source  # noqa: B018 - made with the source
        assert self._source_starts is not None
        return self._source_starts

    # -- positions ------------------------------------------------------------------------

    def _map(self, paragraph: int) -> array[int]:
        """Paragraph ``paragraph``'s folded index (folded offset → source offset)."""
        found = self._maps.get(paragraph)
        if found is not None:
            self._maps.move_to_end(paragraph)
            return found
        text = self.paragraphs[paragraph]
        index = fold_index(text)
        self._maps[paragraph] = index
        self._map_chars += len(text) + 1
        while self._map_chars > INDEX_CACHE_CHARS and len(self._maps) > 1:
            old, _unused = self._maps.popitem(last=False)
            self._map_chars -= len(self.paragraphs[old]) + 1
        return index

    def _position(self, paragraph: int, offset: int, folded: bool) -> int:
        """Where source ``offset`` of ``paragraph`` is in the searched string (the first
        folded character at or after it). Out-of-range places are clamped."""
        count = len(self.paragraphs)
        if count == 0:
            return 0
        if paragraph >= count:
            return len(self.folded if folded else self.source)
        paragraph = max(0, paragraph)
        length = len(self.paragraphs[paragraph])
        offset = max(0, min(offset, length))
        if not folded:
            return self.source_starts[paragraph] + offset
        start = self.folded_starts[paragraph]
        if offset == 0:
            return start
        if offset == length:
            return self.folded_starts[paragraph + 1] - 1
        return start + bisect_left(self._map(paragraph), offset)

    def _span(self, start: int, end: int, folded: bool) -> Span:
        """The source span of ``[start, end)`` of the searched string (within a paragraph)."""
        starts = self.folded_starts if folded else self.source_starts
        paragraph = bisect_right(starts, start) - 1
        local_start = start - starts[paragraph]
        local_end = end - starts[paragraph]
        text = self.paragraphs[paragraph]
        if folded:
            index = self._map(paragraph)
            local_start, local_end = index[local_start], index[local_end - 1] + 1
        local_start, local_end = _whole_letters(text, local_start, local_end)
        return Span(paragraph, local_start, local_end)

    # -- searching ------------------------------------------------------------------------

    def search(
        self,
        query: str,
        mode: str = "fold",
        *,
        regex: bool = False,
        aliases: Mapping[str, Sequence[str]] | Iterable[Sequence[str]] | None = None,
        timeout: float | None = None,
    ) -> Hits:
        """Every hit of ``query`` (lazily: see :class:`Hits`). ``mode`` is ``fold`` or
        ``exact`` (``regex`` is accepted for ``fold`` with ``regex=True``); aliases expand
        a name in ``fold`` mode only. Raises :class:`SearchError` for an invalid pattern,
        :class:`SearchTimeout` for one that runs longer than ``timeout`` seconds (default
        :data:`REGEX_TIMEOUT`)."""
        if mode == "regex":
            mode, regex = "fold", True
        if mode in WORD_MODES:
            if regex:
                raise SearchError(_("regular expressions search in fold or exact mode"))
            return self._word_search(query, mode)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(ALL_MODES)}, not {mode!r}")
        folded = mode == "fold"
        space = self.folded if folded else self.source
        starts = self.folded_starts if folded else self.source_starts
        if regex:
            if not query:
                return _NoHits(self, space, starts, folded, query)
            pattern = _compile(query, folded)
            return _ListedHits(self, space, starts, folded, query, (pattern.pattern,), pattern,
                               REGEX_TIMEOUT if timeout is None else timeout)
        if folded:
            needles = alias_needles(query, aliases)
            if len(needles) > 1:
                alternation = re.compile("|".join(map(re.escape, needles)))
                return _ListedHits(self, space, starts, folded, query, needles, alternation)
            # spaces typed twice by accident still find the words
            needle = needles[0] if needles else _SPACES.sub(" ", _needle(fold_query(query)))
        else:
            needle = _needle(query)
        if not needle:
            return _NoHits(self, space, starts, folded, query)
        return _LiteralHits(self, space, starts, folded, query, needle)

    def word_index(self) -> WordIndex:
        """The index of forms and roots, built now if it is not yet (see
        :meth:`WordIndex.build_some` to build it in slices)."""
        if self.words is None:
            self.words = WordIndex(self.paragraphs)
        self.words.check()
        self.words.build_some(float("inf"))
        return self.words

    def _word_search(self, query: str, mode: str) -> Hits:
        words = self.word_index()
        starts, ends, keys = words.find(query, mode)
        return _WordHits(self, query, mode, starts, ends, sorted(keys))

    def find(
        self,
        query: str,
        mode: str = "fold",
        *,
        regex: bool = False,
        aliases: Mapping[str, Sequence[str]] | Iterable[Sequence[str]] | None = None,
    ) -> list[Span]:
        """Every hit of ``query`` as a list of spans, in document order."""
        return self.search(query, mode, regex=regex, aliases=aliases).spans()


class IndexInSlices:
    """A :class:`SearchIndex` made a slice at a time, so that a book's first search does not
    wait for it: folding 10 MB takes about 300 ms, too long for one keystroke, not for a
    timer while the reader reads."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.paragraphs = paragraphs
        self._pieces: list[str] = []

    @property
    def done(self) -> bool:
        return len(self._pieces) >= len(self.paragraphs)

    def fold_some(self, budget: float) -> bool:
        """Fold paragraphs for about ``budget`` seconds (at least one); True when all are."""
        deadline = time.perf_counter() + budget
        pieces, paragraphs = self._pieces, self.paragraphs
        total = len(paragraphs)
        while len(pieces) < total:
            start = len(pieces)
            pieces.extend(_needle(fold_query(p)) for p in paragraphs[start : start + 32])
            if time.perf_counter() > deadline:
                break
        return self.done

    def finish(self) -> SearchIndex:
        """The index, folding what is left now."""
        self.fold_some(float("inf"))
        return SearchIndex(self.paragraphs, self._pieces)
