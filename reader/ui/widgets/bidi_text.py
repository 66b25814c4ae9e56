"""Short text drawn through the layout core: titles, panel entries, the status line.

Textual draws strings in logical order, which shows Arabic reversed and unjoined, so no
Arabic string reaches a Textual widget directly: it is laid out here first, at the widget's
width, and handed over as lines that Textual must not wrap again.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.text.chrome import chrome_lines
from reader.ui.chrome_style import chrome_style

# (text, Rich style) paragraphs.
Paragraphs = tuple[tuple[str, str], ...]


class BidiText(Widget):
    """A block of paragraphs, each laid out by the core and aligned by its direction."""

    DEFAULT_CSS = """
    BidiText { height: auto; }
    """

    # Not layout=True: a new status text would relayout the whole screen on every scroll
    # step. The watcher asks for a layout only when the height can change.
    paragraphs: reactive[Paragraphs] = reactive(())

    def __init__(
        self,
        text: str | Paragraphs = "",
        *,
        direction: str = "auto",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.direction = direction
        self._cache_key: tuple[object, ...] | None = None
        self._cached_lines: list[tuple[str, int, bool, str]] = []
        self.set_text(text)

    def set_text(self, text: str | Paragraphs) -> None:
        self.paragraphs = ((text, ""),) if isinstance(text, str) else tuple(text)

    def watch_paragraphs(self, old: Paragraphs, new: Paragraphs) -> None:
        if not self.is_mounted:
            return
        height = self.styles.height
        if height is not None and not height.is_auto:
            return  # a fixed height (the status line): the repaint is enough
        width = self.content_size.width
        if width and len(self._lines(width, old)) == len(self._lines(width, new)):
            return
        self.refresh(layout=True)

    def _lines(self, width: int, paragraphs: Paragraphs | None = None
               ) -> list[tuple[str, int, bool, str]]:
        lines = []
        chrome = chrome_style(self)
        for text, style in self.paragraphs if paragraphs is None else paragraphs:
            for visual, cells, rtl in chrome_lines(text, width, self.direction, style=chrome):
                lines.append((visual, cells, rtl, style))
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """For ``width: auto``: its widest line at the container's width."""
        return max((cells for _visual, cells, _rtl, _style in self._lines(container.width)),
                   default=1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))

    def render_line(self, y: int) -> Strip:
        """Drawn with the Line API so Textual neither wraps nor trims the laid-out lines."""
        width = max(1, self.content_size.width)
        key = (width, self.paragraphs, self.direction)
        if self._cache_key != key:
            self._cache_key = key
            self._cached_lines = self._lines(width)
        base = self.rich_style
        if y >= len(self._cached_lines):
            return Strip.blank(width, base)
        visual, cells, rtl, style = self._cached_lines[y]
        segments = []
        pad = max(0, width - cells)
        if rtl and pad:
            segments.append(Segment(" " * pad, base))
        segments.append(Segment(visual, base + Style.parse(style) if style else base))
        if not rtl and pad:
            segments.append(Segment(" " * pad, base))
        return Strip(segments).crop(0, width)
