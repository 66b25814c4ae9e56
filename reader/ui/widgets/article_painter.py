"""One visual line of the article drawn into a ``Strip``: each cluster styled through the
line's map back to source offsets (Markdown's inline styles, then the marks: annotation
spans, the focused span, a flash, search hits; then harakat in ``highlight`` mode), the
block's own style and gutter, and the margins of the measure and the number gutter.

The painter owns no widget: it is given the document, the marks and a way to look up a
component's style (the view's, memoized here), so it draws without an app.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.content.document import Block, Document
from reader.content.presentation import RULE, gutter
from reader.text.harakat import hide, vocalised_ranges
from reader.text.layout import VisualLine
from reader.ui.decisions import paragraph_numbers
from reader.ui.decisions.measure import Column
from reader.ui.widgets.article_marks import ArticleMarks

BLOCK_COMPONENT = {"heading": "article--heading", "code": "article--code",
                   "quote": "article--quote", "rule": "article--rule"}
INLINE_COMPONENT = {"em": "em", "strong": "strong", "code": "code", "link": "link"}

StyleRange = tuple[int, int, Style]


class LinePainter:
    """Draws the lines of ``document`` with ``marks``. ``look_up`` gives the view's own
    style (``None``) or a component's partial style; ``harakat``: ``show``, ``hide`` or
    ``highlight`` them (display only, see :mod:`reader.text.harakat`)."""

    def __init__(self, document: Document, marks: ArticleMarks,
                 look_up: Callable[[str | None], Style], harakat: str = "show") -> None:
        self.document = document
        self.marks = marks
        self.harakat = harakat
        self._look_up = look_up
        # Rich styles of the view and its components, found once per style change: looking
        # them up for every line is a good part of a frame's cost.
        self._styles: dict[str | None, Style] = {}

    def style(self, component: str | None = None) -> Style:
        """The view's own style (``None``) or a component's partial style, memoized."""
        style = self._styles.get(component)
        if style is None:
            style = self._look_up(component)
            self._styles[component] = style
        return style

    def forget_styles(self) -> None:
        """The view's styles changed (a theme): look them up again."""
        self._styles.clear()

    def framed(self, strip: Strip, place: Column, paragraph: int, line: VisualLine | None,
               base: Style) -> Strip:
        """The text strip with the margins of the measure and the number gutter."""
        segments = [Segment(" " * place.left, base)] if place.left else []
        number = ""
        if place.gutter:
            first = line is not None and line.start == 0 and bool(line.text.strip())
            number = (paragraph_numbers.label(paragraph, place.gutter, place.gutter_right)
                      if first else " " * place.gutter)
        number_style = base + self.style("article--number")
        if number and not place.gutter_right:
            segments.append(Segment(number, number_style))
        segments.extend(strip)
        if number and place.gutter_right:
            segments.append(Segment(number, number_style))
        if place.right:
            segments.append(Segment(" " * place.right, base))
        return Strip(segments, place.width)

    def _mark_ranges(self, paragraph: int) -> list[StyleRange]:
        """Style ranges of a paragraph, later ones drawn over earlier ones."""
        marks = self.marks
        ranges: list[StyleRange] = []
        for mark in marks.entries.get(paragraph, ()):
            style = self.style(mark.component)
            if mark.entry_id == marks.focused:
                style += self.style("article--focused")
            ranges.append((mark.start, mark.end, style))
        if marks.flash is not None and marks.flash.paragraph == paragraph:
            ranges.append((marks.flash.start, marks.flash.end, self.style("article--flash")))
        hits = marks.hits.get(paragraph)
        if hits:
            hit_style = self.style("article--hit")
            ranges.extend((start, end, hit_style) for start, end in hits)
        current = marks.current_hit
        if current is not None and current.paragraph == paragraph:
            ranges.append((current.start, current.end, self.style("article--hit-current")))
        return ranges

    def _markdown_ranges(self, block: Block) -> list[StyleRange]:
        """Emphasis, strong, code and links of a Markdown paragraph, drawn under the marks."""
        return [
            (span.start, span.end, self.style(f"article--{INLINE_COMPONENT[span.style]}"))
            for span in block.spans
            if span.style in INLINE_COMPONENT
        ]

    def line(self, paragraph: int, line: VisualLine, width: int, base: Style,
             indent: int = 0) -> Strip:
        """``line`` of ``paragraph`` in ``width`` cells (``indent``: the block's, where
        its gutter is drawn)."""
        block = self.document.block(paragraph)
        if block.kind in BLOCK_COMPONENT:
            base = base + self.style(BLOCK_COMPONENT[block.kind])
        elif block.kind == "table_row" and block.level == 1:  # a header row
            base = base + self.style("article--heading")
        if block.kind == "rule":
            return Strip([Segment(RULE * width, base)], width)
        # Only the ranges that reach this line matter: most lines have none.
        ranges = [
            entry
            for entry in (self._markdown_ranges(block) + self._mark_ranges(paragraph)
                          + self._harakat_ranges(paragraph, line))
            if entry[0] < line.end and entry[1] > line.start
        ]
        side = gutter(block, indent, line.start == 0, line.rtl)
        segments: list[Segment] = []
        if side and not line.rtl:
            segments.append(Segment(side, base))
        pad = width - indent - line.cells
        if line.rtl and pad > 0:
            segments.append(Segment(" " * pad, base))
        # Ranges covering the whole line (a claim over many lines) apply to every cluster:
        # only the others are looked up cluster by cluster.
        partial = [k for k, (start, end, _extra) in enumerate(ranges)
                   if start > line.start or end < line.end]
        styles: dict[tuple[int, ...], Style] = {}

        def style_of(key: tuple[int, ...]) -> Style:
            style = styles.get(key)
            if style is None:
                style = base
                for k, (_start, _end, extra) in enumerate(ranges):  # in drawing order
                    if k in key or k not in partial:
                        style = style + extra
                styles[key] = style
            return style

        if not partial:
            segments.append(Segment(line.text, style_of(())))
        else:
            cuts = line.cuts
            run_key: tuple[int, ...] | None = None
            run_start = 0
            for index in range(len(cuts) - 1):
                source = line.map[cuts[index]]
                key = tuple(k for k in partial if ranges[k][0] <= source < ranges[k][1])
                if key != run_key:
                    if run_key is not None:
                        segments.append(Segment(line.text[run_start : cuts[index]],
                                                style_of(run_key)))
                    run_key, run_start = key, cuts[index]
            if run_key is not None:
                segments.append(Segment(line.text[run_start:], style_of(run_key)))
        if not line.rtl and pad > 0:
            segments.append(Segment(" " * pad, base))
        if side and line.rtl:
            segments.append(Segment(side, base))
        if self.harakat == "hide":  # for the terminal only: map and text keep them
            segments = [Segment(hide(segment.text), segment.style) for segment in segments]
        return Strip(segments, max(width, indent + line.cells)).crop(0, width)

    def _harakat_ranges(self, paragraph: int, line: VisualLine) -> list[StyleRange]:
        """In ``highlight`` mode, the letters of this line carrying harakat, drawn over the
        marks. Found from the line's own stretch of source (a giant paragraph costs no more)."""
        if self.harakat != "highlight":
            return []
        start = max(0, line.start - 8)  # room for the letter (and lam) under the first marks
        found = vocalised_ranges(self.document.paragraphs[paragraph][start : line.end])
        if not found:
            return []
        style = self.style("article--harakat")
        return [(start + first, start + last, style) for first, last in found]
