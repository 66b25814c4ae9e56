"""How the reader looks on this terminal: its two themes (or, with 16 colours, the
terminal's own palette) and kitty's reversed words on what is written."""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import App
from textual.theme import Theme

from reader.ui.terminal_output.colours import SIXTEEN_COLOUR_LIGHT_THEME, use_terminal_palette
from reader.ui.terminal_output.kitty_output import KittyOutput
from reader.ui.themes import DARK, LIGHT, THEMES, theme_option, variable_defaults


class Appearance:
    """Owns the theme's choice and the terminal's colours for an app."""

    def __init__(self, app: App[object], bidi_mode: str) -> None:
        self.app = app
        self.kitty = KittyOutput() if bidi_mode == "kitty" else None
        self.ansi = use_terminal_palette(app)  # 16 colours: the terminal's own
        for reader_theme in THEMES:
            app.register_theme(reader_theme)

    def start(self, asked: str | None, saved: str | None) -> None:
        """The theme: ``asked`` (--theme), else the one chosen last time, else dark."""
        if not self.ansi:
            self.app.theme = theme_option(asked) or theme_option(saved) or DARK

    def themes(self, available: dict[str, Theme]) -> dict[str, Theme]:
        """The reader's two themes only: their colours are checked for contrast."""
        if self.ansi:
            return available  # 16 colours: the ANSI theme (reader.ui.terminal_output.colours)
        own = {name: available[name] for name in (DARK, LIGHT) if name in available}
        return own or available  # before they are registered

    def variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.ansi, self.app.theme == SIXTEEN_COLOUR_LIGHT_THEME)

    def output(self, update: RenderableType) -> RenderableType:
        """kitty: its reversed words made on what is written, after the compositor's crops
        (reader.ui.terminal_output.kitty_output)."""
        return update if self.kitty is None else self.kitty.update(update)

    def use_light_terminal(self) -> None:
        """The terminal's background is light (reader.terminal.background):
        with 16 colours, the colours chosen for it."""
        if self.ansi:
            use_terminal_palette(self.app, light=True)

    def toggle(self) -> None:
        if self.ansi:
            self.app.bell()  # 16 colours: the terminal's own palette, dark or light as it is
            return
        self.app.theme = LIGHT if self.app.theme == DARK else DARK
