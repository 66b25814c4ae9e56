"""A whole document flowed into visual lines at one width, laid out only where looked at.

The view needs two things from a document of any size: how many lines it takes (for the
scrollbar and for End), and the visual lines on screen. Line counts need only widths
(:func:`~reader.text.wrap.count_lines`), so they are cheap; full layout (levels, shaping,
reordering) is done per paragraph on demand and kept in a bounded cache. Work is therefore
proportional to what is on screen, not to the document.

Counting can itself be spread over time on huge documents: until a paragraph is counted its
height is *estimated* from its length, and :meth:`TextFlow.count_some` refines the estimates
a slice at a time (the scrollbar settles as it goes).
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import accumulate

from reader.text.layout import ParagraphLayout, VisualLine, layout_paragraph
from reader.text.wrap import count_lines

# How many paragraph layouts to keep: a few screens' worth, whatever the document's size.
LAYOUT_CACHE_SIZE = 512
# Counting is done synchronously below this many characters; above it, in slices.
EAGER_COUNT_CHARS = 2_000_000


class TextFlow:
    """Paragraphs at one width: line counts for all, layouts for those on screen.

    ``gaps[i]`` blank lines follow paragraph ``i`` (paragraph spacing chosen by the view);
    ``indents[i]`` cells are kept free beside paragraph ``i`` (list markers, quote bars), so
    it is laid out ``indents[i]`` narrower. A document line index ``y`` is one of a
    paragraph's visual lines or a gap line.
    """

    def __init__(
        self,
        paragraphs: Sequence[str],
        width: int,
        directions: Callable[[int], str] | None = None,
        gaps: Sequence[int] | None = None,
        indents: Sequence[int] | None = None,
        *,
        show_controls: bool = False,
        logical: bool = False,
        eager: bool | None = None,
    ) -> None:
        if width < 1:
            raise ValueError("width must be at least 1")
        self.paragraphs = paragraphs
        self.width = width
        self._direction = directions or (lambda _i: "auto")
        self.gaps = list(gaps) if gaps is not None else [0] * len(paragraphs)
        self.indents = indents
        self.show_controls = show_controls
        self.logical = logical
        self._cache: OrderedDict[int, ParagraphLayout] = OrderedDict()
        self.layouts_made = 0  # for tests and benchmarks: how much layout work was done
        total_chars = sum(map(len, paragraphs))
        if eager is None:
            eager = total_chars <= EAGER_COUNT_CHARS
        self._counted = 0  # paragraphs [0, _counted) have exact counts
        if eager:
            self._heights = []
        elif indents is None:
            self._heights = [len(p) // width + 1 + g for p, g in zip(paragraphs, self.gaps)]
        else:
            self._heights = [self._estimate(i) for i in range(len(paragraphs))]
        if eager:
            self._heights = [self._count(i) for i in range(len(paragraphs))]
            self._counted = len(paragraphs)
        self._rebuild_prefix()

    # -- counting -----------------------------------------------------------------------

    def width_of(self, index: int) -> int:
        """The width paragraph ``index`` is laid out at (the flow's, less its indent)."""
        if self.indents is None:
            return self.width
        return max(1, self.width - self.indents[index])

    def _count(self, index: int) -> int:
        lines = count_lines(self.paragraphs[index], self.width_of(index), self.show_controls)
        return lines + self.gaps[index]

    def _estimate(self, index: int) -> int:
        return len(self.paragraphs[index]) // self.width_of(index) + 1 + self.gaps[index]

    def _rebuild_prefix(self) -> None:
        self._starts = [0, *accumulate(self._heights)]

    @property
    def complete(self) -> bool:
        """True once every paragraph's line count is exact."""
        return self._counted >= len(self.paragraphs)

    def count_some(self, budget: float = 0.02) -> bool:
        """Make more line counts exact, for about ``budget`` seconds. True when complete."""
        deadline = time.perf_counter() + budget
        paragraphs = self.paragraphs
        index = self._counted
        while index < len(paragraphs):
            self._heights[index] = self._count(index)
            index += 1
            if index % 256 == 0 and time.perf_counter() > deadline:
                break
        self._counted = index
        self._rebuild_prefix()
        return self.complete

    def count_around(self, first: int, last: int) -> None:
        """Make the counts of paragraphs ``first..last`` exact now (what is on screen)."""
        changed = False
        for index in range(max(first, self._counted), min(last + 1, len(self.paragraphs))):
            exact = self._count(index)
            if exact != self._heights[index]:
                self._heights[index] = exact
                changed = True
        if changed:
            self._rebuild_prefix()

    # -- geometry -----------------------------------------------------------------------

    @property
    def height(self) -> int:
        return self._starts[-1]

    def first_line(self, paragraph: int) -> int:
        """The document line where ``paragraph`` starts."""
        return self._starts[paragraph]

    def paragraph_at(self, y: int) -> int:
        """The paragraph that document line ``y`` belongs to (a gap belongs to the one above)."""
        if not self.paragraphs:
            return 0
        y = max(0, min(y, self.height - 1))
        return bisect_right(self._starts, y) - 1

    def line_at(self, y: int) -> tuple[int, VisualLine | None]:
        """(paragraph, visual line) at document line ``y``; the line is None on a gap."""
        if not self.paragraphs or y < 0 or y >= self.height:
            return self.paragraph_at(y), None
        index = self.paragraph_at(y)
        layout = self.layout(index)
        row = y - self._starts[index]
        if row < len(layout.lines):
            return index, layout.lines[row]
        return index, None

    def layout(self, index: int) -> ParagraphLayout:
        """The layout of paragraph ``index`` (cached; fixes its count if it was estimated)."""
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        layout = layout_paragraph(
            self.paragraphs[index], self.width_of(index), self._direction(index),
            show_controls=self.show_controls, logical=self.logical,
        )
        self.layouts_made += 1
        self._cache[index] = layout
        if len(self._cache) > LAYOUT_CACHE_SIZE:
            self._cache.popitem(last=False)
        exact = len(layout.lines) + self.gaps[index]
        if self._heights[index] != exact:
            self._heights[index] = exact
            self._rebuild_prefix()
        return layout

    def locate(self, paragraph: int, offset: int) -> int:
        """The document line showing source ``offset`` of ``paragraph``.

        An offset past the paragraph's end names a gap line after it (see :meth:`position`).
        """
        layout = self.layout(paragraph)
        length = len(self.paragraphs[paragraph])
        if offset > length:
            gap = min(offset - length, self.gaps[paragraph])
            return self._starts[paragraph] + len(layout.lines) - 1 + gap
        row = 0
        for row, line in enumerate(layout.lines):
            if offset < line.end or row == len(layout.lines) - 1:
                break
        return self._starts[paragraph] + row

    def position(self, y: int) -> tuple[int, int]:
        """A width-independent position for document line ``y``: (paragraph, source offset).

        Used to keep the reader's place across resizes and sessions. On a gap line the
        offset is past the paragraph's end (by the gap row, from 1).
        """
        if not self.paragraphs:
            return 0, 0
        index, line = self.line_at(y)
        if line is None:
            layout = self.layout(index)
            row = y - self._starts[index] - len(layout.lines) + 1
            return index, len(self.paragraphs[index]) + max(1, row)
        return index, line.start
