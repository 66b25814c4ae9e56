"""``--screen-reader``: a screen without a field or a list (the help, the kind of an entry,
a removal's confirmation, the mark prompt) puts the terminal's cursor at the start of its
first line once it is drawn, where screen readers start reading it; otherwise the cursor
would stay where the text under it had it."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from reader.ui.chrome_style import chrome_style


def cursor_on_first_line(screen: Screen[Any], selector: str) -> None:
    """After ``screen``'s first frame, the cursor at the start of ``selector``'s widget
    (in logical style only: its app's, :mod:`reader.ui.chrome_style`)."""
    if chrome_style(screen).logical:
        screen.call_after_refresh(_place, screen, selector)


def _place(screen: Screen[Any], selector: str) -> None:
    widget = next(iter(screen.query(selector)), None)
    if widget is None or not screen.is_current:
        return
    screen.app.cursor_position = widget.content_region.offset
    widget.refresh()  # a frame, which moves the terminal's cursor there
