"""The argument map: chapters, claims, the rebuttals that answer them, as a tree drawn with
the Line API (one widget, whatever the number of nodes; only the lines on screen are drawn).

The lines come from :mod:`reader.ui.decisions.map_layout` (the core lays out each label, a
right-to-left map mirrors its tree lines). Up and Down walk the nodes; Left and Right go to
the parent and the first child, mirrored in a right-to-left map (the tree grows leftwards
there); Home and End; Enter (or a click) asks to jump to the node's entry.
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

from reader.content.annotations.argument_map import MapRow
from reader.ui.chrome_style import chrome_style
from reader.ui.decisions.map_layout import MapLine, MapNode, lay_out_map

SIDE = 1
SPEAKER_COLOURS = 6  # as the article's speaker classes
_PLAIN = MapNode(MapRow(0, "claim", "", "", ""), "", None)  # the style of blank cells


class MapTree(ScrollView, can_focus=True):
    """The map of :class:`MapNode` s; ``highlighted`` is the node under the cursor."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("left", "sideways('left')", "Parent / child", show=False),
        Binding("right", "sideways('right')", "Child / parent", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("enter", "select", "Go", show=False),
    ]

    COMPONENT_CLASSES = {
        "map--highlight", "map--tree", "map--chapter", "map--document", "map--repeated",
        "map--elsewhere", *(f"map--speaker-{i}" for i in range(SPEAKER_COLOURS)),
    }

    DEFAULT_CSS = """
    MapTree { overflow-x: hidden; overflow-y: auto; }
    MapTree > .map--tree { color: $text-muted; }
    MapTree > .map--chapter { text-style: bold; }
    MapTree > .map--document { text-style: bold underline; }
    MapTree > .map--repeated { text-style: dim; }
    MapTree > .map--elsewhere { text-style: italic; }
    MapTree > .map--speaker-0 { color: $speaker-0; }
    MapTree > .map--speaker-1 { color: $speaker-1; }
    MapTree > .map--speaker-2 { color: $speaker-2; }
    MapTree > .map--speaker-3 { color: $speaker-3; }
    MapTree > .map--speaker-4 { color: $speaker-4; }
    MapTree > .map--speaker-5 { color: $speaker-5; }
    MapTree > .map--highlight {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    MapTree:focus > .map--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    class Selected(Message):
        """Enter on a node: ``node`` (its key: ``name#id`` for another document)."""

        def __init__(self, node: MapNode) -> None:
            super().__init__()
            self.node = node

    def __init__(self, nodes: list[MapNode], *, direction: str = "auto",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.nodes = nodes
        self.direction = direction
        self.highlighted: int | None = 0 if nodes else None
        self._lines: list[MapLine] = []
        self._firsts: list[int] = []
        self._width = 0
        self._styles: dict[tuple[tuple[str, ...], bool, bool], Style] = {}

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    # -- layout -----------------------------------------------------------------------

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2 * SIDE)

    def _ensure_lines(self) -> None:
        width = self._text_width()
        if width == self._width and (self._lines or not self.nodes):
            return
        self._width = width
        self._lines, self._firsts = lay_out_map(self.nodes, width, self.direction,
                                                style=chrome_style(self))
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))

    def set_nodes(self, nodes: list[MapNode]) -> None:
        """Another map (the annotations changed): the highlight stays on the same entry
        when it is still there."""
        node = self.highlighted_node
        self.nodes = nodes
        self._width = 0
        self._lines = []
        self.highlighted = 0 if nodes else None
        if node is not None and node.here:
            self.show_entry(node.row.entry_id, scroll=False)
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self._ensure_lines()
        if self.highlighted is not None:
            self.highlight(self.highlighted)  # still in view at the new width

    def on_mount(self) -> None:
        self._ensure_lines()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.refresh()

    # -- drawing ----------------------------------------------------------------------

    def _style(self, role: str, node: MapNode, highlighted: bool) -> Style:
        """A part's style, from a few component classes: cached (a key redraws every
        line on screen, and Textual's styles are slow to ask for one by one)."""
        names: tuple[str, ...] = ()
        if role == "tree":
            names = ("map--tree",)
        elif role == "name" and node.colour is not None:
            names = (f"map--speaker-{node.colour % SPEAKER_COLOURS}",)
        elif role in ("label", "mark"):
            if node.row.kind in ("chapter", "document"):
                names = (f"map--{node.row.kind}",)
            if not node.here:
                names += ("map--elsewhere",)
        if node.row.repeated and role != "tree":
            names += ("map--repeated",)
        key = (names, highlighted, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            for name in names:
                style += self.get_component_rich_style(name)
            # The highlight last: the tree's and the speakers' colours carry a background.
            if highlighted:
                style += self.get_component_rich_style("map--highlight")
            self._styles[key] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # --screen-reader: screen readers follow the cursor
        if chrome_style(self).logical and self.has_focus:
            self.app.cursor_position = self.cursor_offset()
        return super().render_lines(crop)

    def cursor_offset(self) -> Offset:
        """Where the terminal's cursor goes (``--screen-reader``): the start of the
        highlighted node's first line (its role), else the map's first cell."""
        self._ensure_lines()
        region = self.scrollable_content_region
        if self.highlighted is None or not self._firsts:
            return region.offset
        y = self._firsts[self.highlighted] - round(self.scroll_offset.y)
        return Offset(region.x + SIDE, region.y + max(0, min(y, region.height - 1)))

    def render_line(self, y: int) -> Strip:
        self._ensure_lines()
        width = self.scrollable_content_region.width
        row = round(self.scroll_offset.y) + y
        if row >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[row]
        node = self.nodes[line.node]
        highlighted = line.node == self.highlighted
        blank = self._style("gap", node, highlighted) if highlighted else \
            self._style("gap", _PLAIN, False)
        pad = max(0, width - 2 * SIDE - line.cells)
        segments = [Segment(" " * (SIDE + (pad if line.rtl else 0)), blank)]
        for text, role in line.parts():
            segments.append(Segment(text, self._style(role, node, highlighted)))
        segments.append(Segment(" " * (SIDE + (0 if line.rtl else pad)), blank))
        return Strip(segments).crop(0, width)

    # -- walking the tree ---------------------------------------------------------------

    @property
    def highlighted_node(self) -> MapNode | None:
        if self.highlighted is None or not self.nodes:
            return None
        return self.nodes[self.highlighted]

    def highlight(self, index: int, scroll: bool = True) -> None:
        if not self.nodes:
            return
        index = max(0, min(index, len(self.nodes) - 1))
        self.highlighted = index
        # A hidden map (the panel on another tab) is laid out when shown (on_resize).
        if scroll and self.display and self.scrollable_content_region.width > 2 * SIDE:
            self._ensure_lines()
            if self._firsts:
                first = self._firsts[index]
                last = (self._firsts[index + 1] if index + 1 < len(self._firsts)
                        else len(self._lines))
                self.scroll_to_region(Region(0, first, 1, last - first), animate=False,
                                      immediate=True)
        self.refresh()

    def show_entry(self, entry_id: str | None, scroll: bool = True) -> bool:
        """Highlight the node of entry ``entry_id`` of the document read (where it is
        shown in full): the map follows the reading. False when it is not on the map."""
        if entry_id is None:
            return False
        for index, node in enumerate(self.nodes):
            if node.here and node.row.entry_id == entry_id and not node.row.repeated \
                    and node.row.kind != "document":
                if index != self.highlighted:
                    self.highlight(index, scroll)
                return True
        return False

    def parent_of(self, index: int) -> int | None:
        depth = self.nodes[index].row.depth
        for before in range(index - 1, -1, -1):
            if self.nodes[before].row.depth < depth:
                return before
        return None

    def first_child_of(self, index: int) -> int | None:
        if index + 1 < len(self.nodes) and \
                self.nodes[index + 1].row.depth > self.nodes[index].row.depth:
            return index + 1
        return None

    def action_move(self, step: int) -> None:
        if self.highlighted is None:
            self.highlight(0)
        else:
            self.highlight(self.highlighted + step)

    def action_move_to(self, index: int) -> None:
        self.highlight(index % len(self.nodes) if self.nodes else 0)

    def action_page(self, pages: int) -> None:
        """A screen of lines further, the highlight on the node there."""
        if self.highlighted is None or not self._firsts:
            return
        step = max(1, self.scrollable_content_region.height - 1)
        target = max(0, min(self._firsts[self.highlighted] + pages * step,
                            len(self._lines) - 1))
        self.highlight(self._lines[target].node)

    def action_sideways(self, side: str) -> None:
        """Towards the root (the side the tree lines start from: left, or right in a
        right-to-left map) or towards the first child."""
        if self.highlighted is None:
            return
        to_parent = (side == "right") if self.rtl else (side == "left")
        target = (self.parent_of(self.highlighted) if to_parent
                  else self.first_child_of(self.highlighted))
        if target is None:
            self.app.bell()
            return
        self.highlight(target)

    def action_select(self) -> None:
        node = self.highlighted_node
        if node is not None:
            self.post_message(self.Selected(node))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self._ensure_lines()
        row = round(self.scroll_offset.y) + offset.y
        if 0 <= row < len(self._lines):
            self.focus()
            self.highlight(self._lines[row].node)
            self.action_select()
