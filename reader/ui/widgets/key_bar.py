"""The key bar at the bottom: the keys that work here, drawn as one line by one widget.

Textual's Footer builds a widget per key, and builds them all again whenever focus moves:
opening the search bar and closing it each cost about 50 ms of style work, most of those
keystrokes' time. This bar looks the same (the key in bold, then what it does; the command
palette's key at the right, behind a thin rule) and runs a key when it is clicked, but it
only works out one line of text when the keys change.

The descriptions are the bindings' English ones, translated here and laid out by the core.
In a right-to-left interface the bar is mirrored: the first key at the right, each key to the
right of what it does, the command palette's key at the left.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from reader import i18n
from reader.text.chrome import ui_line
from reader.ui.chrome_style import chrome_style
from reader.ui.widgets.search_bar import QueryField

PALETTE_RULE = "▏"
LOGICAL_PALETTE_RULE = "|"  # --screen-reader: ASCII, as the chrome's field separator there


@dataclass(frozen=True)
class KeyItem:
    key: str  # the key to simulate when clicked
    display: str  # how the key is shown (^p, ⌫, ?)
    description: str
    enabled: bool


class KeyBar(Widget):
    """The active bindings that ask to be shown, in the order the focused widget and its
    ancestors give them; the command palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--rule",
                         "key-bar--hover"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--rule {
        color: $foreground 20%;
    }
    KeyBar > .key-bar--hover {
        background: $block-hover-background;
    }
    KeyBar:hover {
        pointer: pointer;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[list[KeyItem], KeyItem | None] | None = None
        self._spans: list[tuple[int, int, KeyItem]] = []  # (x, width, item) as drawn
        self._hover: KeyItem | None = None  # under the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        items = self._compute()
        if items != self._items:
            self._items = items
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    # -- what to show -----------------------------------------------------------------

    def _compute(self) -> tuple[list[KeyItem], KeyItem | None]:
        app = self.app
        active = self.screen.active_bindings
        items: list[KeyItem] = []
        actions: set[str] = set()
        own = self._text_field_chain()
        for node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue  # one entry per action, as the Footer does
            if own is not None and node not in own:
                continue  # typing: q, p, ], / ... are letters now, not commands
            actions.add(binding.action)
            items.append(KeyItem(binding.key, app.get_key_display(binding),
                                 binding.description, enabled))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = KeyItem(binding.key, app.get_key_display(binding), binding.description,
                              enabled)
        return items, palette

    def _text_field_chain(self) -> set[object] | None:
        """While a text field has the focus (the search bar's query), the field and its
        containers up to the screen: only their keys work as keys then. None otherwise."""
        focused = self.screen.focused
        if focused is None or not isinstance(focused, Input | QueryField):
            return None
        chain: set[object] = set()
        node: DOMNode | None = focused
        while node is not None and node is not self.screen:
            chain.add(node)
            node = node.parent
        return chain

    @property
    def items(self) -> list[KeyItem]:
        """The keys shown, the command palette's last."""
        if self._items is None:
            self._items = self._compute()
        shown, palette = self._items
        return [*shown, palette] if palette is not None else list(shown)

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        if self._items is None:
            self._items = self._compute()
        shown, palette = self._items
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        # (--screen-reader: from the left edge)
        if i18n.is_rtl() and not chrome_style(self).logical:
            return self._render_rtl(width, shown, palette, key_style, text_style)
        segments: list[Segment] = []
        spans: list[tuple[int, int, KeyItem]] = []
        x = 0

        def add(item: KeyItem, compact: bool = False) -> None:
            nonlocal x
            pieces = self._pieces(item, key_style, text_style, compact, rtl=False)
            segments.extend(pieces)
            cells = Segment.get_line_length(pieces)
            spans.append((x, cells, item))
            x += cells

        for item in shown:
            add(item)
        if palette is not None:
            # At the right whatever the width, as Textual's footer docks it: the other
            # keys give way under it.
            right = 1 + cell_len(f"{palette.display} {palette.description} ")
            start = max(0, width - right)
            if x > start:
                segments = list(Segment.adjust_line_length(segments, start, base))
                spans = [span for span in spans if span[0] < start]
            elif x < start:
                segments.append(Segment(" " * (start - x), base))
            x = start
            segments.append(Segment(self._rule(),
                                    self.get_component_rich_style("key-bar--rule")))
            x += 1
            # Textual's footer draws this key compact: no room around the key itself.
            add(palette, compact=True)
        if x < width:
            segments.append(Segment(" " * (width - x), base))
        self._spans = spans
        return Strip(segments).crop(0, width)

    def _pieces(self, item: KeyItem, key_style: Style, text_style: Style, compact: bool,
                rtl: bool) -> list[Segment]:
        """One item's segments: the key then what it does, or mirrored (``rtl``: what it
        does, then the key); ``compact`` (the palette's key) has no room around the key."""
        description = self._label(item)
        key = item.display if compact else f" {item.display} "
        if not description:
            text = ""
        elif compact:
            text = f" {description} "
        else:
            text = f" {description}" if rtl else f"{description} "
        extra = Style(dim=True) if not item.enabled else Style()
        if item == self._hover:
            extra += self.get_component_rich_style("key-bar--hover", partial=True)
        key_segment = Segment(key, key_style + extra)
        if not text:
            return [key_segment]
        text_segment = Segment(text, text_style + extra)
        return [text_segment, key_segment] if rtl else [key_segment, text_segment]

    def _label(self, item: KeyItem) -> str:
        """What the key does, in the interface's language, in visual order."""
        return ui_line(i18n.gettext(item.description), style=chrome_style(self)) \
            if item.description else ""

    def _rule(self) -> str:
        """The rule before the palette's key (``--screen-reader``: an ASCII bar)."""
        return LOGICAL_PALETTE_RULE if chrome_style(self).logical else PALETTE_RULE

    def _render_rtl(self, width: int, shown: list[KeyItem], palette: KeyItem | None,
                    key_style: Style, text_style: Style) -> Strip:
        """The bar mirrored: items from the right edge leftwards, each drawn as
        ``what it does`` then the key (read from the right: the key first); the palette's
        key at the left edge, behind the rule."""
        base = self.rich_style

        def pieces(item: KeyItem, compact: bool = False) -> list[Segment]:
            return self._pieces(item, key_style, text_style, compact, rtl=True)

        # Laid out from the right: (x, cells, item) as the mouse finds them.
        placed: list[tuple[int, list[Segment], KeyItem]] = []
        left_limit = 0
        left: list[Segment] = []
        spans: list[tuple[int, int, KeyItem]] = []
        if palette is not None:
            left = pieces(palette, compact=True)
            cells = Segment.get_line_length(left)
            spans.append((0, cells, palette))
            left.append(Segment(self._rule(),
                                 self.get_component_rich_style("key-bar--rule")))
            left_limit = cells + 1
        right = width
        for item in shown:
            item_segments = pieces(item)
            cells = Segment.get_line_length(item_segments)
            if right - cells < left_limit:
                break  # no room left: the later keys give way, as in the left-to-right bar
            right -= cells
            placed.append((right, item_segments, item))
            spans.append((right, cells, item))
        segments = list(left)
        x = Segment.get_line_length(left)
        for start, item_segments, _item in reversed(placed):
            if start > x:
                segments.append(Segment(" " * (start - x), base))
                x = start
            segments.extend(item_segments)
            x += Segment.get_line_length(item_segments)
        if x < width:
            segments.append(Segment(" " * (width - x), base))
        self._spans = spans
        return Strip(segments).crop(0, width)

    # -- mouse ------------------------------------------------------------------------

    def _item_at(self, x: int) -> KeyItem | None:
        for start, cells, item in reversed(self._spans):  # the palette key is drawn last
            if start <= x < start + cells:
                return item
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        item = self._item_at(offset.x) if offset is not None else None
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self._set_hover(self._item_at(offset.x) if offset is not None else None)

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, item: KeyItem | None) -> None:
        if item != self._hover:
            self._hover = item
            self.refresh()
