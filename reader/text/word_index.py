"""The index of word-forms and root search (Arabic): each word of a document under the keys
of its readings (:mod:`reader.text.morphology`), built a slice at a time, and a word's
look-up. :class:`reader.text.search.SearchIndex` asks it for the ``forms`` and ``root``
modes.

reader.text.morphology is imported when a word mode is first used: exact and fold search
(and the app's start) do not pay for it.
"""

from __future__ import annotations

import struct
import time
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from reader.i18n import _
from reader.text.search_modes import WORD_MODES, SearchError
from reader.text.span import Span

if TYPE_CHECKING:
    from reader.text.morphology import Analyser, Analysis


@dataclass(frozen=True, slots=True)
class LookUp:
    """A word's look-up: ``readings`` (:class:`reader.text.morphology.Analysis`, likeliest
    first: segments, lemma, root, glosses), ``others``: the other spellings of its roots in
    the document with the place of the first of each, in document order; ``complete``:
    whether the whole document had been analysed."""

    word: str
    readings: tuple[Analysis, ...]
    others: tuple[tuple[str, Span], ...]
    complete: bool


_PAIR = struct.Struct("=II")


def ranked_by_document(readings: tuple[Analysis, ...], attested: set[str]
                       ) -> tuple[Analysis, ...]:
    """``readings`` (likeliest first out of context) with those whose root is in ``attested``
    (folded roots that other words of the document have) first, the order otherwise kept.

    The lexicon has no frequencies, and out of context a reading with fewer clitics goes
    first: نشره is read شره "be greedy" before نشر + ه "publish it". A document that also
    has نشر، نشرها، ونشرت is about publishing: the root's other words are the context the
    look-up has. A reading without a root (a particle) is never put after one; and when
    the likeliest reading is a function word (فقط "only", لكن "but", بهم "with them") the
    order stays: those are common, and a content word of a root the document happens to
    have (قطّ "carve") would push them out. Measured on the judged sample of news.ar.txt
    (benchmarks/bench_morphology.py): 167 → 168 first glosses right of 200; on the three
    texts of the query set it changes 10 words' first gloss, 7 for the better (سنة "year",
    صار "become", كنت "was", باسم "name"), 1 for the worse (واحد "one" → و + احد)."""
    if not readings or readings[0].function_word:
        return readings
    from reader.text.morphology import fold_root

    def unsupported(reading: Analysis) -> bool:
        return reading.root is not None and fold_root(reading.root) not in attested

    return tuple(sorted(readings, key=unsupported))


def _pairs(packed: bytearray) -> tuple[array[int], array[int]]:
    """A posting list's starts and ends."""
    both = array("I")
    both.frombytes(packed)
    return both[0::2], both[1::2]


class WordIndex:
    """A document's Arabic words under the keys of word-forms and root search.

    Every word (:func:`reader.text.morphology.words`) is analysed once per spelling (the
    analyser remembers), and its position is added to the posting list of each of its keys:
    two arrays, starts and ends in the paragraphs joined by line feeds (the
    :attr:`SearchIndex.source` positions), in document order. A query is then its keys'
    lists merged. Built a slice at a time (:meth:`build_some`, the lexicon's loading
    included) so that the app analyses a book while the reader reads; :meth:`find` on an
    unfinished index finishes it first."""

    def __init__(self, paragraphs: Sequence[str], analyser: Analyser | None = None) -> None:
        self.paragraphs = paragraphs
        self._analyser = analyser
        self._script: str | None = None
        self._script_known = False  # the paragraphs' script is looked at on first use
        self._checked = False  # prepare_step's last step is done
        self._next = 0
        self._offset = 0  # where paragraph self._next starts in the joined source
        self._resume = 0  # where to go on in paragraph self._next
        self._paragraph_starts: array[int] | None = None
        # key -> its words' (start, end) pairs as native unsigned ints in a bytearray: a
        # book has a hundred thousand keys, and a bytearray, unlike an array or a list, is
        # nothing the cyclic garbage collector has to walk through.
        self.postings: dict[str, dict[str, bytearray]] = {m: {} for m in WORD_MODES}

    @property
    def script(self) -> str | None:
        if not self._script_known:
            from reader.text.morphology import script_of

            self._script = script_of(self.paragraphs)
            self._script_known = True
        return self._script

    def check(self) -> None:
        """Raise :class:`SearchError` (one line) when this text cannot be analysed: not
        Arabic, or the lexicon is not installed."""
        from reader.text import morphology

        if self.script != "ar":
            raise SearchError(_("word forms and root search are for Arabic text; this text is "
                                "{script}: use fold or exact search").format(
                                    script=morphology.script_name(self.script)))
        if self._analyser is None:
            try:
                self._analyser = morphology.analyser()
            except morphology.MorphologyUnavailable as error:
                raise SearchError(error.message) from None

    @property
    def analyser(self) -> Analyser:
        self.check()
        assert self._analyser is not None  # check() made one or raised
        return self._analyser

    @property
    def done(self) -> bool:
        return self._next >= len(self.paragraphs)

    @property
    def prepared(self) -> bool:
        """The one-time steps before the lexicon's reading are done (see
        :meth:`prepare_step`)."""
        return self._checked

    def prepare_step(self) -> None:
        """The next of the one-time steps :meth:`check` takes, each a few milliseconds: the
        analyser's module imported, the text's script told, the analyser made. One at a time
        so that the app can give each its own slice (a key waits for one, never for all)."""
        import sys

        if "reader.text.morphology" not in sys.modules:
            import reader.text.morphology  # noqa: F401 - the step is its import
        elif not self._script_known:
            self.script  # noqa: B018 - the step is its reading
        else:
            with suppress(SearchError):  # (word_error tells)
                self.check()
            self._checked = True

    def build_some(self, budget: float) -> bool:
        """Load the lexicon, then analyse paragraphs, for about ``budget`` seconds; True when
        the whole document is in."""
        if self.done:
            return True
        analyser = self.analyser
        deadline = time.perf_counter() + budget
        if not analyser.lexicon.load_some(budget):
            return False
        from reader.text.morphology import words

        keys = analyser.keys
        pack = _PAIR.pack
        paragraphs = self.paragraphs
        forms, roots = self.postings["forms"], self.postings["root"]
        clock = time.perf_counter
        while self._next < len(paragraphs):
            text = paragraphs[self._next]
            base = self._offset
            # A new word costs up to a few milliseconds: the time is looked at after every
            # word, and a long paragraph is left in the middle (at self._resume) when it is up.
            for start, end in words(text, self._resume):
                if start > self._resume and clock() > deadline:  # one word at least
                    self._resume = start
                    return False
                word = text[start:end]
                pair = pack(base + start, base + end)
                for mode_keys, postings in ((keys(word, "forms"), forms),
                                            (keys(word, "root"), roots)):
                    for key in mode_keys:
                        found = postings.get(key)
                        if found is None:
                            postings[key] = bytearray(pair)
                        else:
                            found += pair
            self._offset += len(text) + 1
            self._next += 1
            self._resume = 0
            if clock() > deadline:
                break
        return self.done

    def query_keys(self, query: str, mode: str) -> frozenset[str]:
        """The keys a query looks for; :class:`SearchError` unless it is one Arabic word."""
        from reader.text.morphology import words

        text = query.strip()
        spans = list(words(text))
        if len(spans) != 1 or spans[0] != (0, len(text)):
            raise SearchError(_("word forms and root search take one Arabic word"))
        return self.analyser.query_keys(text, mode)

    def find(self, query: str, mode: str) -> tuple[array[int], array[int], frozenset[str]]:
        """Starts and ends of the words ``query`` finds in ``mode``, in document order, and
        the keys it looked for."""
        keys = self.query_keys(query, mode)
        self.build_some(float("inf"))
        lists = [_pairs(self.postings[mode][key]) for key in sorted(keys)
                 if key in self.postings[mode]]
        if len(lists) == 1:
            return lists[0][0], lists[0][1], keys
        merged = sorted({(s, e) for starts, ends in lists for s, e in zip(starts, ends)})
        return (array("I", (s for s, _e in merged)), array("I", (e for _s, e in merged)),
                keys)

    def look_up(self, word: str) -> LookUp:
        """What the look-up shows for ``word`` (as written in the text): its readings, and
        the other words of its roots in the document, each with its first place (a jump).
        Uses what is analysed so far, without waiting for the rest (``complete`` says
        whether that was all): a look-up stays within a frame.

        The readings are ranked with the document's help (:func:`ranked_by_document`): a
        reading whose root other words of the document have comes before one whose root
        none has (نشره: نشر + ه "publish", of نشر، نشرها، ونشرت, before شره "be greedy")."""
        from reader.text.morphology import bare, fold_root

        readings = self.analyser.analyse(word)
        keys = {fold_root(a.root) for a in readings if a.root and not a.function_word}
        starts = self._starts()
        first: dict[str, Span] = {}
        attested: set[str] = set()  # roots some other word of the document has
        spelling, plain = word, bare(word)
        for key in sorted(keys):
            found = self.postings["root"].get(key)
            if found is None:
                continue
            for start, end in zip(*_pairs(found)):
                paragraph = bisect_right(starts, start) - 1
                base = starts[paragraph]
                text = self.paragraphs[paragraph][start - base : end - base]
                span = Span(paragraph, start - base, end - base)
                if text != spelling and (text not in first or span < first[text]):
                    first[text] = span
                if key not in attested and text != spelling and bare(text) != plain:
                    attested.add(key)
        others = tuple(sorted(first.items(), key=lambda item: item[1]))
        return LookUp(word, ranked_by_document(readings, attested), others, self.done)

    def words_under(self, keys: Iterable[str], mode: str) -> set[str]:
        """The spellings of the document's words under ``keys`` (the other forms of a root,
        for the look-up)."""
        out: set[str] = set()
        starts = self._starts()
        for key in keys:
            found = self.postings[mode].get(key)
            if found is None:
                continue
            for start, end in zip(*_pairs(found)):
                paragraph = bisect_right(starts, start) - 1
                base = starts[paragraph]
                out.add(self.paragraphs[paragraph][start - base : end - base])
        return out

    def _starts(self) -> array[int]:
        if self._paragraph_starts is None:
            self._paragraph_starts = array("I", [0])
            self._paragraph_starts.extend(accumulate(len(p) + 1 for p in self.paragraphs))
        return self._paragraph_starts
