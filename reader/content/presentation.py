"""How each paragraph is presented: spacing after it, room beside it, what sits in that room.

Pure decisions from the document model (no Textual import), so they can be tested alone.
Plain text is shown as written: its blank lines are its spacing. Only a file with no blank
line between its lines of text (one paragraph per line, like the bundled article; blank
lines at its start or end do not count) gets a blank line between its paragraphs, so no
real blank line is ever hidden among invented ones. Structured
documents get spacing by kind (list items, code lines and table rows run together, a line
after a hard break follows its paragraph), list markers and quote bars in an indent, and
tables laid out in columns (:class:`TableLayouts`).
"""

from __future__ import annotations

from collections import OrderedDict
from operator import and_

from reader.content.document import Block, Document
from reader.text import ParagraphLayout, layout_paragraph
from reader.text.table import column_widths, layout_row, layout_row_logical, natural_widths

QUOTE_BAR = "▌"
RULE = "─"
# Kinds whose consecutive paragraphs belong together (no blank line between them).
_RUNS_TOGETHER = {"list_item", "code", "quote"}


def paragraph_gaps(document: Document) -> list[int]:
    """Blank lines after each paragraph."""
    paragraphs = document.paragraphs
    if not document.blocks:
        # Whether each paragraph has text (not just white space), at C speed: str.strip
        # returns the same object when there is nothing to strip.
        has_text = list(map(bool, map(str.strip, paragraphs)))
        if not _blank_between(has_text):
            return list(map(int, map(and_, has_text, has_text[1:]))) + [0] * bool(paragraphs)
        return [0] * len(paragraphs)  # the file has blank lines: they are its spacing
    blocks = document.blocks
    gaps = []
    for index, block in enumerate(blocks):
        if index + 1 >= len(blocks) or block.kind == "blank":
            gaps.append(0)
            continue
        following = blocks[index + 1]
        if following.joined:  # the next line of this paragraph, after a hard break
            gaps.append(0)
            continue
        together = (
            block.kind in _RUNS_TOGETHER
            and following.kind == block.kind
            and (block.kind != "code" or _consecutive(block, following))
        )
        gaps.append(0 if together or following.kind == "blank" else 1)
    return gaps


def _blank_between(has_text: list[bool]) -> bool:
    """Whether a blank line stands between two lines of text (blank lines before the
    first or after the last do not count: a file ending in an empty line is common)."""
    try:
        first = has_text.index(True)
    except ValueError:
        return False
    last = len(has_text) - 1 - has_text[::-1].index(True)
    return not all(has_text[first : last + 1])


def _consecutive(first: Block, second: Block) -> bool:
    return first.line is None or second.line is None or second.line == first.line + 1


def indent_of(block: Block) -> int:
    """Cells kept beside a paragraph for its marker or quote bars."""
    if block.kind == "list_item":
        return 2 * max(0, block.level - 1) + max(2, len(block.marker) + 1)
    if block.kind == "quote":
        return 2 * max(1, block.level)
    if block.kind == "code":
        return 2 + 2 * block.level
    return 0


def paragraph_indents(document: Document) -> list[int] | None:
    if not document.blocks:
        return None
    return [indent_of(block) for block in document.blocks]


def gutter(block: Block, width: int, first_line: bool, rtl: bool) -> str:
    """The ``width`` cells beside a line of this block, in visual order for its side.

    For an RTL paragraph the gutter is drawn on the right, so its content is mirrored:
    the marker touches the text, the nesting space is at the outer edge.
    """
    if width <= 0:
        return ""
    if block.kind == "list_item":
        nest = 2 * max(0, block.level - 1)
        marker = block.marker if first_line else ""
        if rtl and marker:
            marker = layout_paragraph(marker, 20, "rtl").lines[0].text
        room = width - nest
        if rtl:
            return (" " + marker).ljust(room) + " " * nest
        return " " * nest + marker.ljust(room)
    if block.kind == "quote":
        bars = (QUOTE_BAR + " ") * max(1, block.level)
        return bars[:width].rjust(width)[::-1] if rtl else bars[:width].ljust(width)
    return " " * width


class TableLayouts:
    """Table rows laid out in columns, for :class:`~reader.text.flow.TextFlow`'s
    ``special``: called with (paragraph, width), gives a row's layout, or None for a
    paragraph that is not a table row. A table is a run of consecutive rows; its column
    widths are found once per width from all its rows."""

    def __init__(self, document: Document, show_controls: bool = False,
                 logical: bool = False) -> None:
        self.document = document
        self.options = {"show_controls": show_controls}
        self.logical = logical  # --screen-reader: rows as lines (layout_row_logical)
        self.table_of: dict[int, int] = {}  # row paragraph -> its table's first row
        first = -1
        for index, block in enumerate(document.blocks):
            if block.kind != "table_row":
                first = -1
                continue
            if first < 0 or not block.joined:  # a new table
                first = index
            self.table_of[index] = first
        self._widths: dict[tuple[int, int], list[int]] = {}
        self._naturals: dict[int, list[int]] = {}
        self._rows: OrderedDict[tuple[int, int], ParagraphLayout] = OrderedDict()

    @classmethod
    def of(cls, document: Document, show_controls: bool = False,
           logical: bool = False) -> TableLayouts | None:
        """The tables of ``document``, or None when it has none (nothing to ask then)."""
        if not any(block.kind == "table_row" for block in document.blocks):
            return None
        return cls(document, show_controls, logical)

    def _natural(self, index: int) -> list[int]:
        found = self._naturals.get(index)
        if found is None:
            block = self.document.block(index)
            found = natural_widths(self.document.paragraphs[index], block.cells)
            self._naturals[index] = found
        return found

    def widths(self, first: int, width: int) -> list[int]:
        key = (first, width)
        found = self._widths.get(key)
        if found is None:
            rows = []
            index = first
            while self.table_of.get(index) == first:
                rows.append(self._natural(index))
                index += 1
            found = column_widths(rows, width)
            self._widths[key] = found
        return found

    def __call__(self, index: int, width: int) -> ParagraphLayout | None:
        first = self.table_of.get(index)
        if first is None:
            return None
        key = (index, width)
        layout = self._rows.get(key)
        if layout is None:
            block = self.document.block(index)
            if self.logical:
                layout = layout_row_logical(self.document.paragraphs[index], block.cells,
                                            width, self.document.direction(index),
                                            header=block.level == 1, **self.options)
            else:
                layout = layout_row(self.document.paragraphs[index], block.cells,
                                    self.widths(first, width), self.document.direction(index),
                                    header=block.level == 1,
                                    isolates=self.document.isolates(index), **self.options)
            self._rows[key] = layout
            if len(self._rows) > 1024:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(key)
        return layout
