"""Resolving quote selectors against a document, on folded text.

The document's paragraphs are folded once (joined by line feeds, so a quote never runs across
two paragraphs) and every selector is looked up in that folded text: all matches of
``exact``, kept when ``prefix`` ends right before and ``suffix`` starts right after, then
``occurrence`` picks one. Zero matches or more than one (without ``occurrence``) is a
:class:`AnchorError` that says what was found, and where, so the annotator can fix it:
for a quote that is not there, the closest passage of the text.

Speed: finding every match of a quote is one scan of the folded document, fast (``str.find``)
but once per anchor. A file with thousands of anchors would scan the document thousands of
times, so after :attr:`AnchorResolver.INDEX_AFTER` lookups the folded document's words are
indexed once. A quote is then checked only where the word of it that stands in the fewest
places stands: a word inside the quote is a whole word of the text, its first word ends one
and its last word begins one. A quote of one word (it may sit inside any word) is scanned.
For a quote that is not found, only which paragraphs hold its words is counted.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import islice

from reader.content.annotations.model import QuoteSelector
from reader.i18n import _, ngettext
from reader.text.fold import FoldedText, fold, fold_query, to_source_span
from reader.text.span import Span

# Ambiguity reports list this many places at most.
_SHOWN_PLACES = 6
# Paragraphs examined closely when looking for the closest candidate of a missing quote.
_CANDIDATE_PARAGRAPHS = 8
# ...of which this many, sharing the most letter trigrams with the quote, are aligned with it.
_CLOSE_LOOK = 3
# Below this similarity, "closest" would only be noise.
_CLOSE_ENOUGH = 0.55
# Words of the folded document: what the index is made of (a quote never holds a line feed).
_WORD = re.compile(r"[^ \n]+")
# A word found in more places than this is no better than scanning the document.
_USEFUL_PLACES = 64


class AnchorError(Exception):
    """A selector that does not pick exactly one place. ``code`` is ``quote-not-found`` or
    ``ambiguous-quote``; ``places`` are 0-based paragraph indexes of the matches."""

    def __init__(self, code: str, message: str, places: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.places = places


@dataclass(frozen=True)
class _Match:
    start: int  # in the folded text
    end: int


def _quote(text: str, limit: int = 60) -> str:
    """A quote for a one-line message: line breaks shown as spaces, long text cut."""
    text = text.replace("\r", " ").replace("\n", " ").replace("\u2029", " ")
    return f"«{text if len(text) <= limit else text[: limit - 1] + '…'}»"


def _places(paragraphs: list[int]) -> str:
    """``paragraphs 3, 8 (2×)``: 1-based paragraph numbers, repeats counted."""
    counts: dict[int, int] = {}
    for paragraph in paragraphs:
        counts[paragraph] = counts.get(paragraph, 0) + 1
    shown = [f"{p + 1}" + (f" ({n}×)" if n > 1 else "")
             for p, n in list(counts.items())[:_SHOWN_PLACES]]
    more = _(" and {count} more").format(count=len(counts) - _SHOWN_PLACES) \
        if len(counts) > _SHOWN_PLACES else ""
    return ngettext("paragraph {numbers}", "paragraphs {numbers}", len(counts)).format(
        numbers=_(", ").join(shown) + more)


def _times(count: int) -> str:
    return ngettext("once", "{count} times", count).format(count=count)


class AnchorResolver:
    """Resolves selectors against a list of paragraphs (``Document.paragraphs``)."""

    # Lookups by scanning before the document's words are indexed (the index costs a few
    # hundred scans).
    INDEX_AFTER = 256

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self._starts: list[int] = []
        position = 0
        for paragraph in paragraphs:
            self._starts.append(position)
            position += len(paragraph) + 1
        self._text = FoldedText("\n".join(paragraphs))
        self._folded_paragraphs: dict[int, tuple[str, array[int]]] = {}
        self._lookups = 0
        self._breaks: list[int] | None = None
        self._breaks_known = False
        self._texts: list[str] | None = None
        self._words: dict[str, list[int]] | None = None  # folded word → its starts
        self._sorted_words: list[str] | None = None
        self._reversed_words: list[str] | None = None  # each word spelt backwards, sorted

    # -- the folded document ----------------------------------------------------------

    def _locate(self, source_offset: int) -> tuple[int, int]:
        paragraph = bisect_right(self._starts, source_offset) - 1
        return paragraph, source_offset - self._starts[paragraph]

    def _paragraph_of(self, match: _Match) -> int:
        breaks = self._folded_breaks()
        if breaks is not None:
            return bisect_right(breaks, match.start)
        return self._locate(self._text.source_offset(match.start))[0]

    def _folded_breaks(self) -> list[int] | None:
        """Where paragraphs end in the folded text (its line feeds: folding keeps them and
        makes no other), or None when a paragraph holds a line feed of its own."""
        if not self._breaks_known:
            breaks = [m.start() for m in re.finditer("\n", self._text.folded)]
            self._breaks = breaks if len(breaks) == len(self.paragraphs) - 1 else None
            self._breaks_known = True
        return self._breaks

    def _folded_texts(self) -> list[str] | None:
        """The folded text of each paragraph (without an index), when breaks are known."""
        if self._texts is None and self._folded_breaks() is not None:
            self._texts = self._text.folded.split("\n")
        return self._texts

    def _span(self, match: _Match) -> Span:
        start, end = self._text.to_source(match.start, match.end)
        paragraph, offset = self._locate(start)
        return Span(paragraph, offset, offset + (end - start))

    def _find(self, needle: str) -> list[_Match]:
        """Every match of ``needle`` in the folded document, overlapping ones included."""
        folded = self._text.folded
        self._lookups += 1
        if self._words is None and self._lookups > self.INDEX_AFTER:
            self._words = self._index_words()
        starts = self._starts_by_word(needle) if self._words is not None else None
        if starts is None:
            starts = []
            position = folded.find(needle)
            while position >= 0:
                starts.append(position)
                position = folded.find(needle, position + 1)
        size = len(needle)
        return [_Match(start, start + size) for start in starts]

    def _index_words(self) -> dict[str, list[int]]:
        words: dict[str, list[int]] = {}
        for match in _WORD.finditer(self._text.folded):
            places = words.get(match.group())
            if places is None:
                words[match.group()] = [match.start()]
            else:
                places.append(match.start())
        return words

    def _starts_by_word(self, needle: str) -> list[int] | None:
        """Where ``needle`` starts, found through the word of it that stands in the fewest
        places; None when no word is worth it (then the document is scanned).

        A word inside the needle is a whole word of the text; its last word begins one,
        its first word ends one. A needle of one word may sit inside any word: scanned.
        """
        limit = max(_USEFUL_PLACES, len(self._text.folded) >> 11)
        best: list[int] | None = None
        for match in _WORD.finditer(needle):
            start, end = match.span()
            begins, ends = start > 0, end < len(needle)
            if not (begins or ends):
                return None
            places = self._places(match.group(), begins, ends, limit)
            if places is not None and (best is None or len(places) < len(best)):
                best = [place - start for place in places]
                limit = len(best)
        if best is None:
            return None
        folded = self._text.folded
        return sorted(start for start in best
                      if start >= 0 and folded.startswith(needle, start))

    def _places(self, word: str, begins: bool, ends: bool, limit: int) -> list[int] | None:
        """Where ``word`` stands in the folded text as a whole word (``begins`` and
        ``ends``), at the beginning of a word or at the end of one; None for more than
        ``limit`` places."""
        assert self._words is not None
        if begins and ends:
            places = self._words.get(word, [])
            return places if len(places) <= limit else None
        if begins:
            if self._sorted_words is None:
                self._sorted_words = sorted(self._words)
            found = self._gather(self._sorted_words, word, limit, backwards=False)
            return None if found is None else [p for w in found for p in self._words[w]]
        if self._reversed_words is None:
            self._reversed_words = sorted(w[::-1] for w in self._words)
        found = self._gather(self._reversed_words, word[::-1], limit, backwards=True)
        if found is None:
            return None
        cut = len(word)
        return [p + len(w) - cut for w in found for p in self._words[w]]

    def _gather(self, ordered: list[str], beginning: str, limit: int, backwards: bool
                ) -> list[str] | None:
        """The words of ``ordered`` (sorted; spelt backwards when ``backwards``) that begin
        with ``beginning``, spelt forwards; None when they stand in more than ``limit``
        places in all."""
        assert self._words is not None
        found = []
        total = 0
        index = bisect_left(ordered, beginning)
        while index < len(ordered) and ordered[index].startswith(beginning):
            word = ordered[index][::-1] if backwards else ordered[index]
            total += len(self._words[word])
            if total > limit:
                return None
            found.append(word)
            index += 1
        return found

    # -- resolving --------------------------------------------------------------------

    def resolve(self, selector: QuoteSelector) -> Span:
        """The one span ``selector`` picks, or :class:`AnchorError` saying why not."""
        exact = fold_query(selector.exact)
        if not exact.strip():
            raise AnchorError("quote-not-found",
                              _("the quote is empty once harakat and marks are set aside"))
        if "\n" in exact or "\r" in exact or "\u2029" in exact:
            raise AnchorError("quote-not-found",
                              _("the quote runs across a line break: an anchor stays within "
                                "one paragraph"))
        matches = self._find(exact)
        if not matches:
            raise AnchorError("quote-not-found",
                              _("quote {quote} not found; {closest}").format(
                                  quote=_quote(selector.exact),
                                  closest=self._closest(selector.exact)))
        kept = self._with_context(matches, fold_query(selector.prefix),
                                  fold_query(selector.suffix))
        if not kept:
            raise AnchorError("quote-not-found", self._context_miss(selector, matches))
        where = [self._paragraph_of(m) for m in kept]
        if selector.occurrence is not None:
            if selector.occurrence > len(kept):
                raise AnchorError(
                    "quote-not-found",
                    _("occurrence {occurrence} asked, but the quote {quote} is found only "
                      "{times} ({places})").format(
                          occurrence=selector.occurrence, quote=_quote(selector.exact),
                          times=_times(len(kept)), places=_places(where)),
                    tuple(where),
                )
            return self._span(kept[selector.occurrence - 1])
        if len(kept) > 1:
            raise AnchorError(
                "ambiguous-quote",
                _("ambiguous quote {quote}: found {count} times ({places}); add a prefix, a "
                  "suffix or an occurrence").format(quote=_quote(selector.exact),
                                                    count=len(kept), places=_places(where)),
                tuple(where),
            )
        return self._span(kept[0])

    def spans(self, exact: str) -> list[Span]:
        """Every place ``exact`` stands (folded comparison), in text order: what an importer
        chooses among when the context it was given does not settle it."""
        needle = fold_query(exact)
        if not needle.strip() or "\n" in needle:
            return []
        return [self._span(match) for match in self._find(needle)]

    def _with_context(self, matches: list[_Match], prefix: str, suffix: str) -> list[_Match]:
        folded = self._text.folded
        return [
            m for m in matches
            if (not prefix or folded.endswith(prefix, 0, m.start))
            and (not suffix or folded.startswith(suffix, m.end))
        ]

    def _context_miss(self, selector: QuoteSelector, matches: list[_Match]) -> str:
        """Why context filtered every match out: show what the text has there instead."""
        folded = self._text.folded
        first = matches[0]
        prefix, suffix = fold_query(selector.prefix), fold_query(selector.suffix)
        parts = []
        if prefix and not any(folded.endswith(prefix, 0, m.start) for m in matches):
            line_start = folded.rfind("\n", 0, first.start) + 1
            before = self._source_text(max(line_start, first.start - len(prefix)), first.start)
            seen = _("the text has {quote}").format(quote=_quote(before)) if before \
                else _("the quote opens its paragraph")
            parts.append(_("prefix {quote} ({seen})").format(quote=_quote(selector.prefix),
                                                            seen=seen))
        if suffix and not any(folded.startswith(suffix, m.end) for m in matches):
            line_end = folded.find("\n", first.end)
            line_end = len(folded) if line_end < 0 else line_end
            after = self._source_text(first.end, min(line_end, first.end + len(suffix)))
            seen = _("the text has {quote}").format(quote=_quote(after)) if after \
                else _("the quote ends its paragraph")
            parts.append(_("suffix {quote} ({seen})").format(quote=_quote(selector.suffix),
                                                            seen=seen))
        if not parts:
            parts.append(_("the given prefix and suffix together"))
        where = [self._paragraph_of(m) for m in matches]
        return _("quote {quote} is found {times} ({places}) but never with {parts}").format(
            quote=_quote(selector.exact), times=_times(len(matches)), places=_places(where),
            parts=_(" and ").join(parts))

    def _source_text(self, start: int, end: int) -> str:
        """The source text behind folded ``[start, end)`` (empty for an empty range)."""
        if start >= end:
            return ""
        source_start, source_end = self._text.to_source(start, end)
        return self._text.source[source_start:source_end]

    # -- closest candidate ------------------------------------------------------------

    def closest(self, quote: str) -> tuple[Span, float] | None:
        """The passage most like ``quote`` (folded comparison) and its similarity 0..1."""
        needle = fold_query(quote)
        best: tuple[float, int, int, int] | None = None  # ratio, paragraph, fstart, fend
        size = min(3, len(needle))
        wanted = _grams(needle, size)
        ranked = sorted(
            self._candidate_paragraphs(needle),
            key=lambda p: -len(wanted & _grams(self._folded(p)[0], size)),
        )
        for paragraph in ranked[:_CLOSE_LOOK]:
            folded, _index = self._folded(paragraph)
            found = _best_window(needle, folded)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], paragraph, found[1], found[2])
        if best is None:
            return None
        ratio, paragraph, start, end = best
        _folded, index = self._folded(paragraph)
        source_start, source_end = to_source_span(self.paragraphs[paragraph], index, start, end)
        return Span(paragraph, source_start, source_end), ratio

    def _closest(self, quote: str) -> str:
        found = self.closest(quote)
        if found is None or found[1] < _CLOSE_ENOUGH:
            return _("nothing in the text comes close")
        span, _ratio = found
        return _("closest: {quote} (paragraph {number})").format(
            quote=_quote(span.text(self.paragraphs), 80), number=span.paragraph + 1)

    def _folded(self, paragraph: int) -> tuple[str, array[int]]:
        cached = self._folded_paragraphs.get(paragraph)
        if cached is None:
            cached = fold(self.paragraphs[paragraph])
            self._folded_paragraphs[paragraph] = cached
        return cached

    def _candidate_paragraphs(self, needle: str) -> list[int]:
        """Paragraphs worth a close look: those sharing the most words with the quote.
        Small documents are examined whole."""
        if len(self.paragraphs) <= _CANDIDATE_PARAGRAPHS * 4:
            return [i for i, p in enumerate(self.paragraphs) if p.strip()]
        votes: dict[int, float] = {}
        folded = self._text.folded
        texts = self._folded_texts()
        words = {w for w in needle.split() if len(w) > 1}
        for word in words:
            hits: set[int] = set()
            if texts is not None:  # the paragraphs that hold the word, the first 2000
                hits.update(islice((i for i, text in enumerate(texts) if word in text), 2000))
            else:
                position = folded.find(word)
                while position >= 0 and len(hits) < 2000:
                    hits.add(self._paragraph_of(_Match(position, position + len(word))))
                    position = folded.find(word, position + len(word))
            weight = len(word) / (1 + len(hits)) ** 0.5  # rare words weigh more
            for paragraph in hits:
                votes[paragraph] = votes.get(paragraph, 0.0) + weight
        ranked = sorted(votes, key=votes.__getitem__, reverse=True)
        return ranked[:_CANDIDATE_PARAGRAPHS]


def _grams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _best_window(needle: str, text: str) -> tuple[float, int, int] | None:
    """The stretch of ``text`` (cut at word boundaries) most similar to ``needle``.

    The longest common block tells where the quote would sit; only windows whose ends are
    within two words of that placement are scored, which keeps this to a few dozen ratios.
    """
    if not text.strip():
        return None
    blocks = [b for b in SequenceMatcher(None, text, needle, autojunk=False)
              .get_matching_blocks() if b.size]
    if not blocks:
        return None
    longest = sorted(blocks, key=lambda b: b.size, reverse=True)[:3]
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == " " and i + 1 < len(text)]
    ends = [i for i, ch in enumerate(text) if ch == " "] + [len(text)]
    windows: set[tuple[int, int]] = set()
    for block in longest:
        origin = block.a - block.b
        first = bisect_right(starts, max(0, origin)) - 1
        last = bisect_left(ends, origin + len(needle))
        windows.update((start, end) for start in starts[max(0, first - 2) : first + 3]
                       for end in ends[max(0, last - 2) : last + 3] if end > start)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(needle)
    best: tuple[float, int, int] | None = None
    for start, end in sorted(windows):
        matcher.set_seq1(text[start:end])
        if best is not None and matcher.real_quick_ratio() <= best[0]:
            continue
        if best is not None and matcher.quick_ratio() <= best[0]:
            continue
        ratio = matcher.ratio()
        if best is None or ratio > best[0]:
            best = (ratio, start, end)
    return best
