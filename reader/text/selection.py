"""Selection in logical order: screen cells to source offsets and back, and the text copied.

A terminal's own selection copies what it shows: presentation forms in visual order. The
reader knows the source offset of every cell (:attr:`VisualLine.map`), so a selection is a
*logical* range between two points, whatever columns they sit in; its highlight is the set of
cells showing that range (not always adjacent on screen in RTL or mixed text); its text is
the source between the two points.

Each drawn cluster of a line stands for a *logical extent*: from its first source offset to
the next drawn cluster's in logical order. Extents partition the line's range, so what is not
drawn (the second letter of a lam-alef, a hidden bidi control, spaces hanging at the line's
end) belongs to the cluster before it and is copied with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from reader.text.layout import VisualLine

Point = tuple[int, int]  # (paragraph, source offset)


@dataclass(frozen=True, slots=True)
class Cluster:
    """One drawn cluster of a line: cells ``[x0, x1)`` from the line text's left edge, and
    characters ``[i0, i1)`` of ``line.text``; it stands for source ``[start, end)``."""

    x0: int
    x1: int
    i0: int
    i1: int
    start: int
    end: int


@lru_cache(maxsize=256)
def clusters(line: VisualLine) -> tuple[Cluster, ...]:
    """The line's clusters in visual order, each with its logical extent."""
    cuts = line.cuts
    spans: list[tuple[int, int, int, int, int]] = []  # x0, x1, i0, i1, first source offset
    x = 0
    for index in range(len(cuts) - 1):
        a, b = cuts[index], cuts[index + 1]
        width = cell_len(line.text[a:b])
        spans.append((x, x + width, a, b, min(line.map[a:b])))
        x += width
    starts = sorted({span[4] for span in spans})
    if not starts:
        return ()
    rank = {first: k for k, first in enumerate(starts)}
    result = []
    for x0, x1, i0, i1, first in spans:
        k = rank[first]
        start = min(line.start, first) if k == 0 else first
        end = starts[k + 1] if k + 1 < len(starts) else max(line.end, first + 1)
        result.append(Cluster(x0, x1, i0, i1, start, end))
    return tuple(result)


def extent_at(line: VisualLine, column: int) -> tuple[int, int]:
    """The source range the cell at ``column`` (from the text's left edge) stands for.

    Left or right of the text it is an empty range at the line's logical start or end (the
    left of an RTL line is its end)."""
    found = clusters(line)
    for cluster in found:
        if cluster.x0 <= column < cluster.x1:
            return cluster.start, cluster.end
    before = column < 0
    edge = line.start if before != line.rtl else line.end
    return edge, edge


def column_ranges(line: VisualLine, start: int, end: int) -> list[tuple[int, int]]:
    """Cells ``[x0, x1)`` (from the text's left edge) showing source ``[start, end)`` of the
    line's paragraph, merged where adjacent."""
    ranges: list[tuple[int, int]] = []
    if end <= start or start >= line.end or end <= line.start:
        return ranges
    for cluster in clusters(line):
        if cluster.start < end and cluster.end > start:
            if ranges and ranges[-1][1] == cluster.x0:
                ranges[-1] = (ranges[-1][0], cluster.x1)
            else:
                ranges.append((cluster.x0, cluster.x1))
    return ranges


@dataclass(frozen=True, slots=True)
class LogicalRange:
    """Source text from ``start`` to ``end`` (``(paragraph, offset)``, end excluded)."""

    start: Point
    end: Point

    @classmethod
    def between(cls, first: tuple[Point, Point], second: tuple[Point, Point]) -> LogicalRange:
        """The range covering two extents (each ``(from, to)``), whatever their order."""
        return cls(min(first[0], second[0]), max(first[1], second[1]))

    @property
    def empty(self) -> bool:
        return self.end <= self.start

    def in_paragraph(self, paragraph: int, length: int) -> tuple[int, int] | None:
        """The part of the range in ``paragraph`` (of ``length`` characters), if any."""
        if paragraph < self.start[0] or paragraph > self.end[0]:
            return None
        start = self.start[1] if paragraph == self.start[0] else 0
        end = self.end[1] if paragraph == self.end[0] else length
        return start, min(end, length)

    def text(self, paragraphs: list[str]) -> str:
        """The source text of the range: paragraphs separated by ``"\\n"``."""
        (p0, o0), (p1, o1) = self.start, self.end
        if p0 == p1:
            return paragraphs[p0][o0:o1]
        parts = [paragraphs[p0][o0:], *paragraphs[p0 + 1 : p1]]
        if p1 < len(paragraphs):
            parts.append(paragraphs[p1][:o1])
        return "\n".join(parts)


_JOINERS = {"\u200c", "\u200d", "_", "\u0640"}  # ZWNJ, ZWJ, underscore, tatweel


def _is_word_char(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.category(ch)[0] in "LMN"


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word around ``offset`` (letters, marks, digits and joiners), or the single
    character there when it is not part of a word."""
    if not text:
        return 0, 0
    offset = max(0, min(offset, len(text) - 1))
    if not _is_word_char(text[offset]):
        return offset, offset + 1
    start = offset
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    end = offset + 1
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    return start, end


# A sentence ends at . ! ? (and the Arabic question mark and full stop, the ellipsis) with
# closing quotes or brackets after it, before white space.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u2026]+[\"'»”’)\]]*(?=\s|$)")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) of ``text`` holding ``[start, end)``, without surrounding spaces."""
    begin = 0
    stop = len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.end() >= end:
            stop = match.end()
            break
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    return begin, stop


def letter_count(text: str) -> int:
    """What the status line calls letters: characters that are neither marks (harakat
    belong to their letter), format controls, nor line breaks."""
    return sum(1 for ch in text
               if ch != "\n" and unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
