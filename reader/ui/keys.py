"""The reader's keys, in the habits of less and vim, and the feature each goes to. The key
bar and the palette show the descriptions, translated (reader/i18n/extract.py extracts
them).

Most keys only ask one feature (a controller the app holds): :data:`ROUTES` says which, and
:func:`routed` makes each route an ``action_`` of the app, where Textual looks for it. The
keys that need the app itself (quit, help, the palette, ``Enter``) are its own methods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from textual.binding import Binding, BindingType

from reader.ui.controllers.annotating import Annotating
from reader.ui.controllers.appearance import Appearance
from reader.ui.controllers.argument_map import ArgumentMap
from reader.ui.controllers.comfort import COMFORT_BINDINGS, ReadingComfort
from reader.ui.controllers.language import Language
from reader.ui.controllers.look_up import WordLookUp
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.panel import PanelPlacement
from reader.ui.controllers.search_control import SearchControl
from reader.ui.controllers.status import Status
from reader.ui.controllers.text_out import TextOut

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
    Binding("M", "argument_map", "Map", show=False),
    Binding("backslash", "move_panel", "Panel side", key_display="\\", show=False),
    Binding("v", "toggle_controls", "Show controls", show=False),
    Binding("t", "toggle_theme", "Theme", show=False),
    # the last notice again (vim's g<, less's and vim's Ctrl+G: where am I)
    Binding("ctrl+g", "say_again", "Say again", show=False),
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


class Features(Protocol):
    """The features keys go to, as the app holds them."""

    navigation: Navigation
    searching: SearchControl
    text_out: TextOut
    comfort: ReadingComfort
    annotating: Annotating
    language: Language
    placement: PanelPlacement
    appearance: Appearance
    argument_map: ArgumentMap
    looking: WordLookUp
    status: Status


def _search(features: Features) -> None:
    """``/``: the search is in the text, so a panel over it is closed first."""
    features.placement.close_over_text()
    features.searching.open()


def _escape(features: Features) -> None:
    """Esc: closes the panel where it is over the text, else ends the search."""
    if not features.placement.close_over_text():
        features.searching.clear()


# action → what it asks of which feature
ROUTES: dict[str, Callable[[Features], object]] = {
    "next_span": lambda f: f.navigation.step_span(1),
    "previous_span": lambda f: f.navigation.step_span(-1),
    "argument_map": lambda f: f.argument_map.open_full(),
    # Back and forward may cross to another document of a debate (controllers.argument_map).
    "back": lambda f: f.argument_map.travel_back(),
    "forward": lambda f: f.argument_map.travel_forward(),
    "look_up": lambda f: f.looking.look_up(),
    "go_start": lambda f: f.navigation.go_start(),
    "go_end": lambda f: f.navigation.go_end(),
    "next_link": lambda f: f.text_out.step_link(1),
    "previous_link": lambda f: f.text_out.step_link(-1),
    "toggle_panel": lambda f: f.placement.toggle(),
    "move_panel": lambda f: f.placement.move(),
    "search": _search,
    "clear_search": _escape,
    "annotate": lambda f: f.annotating.annotate(),
    "edit_entry": lambda f: f.annotating.edit_entry(),
    "remove_entry": lambda f: f.annotating.remove_entry(),
    "undo_annotation": lambda f: f.annotating.undo(),
    "go_to_prompt": lambda f: f.comfort.go_to_prompt(),
    "set_mark": lambda f: f.comfort.set_mark_prompt(),
    "jump_mark": lambda f: f.comfort.jump_mark_prompt(),
    "cycle_harakat": lambda f: f.comfort.cycle_harakat(),
    "toggle_numbers": lambda f: f.comfort.toggle_numbers(),
    "toggle_controls": lambda f: f.comfort.toggle_controls(),
    "choose_language": lambda f: f.language.choose(),
    "toggle_theme": lambda f: f.appearance.toggle(),
    "say_again": lambda f: f.status.say_again(),
}


def _copy(features: Features, quote: bool = False) -> None:
    """``Y``: ``copy(True)``; ``y``: ``copy``, no argument (a lambda's default is untyped)."""
    features.text_out.copy(quote)


# ... and those given the binding's argument (``scroll_lines(1)``: Textual parses it).
ARGUMENT_ROUTES: dict[str, Callable[[Features, Any], object]] = {
    "scroll_lines": lambda f, lines: f.navigation.scroll_lines(lines),
    "scroll_pages": lambda f, pages: f.navigation.scroll_pages(pages),
    "chapter": lambda f, number: f.navigation.chapter(number),
    "search_step": lambda f, direction: f.searching.step(direction),
    "word_step": lambda f, direction: f.looking.move(direction),
    "copy": _copy,
    "measure": lambda f, towards: f.comfort.measure(towards),
}

App = TypeVar("App", bound=Features)


def routed(app_class: type[App]) -> type[App]:
    """``app_class`` with an ``action_`` method for each route."""
    for action, route in {**ROUTES, **ARGUMENT_ROUTES}.items():
        setattr(app_class, f"action_{action}", route)
    return app_class
