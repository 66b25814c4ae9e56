"""A whole document flowed into visual lines at one width, laid out only where looked at.

The view needs two things from a document of any size: how many lines it takes (for the
scrollbar and for End), and the visual lines on screen. Line counts need only widths
(:func:`~reader.text.wrap.count_lines`), so they are cheap; full layout (levels, shaping,
reordering) is done on demand and kept in a bounded cache. Work is therefore proportional to
what is on screen, not to the document.

The unit of layout is a paragraph, or a piece of a giant one (:mod:`reader.text.chunks`).
Counting can itself be spread over time on huge documents: until a unit is counted its
height is *estimated* from its length, and :meth:`TextFlow.count_some` refines the estimates
a slice at a time (the scrollbar settles as it goes).
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence

from reader.text.chunks import GIANT, base_direction, piece_starts, shift
from reader.text.heights import BLOCK, HeightIndex
from reader.text.layout import (
    ParagraphLayout,
    PreparedParagraph,
    VisualLine,
    layout_prepared,
    prepare_paragraph,
)
from reader.text.levels import Isolate, clip_isolates
from reader.text.wrap import count_lines

# How many unit layouts to keep: a few screens' worth, whatever the document's size.
LAYOUT_CACHE_SIZE = 512
# Counting is done synchronously below this many characters; above it, in slices. Counting
# takes about 15 ms per 100,000 characters: a first frame that waited for a 1.5 MB text's
# counts came long after the bundled article's (issue 23), while the screen needs only its
# own paragraphs counted (ArticleView.render_lines).
EAGER_COUNT_CHARS = 100_000


class ParagraphSizes:
    """What a flow needs to know of its paragraphs' sizes at any width: their lengths, the
    longest, the total, and per block of the height index the characters and the lines
    that do not depend on width (one per paragraph, and the gaps). A view keeps one for all
    its flows: on a book, finding these again at every resize costs milliseconds."""

    def __init__(self, lengths: Sequence[int], gaps: Sequence[int]) -> None:
        if len(lengths) != len(gaps):
            raise ValueError("one gap per paragraph")
        self.lengths = lengths
        self.longest = max(lengths, default=0)
        self.total = sum(lengths)
        self.block_lengths = [sum(lengths[start : start + BLOCK])
                              for start in range(0, len(lengths), BLOCK)]
        self.block_lines = [sum(gaps[start : start + BLOCK]) + min(BLOCK, len(gaps) - start)
                            for start in range(0, len(gaps), BLOCK)]

    @classmethod
    def of(cls, paragraphs: Sequence[str], gaps: Sequence[int]) -> ParagraphSizes:
        return cls(list(map(len, paragraphs)), gaps)


class TextFlow:
    """Paragraphs at one width: line counts for all, layouts for those on screen.

    ``gaps[i]`` blank lines follow paragraph ``i`` (paragraph spacing chosen by the view);
    ``indents[i]`` cells are kept free beside paragraph ``i`` (list markers, quote bars), so
    it is laid out ``indents[i]`` narrower. A document line index ``y`` is one of a
    paragraph's visual lines or a gap line. Offsets are always the paragraph's own, also
    inside a giant paragraph's pieces.
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
        shaped: bool = True,
        eager: bool | None = None,
        sizes: ParagraphSizes | None = None,
        prepared: OrderedDict[int, PreparedParagraph] | None = None,
        special: Callable[[int, int], ParagraphLayout | None] | None = None,
        isolates: Callable[[int], tuple[Isolate, ...]] | None = None,
    ) -> None:
        """``sizes`` (:class:`ParagraphSizes` of these paragraphs and gaps) may be given by a
        caller that keeps them across flows: on a book, finding them again at every resize
        is a noticeable cost. ``prepared`` is the :attr:`prepared` cache of a flow of the
        same paragraphs, options and directions at another width: a resize then only breaks
        and reorders lines. ``special(paragraph, width)`` lays out a paragraph that is not
        running text (a table row, :mod:`reader.text.table`), or returns None.
        ``isolates(paragraph)``: its ranges laid out as isolates (code spans, the markup's
        directions).
        ``shaped=False``: Arabic measured unshaped, for ``--screen-reader``'s logical rows
        (:func:`~reader.text.layout.logical_line`)."""
        if width < 1:
            raise ValueError("width must be at least 1")
        self.paragraphs = paragraphs
        self.width = width
        self._direction = directions or (lambda _i: "auto")
        self.gaps = list(gaps) if gaps is not None else [0] * len(paragraphs)
        self.indents = indents
        self.show_controls = show_controls
        self.shaped = shaped
        self.special = special
        self._isolates = isolates
        self._cache: OrderedDict[int, ParagraphLayout] = OrderedDict()
        self.prepared: OrderedDict[int, PreparedParagraph] = (
            prepared if prepared is not None else OrderedDict()
        )
        self.layouts_made = 0  # for tests and benchmarks: how much layout work was done
        if sizes is None:
            sizes = ParagraphSizes.of(paragraphs, self.gaps)
        self._build_units(sizes.longest)
        if eager is None:
            eager = sizes.total <= EAGER_COUNT_CHARS
        count = len(self._unit_para) if self._unit_para is not None else len(paragraphs)
        if eager:
            heights = [self._count(u) for u in range(count)]
            self._counted = count
        else:
            self._counted = 0  # units [0, _counted) have exact counts
            if indents is None and self._unit_para is None:
                # Even one estimate per paragraph is 3 ms on a book's 70,000 paragraphs, at
                # every resize: estimate per block, and per paragraph only where looked at.
                self._index = self._estimated_index(sizes)
                return
            heights = [self._estimate(u) for u in range(count)]
        self._index = HeightIndex(heights)

    def _estimated_index(self, sizes: ParagraphSizes) -> HeightIndex:
        """Heights estimated per block of paragraphs: a block's characters over the width,
        plus a line per paragraph and its gaps. That is at least the sum of the paragraphs'
        own estimates (``length // width + 1`` and gaps), made when the block is used."""
        width, gaps, lengths = self.width, self.gaps, sizes.lengths
        totals = [characters // width + lines
                  for characters, lines in zip(sizes.block_lengths, sizes.block_lines,
                                               strict=True)]

        def estimate(start: int, stop: int) -> list[int]:
            return [length // width + gap + 1
                    for length, gap in zip(lengths[start:stop], gaps[start:stop], strict=True)]

        return HeightIndex.estimated(len(lengths), totals, estimate)

    # -- units: paragraphs, or pieces of giant ones ------------------------------------

    def _build_units(self, longest: int) -> None:
        """Units are paragraphs, unless some paragraph is giant: then its pieces."""
        self._unit_para: list[int] | None = None
        self._unit_start: list[int] = []
        self._first_unit: list[int] = []
        self._piece_directions: dict[int, str] = {}
        if longest <= GIANT:
            return
        self._unit_para = []
        for index, paragraph in enumerate(self.paragraphs):
            self._first_unit.append(len(self._unit_para))
            for start in piece_starts(paragraph):
                self._unit_para.append(index)
                self._unit_start.append(start)

    def _unit_count(self) -> int:
        return len(self._index)

    def _paragraph_of(self, unit: int) -> int:
        return unit if self._unit_para is None else self._unit_para[unit]

    def _start_of(self, unit: int) -> int:
        return 0 if self._unit_para is None else self._unit_start[unit]

    def _units_of(self, paragraph: int) -> range:
        if self._unit_para is None:
            return range(paragraph, paragraph + 1)
        first = self._first_unit[paragraph]
        last = (self._first_unit[paragraph + 1] if paragraph + 1 < len(self._first_unit)
                else len(self._unit_para))
        return range(first, last)

    def _is_last_piece(self, unit: int) -> bool:
        return self._unit_para is None or unit + 1 >= len(self._unit_para) or \
            self._unit_para[unit + 1] != self._unit_para[unit]

    def _text_of(self, unit: int) -> str:
        if self._unit_para is None:
            return self.paragraphs[unit]
        paragraph = self._unit_para[unit]
        end = len(self.paragraphs[paragraph]) if self._is_last_piece(unit) else \
            self._unit_start[unit + 1]
        return self.paragraphs[paragraph][self._unit_start[unit] : end]

    def _isolates_of(self, unit: int) -> tuple[Isolate, ...]:
        if self._isolates is None:
            return ()
        spans = self._isolates(self._paragraph_of(unit))
        if not spans or self._unit_para is None:
            return spans
        start = self._start_of(unit)
        return clip_isolates(spans, start, start + len(self._text_of(unit)))

    def _gap_of(self, unit: int) -> int:
        return self.gaps[self._paragraph_of(unit)] if self._is_last_piece(unit) else 0

    def _direction_of(self, unit: int) -> str:
        paragraph = self._paragraph_of(unit)
        direction = self._direction(paragraph)
        if self._unit_para is None or len(self._units_of(paragraph)) == 1:
            return direction
        if paragraph not in self._piece_directions:
            self._piece_directions[paragraph] = base_direction(self.paragraphs[paragraph],
                                                               direction)
        return self._piece_directions[paragraph]

    # -- counting -----------------------------------------------------------------------

    def width_of(self, paragraph: int) -> int:
        """The width paragraph ``paragraph`` is laid out at (the flow's, less its indent)."""
        if self.indents is None:
            return self.width
        return max(1, self.width - self.indents[paragraph])

    def _special(self, unit: int) -> ParagraphLayout | None:
        if self.special is None:
            return None
        paragraph = self._paragraph_of(unit)
        if self._unit_para is not None and len(self._units_of(paragraph)) > 1:
            return None
        return self.special(paragraph, self.width_of(paragraph))

    def _count(self, unit: int) -> int:
        special = self._special(unit)
        if special is not None:
            return len(special.lines) + self._gap_of(unit)
        width = self.width_of(self._paragraph_of(unit))
        return count_lines(self._text_of(unit), width, self.show_controls,
                           self.shaped) + self._gap_of(unit)

    def _estimate(self, unit: int) -> int:
        length = len(self._text_of(unit))
        return length // self.width_of(self._paragraph_of(unit)) + 1 + self._gap_of(unit)

    @property
    def complete(self) -> bool:
        """True once every line count is exact."""
        return self._counted >= self._unit_count()

    def count_some(self, budget: float = 0.02) -> bool:
        """Make more line counts exact, for about ``budget`` seconds. True when complete."""
        deadline = time.perf_counter() + budget
        unit = self._counted
        total = self._unit_count()
        index = self._index
        while unit < total:
            index.set(unit, self._count(unit))
            unit += 1
            # (the clock read after every paragraph: one of Arabic words not shaped yet
            # takes a millisecond, and sixteen of them made a 20 ms slice a key waited on)
            if time.perf_counter() > deadline:
                break
        self._counted = unit
        return self.complete

    def count_around(self, first: int, last: int) -> None:
        """Make the counts of paragraphs ``first..last`` exact now (what is on screen)."""
        if not self.paragraphs:
            return
        first = max(0, first)
        last = min(last, len(self.paragraphs) - 1)
        if first > last:
            return
        start = max(self._units_of(first).start, self._counted)
        stop = self._units_of(last).stop
        for unit in range(start, stop):
            self._index.set(unit, self._count(unit))

    def count_lines(self, first: int, last: int) -> None:
        """Make the counts of what document lines ``first..last`` show exact now, and of
        the unit after them: a screen. Exact counts move lines, so this goes again (a few
        times) until the units on those lines stay the same. Units, not paragraphs: on a
        giant paragraph only the pieces on screen are counted, not the whole of it."""
        if not self.paragraphs or self.complete:
            return
        seen: tuple[int, int] | None = None
        for _ in range(10):
            start = max(self._unit_at(first), self._counted)
            stop = min(self._unit_at(last) + 2, self._unit_count())
            if (start, stop) == seen:
                return
            seen = (start, stop)
            for unit in range(start, stop):
                self._index.set(unit, self._count(unit))

    # -- geometry -----------------------------------------------------------------------

    @property
    def height(self) -> int:
        return self._index.total

    def first_line(self, paragraph: int) -> int:
        """The document line where ``paragraph`` starts."""
        return self._index.line_of(self._units_of(paragraph).start)

    def _unit_at(self, y: int) -> int:
        return self._index.unit_at(y)

    def paragraph_at(self, y: int) -> int:
        """The paragraph that document line ``y`` belongs to (a gap belongs to the one above)."""
        if not self.paragraphs:
            return 0
        return self._paragraph_of(self._unit_at(y))

    def line_at(self, y: int) -> tuple[int, VisualLine | None]:
        """(paragraph, visual line) at document line ``y``; the line is None on a gap."""
        if not self.paragraphs or y < 0 or y >= self.height:
            return self.paragraph_at(y), None
        unit = self._unit_at(y)
        layout = self._unit_layout(unit)
        row = y - self._index.line_of(unit)
        paragraph = self._paragraph_of(unit)
        if row < len(layout.lines):
            return paragraph, layout.lines[row]
        return paragraph, None

    def _unit_layout(self, unit: int) -> ParagraphLayout:
        """The layout of one unit, offsets in its paragraph (cached; fixes its count)."""
        cached = self._cache.get(unit)
        if cached is not None:
            self._cache.move_to_end(unit)
            return cached
        paragraph = self._paragraph_of(unit)
        special = self._special(unit)
        if special is not None:
            self._cache[unit] = special
            if len(self._cache) > LAYOUT_CACHE_SIZE:
                self._cache.popitem(last=False)
            self._index.set(unit, len(special.lines) + self._gap_of(unit))
            return special
        prepared = self.prepared.get(unit)
        if prepared is None:
            prepared = prepare_paragraph(
                self._text_of(unit), self._direction_of(unit),
                show_controls=self.show_controls, isolates=self._isolates_of(unit),
                shaped=self.shaped,
            )
            self.prepared[unit] = prepared
            if len(self.prepared) > LAYOUT_CACHE_SIZE:
                self.prepared.popitem(last=False)
        else:
            self.prepared.move_to_end(unit)
        layout = shift(layout_prepared(prepared, self.width_of(paragraph), lazy=True),
                       self._start_of(unit))
        self.layouts_made += 1
        self._cache[unit] = layout
        if len(self._cache) > LAYOUT_CACHE_SIZE:
            self._cache.popitem(last=False)
        self._index.set(unit, len(layout.lines) + self._gap_of(unit))
        return layout

    def layout(self, paragraph: int) -> ParagraphLayout:
        """The layout of a whole paragraph (all pieces of a giant one: use sparingly)."""
        units = self._units_of(paragraph)
        if len(units) == 1:
            return self._unit_layout(units.start)
        parts = [self._unit_layout(unit) for unit in units]
        lines = tuple(line for part in parts for line in part.lines)
        return ParagraphLayout(self.paragraphs[paragraph], parts[0].width, parts[0].level, lines)

    def _unit_for(self, paragraph: int, offset: int) -> int:
        units = self._units_of(paragraph)
        if len(units) == 1:
            return units.start
        starts = self._unit_start[units.start : units.stop]
        return units.start + max(0, bisect_right(starts, offset) - 1)

    def locate(self, paragraph: int, offset: int) -> int:
        """The document line showing source ``offset`` of ``paragraph``.

        An offset past the paragraph's end names a gap line after it (see :meth:`position`).
        """
        length = len(self.paragraphs[paragraph])
        if offset > length:
            unit = self._units_of(paragraph).stop - 1
            layout = self._unit_layout(unit)
            gap = min(offset - length, self.gaps[paragraph])
            return self._index.line_of(unit) + len(layout.lines) - 1 + gap
        unit = self._unit_for(paragraph, offset)
        layout = self._unit_layout(unit)
        row = layout.row_of(offset)
        return self._index.line_of(unit) + row

    def position(self, y: int) -> tuple[int, int]:
        """A width-independent position for document line ``y``: (paragraph, source offset).

        Used to keep the reader's place across resizes and sessions. On a gap line the
        offset is past the paragraph's end (by the gap row, from 1).
        """
        if not self.paragraphs:
            return 0, 0
        y = max(0, min(y, self.height - 1))
        unit = self._unit_at(y)
        layout = self._unit_layout(unit)
        row = y - self._index.line_of(unit)
        paragraph = self._paragraph_of(unit)
        if row < len(layout.lines):
            return paragraph, layout.lines[row].start
        return paragraph, len(self.paragraphs[paragraph]) + row - len(layout.lines) + 1
