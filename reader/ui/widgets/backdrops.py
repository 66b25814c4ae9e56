"""Containers that are cheap to draw because their children cover them.

Textual's compositor draws every widget's lines at a full repaint (after a resize, say),
also those of a container its children hide entirely: it does not cull covered regions. On
a 160x50 screen the main screen, the body and the side panel were 144 of some 250 lines
drawn, about a third of a resize's frame. These classes draw the same pixels for less:
a blank container declares itself ``BLANK`` (Textual then draws plain background), and a
container whose rows all look alike (a left border, no content) draws one row and
repeats it.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.errors import NoWidget
from textual.geometry import Offset, Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.widgets.article_selection import SelectableArticle


class MainScreen(Screen[None]):
    """The app's first screen: its widgets cover it, so it is only a background."""

    BLANK = True

    def get_widget_and_offset_at(self, x: int, y: int) -> tuple[Widget | None, Offset | None]:
        """Where a mouse selection starts or ends. The article view answers for itself in
        its own terms (see :mod:`reader.ui.widgets.article_selection`); other widgets as usual."""
        try:
            widget, _region = self.get_widget_at(x, y)
        except NoWidget:
            return None, None
        if isinstance(widget, SelectableArticle):
            return widget, widget.selection_offset(x, y)
        return super().get_widget_and_offset_at(x, y)


class Body(Horizontal):
    """The article beside the side panel; no border, no content of its own."""

    BLANK = True


class RepeatedRow(Vertical):
    """A vertical container whose every row looks the same: a side border at most, no top
    or bottom border, no padding rows, no content of its own. It draws its first row and
    repeats it."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if crop.height <= 1:
            return super().render_lines(crop)
        row = super().render_lines(Region(crop.x, 0, crop.width, 1))
        return row * crop.height
