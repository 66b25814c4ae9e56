"""Last changes to each widget line before Textual composes the screen.

Textual applies an app's line filters to every widget line (``Widget.get_line_filters``),
before the compositor crops lines under an overlay (a dialog, the help). Three filters, and
:class:`HiddenHarakat` before them while harakat are hidden:

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

kitty's reversed words are not a filter: they are made on what is written to the screen,
after the compositor's crops (:mod:`reader.ui.terminal_output.kitty_output`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

from reader.terminal.rows import LRM
from reader.terminal.rows import konsole_marks as _with_marks
from reader.terminal.rows import may_be_rtl as _may_be_rtl
from reader.text.harakat import has_harakat, hide


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


class HiddenHarakat(LineFilter):
    """Harakat hidden (``--harakat hide``, ``H``) in everything drawn, as in the article: the
    title bar, the panel, the status line, the dialogs, the help, what is drawn from the
    document and the interface's own words alike. Display only: what is copied or saved
    keeps them. ``enabled`` only while they are hidden; the fields being typed in keep
    theirs (:func:`keeping_harakat`), so what is typed is seen whole."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(hide(s.text), s.style, s.control)
            if not s.control and not s.text.isascii() and has_harakat(s.text) else s
            for s in segments
        ]


def keeping_harakat(filters: Sequence[LineFilter]) -> list[LineFilter]:
    """``filters`` but :class:`HiddenHarakat`: for a field being typed in."""
    return [line_filter for line_filter in filters if not isinstance(line_filter, HiddenHarakat)]


def filters_for(mode: str) -> list[LineFilter]:
    """The filters for a terminal mode (see :mod:`reader.terminal.plan`), in the
    order they apply. :class:`ClusterSegments` comes before Konsole's marks, which would make every
    segment look like one with marks. kitty's words are made on the output instead
    (:mod:`reader.ui.terminal_output.kitty_output`)."""
    if mode == "konsole":
        return [UprightRtl(), ClusterSegments(), KonsoleMarks()]
    return [UprightRtl(), ClusterSegments()]
