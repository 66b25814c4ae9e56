"""A range of source text: where a hit, an anchor or a selection lies in a document.

It lives in the text core because search (:mod:`reader.text.search`) gives its hits as spans;
the annotation model (:mod:`reader.content.annotations.model`) uses the same type for anchors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """``[start, end)`` in code points within paragraph ``paragraph`` (0-based)."""

    paragraph: int
    start: int
    end: int

    def text(self, paragraphs: list[str]) -> str:
        return paragraphs[self.paragraph][self.start : self.end]

    def contains(self, paragraph: int, offset: int) -> bool:
        return paragraph == self.paragraph and self.start <= offset < self.end
