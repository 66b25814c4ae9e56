"""A one-line tab bar for the panel: the first tab at the start of the document's direction
(the right edge for right-to-left text). Labels never run together: when they do not fit,
each is cut to its share of the width and ends with an ellipsis."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from reader.text.chars import first_strong
from reader.ui.chrome_style import chrome_style

GAP = 2  # cells between labels


class TabBar(Widget, can_focus=True):
    """Labels already in visual order (see :func:`~reader.text.chrome.chrome_line`).

    Left and Right move between tabs as they are drawn; a click picks one."""

    BINDINGS = [
        Binding("left", "towards(-1)", "Tab on the left", show=False),
        Binding("right", "towards(1)", "Tab on the right", show=False),
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

    def __init__(self, labels: list[str], *, rtl: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.rtl = rtl
        self.active = 0

    def shown_labels(self, width: int) -> list[str]:
        """The labels as drawn at ``width``: whole when they fit with a gap between them,
        else each cut to an equal share (a label's visual start is its reading start in
        its own direction, so a right-to-left label keeps its right end)."""
        total = sum(cell_len(label) for label in self.labels) + GAP * (len(self.labels) - 1)
        if total <= width or not self.labels:
            return list(self.labels)
        share = max(1, (width - GAP * (len(self.labels) - 1)) // len(self.labels))
        return [_cut(label, share) for label in self.labels]

    @property
    def drawn_rtl(self) -> bool:
        """The first tab at the right; never in logical mode (``--screen-reader``: the
        tabs in their order from the left edge, as all chrome)."""
        return self.rtl and not chrome_style(self).logical

    def _spans(self, width: int) -> list[tuple[int, int]]:
        """(x, cells) of each label, the first at the start side."""
        spans = []
        edge = 0
        for label in self.shown_labels(width):
            cells = cell_len(label)
            if self.drawn_rtl:
                spans.append((max(0, width - edge - cells), cells))
            else:
                spans.append((min(edge, width), cells))
            edge += cells + GAP
        return spans

    def render_lines(self, crop: Region) -> list[Strip]:
        # --screen-reader: the cursor on the tab
        if chrome_style(self).logical and self.has_focus and self.labels:
            start, _cells = self._spans(self.content_size.width)[self.active]
            region = self.content_region
            self.app.cursor_position = Offset(region.x + start, region.y)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        if y > 0 or width < 1:
            return Strip.blank(width, base)
        active = base + self.get_component_rich_style("tab-bar--active")
        segments = []
        x = 0
        labels = self.shown_labels(width)
        for index, (start, cells) in sorted(enumerate(self._spans(width)),
                                            key=lambda item: item[1][0]):
            if start > x:
                segments.append(Segment(" " * (start - x), base))
            segments.append(Segment(labels[index], active if index == self.active
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

    def action_towards(self, side: int) -> None:
        """To the tab drawn on that side (-1: left): the next one in a right-to-left bar."""
        self.activate(self.active + (-side if self.drawn_rtl else side))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for index, (start, cells) in enumerate(self._spans(self.content_size.width)):
            if start <= offset.x < start + cells:
                self.activate(index)
                return


def _cut(label: str, cells: int) -> str:
    """``label`` in at most ``cells`` cells, an ellipsis for what is cut. The label is in
    visual order: a right-to-left one (its first strong letter right-to-left) loses its
    left end, which is where it ends."""
    if cell_len(label) <= cells:
        return label
    if cells <= 1:
        return "…"[:cells]
    rtl = first_strong(label) == "rtl"
    if rtl:
        kept = label
        while cell_len(kept) > cells - 1:
            kept = kept[1:]
        return "…" + kept
    kept = label
    while cell_len(kept) > cells - 1:
        kept = kept[:-1]
    return kept + "…"


