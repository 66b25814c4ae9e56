"""A list of entries (chapters, claims, headings) drawn as lines by one widget.

The panel was a ListView of ListItems, each holding a BidiText: some forty widgets, each of
which Textual lays out and paints on its own, which made a resize of the whole screen miss
its frame. Here the entries are laid out by the core at the list's width and drawn with the
Line API, like the article; one widget, whatever the number of entries.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text.chrome import chrome_lines
from reader.ui.chrome_style import chrome_style
from reader.ui.widgets.bidi_text import Paragraphs

# One cell each side of an entry's text, and a blank line after it (ListItem's padding).
SIDE = 1


class EntryList(ScrollView, can_focus=True):
    """Entries of one or more paragraphs; the highlighted one is followed with Enter or a
    click. Up/Down (and Home/End) move the highlight."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "select", "Go", show=False),
    ]

    COMPONENT_CLASSES = {"entry-list--highlight"}

    DEFAULT_CSS = """
    EntryList { overflow-x: hidden; overflow-y: auto; }
    EntryList > .entry-list--highlight {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    EntryList:focus > .entry-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    class Selected(Message):
        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(
        self,
        entries: list[tuple[str, Paragraphs]],
        *,
        empty: str = "",
        direction: str = "auto",
        id: str | None = None,
    ) -> None:
        """``empty`` is shown, dimmed, when there are no entries. ``direction`` is the base
        direction of every entry (the document's), so all align to the same side."""
        super().__init__(id=id)
        self.entries = entries
        self.direction = direction
        self.empty = empty
        self.highlighted: int | None = 0 if entries else None
        # Rows at the current width: (entry, visual text, cells, rtl, style); a blank row
        # after each entry has no text.
        self._rows: list[tuple[int, str, int, bool, str]] = []
        self._first_rows: list[int] = []
        self._width = 0

    def set_entries(self, entries: list[tuple[str, Paragraphs]]) -> None:
        """Show ``entries`` instead, the first highlighted, scrolled to the top."""
        self.entries = entries
        self.highlighted = 0 if entries else None
        self._width = 0  # the rows are made again
        self._rows = []
        if self.is_mounted and self.size.width:
            self._ensure_rows()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh(layout=True)

    @property
    def entry_ids(self) -> list[str]:
        return [entry_id for entry_id, _paragraphs in self.entries]

    # -- layout -----------------------------------------------------------------------

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2 * SIDE)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """An auto height (the look-up's list): the rows at the width the layout gives, made
        now, so that the list is the right height in the first frame it is drawn in (the
        rows of the last width would make it the last list's height for a frame)."""
        self._ensure_rows(width)
        return len(self._rows)

    def _ensure_rows(self, content_width: int | None = None) -> None:
        """The rows at the list's width (``content_width``: its content's, when the layout
        is being made and the widget does not have it yet)."""
        if content_width is None:
            width = self._text_width()
            content_width = self.scrollable_content_region.width
        else:
            width = max(1, content_width - 2 * SIDE)
        if width == self._width and self._rows:
            return
        self._width = width
        rows: list[tuple[int, str, int, bool, str]] = []
        firsts: list[int] = []
        chrome = chrome_style(self)
        for index, (_entry_id, paragraphs) in enumerate(self.entries):
            firsts.append(len(rows))
            for text, style in paragraphs:
                # leading spaces (a heading's level) indent every line of the paragraph
                indent = min(len(text) - len(text.lstrip(" ")), width // 2)
                pad = " " * indent
                for visual, cells, rtl in chrome_lines(text[indent:], width - indent,
                                                       self.direction, style=chrome):
                    rows.append((index, visual + pad if rtl else pad + visual,
                                 cells + indent, rtl, style))
            rows.append((index, "", 0, False, ""))
        if not self.entries and self.empty:
            rows = [(-1, visual, cells, rtl, "dim")
                    for visual, cells, rtl in chrome_lines(self.empty, width, "auto",
                                                             style=chrome)]
        self._rows = rows
        self._first_rows = firsts
        self.virtual_size = Size(content_width, len(rows))

    def on_resize(self, _event: events.Resize) -> None:
        self._ensure_rows()

    def on_mount(self) -> None:
        self._ensure_rows()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    # -- drawing ----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # --screen-reader: screen readers follow the cursor
        if chrome_style(self).logical and self.has_focus:
            self.app.cursor_position = self.cursor_offset()
        return super().render_lines(crop)

    def cursor_offset(self) -> Offset:
        """Where the terminal's cursor goes (``--screen-reader``): the first letter of the
        highlighted entry, or the list's first cell."""
        self._ensure_rows()
        region = self.scrollable_content_region
        if self.highlighted is None or not self._rows:
            return region.offset
        row = self._first_rows[self.highlighted]
        _index, visual, _cells, _rtl, _style = self._rows[row]
        y = max(0, min(row - round(self.scroll_offset.y), region.height - 1))
        indent = len(visual) - len(visual.lstrip(" "))
        return Offset(region.x + SIDE + indent, region.y + y)

    def render_line(self, y: int) -> Strip:
        self._ensure_rows()
        width = self.scrollable_content_region.width
        row = round(self.scroll_offset.y) + y
        base = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        index, visual, cells, rtl, style = self._rows[row]
        if index == self.highlighted:
            base = base + self.get_component_rich_style("entry-list--highlight")
        text_style = base + Style.parse(style) if style else base
        pad = max(0, width - 2 * SIDE - cells)
        segments = [Segment(" " * (SIDE + (pad if rtl else 0)), base)]
        segments.append(Segment(visual, text_style))
        segments.append(Segment(" " * (SIDE + (0 if rtl else pad)), base))
        return Strip(segments).crop(0, width)

    # -- highlight and selection --------------------------------------------------------

    def _entry_rows(self, index: int) -> range:
        first = self._first_rows[index]
        last = (self._first_rows[index + 1] if index + 1 < len(self._first_rows)
                else len(self._rows))
        return range(first, last)

    def highlight(self, index: int) -> None:
        if not self.entries:
            return
        index = max(0, min(index, len(self.entries) - 1))
        self._ensure_rows()
        self.highlighted = index
        rows = self._entry_rows(index)
        self.scroll_to_region(Region(0, rows.start, 1, len(rows)), animate=False,
                              immediate=True)
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.highlighted is None:
            self.highlight(0)
        else:
            self.highlight(self.highlighted + step)

    def action_move_to(self, index: int) -> None:
        self.highlight(index % len(self.entries) if self.entries else 0)

    def action_select(self) -> None:
        if self.highlighted is not None and self.entries:
            self.post_message(self.Selected(self.entries[self.highlighted][0]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self._ensure_rows()
        row = round(self.scroll_offset.y) + offset.y
        if 0 <= row < len(self._rows):
            self.focus()
            self.highlight(self._rows[row][0])
            self.action_select()
