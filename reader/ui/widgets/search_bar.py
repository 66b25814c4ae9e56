"""The search bar (``/``): prompt, query field, mode and count.

Textual's ``Input`` draws its value in logical order, so an Arabic query would read
backwards. :class:`QueryField` is a small one-line editor instead: the query is laid out by
the core (bidi, shaping) like every other text, right-aligned when it is right-to-left, with
a block cursor on the letter after the insertion point (or beside the text at its end).

:class:`SearchBar` is the bar: prompt, field, mode, count, and the query history (Up/Down).
What a search is (query, mode, hits, the current hit) lives in
:class:`reader.state.search.SearchSession`: the bar shows its mode and switches it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.filter import LineFilter
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from reader.i18n import number, pgettext
from reader.state.search import SearchSession
from reader.text import layout_paragraph
from reader.text.chars import is_mark
from reader.text.chrome import ui_line
from reader.text.search import ALL_MODES
from reader.ui.chrome_style import chrome_style
from reader.ui.terminal_output.cell_filters import keeping_harakat
from reader.ui.widgets.shaped_field import cursor_column, field_strip, visual_cells

HISTORY_SIZE = 50
# Above this many characters of text, typing waits this long for the next key before searching.
DEBOUNCE_CHARS = 1_000_000
DEBOUNCE_SECONDS = 0.06


# -- the field ----------------------------------------------------------------------------


class QueryField(Widget, can_focus=True):
    """A one-line editor whose text is laid out by the core (see the module docstring)."""

    DEFAULT_CSS = """
    QueryField { height: 1; width: 1fr; }
    """

    class Changed(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, *, align_right: bool = False, id: str | None = None) -> None:
        """``align_right``: the text ends at the right edge whatever its direction (a
        right-to-left interface); else it is aligned by its own direction."""
        super().__init__(id=id)
        self.value = ""
        self.cursor = 0
        self.align_right = align_right

    # -- editing ------------------------------------------------------------------------

    def set_value(self, value: str, cursor: int | None = None, notify: bool = True) -> None:
        value = value.replace("\n", " ").replace("\r", " ")
        changed = value != self.value
        self.value = value
        self.cursor = len(value) if cursor is None else max(0, min(cursor, len(value)))
        self.refresh()
        if changed and notify:
            self.post_message(self.Changed(value))

    def insert(self, text: str) -> None:
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch == "\t")
        text = text.replace("\t", " ")
        if text:
            value = self.value[: self.cursor] + text + self.value[self.cursor :]
            self.set_value(value, self.cursor + len(text))

    def _next_boundary(self, position: int) -> int:
        """After the letter at ``position`` and its marks."""
        value = self.value
        position = min(len(value), position + 1)
        while position < len(value) and is_mark(value[position]):
            position += 1
        return position

    def _previous_boundary(self, position: int) -> int:
        """Before the letter that ``position`` follows (with its marks)."""
        value = self.value
        position = max(0, position - 1)
        while position > 0 and is_mark(value[position]):
            position -= 1
        return position

    def _word_start(self, position: int) -> int:
        value = self.value
        while position > 0 and value[position - 1].isspace():
            position -= 1
        while position > 0 and not value[position - 1].isspace():
            position -= 1
        return position

    @property
    def rtl(self) -> bool:
        return layout_paragraph(self.value, 10_000).rtl if self.value else False

    def on_key(self, event: events.Key) -> None:
        key = event.key
        value, cursor = self.value, self.cursor
        handled = True
        if key == "backspace":
            if cursor:  # one code point: the last haraka typed goes first
                self.set_value(value[: cursor - 1] + value[cursor:], cursor - 1)
        elif key == "delete":
            end = self._next_boundary(cursor) if cursor < len(value) else cursor
            self.set_value(value[:cursor] + value[end:], cursor)
        elif key in ("left", "right"):
            # visual keys: in a right-to-left query, left moves on in the text
            forward = (key == "right") != self.rtl
            self.cursor = (self._next_boundary(cursor) if forward
                           else self._previous_boundary(cursor))
            self.refresh()
        elif key in ("home", "ctrl+a"):
            self.cursor = 0
            self.refresh()
        elif key == "end":
            self.cursor = len(value)
            self.refresh()
        elif key == "ctrl+u":
            self.set_value(value[cursor:], 0)
        elif key == "ctrl+k":
            self.set_value(value[:cursor], cursor)
        elif key in ("ctrl+w", "ctrl+backspace", "alt+backspace"):
            start = self._word_start(cursor)
            self.set_value(value[:start] + value[cursor:], start)
        elif key == "tab" or key == "shift+tab":
            pass  # stay in the bar
        elif event.character and len(event.character) == 1 and (
                event.is_printable or unicodedata.category(event.character) == "Cf"):
            self.insert(event.character)  # Cf: ZWNJ and friends, typed in Persian
        else:
            handled = False
        if handled:
            event.stop()
            event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        if event.text:
            self.insert(event.text.splitlines()[0] if event.text.strip() else "")

    # -- drawing ------------------------------------------------------------------------

    def _visual(self) -> tuple[list[tuple[str, Style | None]], bool]:
        """The query in visual order as (cluster, style) cells, with the cursor drawn."""
        cursor_style = Style(reverse=True) if self.has_focus else Style(underline=True)
        return visual_cells(self.value, self.cursor, cursor_style, chrome=chrome_style(self))

    def get_line_filters(self) -> Sequence[LineFilter]:
        """What is typed is seen whole, harakat too, while ``H`` hides them elsewhere."""
        return keeping_harakat(super().get_line_filters())

    def render_lines(self, crop: Region) -> list[Strip]:
        if chrome_style(self).logical and self.has_focus:  # --screen-reader: at the caret
            self.app.cursor_position = self.cursor_offset()
        return super().render_lines(crop)

    def cursor_offset(self) -> Offset:
        """The caret's cell on screen: the letter after it (or the blank after the end),
        where the terminal's cursor goes with ``--screen-reader``."""
        region = self.content_region
        x = cursor_column(self.value, self.cursor, max(1, region.width),
                          self.rtl or self.align_right, chrome=chrome_style(self))
        return Offset(region.x + x, region.y)

    def render_line(self, y: int) -> Strip:
        width = max(1, self.content_size.width)
        base = self.rich_style
        if y > 0:
            return Strip.blank(width, base)
        cells, rtl = self._visual()
        return field_strip(cells, width, base, pad_left=rtl or self.align_right,
                           chrome=chrome_style(self))


# -- the bar ------------------------------------------------------------------------------


def mode_name(mode: str) -> str:
    """A mode's name as the bar shows it."""
    names = {"fold": pgettext("search mode", "fold"), "exact": pgettext("search mode", "exact"),
             "forms": pgettext("search mode", "forms"), "root": pgettext("search mode", "root")}
    return names[mode]



class SearchBar(Horizontal):
    """``/`` opens it. Enter keeps the hits, Esc clears them, Up/Down recall queries,
    Ctrl+E switches exact matching, Ctrl+R regular expressions, Ctrl+T cycles the mode
    (fold, exact, and in Arabic text word forms and root)."""

    BINDINGS = [
        Binding("enter", "submit", "Keep hits"),
        Binding("escape", "cancel", "Clear"),
        Binding("up", "history(-1)", "Earlier", show=False),
        Binding("down", "history(1)", "Later", show=False),
        Binding("ctrl+e", "toggle_exact", "Exact"),
        Binding("ctrl+r", "toggle_regex", "Regex"),
        Binding("ctrl+t", "cycle_mode", "Mode"),
    ]

    class Changed(Message):
        """The query or the mode changed: search again."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        pass

    def __init__(self, session: SearchSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session  # the mode lives there; the bar shows and switches it
        self.history: list[str] = []
        self._history_at: int | None = None  # index into history while recalling
        self._draft = ""
        # Why the cycle skipped the Arabic modes (not Arabic, no lexicon): one line, shown
        # in place of the count until the query or the mode changes, or the bar closes.
        self.mode_note: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt")
        yield QueryField(id="search-query")
        yield Static("", id="search-mode")
        yield Static("", id="search-count")

    def mirror(self, rtl: bool) -> None:
        """Right to left: the prompt at the right, the count at the left, the query ending
        beside the prompt."""
        self.field.align_right = rtl
        self.field.refresh()
        order = ["#search-prompt", "#search-query", "#search-mode", "#search-count"]
        if rtl:
            order.reverse()
        for name in reversed(order):
            self.move_child(self.query_one(name), before=0)

    @property
    def field(self) -> QueryField:
        return self.query_one(QueryField)

    @property
    def value(self) -> str:
        return self.field.value

    def on_mount(self) -> None:
        self.show_mode()

    # -- opening and closing --------------------------------------------------------------

    def open(self) -> None:
        self.display = True
        self._history_at = None
        self.field.set_value("", notify=False)
        self.mode_note = None
        self.set_count("")
        self.show_mode(names=False)  # no query typed yet
        self.field.focus()

    def close(self) -> None:
        self.display = False

    def remember(self, query: str) -> None:
        """Add ``query`` to the history (most recent last, no duplicates)."""
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_SIZE]

    # -- what the bar shows ---------------------------------------------------------------

    def show_mode(self, names: bool | None = None, others: dict[str, int] | None = None
                  ) -> None:
        """The session's mode; ``names`` overrides whether the query is a name; ``others``:
        the query's count in the other modes (``[root]  fold 13 · forms 14``)."""
        label = f"[{self.session.mode_label(names)}]"
        if others:
            label += "  " + " · ".join(f"{mode_name(mode)} {number(count)}"
                                       for mode, count in others.items())
        self.query_one("#search-mode", Static).update(
            Text(ui_line(label, style=chrome_style(self))))

    def set_count(self, text: str, error: bool = False) -> None:
        """The count (``3/12``) or an error; the note of the mode cycle instead while there
        is one (until the query is edited or the mode changes)."""
        if self.mode_note:
            text, error = self.mode_note, True
        count = self.query_one("#search-count", Static)
        count.update(Text(ui_line(text, style=chrome_style(self))))
        count.set_class(error, "-error")

    # -- actions --------------------------------------------------------------------------

    def on_query_field_changed(self, message: QueryField.Changed) -> None:
        message.stop()
        self.mode_note = None
        self.post_message(self.Changed(message.value))

    def action_submit(self) -> None:
        self.remember(self.value)
        self.post_message(self.Submitted(self.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._history_at is None:
            if step > 0:
                return
            self._draft = self.value
            at = len(self.history) - 1
        else:
            at = self._history_at + step
        if at < 0:
            at = 0
        if at >= len(self.history):
            self._history_at = None
            self.field.set_value(self._draft)
            return
        self._history_at = at
        self.field.set_value(self.history[at])

    def action_toggle_exact(self) -> None:
        self.session.exact = not self.session.exact
        self.show_mode()
        self.post_message(self.Changed(self.value))

    def action_cycle_mode(self) -> None:
        """Ctrl+T: the next mode of fold, exact, forms, root. Where the Arabic modes cannot
        be used (Persian or Hebrew text, no lexicon) the cycle is fold and exact, and the
        bar says why, in one line."""
        session = self.session
        modes = session.modes()
        following = ALL_MODES[(ALL_MODES.index(session.mode) + 1) % len(ALL_MODES)]
        self.mode_note = None
        if following not in modes:
            self.mode_note = session.word_error()
            following = modes[0]
        session.set_mode(following)
        self.show_mode()
        self.set_count("")
        self.post_message(self.Changed(self.value))

    def action_toggle_regex(self) -> None:
        self.session.regex = not self.session.regex
        self.show_mode()
        self.post_message(self.Changed(self.value))
