"""The theme for terminals with 16 colours (``TERM=xterm``, ``TERM=linux``).

Textual's themes are true colour. With 16 colours Rich maps each colour to the nearest of
the terminal's, so close colours collapse into one: text under a dialog's backdrop (a
blend) became grey on grey, grey text on a dark surface vanished. The ANSI theme names the
terminal's own colours instead, and its dialogs draw no backdrop (Textual's ModalScreen
is transparent with native ANSI colours), so every text keeps a contrast the terminal's
palette was made for. ``NO_COLOR`` then sends no colour at all.
"""

from __future__ import annotations

from textual.app import App
from textual.filter import Monochrome, NoColor

SIXTEEN_COLOUR_THEME = "ansi-dark"


def use_terminal_palette(app: App) -> bool:
    """Switch ``app`` to the ANSI theme when its terminal has 16 colours; True if so."""
    if app.console.color_system != "standard":
        return False
    app.theme = SIXTEEN_COLOUR_THEME
    if app.no_color:
        # Textual chose greys for NO_COLOR (Monochrome) before the theme was known; 16
        # colours turn greys into black on black. With the terminal's palette, no colour
        # at all is what Textual itself does.
        app._filters[:] = [NoColor() if isinstance(f, Monochrome) else f for f in app._filters]
    return True
