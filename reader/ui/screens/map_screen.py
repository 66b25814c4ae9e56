"""The argument map on the whole screen (``M``): the same tree as the panel's Map tab, with
room for long labels. Enter closes it on the node's entry (the app jumps there; Backspace
in the text comes back to the map, on that node); Esc, ``M`` or ``q`` close it where the
reading was. Backspace and Alt+→ are the app's back and forward
(reader.ui.controllers.argument_map): Backspace closes a map opened with ``M``; on a map
that back brought again, it goes on back, as a browser's Back does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from reader.i18n import N_, _
from reader.state.history import MapPlace
from reader.text.chrome import fill, join_fields, ui_direction
from reader.ui.chrome_style import chrome_style
from reader.ui.decisions.map_layout import MapNode
from reader.ui.widgets.argument_map import MapTree
from reader.ui.widgets.bidi_text import BidiText

MAP_TITLE = N_("Argument map")
MAP_HINT = N_("↑↓ node · ←→ parent / child · Enter: go there · Esc: back to the text")


class MapScreen(Screen[MapNode | None]):
    """The map of the document (or of its whole debate) filling the terminal."""

    BINDINGS = [
        Binding("escape,M,q", "close", "Close", key_display="Esc"),
    ]

    DEFAULT_CSS = """
    MapScreen { layout: vertical; }
    MapScreen #map-title { height: 1; text-style: bold; padding: 0 1; }
    MapScreen #map-full { height: 1fr; }
    MapScreen #map-hint { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, nodes: list[MapNode], direction: str, title: str,
                 focused: str | None, at: MapPlace | None = None) -> None:
        """``title``: the document's (or the debate's); ``focused``: the entry whose node
        is highlighted first (the focused span's), unless ``at`` names a node (its index
        and key: the node a jump was made from, which back returns to)."""
        super().__init__()
        self.nodes = nodes
        self.direction = direction
        self.title_text = title
        self.focused_entry = focused
        self.at = at

    def compose(self) -> ComposeResult:
        heading = fill("{map} — {title}", map=_(MAP_TITLE), title=self.title_text) \
            if self.title_text else _(MAP_TITLE)
        yield BidiText(join_fields([heading], self.direction, style=chrome_style(self)),
                       direction=self.direction, id="map-title")
        yield MapTree(self.nodes, direction=self.direction, id="map-full")
        yield BidiText(_(MAP_HINT), direction=ui_direction(), id="map-hint")

    @property
    def map_tree(self) -> MapTree:
        return self.query_one(MapTree)

    @property
    def reopened(self) -> bool:
        """Opened again on the node a jump was made from (by back or forward), not by ``M``."""
        return self.at is not None

    def place(self) -> MapPlace | None:
        """The highlighted node, as back or forward to this map finds it again."""
        tree = self.map_tree
        index, node = tree.highlighted, tree.highlighted_node
        return (index, node.key) if index is not None and node is not None else None

    def on_mount(self) -> None:
        tree = self.map_tree
        tree.focus()
        if self.at is not None:
            index, key = self.at
            if 0 <= index < len(self.nodes) and self.nodes[index].key == key:
                self.call_after_refresh(tree.highlight, index)
                return
        self.call_after_refresh(tree.show_entry, self.focused_entry)

    def on_map_tree_selected(self, message: MapTree.Selected) -> None:
        message.stop()
        self.dismiss(message.node)

    def action_close(self) -> None:
        self.dismiss(None)
