"""Last changes to each widget line before Textual composes the screen.

Textual applies an app's line filters to every widget line (``Widget.get_line_filters``),
before the compositor crops lines under an overlay (a dialog, the help). Four filters:

- :class:`UprightRtl` (every terminal): right-to-left text is never italic.

- :class:`ClusterSegments` (every terminal): the compositor crops a line by cells, with
  Rich's ``split_cells``, which hands the zero-width marks after a cut's last letter to the
  *right* side: a mark whose letter a dialog covers was drawn on the dialog's border, and a
  letter just left of a dialog lost its mark. A segment that ends after each cluster with
  marks makes every cut fall between whole clusters.
- :class:`KonsoleMarks`: Konsole (bidi rendering on) runs each row through Qt's bidi
  algorithm. A LEFT-TO-RIGHT MARK before every cluster of right-to-left text leaves every
  right-to-left run one cluster long, so nothing moves; the row's first strong character is
  a mark, so its direction is left to right. Konsole with bidi off ignores the marks.
- :class:`KittyWords`: kitty shapes each run of cells between spaces, characters it draws
  itself (box drawing, blocks) and changes of font face (bold, italic) with HarfBuzz,
  which lays a run out right to left when its first letter is right-to-left (and mirrors
  its brackets): such runs are sent reversed, brackets unmirrored, so that kitty puts them
  back. kitty hands the run's glyphs (visual order) to its cells in the order sent, one
  code point each: a letter's harakat drew a cell to its left, unless the clusters
  mirrored across the run hold as many code points, which COMBINING GRAPHEME JOINERs make
  so (:func:`_pad_clusters`). Measured in kitty 0.26.5: the same pixels as ``force_ltr``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import pairwise

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

from reader.terminals import KITTY_BREAK as _KITTY_BREAK
from reader.terminals import LRM
from reader.terminals import konsole_marks as _with_marks
from reader.terminals import may_be_rtl as _may_be_rtl
from reader.terminals import pad_clusters as _pad_clusters
from reader.terminals import starts_rtl as _starts_rtl
from reader.terminals import unmirror as _unmirror


class ClusterSegments(LineFilter):
    """Split segments after every cluster with combining marks (a letter and its harakat):
    crops then never separate a mark from its letter."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out: list[Segment] = []
        for segment in segments:
            text = segment.text
            # As many cells as code points: no zero-width mark (the usual case, cheap).
            if text.isascii() or segment.control or cell_len(text) == len(text):
                out.append(segment)
                continue
            out.extend(Segment(piece, segment.style) for piece in _cluster_pieces(text))
        return out


@lru_cache(4096)
def _cluster_pieces(text: str) -> tuple[str, ...]:
    """``text`` cut after every run of zero-width characters that holds a mark."""
    pieces: list[str] = []
    start = 0
    marked = False
    for index, ch in enumerate(text):
        if get_character_cell_size(ch) == 0:
            marked = marked or unicodedata.category(ch)[0] == "M"
        elif marked:
            pieces.append(text[start:index])
            start, marked = index, False
    pieces.append(text[start:])
    return tuple(piece for piece in pieces if piece)


class KonsoleMarks(LineFilter):
    """A left-to-right mark before every cluster of segments that hold right-to-left text."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # A segment with a mark was done already: a translucent dialog draws the screen
        # beneath it, filtered, as its own background and filters it again. The layout
        # never sends a mark of its own (marks are folded).
        return [
            Segment(_with_marks(s.text), s.style)
            if not s.control and _may_be_rtl(s.text) and LRM not in s.text else s
            for s in segments
        ]


def _face(style: Style | None) -> tuple[bool, bool]:
    """The font face a style picks in kitty: a change of face ends a shaping run."""
    return (bool(style and style.bold), bool(style and style.italic))


class KittyWords(LineFilter):
    """Words whose first strong letter is right-to-left, sent reversed (by clusters, each
    keeping its marks, joiners added where marks would land on the wrong letter) with their
    brackets unmirrored.

    Not a line filter of the app's: it is applied to what is written to the screen, after
    the compositor's crops (:mod:`reader.ui.kitty_output`), so it sees each piece of a row
    once, as shown."""

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(enabled)
        self._lines: dict[tuple[Segment, ...], list[Segment]] = {}  # lines seen again

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_may_be_rtl(s.text) for s in segments):
            return segments
        if any(s.control for s in segments):
            return segments
        key = tuple(segments)
        done = self._lines.get(key)
        if done is None:
            if len(self._lines) > 4096:
                self._lines.clear()
            done = self._lines[key] = self._apply(segments)
        return list(done)

    def _apply(self, segments: list[Segment]) -> list[Segment]:
        text = "".join(segment.text for segment in segments)
        owner: list[int] = []  # the segment of each character
        for index, segment in enumerate(segments):
            owner.extend([index] * len(segment.text))
        faces = [_face(segment.style) for segment in segments]
        order = list(range(len(text)))
        flipped = [False] * len(text)
        padding: dict[int, str] = {}  # joiners sent after a character (see _pad_clusters)
        count, start = len(text), 0
        while start < count:
            if _KITTY_BREAK.match(text[start]):
                start += 1
                continue
            end, face = start + 1, faces[owner[start]]
            while end < count and not _KITTY_BREAK.match(text[end]) \
                    and faces[owner[end]] == face:
                end += 1
            run = text[start:end]
            if _may_be_rtl(run) and _starts_rtl(run):
                # clusters: a character of some width and the zero-width ones after it
                cuts = [k for k in range(start, end)
                        if k == start or get_character_cell_size(text[k])] + [end]
                clusters = list(reversed(list(pairwise(cuts))))
                order[start:end] = [k for first, last in clusters for k in range(first, last)]
                flipped[start:end] = [True] * (end - start)
                _pad_clusters(clusters, padding)
            start = end
        merged: list[Segment] = []
        piece: list[str] = []
        style = segments[owner[order[0]]].style if text else None
        for position, k in enumerate(order):
            char_style = segments[owner[k]].style
            if char_style != style:
                merged.append(Segment("".join(piece), style))
                piece, style = [], char_style
            piece.append(_unmirror(text[k]) + padding.get(k, "") if flipped[position]
                         else text[k])
        if piece:
            merged.append(Segment("".join(piece), style))
        return merged


_UPRIGHT = Style(italic=False, underline=True)


class UprightRtl(LineFilter):
    """No italic for right-to-left text: Arabic has no italic tradition, and monospace
    oblique faces have no Arabic (mlterm shows boxes, Konsole unjoined letters). Emphasis
    stays visible as an underline."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(s.text, s.style + _UPRIGHT, s.control)
            if s.style is not None and s.style.italic and _may_be_rtl(s.text) else s
            for s in segments
        ]


def filters_for(mode: str) -> list[LineFilter]:
    """The filters for a terminal mode (see :mod:`reader.ui.terminal`), in the order they
    apply. :class:`ClusterSegments` comes before Konsole's marks, which would make every
    segment look like one with marks. kitty's words are made on the output instead
    (:mod:`reader.ui.kitty_output`)."""
    if mode == "konsole":
        return [UprightRtl(), ClusterSegments(), KonsoleMarks()]
    return [UprightRtl(), ClusterSegments()]
