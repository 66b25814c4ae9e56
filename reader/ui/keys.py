"""The reader's keys, in the habits of less and vim: what each does is routed by the app
(reader.ui.app) to the feature that owns it. The key bar and the palette show the
descriptions, translated (reader/i18n/extract.py extracts them)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from reader.ui.controllers.comfort import COMFORT_BINDINGS

BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit"),
    # Ctrl+C copies the selection when there is one, else quits, remembering the place.
    Binding("ctrl+c", "copy_or_quit", "Quit", show=False, priority=True),
    Binding("y", "copy", "Copy", show=False),
    Binding("Y", "copy(True)", "Copy as quote", show=False),
    Binding("question_mark,f1", "help", "Help", key_display="?"),
    Binding("right_square_bracket", "next_span", "Next claim", key_display="]"),
    Binding("left_square_bracket", "previous_span", "Prev claim", key_display="[",
            show=False),
    # The same keys step through links in a document without claims (Markdown).
    Binding("right_square_bracket", "next_link", "Next link", key_display="]"),
    Binding("left_square_bracket", "previous_link", "Prev link", key_display="[",
            show=False),
    Binding("enter", "follow", "Follow", show=False),
    Binding("backspace,alt+left", "back", "Back", key_display="⌫"),
    Binding("alt+right", "forward", "Forward", show=False),
    Binding("p", "toggle_panel", "Panel"),
    Binding("backslash", "move_panel", "Panel side", key_display="\\", show=False),
    Binding("v", "toggle_controls", "Show controls", show=False),
    Binding("t", "toggle_theme", "Theme", show=False),
    Binding("X", "switch_extract", "Article / whole page", show=False),
    Binding("j,down", "scroll_lines(1)", "Down", show=False),
    Binding("k,up", "scroll_lines(-1)", "Up", show=False),
    Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False),
    Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False),
    Binding("slash", "search", "Search", key_display="/"),
    Binding("n", "search_step(1)", "Next hit", show=False),
    Binding("N", "search_step(-1)", "Previous hit", show=False),
    Binding("escape", "clear_search", "Clear search", show=False),
    # Arabic: look a word up (reader.ui.controllers.look_up); the word cursor, reading order
    Binding("l", "look_up", "Look up", show=False),
    Binding("w", "word_step(1)", "Next word", show=False),
    Binding("B", "word_step(-1)", "Previous word", show=False),
    Binding("g,home", "go_start", "Start", show=False),
    Binding("a", "annotate", "Annotate", show=False),
    Binding("e", "edit_entry", "Edit entry", show=False),
    Binding("x", "remove_entry", "Remove entry", show=False),
    Binding("u", "undo_annotation", "Undo", show=False),
    Binding("G,end", "go_end", "End", show=False),
    *(Binding(str(n), f"chapter({n})", f"Chapter {n}", show=False) for n in range(1, 10)),
    *COMFORT_BINDINGS,  # : m ' < > H # (reader.ui.controllers.comfort)
]
