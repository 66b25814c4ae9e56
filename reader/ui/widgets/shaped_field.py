"""A one-line text field drawn through the layout core: what is typed shaped and in visual
order, the cursor on the cluster after it. Shared by the search bar, the command palette's
input and the go-to prompt (Textual's own inputs draw Arabic unjoined and reversed, and
always from the left: ``text-align`` does not reach them).

With ``--screen-reader`` (:attr:`reader.text.chrome.ChromeStyle.LOGICAL`, the ``chrome``
the functions below are given) a field is drawn as the
article's rows are: what is typed in logical order, unshaped, from the left edge, so that
a screen reader reads it and the terminal's cursor at the caret is on the letter after it.

A field is aligned to the left, or to the right (``pad_left``): by its text's direction, or
always in a right-to-left interface, so that what is typed starts beside the prompt."""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.text import layout_paragraph
from reader.text.chrome import ChromeStyle

Cells = list[tuple[str, Style | None]]
# (cluster, style, logical offset; None for the blank cell of a cursor at the end)
_Clusters = list[tuple[str, Style | None, int | None]]


def _logical(value: str) -> list[list[Any]]:
    """``value``'s clusters in logical order, unshaped (``--screen-reader``): each letter
    with the marks after it; a control as one space, the invisible formats (ZWNJ, the
    direction marks) as typed."""
    clusters: list[list[Any]] = []
    for offset, ch in enumerate(value):
        category = unicodedata.category(ch)
        if clusters and category in ("Mn", "Me"):
            clusters[-1][0] += ch
        else:
            shown = ch if ch.isprintable() or category == "Cf" else " "
            clusters.append([shown, None, offset])
    return clusters


def _clusters(value: str, cursor: int | None, cursor_style: Style,
              chrome: ChromeStyle) -> tuple[_Clusters, bool]:
    if not value:
        return ([(" ", cursor_style, None)] if cursor is not None else []), False
    if chrome.logical:
        clusters, rtl = _logical(value), False
    else:
        line = layout_paragraph(value, 10_000).lines[0]
        cuts = line.cuts
        clusters = [[line.text[cuts[i]:cuts[i + 1]], None, line.map[cuts[i]]]
                    for i in range(len(cuts) - 1)]
        rtl = line.rtl
    if cursor is not None and cursor < len(value) and clusters:
        # the cluster holding the letter after the cursor (a ligature holds two)
        target = max((c for c in clusters if c[2] <= cursor), key=lambda c: c[2],
                     default=clusters[0])
        target[1] = cursor_style
    cells: _Clusters = [(text, style, offset) for text, style, offset in clusters]
    if cursor is not None and cursor >= len(value):
        end = (" ", cursor_style, None)
        if rtl:
            cells.insert(0, end)
        else:
            cells.append(end)
    return cells, rtl


def visual_cells(value: str, cursor: int | None, cursor_style: Style, *,
                 chrome: ChromeStyle) -> tuple[Cells, bool]:
    """``value`` in visual order as (cluster, style) cells, the cursor (``None``: hidden)
    on the cluster holding the character after it, or on a blank cell at the line's end."""
    clusters, rtl = _clusters(value, cursor, cursor_style, chrome)
    return [(text, style) for text, style, _offset in clusters], rtl


def _view(cells: Cells, width: int, pad_left: bool,
          chrome: ChromeStyle) -> tuple[int, int, int]:
    """(first cell shown, blank cells at the left, cursor's cell) of ``cells`` on a line of
    ``width``: scrolled so the cursor (the first styled cell) stays on screen when they are
    wider, padded when not (never on the left in logical mode: from the left edge)."""
    pad_left = pad_left and not chrome.logical
    total = sum(cell_len(text) for text, _style in cells)
    cursor_x = 0
    for text, style in cells:
        if style is not None:
            break
        cursor_x += cell_len(text)
    start = max(0, min(total - width, cursor_x - width // 2)) if total > width else 0
    left = max(0, width - total) if pad_left else 0
    return start, left, cursor_x


def field_strip(cells: Cells, width: int, base: Style, pad_left: bool = False, *,
                chrome: ChromeStyle) -> Strip:
    """The cells on one line of ``width``: scrolled so the cursor (the first styled cell)
    stays on screen when they are wider, padded (on the left with ``pad_left``) when not."""
    pad_left = pad_left and not chrome.logical
    total = sum(cell_len(text) for text, _style in cells)
    start, _left, _cursor = _view(cells, width, pad_left, chrome)
    strip = Strip([Segment(text, base + style if style else base)
                   for text, style in cells], total).crop(start, start + width)
    if total < width:
        pad = Segment(" " * (width - total), base)
        strip = Strip([pad, *strip] if pad_left else [*strip, pad], width)
    return strip


def cursor_column(value: str, cursor: int, width: int, pad_left: bool, *,
                  chrome: ChromeStyle) -> int:
    """The column of the field where :func:`field_strip` draws the cursor."""
    cells, _rtl = visual_cells(value, cursor, Style(reverse=True), chrome=chrome)
    start, left, cursor_x = _view(cells, width, pad_left, chrome)
    return max(0, min(width - 1, left + cursor_x - start))


def offset_at(value: str, cursor: int, x: int, width: int, pad_left: bool, *,
              chrome: ChromeStyle) -> int:
    """The logical offset a click at column ``x`` of the field puts the cursor at: the
    letter drawn there, or the text's start or end beside it."""
    clusters, rtl = _clusters(value, cursor, Style(reverse=True), chrome)
    cells = [(text, style) for text, style, _offset in clusters]
    start, left, _cursor = _view(cells, width, pad_left, chrome)
    column = x - left + start
    if column < 0:  # left of the text: the end of right-to-left text, else its start
        return len(value) if rtl else 0
    position = 0
    for text, _style, offset in clusters:
        position += cell_len(text)
        if column < position:
            return len(value) if offset is None else offset
    # right of the text: the start of right-to-left text, else its end
    return 0 if rtl else len(value)
