"""One document's search: the query, its mode (fold, exact, or Arabic word forms or root;
plain or regex), the hits and the current one, and the stepping behind ``n``/``N``. No
Textual: the search bar shows this state and edits it, the app asks it where to go.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from reader.i18n import _, number, pgettext
from reader.text.search import (
    ALL_MODES,
    MODES,
    WORD_MODES,
    Hit,
    Hits,
    IndexInSlices,
    LookUp,
    SearchError,
    SearchIndex,
    SearchTimeout,
    WordIndex,
    alias_needles,
)
from reader.text.span import Span

Place = tuple[int, int]


@dataclass
class Step:
    """Where a step (``n``/``N``, or a new query) landed."""

    hit: Hit | None
    wrapped: bool = False


class SearchSession:
    """One document's search: the index (built on first use), the query and its hits."""

    def __init__(self, paragraphs: list[str], aliases: dict[str, tuple[str, ...]] | None = None
                 ) -> None:
        self.paragraphs = paragraphs
        self.aliases = aliases or {}
        self._index: SearchIndex | None = None
        self._slices: IndexInSlices | None = None
        self._words: WordIndex | None = None
        self.query = ""
        self._mode = "fold"  # one of ALL_MODES
        self.regex = False
        self.hits: Hits | None = None
        self.current: Hit | None = None
        self.error: str | None = None
        self.timed_out = False  # the error is a regular expression stopped for taking too long

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            if self._slices is not None:
                self._index, self._slices = self._slices.finish(), None
            else:
                self._index = SearchIndex(self.paragraphs)
        self._index.words = self.words
        return self._index

    @property
    def words(self) -> WordIndex:
        """The forms and root index (analysed on demand or by :meth:`analyse_some`)."""
        if self._words is None:
            self._words = WordIndex(self.paragraphs)
        return self._words

    def prepare_some(self, budget: float) -> bool:
        """Build the index a slice at a time, before any search asks for it (a book's
        first search would otherwise wait for all of it). True when it is ready."""
        if self._index is not None:
            return True
        if self._slices is None:
            self._slices = IndexInSlices(self.paragraphs)
        if self._slices.fold_some(budget):
            self._index, self._slices = self._slices.finish(), None
            self._index.words = self.words
            return True
        return False

    @property
    def words_ready(self) -> bool:
        """The document's words are all analysed: a forms or root search, or a count in
        those modes, answers at once (before, it would analyse the rest first)."""
        return self._words is not None and self._words.done

    @property
    def look_up_ready(self) -> bool:
        """The lexicon is read: :meth:`look_up` answers at once (before, it would read
        all of it first). False where the text cannot be analysed."""
        return self.word_error() is None and self.words.analyser.lexicon.loaded

    def look_up(self, word: str) -> LookUp:
        """The look-up of ``word`` (:meth:`WordIndex.look_up`); :class:`SearchError` when
        this text cannot be analysed."""
        return self.words.look_up(word)

    def analyse_some(self, budget: float) -> bool:
        """Analyse the document's Arabic words a slice at a time (after the index is
        ready), so that the first forms or root search does not wait. True when done, or
        when there is nothing to analyse (not Arabic, no lexicon).

        The first steps are each a slice of its own, so that none waits behind another:
        the fold index (its slices, then joined), then the one-time steps of the word index
        (its module imported, the script told, the analyser made: a few milliseconds each);
        then the lexicon and the words, for ``budget`` a slice.

        The cyclic garbage collector does not run during a slice: a full pass over the
        app's objects takes 5 to 25 ms (measured; it comes as often when the app is idle),
        and one falling inside a slice would make it three times as long. It runs after
        it, when it would have anyway."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._analyse_some(budget)
        finally:
            if collecting:
                gc.enable()

    def _analyse_some(self, budget: float) -> bool:
        if self._index is None:
            self.prepare_some(budget)
            return False
        words = self.words
        if not words.prepared:
            words.prepare_step()
            return False
        if self.word_error() is not None:
            return True
        return words.build_some(budget)

    @property
    def mode(self) -> str:
        """``fold``, ``exact``, ``forms`` or ``root``."""
        return self._mode

    @property
    def exact(self) -> bool:
        return self._mode == "exact"

    @exact.setter
    def exact(self, value: bool) -> None:
        self._mode = "exact" if value else "fold"

    def set_mode(self, mode: str) -> None:
        """Search in ``mode`` from the next :meth:`run` on (``ValueError`` for another)."""
        if mode not in ALL_MODES:
            raise ValueError(f"mode must be one of {', '.join(ALL_MODES)}, not {mode!r}")
        self._mode = mode

    def modes(self) -> tuple[str, ...]:
        """The modes this document can be searched in: fold and exact always, forms and root
        for Arabic text when the lexicon is installed (what a key cycles through)."""
        if self.word_error() is None:
            return ALL_MODES
        return MODES

    def word_error(self) -> str | None:
        """Why forms and root search cannot be used here (one line), or ``None``."""
        try:
            self.words.check()
        except SearchError as error:
            return error.message
        return None

    def count(self, mode: str) -> int | None:
        """How many hits the current query has in ``mode`` (the count per mode), ``None``
        when it cannot be searched that way."""
        if not self.query:
            return None
        try:
            hits = self.index.search(self.query, mode,
                                     regex=self.regex and mode not in WORD_MODES,
                                     aliases=self.aliases)
        except SearchError:
            return None
        return hits.total

    def mode_label(self, names: bool | None = None) -> str:
        """``fold``, ``exact``, ``forms``, ``root``, ``fold regex``, ``fold +names``...: what
        the bar shows. ``names`` says whether the query is a name (default: whether this one
        is)."""
        if self._mode == "forms":
            return pgettext("search mode", "forms")
        if self._mode == "root":
            return pgettext("search mode", "root")
        label = pgettext("search mode", "exact") if self.exact else \
            pgettext("search mode", "fold")
        if self.regex:
            return label + " " + pgettext("search mode", "regex")
        if not self.exact and (self.names if names is None else names):
            return label + " " + pgettext("search mode", "+names")
        return label

    @property
    def active(self) -> bool:
        """A query is set (with or without hits)."""
        return bool(self.query) and (self.hits is not None or self.error is not None)

    @property
    def names(self) -> bool:
        """The query is a name: all the entity's spellings are searched."""
        return (self._mode == "fold" and not self.regex
                and len(alias_needles(self.query, self.aliases)) > 1)

    @property
    def total(self) -> int:
        return self.hits.total if self.hits is not None else 0

    def clear(self) -> None:
        self.query = ""
        self.hits = None
        self.current = None
        self.error = None
        self.timed_out = False

    def run(self, query: str, origin: Place, exact: bool | None = None,
            regex: bool | None = None) -> Step:
        """Search for ``query``; the current hit is the first at or after ``origin``
        (wrapping to the first one)."""
        if exact is not None:
            self.exact = exact
        if regex is not None:
            self.regex = regex
        self.query = query
        self.current = None
        self.error = None
        self.timed_out = False
        self.hits = None
        if not query:
            return Step(None)
        try:
            self.hits = self.index.search(query, self.mode,
                                          regex=self.regex and self.mode in MODES,
                                          aliases=self.aliases)
        except SearchError as error:
            self.error = error.message
            self.timed_out = isinstance(error, SearchTimeout)
            return Step(None)
        hit = self.hits.at_or_after(*origin)
        wrapped = False
        if hit is None:
            hit = self.hits.first()
            wrapped = hit is not None and origin > (0, 0)
        self.current = hit
        return Step(hit, wrapped)

    def step(self, direction: int, place: Place, from_current: bool = True) -> Step:
        """The next (``direction`` 1) or previous (-1) hit from the current one, or from
        ``place`` (the top of the view) when there is none or ``from_current`` is False
        (the reader scrolled away from it); wrapping around the ends."""
        hits = self.hits
        if hits is None or hits.total == 0:
            return Step(None)
        current = self.current if from_current else None
        if direction > 0:
            hit = hits.next(current) if current else hits.at_or_after(*place)
            wrapped = hit is None
            hit = hit or hits.first()
        else:
            hit = hits.previous(current) if current else hits.before(*place)
            wrapped = hit is None
            hit = hit or hits.last()
        self.current = hit
        return Step(hit, wrapped)

    def number(self) -> int:
        if self.hits is None or self.current is None:
            return 0
        return self.hits.number(self.current)

    def count_text(self) -> str:
        """``3/12``, ``no match``, or the error, for the bar and the status line."""
        if self.error:
            return self.error
        if self.hits is None:
            return ""
        if self.hits.total == 0:
            return _("no match")
        return f"{number(self.number())}/{number(self.hits.total)}"

    def visible(self, first: Place, last: Place) -> list[Span]:
        """The hits from place ``first`` to place ``last`` (what is on screen)."""
        if self.hits is None or self.hits.total == 0:
            return []
        return [hit.span for hit in self.hits.between(first, last)]
