"""A one-line text field drawn through the layout core: what is typed shaped and in visual
order, the cursor on the cluster after it. Shared by the search bar and the command
palette's input (Textual's own inputs draw Arabic unjoined and reversed)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.text import layout_paragraph

Cells = list[tuple[str, Style | None]]


def visual_cells(value: str, cursor: int | None, cursor_style: Style) -> tuple[Cells, bool]:
    """``value`` in visual order as (cluster, style) cells, the cursor (``None``: hidden)
    on the cluster holding the character after it, or on a blank cell at the line's end."""
    if not value:
        return ([(" ", cursor_style)] if cursor is not None else []), False
    line = layout_paragraph(value, 10_000).lines[0]
    cuts = line.cuts
    clusters: list[list] = [[line.text[cuts[i]:cuts[i + 1]], line.map[cuts[i]], None]
                            for i in range(len(cuts) - 1)]
    if cursor is not None and cursor < len(value) and clusters:
        # the cluster holding the letter after the cursor (a ligature holds two)
        target = max((c for c in clusters if c[1] <= cursor), key=lambda c: c[1],
                     default=clusters[0])
        target[2] = cursor_style
    cells = [(text, style) for text, _offset, style in clusters]
    if cursor is not None and cursor >= len(value):
        end = (" ", cursor_style)
        if line.rtl:
            cells.insert(0, end)
        else:
            cells.append(end)
    return cells, line.rtl


def field_strip(cells: Cells, width: int, base: Style, pad_left: bool = False) -> Strip:
    """The cells on one line of ``width``: scrolled so the cursor (the first styled cell)
    stays on screen when they are wider, padded (on the left with ``pad_left``) when not."""
    widths = [cell_len(text) for text, _style in cells]
    total = sum(widths)
    cursor_x = 0
    for (_text, style), cell_width in zip(cells, widths, strict=True):
        if style is not None:
            break
        cursor_x += cell_width
    start = max(0, min(total - width, cursor_x - width // 2)) if total > width else 0
    strip = Strip([Segment(text, base + style if style else base)
                   for text, style in cells], total).crop(start, start + width)
    if total < width:
        pad = Segment(" " * (width - total), base)
        strip = Strip([pad, *strip] if pad_left else [*strip, pad], width)
    return strip
