"""The theme for terminals with 16 colours (``TERM=xterm``, ``TERM=linux``).

Textual's themes are true colour. With 16 colours Rich maps each colour to the nearest of
the terminal's, so close colours collapse into one: text under a dialog's backdrop (a
blend) became grey on grey, grey text on a dark surface vanished. The ANSI theme names the
terminal's own colours instead, and its dialogs draw no backdrop (Textual's ModalScreen
is transparent with native ANSI colours), so every text keeps a contrast the terminal's
palette was made for.
"""

from __future__ import annotations

from textual.app import App

SIXTEEN_COLOUR_THEME = "ansi-dark"


def use_terminal_palette(app: App) -> bool:
    """Switch ``app`` to the ANSI theme when its terminal has 16 colours; True if so."""
    if app.console.color_system != "standard":
        return False
    app.theme = SIXTEEN_COLOUR_THEME
    return True
