"""Reading comfort and less's habits, as app actions: the measure (``<`` ``>``), go to
(``:``), ``''``, marks (``m`` and ``'`` with a letter), harakat (``H``), paragraph
numbers (``#``), the invisible controls shown (``v``), and the place remembered.

:class:`ReadingComfort` owns the settings and the document's marks; it jumps through
:class:`~reader.ui.controllers.navigation.Navigation`. The settings it changes are remembered
with the other preferences
(:class:`~reader.state.preferences.PreferenceStore`), marks per document with the positions
(:class:`~reader.state.positions.PositionStore`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding

from reader.i18n import N_, _
from reader.state import measure as steps
from reader.state.positions import MARK_LETTERS, PositionStore
from reader.state.preferences import Settings
from reader.text import harakat as harakat_text
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.decisions import measure as measures
from reader.ui.decisions.goto import parse_target
from reader.ui.screens.prompts import GoToPrompt, KeyPrompt
from reader.ui.terminal_output.cell_filters import HiddenHarakat

Place = tuple[int, int]

# Keys typed right after one that opens a prompt (``ma``, ``:50%`` arriving in one read) were
# already sent to the article before the prompt opened: they come back to the app, in order,
# and the app hands them to the prompt (ReadingComfort.take_key).
COMFORT_BINDINGS = [
    Binding("colon", "go_to_prompt", "Go to", key_display=":", show=False),
    Binding("m", "set_mark", "Mark", show=False),
    Binding("apostrophe", "jump_mark", "To mark", key_display="'", show=False),
    Binding("less_than_sign,minus", "measure('narrower')", "Narrower", key_display="<",
            show=False),
    Binding("greater_than_sign,plus", "measure('wider')", "Wider", key_display=">", show=False),
    Binding("equals_sign", "measure('default')", "Default measure", key_display="=",
            show=False),
    Binding("W", "measure('whole')", "Whole width", show=False),
    Binding("H", "cycle_harakat", "Harakat", show=False),
    Binding("number_sign", "toggle_numbers", "¶ numbers", key_display="#", show=False),
]

_HARAKAT_NOTES = {
    "show": N_("Harakat shown"),
    "hide": N_("Harakat hidden (display only: search and copy keep them)"),
    "highlight": N_("Letters with harakat coloured"),
}


@dataclass
class ComfortSettings:
    """What the reader remembers between sessions; flags given on the command line win."""

    measure: int = steps.DEFAULT_MEASURE
    harakat: str = harakat_text.DEFAULT_MODE
    numbers: bool = False

    @classmethod
    def resolve(cls, saved: Settings, *, measure: int | None = None,
                harakat: str | None = None, numbers: bool | None = None) -> ComfortSettings:
        """The settings ``saved`` (``Preferences.reading``), overridden by the flags given."""
        settings = cls()
        kept = saved.get("measure")
        if isinstance(kept, int) and not isinstance(kept, bool) and kept >= 0:
            settings.measure = kept
        kept = saved.get("harakat")
        if kept in harakat_text.MODES:
            settings.harakat = str(kept)
        kept = saved.get("numbers")
        if isinstance(kept, bool):
            settings.numbers = kept
        if measure is not None:
            settings.measure = max(0, measure)
        if harakat is not None:
            settings.harakat = harakat
        if numbers is not None:
            settings.numbers = numbers
        return settings

    def view_options(self) -> dict[str, Any]:
        """Keyword arguments for :class:`~reader.ui.widgets.article_view.ArticleView`."""
        return {"measure": self.measure, "harakat": self.harakat, "numbers": self.numbers}

    def saved(self) -> Settings:
        """What :meth:`resolve` reads back."""
        return self.view_options()


_TEXT_FIELDS = {"Input", "TextArea", "QueryField"}


class ReadingComfort:
    """The measure, harakat, numbers, go to and marks (see the module's doc)."""

    def __init__(self, reader: Reader, navigation: Navigation, settings: ComfortSettings,
                 save: Callable[[Settings], None], positions: PositionStore | None,
                 doc_key: str) -> None:
        """``save`` remembers the settings; ``positions`` and ``doc_key`` keep the marks."""
        self.reader = reader
        self.navigation = navigation
        self.settings = settings
        self._save = save
        self.positions = positions
        self.doc_key = doc_key
        self.marks: dict[str, Place] = positions.marks(doc_key) if positions is not None else {}
        # Harakat hidden in all the chrome as in the text (the app puts it first among its
        # line filters): on only while they are hidden.
        self.harakat_filter = HiddenHarakat(enabled=settings.harakat == "hide")
        self._key_prefix: str | None = None  # "m" or "'" while waiting for its letter

    def _reading(self) -> None:
        """Let a prompt key through unless the reader is reading: another screen is up
        (help, palette, a prompt) or a text field has the focus."""
        app = self.reader.app
        focused = app.focused
        typing = focused is not None and any(cls.__name__ in _TEXT_FIELDS
                                             for cls in type(focused).__mro__)
        searching = any(bar.display for bar in app.query("#search-bar"))
        if typing or searching or len(app.screen_stack) > 1:
            raise SkipAction()

    # -- settings ---------------------------------------------------------------------

    def _save_settings(self) -> None:
        with contextlib.suppress(Exception):
            self._save(self.settings.saved())

    def measure(self, towards: str) -> None:
        """``<`` ``>`` ``=`` ``W``: see :func:`reader.state.measure.step`."""
        article = self.reader.article
        room = article.column.width - article.column.gutter
        measure = steps.step(self.settings.measure, towards, article.text_width, room)
        if measure == self.settings.measure:
            self.reader.app.bell()
            return
        self.settings.measure = measure
        article.set_measure(measure)
        self._save_settings()
        self.reader.say(_("Measure: {measure} (< > change it)").format(
            measure=measures.describe(measure)))

    def cycle_harakat(self) -> None:
        modes = harakat_text.MODES
        mode = modes[(modes.index(self.settings.harakat) + 1) % len(modes)]
        self.settings.harakat = mode
        self.reader.article.set_harakat(mode)
        hidden = mode == "hide"
        if self.harakat_filter.enabled != hidden:
            self.harakat_filter.enabled = hidden
            for screen in self.reader.app.screen_stack:  # lines drawn again, filtered or not
                for widget in screen.walk_children(with_self=True):
                    widget.refresh()
        self._save_settings()
        self.reader.say(_("{note} (H changes it)").format(note=_(_HARAKAT_NOTES[mode])))

    def toggle_numbers(self) -> None:
        self.settings.numbers = not self.settings.numbers
        self.reader.article.set_numbers(self.settings.numbers)
        self._save_settings()

    def toggle_controls(self) -> None:
        """Reveal invisible bidi controls (RLO, LRI, ZWJ...) in place, or hide them again."""
        article = self.reader.article
        article.set_show_controls(not article.show_controls)
        message = (_("Invisible controls shown in place (v toggles).") if article.show_controls
                   else _("Invisible controls hidden again (v toggles)."))
        self.reader.say(message)

    # -- go to ------------------------------------------------------------------------

    def go_to_prompt(self) -> None:
        self._reading()
        self.reader.app.push_screen(GoToPrompt(), self.go_to_text)

    def go_to_text(self, text: str | None) -> None:
        """Go where ``text`` (``50%``, ``120``) says, or say why not."""
        if not text:
            return
        try:
            target = parse_target(text, len(self.reader.document.paragraphs))
        except ValueError as error:
            self.reader.app.bell()
            self.reader.say(str(error))
            return
        if target.percent is not None:
            self.navigation.go_to_percent(target.percent)
        elif target.index is not None:
            self.navigation.jump_to_place((target.index, 0))

    # -- the place, remembered --------------------------------------------------------

    def open_saved_place(self, finish_loading: Callable[[], None]) -> None:
        """Where the reader was last time in this document (``finish_loading`` first when
        it is in the part of a big file not loaded yet)."""
        if self.positions is None:
            return
        place = self.positions.get(self.doc_key)
        if place is not None and place[0] >= len(self.reader.document.paragraphs):
            finish_loading()
        if place is not None:
            self.reader.article.open_at(place)

    def remember_place(self) -> None:
        if self.positions is None or not self.reader.document.paragraphs:
            return
        with contextlib.suppress(Exception):
            self.positions.put(self.doc_key, *self.reader.article.place())

    # -- marks ------------------------------------------------------------------------

    def set_mark_prompt(self) -> None:
        self._reading()
        self._key_prefix = "m"
        self.reader.app.push_screen(KeyPrompt(_("mark: type a letter")))

    def jump_mark_prompt(self) -> None:
        self._reading()
        self._key_prefix = "'"
        self.reader.app.push_screen(
            KeyPrompt(_("go to mark: type a letter, or ' for the last jump")))

    def take_key(self, event: events.Key) -> bool:
        """A key no widget took, before the app's bindings: the letter after ``m`` or
        ``'``, and keys typed before the go-to field had the focus. True if taken."""
        app = self.reader.app
        prefix = self._key_prefix
        if prefix is not None:
            self._key_prefix = None
            if isinstance(app.screen, KeyPrompt):
                app.pop_screen()
            letter = event.character if event.is_printable and event.key != "escape" else None
            (self.set_mark if prefix == "m" else self.jump_to_mark)(letter)
            return True
        screen = app.screen
        return isinstance(screen, GoToPrompt) and screen.feed(event)

    def set_mark(self, letter: str | None) -> None:
        app = self.reader.app
        if letter is None:
            return
        if letter not in MARK_LETTERS:
            app.bell()
            self.reader.say(_("A mark is a letter, a–z or A–Z."))
            return
        place = self.reader.article.place()
        self.marks[letter] = place
        if self.positions is not None and self.reader.document.paragraphs:
            with contextlib.suppress(Exception):
                self.positions.put(self.doc_key, *place, marks=self.marks)
        self.reader.say(_("Mark {letter} set ('{letter} comes back here).").format(
            letter=letter))

    def jump_to_mark(self, letter: str | None) -> None:
        if letter is None:
            return
        navigation = self.navigation
        if letter == "'":
            stop = navigation.history.previous
            if stop is None:
                self.reader.app.bell()
                return
            navigation.jump_to_place(stop.place)
            navigation.set_focus(stop.focus)
            return
        place = self.marks.get(letter)
        if place is None:
            self.reader.app.bell()
            self.reader.say(_("No mark {letter} in this document.").format(letter=letter))
            return
        navigation.jump_to_place(place)
