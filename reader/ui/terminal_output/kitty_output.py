"""kitty's reversed words, made on what is written to the screen rather than on each
widget's lines.

kitty shapes the cells it shows: each run between spaces and the characters it draws itself
(a dialog's border, for one) is laid out right to left when its first letter is, so such runs
are sent reversed (:func:`reader.terminal.rows.kitty_segments`). Done on a widget's whole
line, before Textual's compositor crops it under a dialog, the part of a word left beside the
dialog was the wrong end of it (``م`` of «من» where ``ن`` shows). Here the words are reversed
in each *chop* the compositor writes: a piece of a screen row between the edges of the regions
on it, so a word cut by a dialog's edge is reversed as it is shown. A partial update that
ends inside a chop is widened to the chop's end: a reversed run is written whole.

It hooks what the compositor writes (Textual 8.2's ``App._display``, with ``LayoutUpdate``
and ``ChopsUpdate`` from ``textual._compositor``, through :mod:`reader.ui.textual_private`),
the one place where screen updates become bytes.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.console import RenderableType
from rich.segment import Segment
from textual.strip import Strip

from reader.terminal.rows import kitty_segments, may_be_rtl
from reader.ui.textual_private import ChopsUpdate, LayoutUpdate

LINES_KEPT = 4096  # pieces remembered: a row redrawn unchanged is not reversed again


class KittyOutput:
    """Turns the compositor's updates into what kitty must be sent."""

    def __init__(self) -> None:
        self._done: dict[tuple[Segment, ...], list[Segment]] = {}

    def _strip(self, strip: Strip) -> Strip:
        segments = tuple(strip)
        if not any(may_be_rtl(s.text) for s in segments) or any(s.control for s in segments):
            return strip
        done = self._done.get(segments)
        if done is None:
            if len(self._done) > LINES_KEPT:
                self._done.clear()
            done = self._done[segments] = kitty_segments(segments)
        return Strip(done, strip.cell_length)

    def update(self, update: RenderableType) -> RenderableType:
        """``update`` with its right-to-left runs reversed per chop; anything else as is."""
        if isinstance(update, LayoutUpdate):
            return LayoutUpdate([[self._strip(strip) for strip in line]
                                 for line in update.strips], update.region)
        if isinstance(update, ChopsUpdate):
            chops = [{x: (None if strip is None else self._strip(strip))
                      for x, strip in line.items()} for line in update.chops]
            spans = []
            for y, x1, x2 in update.spans:
                ends = update.chop_ends[y]
                index = bisect_left(ends, x2)  # the chop holding the span's last cell
                spans.append((y, x1, ends[index] if index < len(ends) else x2))
            return ChopsUpdate(chops, spans, update.chop_ends)
        return update
