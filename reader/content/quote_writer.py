"""Writing anchors: the shortest W3C quote selector that picks one range, and only it.

The selector is made for the resolver in :mod:`reader.content.anchors`, which matches on
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

from reader.content.annotations import QuoteSelector, Span
from reader.text.fold import FoldedText, fold_query

# Context beyond this many folded characters is no longer a quote of the surroundings:
# occurrence is used instead.
MAX_CONTEXT = 48

__all__ = ["MAX_CONTEXT", "QuoteWriter", "canonical_span"]


class QuoteWriter:
    """Makes selectors for ranges of one document (its paragraphs folded once)."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self._starts: list[int] = []
        position = 0
        for paragraph in paragraphs:
            self._starts.append(position)
            position += len(paragraph) + 1
        self._text = FoldedText("\n".join(paragraphs))
        self._folded_starts: list[int] = []
        position = 0
        for paragraph in paragraphs:
            self._folded_starts.append(position)
            position += len(fold_query(paragraph)) + 1

    def _folded(self, paragraph: int, offset: int) -> int:
        """The folded position of source ``offset`` in ``paragraph``."""
        return self._folded_starts[paragraph] + len(
            fold_query(self.paragraphs[paragraph][:offset]))

    def canonical(self, span: Span) -> Span | None:
        """The range the resolver would report for ``span``'s letters (see
        :func:`canonical_span`); None when nothing in it survives folding."""
        start, end = self._folded(span.paragraph, span.start), \
            self._folded(span.paragraph, span.end)
        if start >= end or not self._text.folded[start:end].strip():
            return None
        source_start, source_end = self._text.to_source(start, end)
        base = self._starts[span.paragraph]
        return Span(span.paragraph, source_start - base, source_end - base)

    def selector(self, span: Span) -> tuple[QuoteSelector, Span]:
        """The shortest unique selector for ``span``, and the range it resolves to (the
        span, made canonical). ``ValueError`` for a range with no letters in it."""
        if not 0 <= span.paragraph < len(self.paragraphs) or not (
                0 <= span.start < span.end <= len(self.paragraphs[span.paragraph])):
            raise ValueError(f"no such range: {span}")
        canon = self.canonical(span)
        if canon is None:
            raise ValueError("the range holds nothing but spaces and marks")
        paragraph = self.paragraphs[canon.paragraph]
        exact = paragraph[canon.start : canon.end]
        folded = self._text.folded
        needle = fold_query(exact)
        start = self._folded(canon.paragraph, canon.start)
        end = start + len(needle)
        matches = []
        position = folded.find(needle)
        while position >= 0:
            matches.append(position)
            position = folded.find(needle, position + 1)
        if len(matches) == 1:
            return QuoteSelector(exact), canon
        before_room = min(MAX_CONTEXT, start - self._folded_starts[canon.paragraph])
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
        for before in sorted({0} | {back + 1 for back, _ in others}):
            if before > before_room:
                break
            after = max((ahead + 1 for back, ahead in others if back >= before), default=0)
            if after <= after_room and (best is None or before + after < sum(best)):
                best = (before, after)
        if best is None:
            return QuoteSelector(exact, occurrence=matches.index(start) + 1), canon
        before, after = best
        base = self._starts[canon.paragraph]
        prefix = suffix = ""
        if before:
            prefix_start = self._text.source_offset(start - before) - base
            prefix = paragraph[prefix_start : canon.start]
        if after:
            suffix_end = self._text.to_source(end, end + after)[1] - base
            suffix = paragraph[canon.end : suffix_end]
        return QuoteSelector(exact, prefix, suffix), canon


def canonical_span(paragraphs: list[str], span: Span) -> Span | None:
    """``span`` as the resolver reports a match of its letters: from the first letter that
    folds to something (marks and format characters before it left out) to the end of the
    last one, its marks included. None for a range of nothing but spaces and marks."""
    return QuoteWriter(paragraphs).canonical(span)
