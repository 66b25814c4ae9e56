"""Giant paragraphs cut into pieces that are laid out one at a time.

A 5 MB paragraph with no line break (a minified file, a log line, a book without newlines)
cannot be laid out in one go without holding up the screen for seconds. Such a paragraph is
cut after a space near every :data:`PIECE` characters (never inside a cluster), and each
piece is laid out on its own at the paragraph's base direction. The price is that bidi
context (an embedding or a bracket pair) does not carry across a cut, which only a paragraph
far longer than any screen can notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from reader.text.chars import is_mark
from reader.text.layout import ParagraphLayout, VisualLine, layout_paragraph
from reader.text.levels import Isolate, clip_isolates, level_runs

GIANT = 65_536  # a paragraph longer than this is cut
PIECE = 16_384  # about this many characters a piece


def piece_starts(text: str) -> list[int]:
    """Where the pieces of ``text`` start (just ``[0]`` for an ordinary paragraph)."""
    if len(text) <= GIANT:
        return [0]
    starts = [0]
    position = 0
    while len(text) - position > PIECE:
        cut = text.rfind(" ", position + PIECE // 2, position + PIECE)
        cut = cut + 1 if cut >= 0 else position + PIECE
        while cut < len(text) and _continues_cluster(text, cut):
            cut += 1
        if cut >= len(text):
            break
        starts.append(cut)
        position = cut
    return starts


def _continues_cluster(text: str, index: int) -> bool:
    ch = text[index]
    return (
        is_mark(ch)
        or ch in "\u200d\ufe0f"
        or text[index - 1] == "\u200d"
        or 0xDC00 <= ord(ch) <= 0xDFFF
    )


def base_direction(text: str, direction: str) -> str:
    """The direction every piece of ``text`` is laid out at: the paragraph's own."""
    if direction != "auto":
        return direction
    _ends, _levels, level = level_runs(text[:PIECE], "auto")
    return "rtl" if level == 1 else "ltr"


def shift(layout: ParagraphLayout, offset: int) -> ParagraphLayout:
    """A piece's layout with its offsets moved to the whole paragraph's."""
    if offset == 0:
        return layout
    lines = tuple(
        VisualLine(line.start + offset, line.end + offset, line.text,
                   tuple(m + offset for m in line.map), line.cells, line.rtl)
        for line in layout.lines
    )
    return ParagraphLayout(layout.text, layout.width, layout.level, lines)


def layout_long_paragraph(
    text: str, width: int, direction: str = "auto",
    isolates: tuple[Isolate, ...] = (), **options: bool
) -> Iterator[VisualLine]:
    """Every visual line of a paragraph of any length, piece after piece; ``isolates`` are
    laid out as isolates (see :func:`reader.text.layout.layout_paragraph`)."""
    starts = piece_starts(text)
    if len(starts) == 1:
        yield from layout_paragraph(text, width, direction, isolates=isolates,
                                    **options).lines
        return
    fixed = base_direction(text, direction)
    bounds = [*starts, len(text)]
    for start, end in pairwise(bounds):
        piece = layout_paragraph(text[start:end], width, fixed,
                                 isolates=clip_isolates(isolates, start, end), **options)
        yield from shift(piece, start).lines
