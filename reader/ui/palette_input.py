"""The command palette with its input drawn through the layout core.

Textual's palette draws what is typed in logical order, so Arabic shows unjoined and
reversed. :class:`ShapedCommandInput` keeps Textual's editing and draws the value as the
article does (shaped, in visual order, the cursor on the cluster after it);
:class:`ReaderCommandPalette` is Textual's palette with that input.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widgets import Button, LoadingIndicator

from reader.ui.shaped_field import field_strip, visual_cells


class ShapedCommandInput(CommandInput):
    """Textual's palette input; what is typed is drawn shaped and in visual order."""

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.value:
            return super().render_line(y)
        width = max(1, self.scrollable_content_region.width)
        base = self.rich_style
        show_cursor = self.has_focus and self._cursor_visible
        cursor_style = self.get_component_rich_style("input--cursor")
        cells, _rtl = visual_cells(self.value, self.cursor_position if show_cursor else None,
                                  cursor_style)
        return field_strip(cells, width, base)


class ReaderCommandPalette(CommandPalette):
    """Textual's command palette, its input drawn by :class:`ShapedCommandInput`."""

    def compose(self) -> ComposeResult:
        # As CommandPalette.compose (Textual 8.2), with the shaped input.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield ShapedCommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()
