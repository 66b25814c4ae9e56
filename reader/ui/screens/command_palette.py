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
from textual import events
from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.geometry import Offset
from textual.widgets import Button, LoadingIndicator, OptionList

from reader import i18n
from reader.i18n import _
from reader.text.chrome import ui_line
from reader.ui.chrome_style import chrome_style
from reader.ui.textual_private import HookedCommandPalette, option_line
from reader.ui.widgets.shaped_input import ShapedLine

_WALKING_KEYS = frozenset({"up", "down", "pageup", "pagedown", "home", "end"})


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
        # the row's widgets in the mirrored order (--screen-reader: from the left edge).
        rtl = i18n.is_rtl() and not chrome_style(self).logical
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
        return Text(ui_line(_("No matches found"), style=chrome_style(self)), style="not bold")

    _walking = False  # the last key moved in the list (not typed in the input)

    def on_key(self, event: events.Key) -> None:
        self._walking = event.key in _WALKING_KEYS

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted
                                          ) -> None:
        """``--screen-reader``: the terminal's cursor on the command the arrows
        highlight; typing (which highlights the first command found) leaves it at the
        input's caret."""
        if chrome_style(self).logical and self._walking:
            self.call_after_refresh(self._cursor_on_highlight)

    def _cursor_on_highlight(self) -> None:
        commands = self.query_one(CommandList)
        index = commands.highlighted
        if index is None or not self.is_current:
            return
        region = commands.scrollable_content_region
        y = option_line(commands, index) - round(commands.scroll_offset.y)
        if 0 <= y < region.height:
            self.app.cursor_position = Offset(region.x, region.y + y)
            commands.refresh()  # a frame, which moves the terminal's cursor there
