"""Mouse selection in the article view, in logical order, through Textual's selection support.

Textual tracks a drag and hands the widget a :class:`~textual.selection.Selection` of content
offsets, which it finds by asking the screen what lies under the mouse. The main screen asks
the view (:meth:`SelectableArticle.selection_offset`), which answers ``(cell column in its
content, document line)``: no offsets need to be carried in every strip's styles (as
Textual's ``Log`` does), so drawing is unchanged when nothing is selected. Each end is turned
into the source range its cell stands for, and the selection is the *logical* range between
them (:mod:`reader.text.selection`): its highlight is every cell showing that range,
adjacent on screen or not, and its text is the source.

The logical range is kept, not the cells: it survives scrolling and resizes.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Offset
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.content.document import Document
from reader.text.flow import TextFlow
from reader.text.layout import VisualLine, logical_line
from reader.text.selection import LogicalRange, Point, column_ranges, extent_at, word_at

# Selections made by the view itself (a word, a paragraph) carry this column: no cell has it.
_MADE = -(10**9)


class SelectableArticle(ScrollView):
    """Selection for :class:`~reader.ui.widgets.article_view.ArticleView`, its base: it uses
    the view's flow, document and geometry, which the view provides."""

    selection: LogicalRange | None = None
    # The last Textual selection seen and the logical range it stood for.
    _seen: tuple[Selection, LogicalRange] | None = None

    # -- what the view provides ---------------------------------------------------------

    document: Document
    flow: TextFlow | None
    logical: bool = False  # --screen-reader: rows are their lines' source text

    def shown_line(self, flow: TextFlow, document_y: int) -> tuple[int, VisualLine | None]:
        """(paragraph, line) of document line ``document_y`` as drawn: the core's visual
        line, or its source text in logical order (:func:`~reader.text.layout.logical_line`)."""
        paragraph, line = flow.line_at(document_y)
        if line is not None and self.logical and (
                self.document.block(paragraph).kind != "table_row"):  # logical already
            line = logical_line(self.document.paragraphs[paragraph], line, flow.show_controls)
        return paragraph, line

    @property
    def top(self) -> int:  # pragma: no cover - provided by the view
        raise NotImplementedError

    def _ensure_flow(self) -> TextFlow:  # pragma: no cover - provided by the view
        raise NotImplementedError

    def _text_left(self, paragraph: int, line: VisualLine,
                   width: int | None = None) -> int:  # pragma: no cover
        raise NotImplementedError

    # -- cells to logical points --------------------------------------------------------

    def _document_end(self) -> Point:
        paragraphs = self.document.paragraphs
        return (len(paragraphs) - 1, len(paragraphs[-1])) if paragraphs else (0, 0)

    def selection_offset(self, x: int, y: int) -> Offset:
        """What Textual's selection records for the screen cell (x, y): (column in the
        content, document line). Below the view counts as its last cell, as in Textual."""
        region = self.content_region
        if y >= region.bottom:
            x, y = region.right - 1, region.bottom - 1
        return Offset(x - region.x, max(0, y - region.y) + self.top)

    def _extent_at(self, x: int, y: int) -> tuple[Point, Point]:
        """The source range shown at content column ``x`` of document line ``y``."""
        flow = self._ensure_flow()
        paragraphs = self.document.paragraphs
        if y >= flow.height:
            end = self._document_end()
            return end, end
        paragraph, line = self.shown_line(flow, max(0, y))
        if line is None:  # a blank line after a paragraph: its end
            point = (paragraph, len(paragraphs[paragraph]))
            return point, point
        first, last = extent_at(line, x - self._text_left(paragraph, line))
        return (paragraph, first), (paragraph, last)

    def _line_start(self, y: int) -> Point:
        """Where document line ``y`` begins in the source (the end past the last line)."""
        flow = self._ensure_flow()
        if y >= flow.height:
            return self._document_end()
        paragraph, offset = flow.position(y)
        return paragraph, min(offset, len(self.document.paragraphs[paragraph]))

    def logical_range(self, selection: Selection) -> LogicalRange | None:
        """The logical range a Textual selection of this view stands for."""
        if self._seen is not None and self._seen[0] == selection:
            return self._seen[1]
        if not self.document.paragraphs:
            return None
        first: tuple[Point, Point]
        last: tuple[Point, Point]
        if selection.start is None and selection.end is None:
            return LogicalRange((0, 0), self._document_end())  # all of it
        # A drag that began or ended outside the view: from the top of what it shows, or
        # to its bottom (not the whole rest of a book).
        top = self.top
        if selection.start is None:
            point = self._line_start(top)
            first = (point, point)
        else:
            first = self._extent_at(selection.start.x, selection.start.y)
        if selection.end is None:
            height = self.scrollable_content_region.height
            point = self._line_start(top + height)
            last = (point, point)
        elif selection.start is None:
            last = self._extent_at(selection.end.x, selection.end.y)
        else:
            # A drag within the view: Textual made the end exclusive, one cell on.
            last = self._extent_at(selection.end.x - 1, selection.end.y)
        chosen = LogicalRange.between(first, last)
        return None if chosen.empty else chosen

    # -- Textual's hooks ----------------------------------------------------------------

    def selection_updated(self, selection: Selection | None) -> None:
        chosen = None if selection is None else self.logical_range(selection)
        if selection is not None and chosen is not None:
            self._seen = (selection, chosen)
        self.selection = chosen
        self.refresh()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        chosen = self.logical_range(selection)
        if chosen is None:
            return None
        return chosen.text(self.document.paragraphs), "\n"

    def select_range(self, chosen: LogicalRange) -> None:
        """Select a logical range (a word, a paragraph) as if dragged over."""
        marker = Selection(Offset(_MADE, chosen.start[0]), Offset(_MADE, chosen.end[0]))
        self._seen = (marker, chosen)
        self.screen.selections = {self: marker}

    def select_word(self, paragraph: int, offset: int) -> None:
        text = self.document.paragraphs[paragraph]
        start, end = word_at(text, offset)
        if end > start:
            self.select_range(LogicalRange((paragraph, start), (paragraph, end)))

    def select_paragraph(self, paragraph: int) -> None:
        text = self.document.paragraphs[paragraph]
        if text:
            self.select_range(LogicalRange((paragraph, 0), (paragraph, len(text))))

    # -- drawing ------------------------------------------------------------------------

    def with_selection(self, strip: Strip, document_y: int) -> Strip:
        """``strip`` (document line ``document_y``) with the selected cells highlighted."""
        chosen = self.selection
        flow = self.flow  # made by the line just drawn
        if chosen is not None and flow is not None \
                and chosen.start[0] <= flow.paragraph_at(document_y) <= chosen.end[0]:
            strip = self._highlight(flow, strip, document_y, chosen)
        return strip

    def _highlight(self, flow: TextFlow, strip: Strip, document_y: int,
                   chosen: LogicalRange) -> Strip:
        paragraph, line = self.shown_line(flow, document_y)
        if line is None:
            return strip
        part = chosen.in_paragraph(paragraph, len(self.document.paragraphs[paragraph]))
        if part is None:
            return strip
        width = strip.cell_length  # the view's width: margins of the measure included
        left = self._text_left(paragraph, line)
        if part[0] <= line.start and part[1] >= line.end and line.cells:
            ranges = [(left, left + line.cells)]  # the whole line: no need to look closer
        else:
            ranges = [(left + x0, left + x1) for x0, x1 in column_ranges(line, *part)]
        if not ranges:
            return strip
        style = self._selection_style()
        cuts = sorted({min(width, x) for pair in ranges for x in pair} | {width})
        pieces = strip.divide(cuts)
        segments: list[Segment] = []
        start = 0
        for piece, cut in zip(pieces, cuts, strict=False):
            if any(a <= start and cut <= b for a, b in ranges):
                segments.extend(Segment.apply_style(piece, post_style=style))
            else:
                segments.extend(piece)
            start = cut
        return Strip(segments, width)

    def _selection_style(self) -> Style:
        """The selection's background (``screen--selection``); the text keeps its colour
        (the theme's selection foreground is "transparent", which Rich cannot draw)."""
        style = self.screen.get_component_rich_style("screen--selection")
        if style.bgcolor is None:
            return style
        return Style(bgcolor=style.bgcolor) if style.color in (None, style.bgcolor) else style
