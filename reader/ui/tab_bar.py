"""A one-line tab bar for the panel, right to left: the first tab at the right edge."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

GAP = 2  # cells between labels


class TabBar(Widget, can_focus=True):
    """Labels already in visual order (see :func:`~reader.ui.bidi_text.display_line`).

    Left and Right move between tabs as they are drawn; a click picks one."""

    BINDINGS = [
        Binding("left", "step(1)", "Next tab", show=False),
        Binding("right", "step(-1)", "Previous tab", show=False),
    ]

    COMPONENT_CLASSES = {"tab-bar--active"}

    DEFAULT_CSS = """
    TabBar { height: 1; padding: 0 1; color: $text-muted; }
    TabBar > .tab-bar--active { color: $text; text-style: bold underline; }
    TabBar:focus > .tab-bar--active { background: $block-cursor-background;
                                      color: $block-cursor-foreground; }
    """

    class Changed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, labels: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.active = 0

    def _spans(self, width: int) -> list[tuple[int, int]]:
        """(x, cells) of each label, the first at the right."""
        spans = []
        right = width
        for label in self.labels:
            cells = cell_len(label)
            spans.append((max(0, right - cells), cells))
            right -= cells + GAP
        return spans

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        if y > 0 or width < 1:
            return Strip.blank(width, base)
        active = base + self.get_component_rich_style("tab-bar--active")
        segments = []
        x = 0
        for index, (start, cells) in reversed(list(enumerate(self._spans(width)))):
            if start > x:
                segments.append(Segment(" " * (start - x), base))
            segments.append(Segment(self.labels[index], active if index == self.active
                                    else base))
            x = start + cells
        if x < width:
            segments.append(Segment(" " * (width - x), base))
        return Strip(segments).crop(0, width)

    def activate(self, index: int) -> None:
        index %= len(self.labels)
        if index != self.active:
            self.active = index
            self.refresh()
            self.post_message(self.Changed(index))

    def action_step(self, step: int) -> None:
        self.activate(self.active + step)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for index, (start, cells) in enumerate(self._spans(self.content_size.width)):
            if start <= offset.x < start + cells:
                self.activate(index)
                return
