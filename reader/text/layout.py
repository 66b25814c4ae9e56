"""The layout pipeline: one paragraph of source text to visual lines for a terminal.

1. embedding levels for the whole paragraph (:mod:`reader.text.levels`);
2. words shaped and cut into clusters with cell widths (:mod:`reader.text.clusters`);
3. lines broken in logical order (:mod:`reader.text.wrap`);
4. each line reordered on its own (:mod:`reader.text.reorder`), mirrored at odd levels.

Every visual line keeps a map from each of its code points to a source offset, so search
hits, annotation spans and selections can be styled on screen.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import overload

from rich.cells import cell_len as _cell_len
from rich.cells import split_graphemes

from reader.text.chars import ISOLATES, TAB
from reader.text.clusters import WordShape, mirror_cluster, revealed, shape_words
from reader.text.levels import RTL, Isolate, level_runs
from reader.text.reorder import ISOLATE, line_levels, visual_order
from reader.text.wrap import Position, Tokens, break_lines, separator_width

DIRECTIONS = ("auto", "ltr", "rtl")
PLACEHOLDER = "\u2026"  # stands for a cluster wider than the whole line


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One line as the terminal shows it, left to right.

    ``start``/``end`` are the line's logical range in the paragraph (line-end spaces
    included). ``map[i]`` is the source offset of ``text[i]``. ``cells`` is the width.
    ``map`` is empty when the layout was asked for no maps (``maps=False``: a writer that
    prints only the text).
    """

    start: int
    end: int
    text: str
    map: tuple[int, ...]
    cells: int
    rtl: bool

    @property
    def cuts(self) -> list[int]:
        """Cluster boundaries in ``text``: styling must never split a letter from its marks.

        Clusters follow Rich's grapheme rules, so they are found again from the text alone.
        """
        spans, _ = split_graphemes(self.text)
        return [start for start, _end, _cells in spans] + [len(self.text)]


@dataclass(frozen=True, slots=True)
class ParagraphLayout:
    """A paragraph laid out at one width."""

    text: str
    width: int
    level: int
    lines: Sequence[VisualLine]

    @property
    def rtl(self) -> bool:
        return self.level == RTL

    def row_of(self, offset: int) -> int:
        """The line showing source ``offset``: the first line ending after it (the last
        line for an offset at or past the end)."""
        if isinstance(self.lines, LazyLines):
            return self.lines.row_of(offset)
        last = len(self.lines) - 1
        for row, line in enumerate(self.lines):
            if offset < line.end:
                return row
        return last


class LazyLines(Sequence[VisualLine]):
    """A paragraph's visual lines, broken at once but each reordered when first asked for.

    A jump into a paragraph of thousands of words then costs the lines on screen, not all
    of them. Line ranges are known from the breaks alone.
    """

    __slots__ = ("_breaks", "_made", "_maps", "_prepared", "_width", "ends", "starts")

    def __init__(self, prepared: PreparedParagraph, width: int, breaks: list[Position],
                 maps: bool = True) -> None:
        self._prepared = prepared
        self._maps = maps
        self._width = width
        self._breaks = breaks
        self.starts = [prepared.source_offset(position) for position in breaks]
        self.ends = [*self.starts[1:], len(prepared.text)]
        self._made: list[VisualLine | None] = [None] * len(breaks)

    def __len__(self) -> int:
        return len(self._breaks)

    @overload
    def __getitem__(self, index: int) -> VisualLine: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[VisualLine]: ...

    def __getitem__(self, index: int | slice) -> VisualLine | Sequence[VisualLine]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self._breaks):
            raise IndexError(index)
        line = self._made[index]
        if line is None:
            line = self._make(index)
            self._made[index] = line
        return line

    def _make(self, k: int) -> VisualLine:
        prepared = self._prepared
        start = self._breaks[k]
        end = self._breaks[k + 1] if k + 1 < len(self._breaks) else (len(prepared.words), 0)
        units = _line_units(prepared.text, prepared.words, prepared.seps, prepared.shapes,
                            prepared.word_starts, prepared.ends, prepared.run_levels, start,
                            end, self._width)
        return _emit(units, self.starts[k], self.ends[k], prepared.level,
                     prepared.level == RTL, self._maps)

    def row_of(self, offset: int) -> int:
        return min(bisect_right(self.ends, offset), len(self.ends) - 1)


def _class_of(ch: str) -> str:
    if ch in ISOLATES:
        return ISOLATE
    return unicodedata.bidirectional(ch)


# A unit is a piece reordered as a whole: a word of one level, a cluster or a separator. It is
# a plain tuple for speed: (width, level, L1 class, base offset, LTR form, RTL form), where a
# form is (text, map relative to the base offset).
_Form = tuple[str, tuple[int, ...]]
_Unit = tuple[int, int, str, int, _Form, _Form]


@dataclass(frozen=True, slots=True)
class PreparedParagraph:
    """What layout needs of a paragraph whatever the width: levels, words and their shapes.

    Kept by a flow across a resize, so that only line breaking and reordering are done again.
    """

    text: str
    ends: list[int]
    run_levels: list[int]
    level: int
    words: list[str]
    seps: list[str]
    sep_widths: list[int]
    shapes: list[WordShape]
    word_starts: list[int]

    def source_offset(self, position: Position) -> int:
        """The source offset of a (word, cluster) position."""
        i, j = position
        if i >= len(self.words):
            return len(self.text)
        return self.word_starts[i] + (self.shapes[i].bases[j] if j else 0)


def prepare_paragraph(
    text: str,
    direction: str = "auto",
    *,
    show_controls: bool = False,
    isolates: tuple[Isolate, ...] = (),
    shaped: bool = True,
) -> PreparedParagraph:
    """The width-independent half of :func:`layout_paragraph`."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    ends, run_levels, para_level = level_runs(text, direction, isolates)
    tokens = Tokens.split(text)
    words = tokens.words
    seps = tokens.separators
    shapes = shape_words(words, show_controls, shaped)
    # each word starts where the word and separator before it end
    word_starts = [0, *accumulate(map(add, map(len, words), map(len, seps)))][: len(words)]
    return PreparedParagraph(text, ends, run_levels, para_level, words, seps,
                             tokens.separator_widths(), shapes, word_starts)


def layout_paragraph(
    text: str,
    width: int,
    direction: str = "auto",
    *,
    show_controls: bool = False,
    maps: bool = True,
    isolates: tuple[Isolate, ...] = (),
    shaped: bool = True,
) -> ParagraphLayout:
    """Lay out one paragraph (no line separators inside) at ``width`` terminal cells.

    ``direction`` is ``"auto"`` (first strong character, rules P2-P3), ``"ltr"`` or
    ``"rtl"``. RTL paragraphs are meant to be right-aligned by the caller. ``maps=False``
    leaves every line's map empty: for ``reader render``'s text, which prints the lines and
    nothing else. ``isolates``: ranges laid out as isolates (code spans left to right, the
    markup's ``dir`` and ``<bdo>``; see :class:`reader.text.levels.Isolate`).
    ``shaped=False`` measures Arabic unshaped: the lines break where :func:`logical_line`
    rows fit (``--screen-reader``).
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    prepared = prepare_paragraph(text, direction, show_controls=show_controls,
                                 isolates=isolates, shaped=shaped)
    return layout_prepared(prepared, width, maps=maps)


def layout_prepared(
    prepared: PreparedParagraph, width: int, *, lazy: bool = False, maps: bool = True
) -> ParagraphLayout:
    """Lay out a prepared paragraph at ``width`` cells: break lines, reorder each.

    ``lazy=True`` reorders each line only when it is first read (see :class:`LazyLines`).
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    text = prepared.text
    if not text:
        rtl = prepared.level == RTL
        return ParagraphLayout(text, width, prepared.level,
                               (VisualLine(0, 0, "", (), 0, rtl),))
    shapes = prepared.shapes
    breaks = break_lines(
        [shape.width for shape in shapes],
        prepared.sep_widths,
        width,
        lambda i: shapes[i].widths,
    )
    lines = LazyLines(prepared, width, breaks, maps)
    return ParagraphLayout(text, width, prepared.level, lines if lazy else tuple(lines))


_SEPARATOR_UNITS: dict[str, tuple[int, str, _Form]] = {}


def _separator_form(sep: str) -> tuple[int, str, _Form]:
    form = _SEPARATOR_UNITS.get(sep)
    if form is None:
        cells = separator_width(sep)
        form = (cells, "S" if sep == TAB else "WS", (" " * cells, (0,) * cells))
        _SEPARATOR_UNITS[sep] = form
    return form


def _line_units(
    text: str,
    words: list[str],
    seps: list[str],
    shapes: list[WordShape],
    word_starts: list[int],
    ends: list[int],
    run_levels: list[int],
    start: Position,
    end: Position,
    width: int,
) -> list[_Unit]:
    units: list[_Unit] = []
    append = units.append
    i0, j0 = start
    i1, j1 = end
    last = i1 if j1 else i1 - 1  # last word with clusters on this line
    for i in range(i0, last + 1):
        shape = shapes[i]
        base = word_starts[i]
        first = j0 if i == i0 else 0
        count = len(shape.widths)
        stop = j1 if (i == i1 and j1) else count
        run = bisect_right(ends, base)
        after = base + len(words[i])
        shape_width = shape.width
        if (
            first == 0
            and stop == count
            and count
            and shape.plain
            and shape_width <= width
            and ends[run] >= after  # the whole word is of one level
        ):
            if (
                i < last
                and ends[run] > after  # ... and so is the space after it
                and seps[i] == " "
                and shapes[i + 1].width
                and shapes[i + 1].plain
            ):
                # Word and space reorder as one unit: fewer units, same order.
                ltr, rtl_form = shape.spaced
                append((shape_width + 1, run_levels[run], "X", base, ltr, rtl_form))
                continue
            ltr, rtl_form = shape.forms
            append((shape_width, run_levels[run], "X", base, ltr, rtl_form))
        else:
            for j in range(first, stop):
                a, b = shape.cuts[j], shape.cuts[j + 1]
                cluster_text = shape.text[a:b]
                cluster_width = shape.widths[j]
                src = base + shape.bases[j]
                level = run_levels[bisect_right(ends, src)]
                if cluster_width > width:
                    form: _Form = (PLACEHOLDER, (shape.bases[j],))
                    append((1, level, _class_of(text[src]), base, form, form))
                    continue
                mapping = shape.srcmap[a:b]
                append((cluster_width, level, _class_of(text[src]), base,
                        (cluster_text, mapping), (mirror_cluster(cluster_text), mapping)))
        if i < last and i < len(seps):
            src = base + len(words[i])
            cells, cls, form = _separator_form(seps[i])
            append((cells, run_levels[bisect_right(ends, src)], cls, src, form, form))
    while units and (not units[-1][4][0] or (units[-1][2] in ("WS", "S")
                                              and units[-1][4][0].isspace())):
        # Line-end spaces hang: not drawn (rule L1 would move them anyway). A ghost at the
        # end cannot change the order of what precedes it.
        units.pop()
    return units


def _emit(
    units: list[_Unit], start: int, end: int, para_level: int, rtl: bool, maps: bool = True
) -> VisualLine:
    levels = line_levels([u[1] for u in units], [u[2] for u in units], para_level)
    if not maps:
        cells = 0
        texts: list[str] = []
        add = texts.append
        for index in visual_order(levels):
            unit = units[index]
            text = unit[5][0] if levels[index] & 1 else unit[4][0]
            if text:
                add(text)
                cells += unit[0]
        return VisualLine(start, end, "".join(texts), (), cells, rtl)
    parts: list[str] = []
    mapping: list[int] = []
    append = parts.append
    extend = mapping.extend
    cells = 0
    for index in visual_order(levels):
        cells_, _level, _class, base, ltr, rtl_form = units[index]
        text, unit_map = rtl_form if levels[index] & 1 else ltr
        if text:  # a ghost took part in reordering; it is not drawn
            append(text)
            extend(map(base.__add__, unit_map))
            cells += cells_
    return VisualLine(start, end, "".join(parts), tuple(mapping), cells, rtl)


def _terminal_safe(ch: str) -> str:
    """A C0/C1 control (a tab, a line break, an escape) as one space: written as is it would
    move the terminal's cursor or start a sequence; one code point for one keeps the map."""
    return " " if unicodedata.category(ch) == "Cc" else ch


def logical_line(paragraph: str, line: VisualLine, show_controls: bool = False) -> VisualLine:
    """``line`` as its stretch of source, in logical order and unshaped (``--screen-reader``):
    what a terminal doing its own bidi, a screen reader or a braille display is given. The
    line break stays the core's, so the row is one whole logical line; harakat and
    invisible controls are as in the source, line-end breaks dropped; with
    ``show_controls`` (``v``, the layout asked the same) each invisible control is named in
    place (``⟦RLO⟧``), every cell of its name mapped to it. ``map`` is otherwise the
    identity over the source offsets; the row starts at its left edge (``rtl`` False), for
    the terminal, or the reader, to place."""
    source = paragraph[line.start : line.end].rstrip("\n\r\u2028\u2029")
    if show_controls:
        pieces = [(revealed(ch) or _terminal_safe(ch), line.start + i)
                  for i, ch in enumerate(source)]
        text = "".join(piece for piece, _offset in pieces)
        mapping = tuple(offset for piece, offset in pieces for _ch in piece)
        return VisualLine(line.start, line.start + len(source), text, mapping,
                          _cell_len(text), False)
    if not source.isprintable():
        source = "".join(_terminal_safe(ch) for ch in source)
    return VisualLine(line.start, line.start + len(source), source,
                      tuple(range(line.start, line.start + len(source))),
                      _cell_len(source), False)
