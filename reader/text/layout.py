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
from dataclasses import dataclass

from reader.text.chars import ISOLATES, TAB
from reader.text.clusters import WordShape, mirror_cluster, shape_word
from reader.text.levels import RTL, paragraph_levels
from reader.text.reorder import ISOLATE, line_levels, visual_order
from reader.text.wrap import Position, Tokens, break_lines, separator_width

DIRECTIONS = ("auto", "ltr", "rtl")
PLACEHOLDER = "\u2026"  # stands for a cluster wider than the whole line


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One line as the terminal shows it, left to right.

    ``start``/``end`` are the line's logical range in the paragraph (line-end spaces
    included). ``map[i]`` is the source offset of ``text[i]``; ``cuts`` are the cluster
    boundaries in ``text`` (styling must never split a cluster). ``cells`` is the width.
    """

    start: int
    end: int
    text: str
    map: tuple[int, ...]
    cuts: tuple[int, ...]
    cells: int
    rtl: bool


@dataclass(frozen=True, slots=True)
class ParagraphLayout:
    """A paragraph laid out at one width."""

    text: str
    width: int
    level: int
    lines: tuple[VisualLine, ...]

    @property
    def rtl(self) -> bool:
        return self.level == RTL


def _class_of(ch: str) -> str:
    if ch in ISOLATES:
        return ISOLATE
    return unicodedata.bidirectional(ch)


class _Unit:
    """A piece reordered as a whole: a word of one level, a cluster or a separator."""

    __slots__ = ("cls", "cuts", "level", "map", "rtl_cuts", "rtl_map", "rtl_text", "text", "width")

    def __init__(
        self,
        text: str,
        mapping: tuple[int, ...],
        cuts: tuple[int, ...],
        width: int,
        level: int,
        cls: str,
        rtl: tuple[str, tuple[int, ...], tuple[int, ...]] | None = None,
    ) -> None:
        self.text = text
        self.map = mapping
        self.cuts = cuts
        self.width = width
        self.level = level
        self.cls = cls
        if rtl is None:
            self.rtl_text, self.rtl_map, self.rtl_cuts = mirror_cluster(text), mapping, cuts
        else:
            self.rtl_text, self.rtl_map, self.rtl_cuts = rtl


def layout_paragraph(
    text: str, width: int, direction: str = "auto", *, show_controls: bool = False
) -> ParagraphLayout:
    """Lay out one paragraph (no line separators inside) at ``width`` terminal cells.

    ``direction`` is ``"auto"`` (first strong character, rules P2-P3), ``"ltr"`` or
    ``"rtl"``. RTL paragraphs are meant to be right-aligned by the caller.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    levels, para_level = paragraph_levels(text, direction)
    rtl = para_level == RTL
    if not text:
        return ParagraphLayout(text, width, para_level, (VisualLine(0, 0, "", (), (0,), 0, rtl),))
    tokens = Tokens.split(text)
    words = tokens.words
    seps = tokens.separators
    shapes = [shape_word(word, show_controls) for word in words]
    word_starts = []
    offset = 0
    for i, word in enumerate(words):
        word_starts.append(offset)
        offset += len(word) + (len(seps[i]) if i < len(seps) else 0)
    starts = break_lines(
        [shape.width for shape in shapes],
        tokens.separator_widths(),
        width,
        lambda i: shapes[i].widths,
    )
    boundaries = _level_boundaries(levels)

    def source_offset(pos: Position) -> int:
        i, j = pos
        return word_starts[i] + (shapes[i].bases[j] if j else 0)

    lines = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else (len(words), 0)
        units = _line_units(text, words, seps, shapes, word_starts, levels, boundaries, start, end,
                            width)
        line_end = source_offset(end) if end[0] < len(words) else len(text)
        lines.append(_emit(units, source_offset(start), line_end, para_level, rtl))
    return ParagraphLayout(text, width, para_level, tuple(lines))


def _level_boundaries(levels: list[int]) -> set[int]:
    """Offsets where the level changes: a word without one inside is of one level."""
    return {i for i in range(1, len(levels)) if levels[i] != levels[i - 1]}


def _line_units(
    text: str,
    words: list[str],
    seps: list[str],
    shapes: list[WordShape],
    word_starts: list[int],
    levels: list[int],
    boundaries: set[int],
    start: Position,
    end: Position,
    width: int,
) -> list[_Unit]:
    units: list[_Unit] = []
    i0, j0 = start
    i1, j1 = end
    last = i1 if j1 else i1 - 1  # last word with clusters on this line
    for i in range(i0, last + 1):
        shape = shapes[i]
        base = word_starts[i]
        first = j0 if i == i0 else 0
        stop = j1 if (i == i1 and j1) else len(shape.widths)
        whole = first == 0 and stop == len(shape.widths)
        if whole and shape.widths and shape.width <= width and _uniform(
            base, base + len(words[i]), boundaries
        ) and shape.plain:
            units.append(
                _Unit(
                    shape.text,
                    tuple(base + s for s in shape.srcmap),
                    shape.cuts,
                    shape.width,
                    levels[base],
                    "X",
                    (shape.rtl_text, tuple(base + s for s in shape.rtl_map), shape.rtl_cuts),
                )
            )
        else:
            for j in range(first, stop):
                a, b = shape.cuts[j], shape.cuts[j + 1]
                mapping = tuple(base + s for s in shape.srcmap[a:b])
                cluster_width = shape.widths[j]
                cluster_text = shape.text[a:b]
                src = base + shape.bases[j]
                if cluster_width > width:
                    cluster_text, mapping, cluster_width = PLACEHOLDER, (src,), 1
                units.append(
                    _Unit(cluster_text, mapping, (0, len(cluster_text)), cluster_width,
                          levels[src], _class_of(text[src]))
                )
        if i < last and i < len(seps):
            sep = seps[i]
            src = base + len(words[i])
            sep_width = separator_width(sep)
            shown = " " * sep_width
            units.append(
                _Unit(shown, (src,) * sep_width, (0, sep_width), sep_width, levels[src],
                      "S" if sep == TAB else "WS")
            )
    while units and (units[-1].cls in ("WS", "S") or not units[-1].text):
        # Line-end spaces hang: not drawn (rule L1 would move them anyway). A ghost at the
        # end cannot change the order of what precedes it.
        units.pop()
    return units


def _uniform(a: int, b: int, boundaries: set[int]) -> bool:
    if not boundaries:
        return True
    return not any(k in boundaries for k in range(a + 1, b))


def _emit(units: list[_Unit], start: int, end: int, para_level: int, rtl: bool) -> VisualLine:
    levels = line_levels([u.level for u in units], [u.cls for u in units], para_level)
    parts: list[str] = []
    mapping: list[int] = []
    cuts: list[int] = []
    length = 0
    cells = 0
    for index in visual_order(levels):
        unit = units[index]
        if levels[index] & 1:
            text, unit_map, unit_cuts = unit.rtl_text, unit.rtl_map, unit.rtl_cuts
        else:
            text, unit_map, unit_cuts = unit.text, unit.map, unit.cuts
        if not text:
            continue  # a ghost: it took part in reordering, it is not drawn
        parts.append(text)
        mapping.extend(unit_map)
        cuts.extend(length + c for c in unit_cuts[:-1])
        length += len(text)
        cells += unit.width
    cuts.append(length)
    # Ghost clusters inside a word leave empty cuts behind: keep each boundary once.
    return VisualLine(start, end, "".join(parts), tuple(mapping), tuple(dict.fromkeys(cuts)),
                      cells, rtl)
