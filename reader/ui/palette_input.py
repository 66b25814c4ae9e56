"""The command palette with its input drawn through the layout core.

Textual's palette draws what is typed in logical order, so Arabic shows unjoined and
reversed. :class:`ShapedCommandInput` keeps Textual's editing and draws the value as the
article does (shaped, in visual order, the cursor on the cluster after it);
:class:`ReaderCommandPalette` is Textual's palette with that input.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widgets import Button, LoadingIndicator

from reader.text import layout_paragraph


def visual_cells(value: str, cursor: int | None, cursor_style: Style, logical: bool = False
                 ) -> tuple[list[tuple[str, Style | None]], bool]:
    """``value`` in visual order as (cluster, style) cells, the cursor (``None``: hidden)
    on the cluster holding the character after it, or on a blank cell at the line's end."""
    if not value:
        return ([(" ", cursor_style)] if cursor is not None else []), False
    line = layout_paragraph(value, 10_000, logical=logical).lines[0]
    cuts = line.cuts
    clusters: list[list] = [[line.text[cuts[i]:cuts[i + 1]], line.map[cuts[i]], None]
                            for i in range(len(cuts) - 1)]
    if cursor is not None and cursor < len(value) and clusters:
        target = max((c for c in clusters if c[1] <= cursor), key=lambda c: c[1],
                     default=clusters[0])
        target[2] = cursor_style
    cells = [(text, style) for text, _offset, style in clusters]
    if cursor is not None and cursor >= len(value):
        end = (" ", cursor_style)
        if line.rtl:
            cells.insert(0, end)
        else:
            cells.append(end)
    return cells, line.rtl


class ShapedCommandInput(CommandInput):
    """Textual's palette input; what is typed is drawn shaped and in visual order."""

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.value:
            return super().render_line(y)
        width = max(1, self.scrollable_content_region.width)
        base = self.rich_style
        show_cursor = self.has_focus and self._cursor_visible
        cursor_style = self.get_component_rich_style("input--cursor")
        logical = getattr(self.app, "bidi_mode", "explicit") == "terminal"
        cells, _rtl = visual_cells(self.value, self.cursor_position if show_cursor else None,
                                  cursor_style, logical)
        widths = [cell_len(text) for text, _style in cells]
        total = sum(widths)
        cursor_x = 0
        for (_text, style), cell_width in zip(cells, widths, strict=True):
            if style is not None:
                break
            cursor_x += cell_width
        start = max(0, min(total - width, cursor_x - width // 2)) if total > width else 0
        strip = Strip([Segment(text, base + style if style else base)
                       for text, style in cells], total).crop(start, start + width)
        if total < width:
            strip = Strip([*strip, Segment(" " * (width - total), base)], width)
        return strip


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
