"""Where ``]`` and ``[`` go: the next or previous claim or rebuttal (no Textual import)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from reader.text.span import Span


@dataclass(frozen=True)
class SpanStep:
    index: int
    wrapped: bool  # went past the last (first) span to the first (last)


def step_span(spans: list[Span], direction: int, focus: int | None,
              top: tuple[int, int]) -> SpanStep:
    """The span after (``direction`` 1) or before (-1) the focused one, ``focus``, when it
    is on screen (the caller says so by passing its index); else the first span at or
    after the top of the view, ``top`` = (paragraph, offset), or the last one above it.
    ``spans`` are in reading order and not empty."""
    count = len(spans)
    if focus is not None:
        index = focus + direction
    else:
        first_below = bisect_left([(s.paragraph, s.start) for s in spans], top)
        index = first_below if direction > 0 else first_below - 1
    if 0 <= index < count:
        return SpanStep(index, False)
    return SpanStep(index % count, True)
