"""Tables laid out by the core: each cell is a paragraph of its own, wrapped in its column.

A table is a run of rows; a row is one paragraph whose cells start at given offsets (the
document joins them with a tab). :func:`column_widths` fits the columns to a width: each
column gets its widest cell (in terminal cells, wide characters counted), and when that
does not fit, the widest columns give way first. :func:`layout_row` lays out every
cell at its column's width (bidi, shaping and line breaking as for any paragraph) and
places the cells side by side: first column on the left in a left-to-right table, on the
right in a right-to-left one. Each visual line keeps its map back to offsets in the row, so
search hits and selections land on the right letters; padding and the column rules map to
the end of the cell they follow. A header row is followed by a ruled line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from reader.text.layout import ParagraphLayout, VisualLine, layout_paragraph
from reader.text.levels import Isolate, clip_isolates

COLUMN_RULE = " │ "
HEADER_RULE = "─"
HEADER_CROSS = "─┼─"


def cell_texts(text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
    """Each cell's ``(start, end)`` in the row's text (the separator between them left out)."""
    bounds = [*starts[1:], len(text) + 1]
    return [(start, max(start, bound - 1)) for start, bound in zip(starts, bounds)]


def natural_widths(text: str, starts: Sequence[int]) -> list[int]:
    """The cells each of a row's cells takes on one line. Measured without laying the
    cells out (a table of thousands of rows is measured in milliseconds): shaping only ever
    narrows Arabic (a lam-alef ligature), so a column is at worst a cell too wide."""
    return [cell_len(text[start:end]) for start, end in cell_texts(text, starts)]


def column_widths(naturals: Sequence[Sequence[int]], width: int) -> list[int]:
    """Column widths for rows whose cells want ``naturals``, fitted to ``width`` cells
    (column rules included). Every column keeps at least one cell."""
    columns = max((len(row) for row in naturals), default=0)
    if not columns:
        return []
    wanted = [max(1, max((row[i] for row in naturals if i < len(row)), default=1))
              for i in range(columns)]
    room = max(columns, width - len(COLUMN_RULE) * (columns - 1))
    if sum(wanted) <= room:
        return wanted
    # The largest cap that fits: columns narrower than it keep their width.
    low, high = 1, max(wanted)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in wanted) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [min(w, low) for w in wanted]
    spare = room - sum(widths)
    for i in sorted(range(columns), key=lambda k: -wanted[k]):  # the rest to the widest
        if spare <= 0:
            break
        if wanted[i] > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def layout_row(text: str, starts: Sequence[int], widths: Sequence[int], direction: str,
               header: bool = False, isolates: tuple[Isolate, ...] = (),
               **options: bool) -> ParagraphLayout:
    """A table row laid out in columns of ``widths`` (see the module's docstring);
    ``isolates`` (offsets in the row: code spans, the markup's directions) are laid out
    as isolates in their cells."""
    spans = cell_texts(text, starts)
    rtl = direction == "rtl"
    cells: list[tuple[Sequence[VisualLine], int, int, int]] = []  # lines, start, end, width
    for index, width in enumerate(widths):
        start, end = spans[index] if index < len(spans) else (len(text), len(text))
        cell = text[start:end]
        lines = layout_paragraph(cell, max(1, width), direction,
                                 isolates=clip_isolates(isolates, start, end),
                                 **options).lines if cell else ()
        cells.append((lines, start, end, width))
    height = max((len(lines) for lines, *_ in cells), default=0) or 1
    visual_rtl = rtl
    order = list(reversed(cells)) if visual_rtl else cells
    rows: list[VisualLine] = []
    previous = 0
    for k in range(height):
        parts: list[str] = []
        mapping: list[int] = []
        real: list[int] = []
        for position, (lines, start, end, width) in enumerate(order):
            if position:
                rule_at = end if visual_rtl else order[position - 1][2]
                parts.append(COLUMN_RULE)
                mapping.extend([rule_at] * len(COLUMN_RULE))
            line = lines[k] if k < len(lines) else None
            shown = line.text if line is not None else ""
            used = line.cells if line is not None else 0
            pad = " " * max(0, width - used)
            shifted = [start + m for m in line.map] if line is not None else []
            real.extend(shifted)
            if visual_rtl and line is not None and line.rtl:
                parts += [pad, shown]
                mapping += [end] * len(pad) + shifted
            else:
                parts += [shown, pad]
                mapping += shifted + [end] * len(pad)
        line_start = max(previous, min(real)) if real and k else previous
        previous = line_start
        joined = "".join(parts)
        rows.append(VisualLine(line_start, len(text), joined, tuple(mapping),
                               sum(widths) + len(COLUMN_RULE) * (len(widths) - 1), rtl))
    # Each line ends where the next begins; the last at the row's end.
    lines_out = [VisualLine(line.start, rows[i + 1].start if i + 1 < len(rows) else len(text),
                            line.text, line.map, line.cells, line.rtl)
                 for i, line in enumerate(rows)]
    if header:
        pieces = [HEADER_RULE * width for _lines, _s, _e, width in order]
        rule = HEADER_CROSS.join(pieces)
        lines_out.append(VisualLine(len(text), len(text), rule, (len(text),) * len(rule),
                                    len(rule), rtl))
    level = 1 if rtl else 0
    return ParagraphLayout(text, max(1, sum(widths)), level, tuple(lines_out))
