"""The theme for terminals with 16 colours (``TERM=xterm``, ``TERM=linux``).

Textual's themes are true colour. With 16 colours Rich maps each colour to the nearest of
the terminal's, so close colours collapse into one: text under a dialog's backdrop (a
blend) became grey on grey, grey text on a dark surface vanished. The ANSI theme names the
terminal's own colours instead, and its dialogs draw no backdrop (Textual's ModalScreen
is transparent with native ANSI colours), so every text keeps a contrast the terminal's
palette was made for; the reader's own colours (speakers, links, hits) are chosen for the
terminal's background, light or dark (reader/terminal/background.py asks the terminal).
``NO_COLOR`` then sends no colour at all.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.filter import Monochrome, NoColor

from reader.ui.textual_private import line_filters

SIXTEEN_COLOUR_THEME = "ansi-dark"
SIXTEEN_COLOUR_LIGHT_THEME = "ansi-light"


def sixteen_colours(app: App[Any]) -> bool:
    """True if ``app``'s terminal has 16 colours."""
    return app.console.color_system == "standard"


def use_terminal_palette(app: App[Any], light: bool = False) -> bool:
    """Switch ``app`` to the ANSI theme (for a ``light`` background or a dark one) when its
    terminal has 16 colours; True if so."""
    if not sixteen_colours(app):
        return False
    app.theme = SIXTEEN_COLOUR_LIGHT_THEME if light else SIXTEEN_COLOUR_THEME
    if app.no_color:
        # Textual chose greys for NO_COLOR (Monochrome) before the theme was known; 16
        # colours turn greys into black on black. With the terminal's palette, no colour
        # at all is what Textual itself does.
        filters = line_filters(app)
        filters[:] = [NoColor() if isinstance(f, Monochrome) else f for f in filters]
    return True
