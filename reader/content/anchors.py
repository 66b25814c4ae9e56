"""Resolving quote selectors against a document, on folded text.

The document's paragraphs are folded once (joined by line feeds, so a quote never runs across
two paragraphs) and every selector is looked up in that folded text: all matches of
``exact``, kept when ``prefix`` ends right before and ``suffix`` starts right after, then
``occurrence`` picks one. Zero matches or more than one (without ``occurrence``) is a
:class:`AnchorError` that says what was found, and where, so the annotator can fix it:
for a quote that is not there, the closest passage of the text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.content.annotations import QuoteSelector, Span
from reader.text.fold import FoldedText, fold, fold_query, to_source_span

# Ambiguity reports list this many places at most.
_SHOWN_PLACES = 6
# Paragraphs examined closely when looking for the closest candidate of a missing quote.
_CANDIDATE_PARAGRAPHS = 8
# ...of which this many, sharing the most letter trigrams with the quote, are aligned with it.
_CLOSE_LOOK = 3
# Below this similarity, "closest" would only be noise.
_CLOSE_ENOUGH = 0.55


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
    more = f" and {len(counts) - _SHOWN_PLACES} more" if len(counts) > _SHOWN_PLACES else ""
    return f"{'paragraph' if len(counts) == 1 else 'paragraphs'} {', '.join(shown)}{more}"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


class AnchorResolver:
    """Resolves selectors against a list of paragraphs (``Document.paragraphs``)."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self._starts: list[int] = []
        position = 0
        for paragraph in paragraphs:
            self._starts.append(position)
            position += len(paragraph) + 1
        self._text = FoldedText("\n".join(paragraphs))
        self._folded_paragraphs: dict[int, tuple[str, array]] = {}

    # -- the folded document ----------------------------------------------------------

    def _locate(self, source_offset: int) -> tuple[int, int]:
        paragraph = bisect_right(self._starts, source_offset) - 1
        return paragraph, source_offset - self._starts[paragraph]

    def _paragraph_of(self, match: _Match) -> int:
        return self._locate(self._text.source_offset(match.start))[0]

    def _span(self, match: _Match) -> Span:
        start, end = self._text.to_source(match.start, match.end)
        paragraph, offset = self._locate(start)
        return Span(paragraph, offset, offset + (end - start))

    def _find(self, needle: str) -> list[_Match]:
        folded = self._text.folded
        matches: list[_Match] = []
        position = folded.find(needle)
        while position >= 0:
            matches.append(_Match(position, position + len(needle)))
            position = folded.find(needle, position + 1)
        return matches

    # -- resolving --------------------------------------------------------------------

    def resolve(self, selector: QuoteSelector) -> Span:
        """The one span ``selector`` picks, or :class:`AnchorError` saying why not."""
        exact = fold_query(selector.exact)
        if not exact.strip():
            raise AnchorError("quote-not-found",
                              "the quote is empty once harakat and marks are set aside")
        if "\n" in exact or "\r" in exact or "\u2029" in exact:
            raise AnchorError("quote-not-found",
                              "the quote runs across a line break: an anchor stays within "
                              "one paragraph")
        matches = self._find(exact)
        if not matches:
            raise AnchorError("quote-not-found",
                              f"quote {_quote(selector.exact)} not found; "
                              f"{self._closest(selector.exact)}")
        kept = self._with_context(matches, fold_query(selector.prefix),
                                  fold_query(selector.suffix))
        if not kept:
            raise AnchorError("quote-not-found", self._context_miss(selector, matches))
        where = [self._paragraph_of(m) for m in kept]
        if selector.occurrence is not None:
            if selector.occurrence > len(kept):
                raise AnchorError(
                    "quote-not-found",
                    f"occurrence {selector.occurrence} asked, but the quote "
                    f"{_quote(selector.exact)} is found only {_times(len(kept))} "
                    f"({_places(where)})",
                    tuple(where),
                )
            return self._span(kept[selector.occurrence - 1])
        if len(kept) > 1:
            raise AnchorError(
                "ambiguous-quote",
                f"ambiguous quote {_quote(selector.exact)}: found {len(kept)} times "
                f"({_places(where)}); add a prefix, a suffix or an occurrence",
                tuple(where),
            )
        return self._span(kept[0])

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
            seen = f"the text has {_quote(before)}" if before else "the quote opens its paragraph"
            parts.append(f"prefix {_quote(selector.prefix)} ({seen})")
        if suffix and not any(folded.startswith(suffix, m.end) for m in matches):
            line_end = folded.find("\n", first.end)
            line_end = len(folded) if line_end < 0 else line_end
            after = self._source_text(first.end, min(line_end, first.end + len(suffix)))
            seen = f"the text has {_quote(after)}" if after else "the quote ends its paragraph"
            parts.append(f"suffix {_quote(selector.suffix)} ({seen})")
        if not parts:
            parts.append("the given prefix and suffix together")
        where = [self._paragraph_of(m) for m in matches]
        return (f"quote {_quote(selector.exact)} is found {_times(len(matches))} "
                f"({_places(where)}) but never with {' and '.join(parts)}")

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
            folded, _ = self._folded(paragraph)
            found = _best_window(needle, folded)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], paragraph, found[1], found[2])
        if best is None:
            return None
        ratio, paragraph, start, end = best
        _, index = self._folded(paragraph)
        source_start, source_end = to_source_span(self.paragraphs[paragraph], index, start, end)
        return Span(paragraph, source_start, source_end), ratio

    def _closest(self, quote: str) -> str:
        found = self.closest(quote)
        if found is None or found[1] < _CLOSE_ENOUGH:
            return "nothing in the text comes close"
        span, _ = found
        return f"closest: {_quote(span.text(self.paragraphs), 80)} (paragraph {span.paragraph + 1})"

    def _folded(self, paragraph: int) -> tuple[str, array]:
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
        words = {w for w in needle.split() if len(w) > 1}
        for word in words:
            hits: set[int] = set()
            position = folded.find(word)
            while position >= 0 and len(hits) < 2000:
                hits.add(self._paragraph_of(_Match(position, position + len(word))))
                position = folded.find(word, position + len(word))
            for paragraph in hits:  # rare words weigh more
                votes[paragraph] = votes.get(paragraph, 0.0) + len(word) / (1 + len(hits)) ** 0.5
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
