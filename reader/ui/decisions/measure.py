"""The measure: how wide the article's text column is, and where it sits in the view.

Lines of 60-80 characters read best; a wide terminal would otherwise give lines of 160. The
text is flowed at the measure (never wider than the view) and the column is centred, with
the paragraph-number gutter (when shown) beside the text on the reading side. ``0`` means
the whole width. Pure arithmetic: the view draws the margins with :func:`frame_line`; what
the keys make of the measure is :mod:`reader.state.measure`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.i18n import _, ngettext, number
from reader.state.measure import MIN_MEASURE


@dataclass(frozen=True)
class Column:
    """The text column in a view ``width`` cells wide, left to right:
    ``left`` margin, then (gutter on the left) ``gutter``, ``text``, (gutter on the right)."""

    width: int
    left: int
    text: int
    gutter: int
    gutter_right: bool

    @property
    def text_left(self) -> int:
        """The view column where the text starts."""
        return self.left + (0 if self.gutter_right else self.gutter)

    @property
    def right(self) -> int:
        return max(0, self.width - self.left - self.gutter - self.text)


def column(width: int, measure: int, gutter: int = 0, gutter_right: bool = True) -> Column:
    """Place the text column: at most ``measure`` cells of text (``0``: all there is), the
    gutter beside it, the two centred together. The gutter goes when there is no room."""
    width = max(1, width)
    if gutter and width - gutter < MIN_MEASURE:
        gutter = 0
    room = width - gutter
    text = room if measure <= 0 else max(1, min(measure, room))
    left = (room - text) // 2
    return Column(width, left, text, gutter, gutter_right)


def describe(measure: int) -> str:
    return _("full width") if measure <= 0 else \
        ngettext("{count} cell", "{count} cells", measure).format(count=number(measure))
