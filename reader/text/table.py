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

``--screen-reader`` has no columns (:func:`layout_row_logical`): a row is one logical line,
its cells in the order they were written, separated by `` | ``, wrapped like any paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from reader.text.chars import first_strong
from reader.text.layout import ParagraphLayout, VisualLine, layout_paragraph, logical_line
from reader.text.levels import Isolate, clip_isolates

COLUMN_RULE = " │ "
HEADER_RULE = "─"
HEADER_CROSS = "─┼─"
# --screen-reader: between cells, and the line under a header row (Markdown's own). An ASCII
# bar: every braille table and console font has it, and screen readers name it when they read
# punctuation (espeak-ng does not voice "│" at all).
CELL_SEPARATOR = " | "
HEADER_MARK = "---"
LRM, RLM = "\u200e", "\u200f"


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


def layout_row_logical(text: str, starts: Sequence[int], width: int, direction: str,
                       header: bool = False, show_controls: bool = False) -> ParagraphLayout:
    """A table row for ``--screen-reader``: its cells in logical order, each as written,
    separated by :data:`CELL_SEPARATOR` and wrapped at ``width`` unshaped, each line its
    stretch of text as :func:`~reader.text.layout.logical_line` gives it. Columns would cut
    every cell into pieces read one after another across the row. A header row is followed
    by ``--- | ---`` (one mark a cell), as in Markdown.

    For a terminal doing its own bidi, each line starts with the table's direction mark
    (RLM or LRM), and the mark stands on both sides of every separator: every line of the
    table then reads in the table's direction (VTE takes a row's from its first letter),
    and no run crosses a cell's edge (without them "Sam Altman | 39" in a right-to-left
    table is one left-to-right run, 39 read before the name). The Linux console stores
    neither mark (they are zero-width to it), a screen reader says nothing for them, and
    unlike isolates they never show as glyphs. The separators and marks map to the
    character between the cells."""
    bounds = {start - 1 for start in starts[1:] if 0 < start <= len(text)}
    pieces = [(CELL_SEPARATOR if i in bounds else ch, i) for i, ch in enumerate(text)]
    shown = "".join(piece for piece, _i in pieces)
    where = [i for piece, i in pieces for _ch in piece]  # shown offset -> row offset
    laid = layout_paragraph(shown, max(1, width), direction, shaped=False,
                            show_controls=show_controls)
    if direction not in ("rtl", "ltr"):
        direction = first_strong(text) or "ltr"
    mark = RLM if direction == "rtl" else LRM

    def row_offset(offset: int) -> int:
        return where[offset] if offset < len(where) else len(text)

    starts_of = [row_offset(line.start) for line in laid.lines]
    lines = []
    for k, line in enumerate(laid.lines):
        row = logical_line(shown, line, show_controls)
        sources = [row_offset(m) for m in row.map]
        marked, mapping = [mark], [starts_of[k]]
        for j, ch in enumerate(row.text):
            source = sources[j]
            separator = source in bounds
            if separator and (j == 0 or sources[j - 1] != source):
                marked.append(mark)
                mapping.append(source)
            marked.append(ch)
            mapping.append(source)
            if separator and (j + 1 == len(sources) or sources[j + 1] != source):
                marked.append(mark)
                mapping.append(source)
        end = starts_of[k + 1] if k + 1 < len(starts_of) else len(text)
        lines.append(VisualLine(starts_of[k], max(starts_of[k], end), "".join(marked),
                                tuple(mapping), row.cells, False))
    if header:
        rule = mark + CELL_SEPARATOR.join([HEADER_MARK] * max(1, len(starts)))
        lines.append(VisualLine(len(text), len(text), rule, (len(text),) * len(rule),
                                cell_len(rule), False))
    return ParagraphLayout(text, max(1, width), laid.level, tuple(lines))
