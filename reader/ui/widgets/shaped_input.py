"""Textual's ``Input`` with its line drawn through the layout core and, in a right-to-left
interface, mirrored.

Textual's Input keeps the editing (keys, cursor, ``restrict``, messages);
it draws the value in logical order from the left, placeholder included, and ignores
``text-align``. Here what is typed is drawn shaped and in visual order
(:mod:`reader.ui.widgets.shaped_field`), and in a right-to-left interface the placeholder and the
value end at the field's right edge, the cursor on the right when nothing is typed. Clicks
and the terminal's cursor (which an input method draws at) follow what is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual.filter import LineFilter
from textual.geometry import Offset, Region
from textual.strip import Strip

from reader import i18n
from reader.text.chars import first_strong
from reader.ui.chrome_style import chrome_style
from reader.ui.terminal_output.cell_filters import keeping_harakat
from reader.ui.textual_private import HookedInput, cursor_visible
from reader.ui.widgets.shaped_field import cursor_column, field_strip, offset_at, visual_cells


class ShapedLine(HookedInput):
    """An Input drawn by the core, right-aligned in a right-to-left interface. Its
    placeholder is given in visual order (laid out by the core, as all chrome).

    Another kind of Input drawn so puts it after its own class
    (``class X(CommandInput, ShapedLine)``): Textual follows only the first widget base of
    a class for its CSS type names and default CSS, so ``CommandInput`` keeps its name and
    style, while ShapedLine's methods still come before Input's.
    """

    @property
    def align_right(self) -> bool:
        """In a right-to-left interface; never in logical mode (``--screen-reader``:
        from the left edge, as all chrome)."""
        return i18n.is_rtl() and not chrome_style(self).logical

    _caret_shown: tuple[object, ...] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # --screen-reader: the cursor at the caret when the value or the caret moved (not
        # at every blink: the palette's arrows put it on a command meanwhile)
        caret = (self.value, self.cursor_position, self.content_region)
        if chrome_style(self).logical and self.has_focus and caret != self._caret_shown:
            self._caret_shown = caret
            self.app.cursor_position = self.cursor_screen_offset
        return super().render_lines(crop)

    def _drawn_by_core(self) -> bool:
        return bool(self.value) or self.align_right

    def _field_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """What is typed is seen whole, harakat too, while ``H`` hides them elsewhere."""
        return keeping_harakat(super().get_line_filters())

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self._drawn_by_core():
            return super().render_line(y)
        width = self._field_width()
        base = self.rich_style
        show_cursor = self.has_focus and cursor_visible(self)
        cursor_style = self.get_component_rich_style("input--cursor")
        if not self.value:
            return self._placeholder_strip(width, show_cursor)
        cells, _rtl = visual_cells(self.value, self.cursor_position if show_cursor else None,
                                  cursor_style, chrome=chrome_style(self))
        return field_strip(cells, width, base, pad_left=self.align_right,
                           chrome=chrome_style(self))

    def _placeholder_strip(self, width: int, show_cursor: bool) -> Strip:
        """The placeholder at the right edge, its start (at its right) kept when it is
        too long, the cursor on its first letter as Textual puts it."""
        base = self.rich_style
        text = self.placeholder or " "
        style = base + self.get_component_rich_style("input--placeholder")
        segments = [Segment(text[:-1], style)] if len(text) > 1 else []
        last = style + self.get_component_rich_style("input--cursor") if show_cursor else style
        segments.append(Segment(text[-1], last))
        total = cell_len(text)
        strip = Strip(segments, total).crop(max(0, total - width), total)
        if total < width:
            strip = Strip([Segment(" " * (width - total), base), *strip], width)
        return strip

    @property
    def cursor_screen_offset(self) -> Offset:
        if not self._drawn_by_core():
            return super().cursor_screen_offset
        x, y, _width, _height = self.content_region
        width = self._field_width()
        if not self.value:
            return Offset(x + width - 1, y)
        return Offset(x + cursor_column(self.value, self.cursor_position, width,
                                        self.align_right, chrome=chrome_style(self)), y)

    # Arrows as they point: in a value that reads right to left (as the search bar's),
    # Left moves on in the text and Right back; with Ctrl, by words.
    def _reads_rtl(self) -> bool:
        return first_strong(self.value) == "rtl"

    def action_cursor_left(self, select: bool = False) -> None:
        if self._reads_rtl():
            super().action_cursor_right(select)
        else:
            super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        if self._reads_rtl():
            super().action_cursor_left(select)
        else:
            super().action_cursor_right(select)

    def action_cursor_left_word(self, select: bool = False) -> None:
        if self._reads_rtl():
            super().action_cursor_right_word(select)
        else:
            super().action_cursor_left_word(select)

    def action_cursor_right_word(self, select: bool = False) -> None:
        if self._reads_rtl():
            super().action_cursor_left_word(select)
        else:
            super().action_cursor_right_word(select)

    def index_at_cell(self, offset: int) -> int:
        """A click or drag at ``offset`` (a column of the field) names the letter drawn
        there, not the one at that distance from the value's logical start."""
        if not self.value:
            return 0
        return offset_at(self.value, self.cursor_position, offset, self._field_width(),
                         self.align_right, chrome=chrome_style(self))


class ShapedInput(ShapedLine):
    """The go-to prompt's field: digits and percent signs, which Textual draws as the core
    would from the left; the core draws the line only when it is mirrored."""

    def _drawn_by_core(self) -> bool:
        return self.align_right
