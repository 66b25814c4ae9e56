"""The command palette with its input drawn through the layout core, mirrored in a
right-to-left interface.

Textual's palette draws what is typed in logical order, so Arabic shows unjoined and
reversed, and it puts the search icon and the prompt at the left whatever the interface's
direction. :class:`ShapedCommandInput` keeps Textual's editing and draws the line as the
article does (:class:`~reader.ui.widgets.shaped_input.ShapedLine`); :class:`ReaderCommandPalette`
is Textual's palette with that input, and in a right-to-left interface the icon at the
right, the prompt and what is typed ending beside it, the entries aligned to the right.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, LoadingIndicator

from reader import i18n
from reader.i18n import _
from reader.text.chrome import ui_line
from reader.ui.textual_private import HookedCommandPalette
from reader.ui.widgets.shaped_input import ShapedLine


class ShapedCommandInput(CommandInput, ShapedLine):
    """Textual's palette input; what is typed is drawn shaped and in visual order, and at
    the right in a right-to-left interface."""


class ReaderCommandPalette(HookedCommandPalette):
    """Textual's command palette, its input drawn by :class:`ShapedCommandInput`; mirrored
    (class ``-rtl``) in a right-to-left interface."""

    # Textual's layout seen in a mirror: the icon's and the button's margins swap sides
    # (whole: a margin-left rule replaces all four sides).
    DEFAULT_CSS = """
    ReaderCommandPalette.-rtl SearchIcon { margin: 1 1 0 0; }
    ReaderCommandPalette.-rtl #--input Button { margin: 0 0 0 1; }
    """

    def compose(self) -> ComposeResult:
        # As CommandPalette.compose (Textual 8.2), with the shaped input; right to left,
        # the row's widgets in the mirrored order.
        rtl = i18n.is_rtl()
        self.set_class(rtl, "-rtl")
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                row = [SearchIcon(),
                       ShapedCommandInput(placeholder=self.placeholder_text, select_on_focus=False)]
                if not self.run_on_select:
                    row.append(Button("\u25b6"))
                yield from reversed(row) if rtl else row
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()

    def no_matches(self) -> RenderableType:
        """"No matches found", translated and laid out by the core."""
        return Text(ui_line(_("No matches found")), style="not bold")
