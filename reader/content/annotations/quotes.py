"""Writing anchors: the shortest W3C quote selector that picks one range, and only it.

The selector is made for the resolver in :mod:`reader.content.annotations.anchors`, which matches on
folded text (:mod:`reader.text.fold`) over the paragraphs joined by line feeds, keeps the
matches of ``exact`` that ``prefix`` ends right before and ``suffix`` starts right after,
then lets ``occurrence`` pick among the rest. So the writer works on the same folded text:

* ``exact`` is the source text of the range (harakat and all, as the document has it);
* when the quote is found once, that is the whole selector;
* else the shortest context that sets it apart, counted in folded characters: for each other
  match, how far its text before and after agrees with the range's (capped at
  :data:`MAX_CONTEXT`); the least ``len(prefix) + len(suffix)`` that no other match shares;
  prefix and suffix stay inside the range's paragraph;
* when no context of at most :data:`MAX_CONTEXT` characters tells them apart (a repeated
  paragraph), ``occurrence`` alone.

A range that starts on a mark or ends before its letter's marks is first widened the way the
resolver reports a match (:func:`canonical_span`), so that what is written resolves back to
exactly the range returned with it.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate

from reader.content.annotations.model import QuoteSelector
from reader.i18n import _
from reader.text.fold import fold_index, fold_query, to_source_span
from reader.text.span import Span

# Context beyond this many folded characters is no longer a quote of the surroundings:
# occurrence is used instead.
MAX_CONTEXT = 48

__all__ = ["MAX_CONTEXT", "QuoteWriter", "canonical_span"]


class QuoteWriter:
    """Makes selectors for ranges of one document (its paragraphs folded once).

    ``folded`` is the document already folded, when the caller has it (the search index:
    its paragraphs folded and joined by line feeds, and where each starts), so that a big
    document is not folded a second time."""

    def __init__(self, paragraphs: list[str],
                 folded: tuple[str, Sequence[int]] | None = None) -> None:
        self.paragraphs = paragraphs
        if folded is None or any("\n" in p for p in paragraphs):
            pieces = [fold_query(p) for p in paragraphs]
            self._folded = "\n".join(pieces)
            self._folded_starts: Sequence[int] = [
                0, *accumulate(len(piece) + 1 for piece in pieces)]
        else:
            self._folded, self._folded_starts = folded
        self._indexes: dict[int, array[int]] = {}

    def _index(self, paragraph: int) -> array[int]:
        index = self._indexes.get(paragraph)
        if index is None:
            if len(self._indexes) > 64:
                self._indexes.clear()
            index = self._indexes[paragraph] = fold_index(self.paragraphs[paragraph])
        return index

    def _folded_at(self, paragraph: int, offset: int) -> int:
        """The folded position of source ``offset`` in ``paragraph``."""
        return self._folded_starts[paragraph] + len(
            fold_query(self.paragraphs[paragraph][:offset]))

    def _source(self, paragraph: int, start: int, end: int) -> tuple[int, int]:
        """The source span in ``paragraph`` of its folded ``[start, end)`` (paragraph-relative;
        marks after the last letter included)."""
        return to_source_span(self.paragraphs[paragraph], self._index(paragraph), start, end)

    def canonical(self, span: Span) -> Span | None:
        """The range the resolver would report for ``span``'s letters (see
        :func:`canonical_span`); None when nothing in it survives folding."""
        base = self._folded_starts[span.paragraph]
        start = self._folded_at(span.paragraph, span.start) - base
        end = self._folded_at(span.paragraph, span.end) - base
        if start >= end or not self._folded[base + start : base + end].strip():
            return None
        return Span(span.paragraph, *self._source(span.paragraph, start, end))

    def selector(self, span: Span) -> tuple[QuoteSelector, Span]:
        """The shortest unique selector for ``span``, and the range it resolves to (the
        span, made canonical). ``ValueError`` for a range with no letters in it."""
        if not 0 <= span.paragraph < len(self.paragraphs) or not (
                0 <= span.start < span.end <= len(self.paragraphs[span.paragraph])):
            raise ValueError(f"no such range: {span}")
        canon = self.canonical(span)
        if canon is None:
            raise ValueError(_("the range holds nothing but spaces and marks"))
        paragraph = self.paragraphs[canon.paragraph]
        exact = paragraph[canon.start : canon.end]
        folded = self._folded
        needle = fold_query(exact)
        base = self._folded_starts[canon.paragraph]
        start = self._folded_at(canon.paragraph, canon.start)
        end = start + len(needle)
        matches = []
        position = folded.find(needle)
        while position >= 0:
            matches.append(position)
            position = folded.find(needle, position + 1)
        if len(matches) == 1:
            return QuoteSelector(exact), canon
        before_room = min(MAX_CONTEXT, start - base)
        line_end = folded.find("\n", end)
        line_end = len(folded) if line_end < 0 else line_end
        after_room = min(MAX_CONTEXT, line_end - end)
        # For each other match: how many folded characters before it (and after it) agree
        # with the range's own context, within the room the range has.
        others = []
        for other in matches:
            if other == start:
                continue
            back = 0
            while back < before_room and other - back - 1 >= 0 \
                    and folded[other - back - 1] == folded[start - back - 1]:
                back += 1
            ahead = 0
            other_end = other + len(needle)
            while ahead < after_room and other_end + ahead < len(folded) \
                    and folded[other_end + ahead] == folded[end + ahead]:
                ahead += 1
            others.append((back, ahead))
        best: tuple[int, int] | None = None
        for before in sorted({0} | {back + 1 for back, _ahead in others}):
            if before > before_room:
                break
            after = max((ahead + 1 for back, ahead in others if back >= before), default=0)
            if after <= after_room and (best is None or before + after < sum(best)):
                best = (before, after)
        if best is None:
            return QuoteSelector(exact, occurrence=matches.index(start) + 1), canon
        before, after = best
        prefix = suffix = ""
        if before:
            prefix_start = self._index(canon.paragraph)[start - base - before]
            prefix = paragraph[prefix_start : canon.start]
        if after:
            suffix_end = self._source(canon.paragraph, end - base, end - base + after)[1]
            suffix = paragraph[canon.end : suffix_end]
        return QuoteSelector(exact, prefix, suffix), canon


def canonical_span(paragraphs: list[str], span: Span) -> Span | None:
    """``span`` as the resolver reports a match of its letters: from the first letter that
    folds to something (marks and format characters before it left out) to the end of the
    last one, its marks included. None for a range of nothing but spaces and marks."""
    return QuoteWriter(paragraphs).canonical(span)
