"""Reading comfort and less's habits, as app actions: the measure (``<`` ``>``), go to
(``:``), ``''``, marks (``m`` and ``'`` with a letter), harakat (``H``) and paragraph
numbers (``#``).

:class:`ReadingComfort` is mixed into the app; it needs the app's ``article``, ``history``,
``positions``, ``document``, ``update_status``, its preferences (``_prefs``) and
``save_preferences``. The settings it changes are remembered with the other preferences
(:class:`~reader.state.preferences.PreferenceStore`), marks per document with the positions
(:class:`~reader.state.positions.PositionStore`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding

from reader.i18n import N_, _
from reader.state.positions import MARK_LETTERS
from reader.state.preferences import Settings
from reader.text import harakat as harakat_text
from reader.text.chrome import ui_line
from reader.ui.decisions import measure as measures
from reader.ui.decisions.goto import parse_target
from reader.ui.screens.prompts import GoToPrompt, KeyPrompt

Place = tuple[int, int]

# Keys typed right after one that opens a prompt (``ma``, ``:50%`` arriving in one read) were
# already sent to the article before the prompt opened: they come back to the app, in order,
# and the app hands them to the prompt (ReadingComfort._on_key).
COMFORT_BINDINGS = [
    Binding("colon", "go_to_prompt", "Go to", key_display=":", show=False),
    Binding("m", "set_mark", "Mark", show=False),
    Binding("apostrophe", "jump_mark", "To mark", key_display="'", show=False),
    Binding("less_than_sign,minus", "measure(-1)", "Narrower", key_display="<", show=False),
    Binding("greater_than_sign,plus", "measure(1)", "Wider", key_display=">", show=False),
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

    measure: int = measures.DEFAULT_MEASURE
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
    """The actions; mixed into :class:`~reader.ui.app.ReaderApp` (see the module doc)."""

    comfort: ComfortSettings
    marks: dict[str, Place]
    _key_prefix: str | None = None  # "m" or "'" while waiting for its letter

    def _reading(self: Any) -> None:
        """Let a prompt key through unless the reader is reading: another screen is up
        (help, palette, a prompt) or a text field has the focus."""
        focused = self.focused
        typing = focused is not None and any(cls.__name__ in _TEXT_FIELDS
                                             for cls in type(focused).__mro__)
        searching = any(bar.display for bar in self.query("#search-bar"))
        if typing or searching or len(self.screen_stack) > 1:
            raise SkipAction()

    # -- settings ---------------------------------------------------------------------

    def _save_settings(self: Any) -> None:
        self._prefs.reading = self.comfort.saved()
        with contextlib.suppress(Exception):
            self.save_preferences()

    def action_measure(self: Any, step: int) -> None:
        article = self.article
        room = article.column.width - article.column.gutter
        current = self.comfort.measure
        if step < 0:
            measure = measures.narrower(current, article.text_width)
        else:
            measure = measures.wider(current, room)
        if measure == current or (step < 0 and article.text_width <= measures.MIN_MEASURE):
            self.bell()
            return
        self.comfort.measure = measure
        article.set_measure(measure)
        self._save_settings()
        self.notify(ui_line(_("Measure: {measure} (< > change it)").format(
            measure=measures.describe(measure))), timeout=2)

    def action_cycle_harakat(self: Any) -> None:
        modes = harakat_text.MODES
        mode = modes[(modes.index(self.comfort.harakat) + 1) % len(modes)]
        self.comfort.harakat = mode
        self.article.set_harakat(mode)
        self._save_settings()
        self.notify(ui_line(_("{note} (H changes it)").format(note=_(_HARAKAT_NOTES[mode]))),
                    timeout=3)

    def action_toggle_numbers(self: Any) -> None:
        self.comfort.numbers = not self.comfort.numbers
        self.article.set_numbers(self.comfort.numbers)
        self._save_settings()

    # -- go to ------------------------------------------------------------------------

    def jump_to_place(self: Any, place: Place) -> None:
        """A jump (Backspace and '' come back): to a (paragraph, offset)."""
        article = self.article
        self.push_history()
        article.set_flash(None)
        article.go_to_place(place)
        self.update_status()

    def go_to_percent(self: Any, percent: float) -> None:
        article = self.article
        if percent >= 100:
            self.action_go_end()
            return
        flow = article.flow
        if flow is None:
            return
        self.push_history()
        article.set_flash(None)
        y = min(round(flow.height * percent / 100), article.max_scroll_y)
        article.scroll_to(y=y, animate=False, immediate=True)
        self.update_status()

    def action_go_to_prompt(self: Any) -> None:
        self._reading()
        self.push_screen(GoToPrompt(), self.go_to_text)

    def go_to_text(self: Any, text: str | None) -> None:
        """Go where ``text`` (``50%``, ``120``) says, or say why not."""
        if not text:
            return
        try:
            target = parse_target(text, len(self.document.paragraphs))
        except ValueError as error:
            self.bell()
            self.notify(ui_line(str(error)), severity="warning", timeout=4, markup=False)
            return
        if target.percent is not None:
            self.go_to_percent(target.percent)
        elif target.index is not None:
            self.jump_to_place((target.index, 0))

    # -- marks ------------------------------------------------------------------------

    def action_set_mark(self: Any) -> None:
        self._reading()
        self._key_prefix = "m"
        self.push_screen(KeyPrompt(_("mark: type a letter")))

    def action_jump_mark(self: Any) -> None:
        self._reading()
        self._key_prefix = "'"
        self.push_screen(KeyPrompt(_("go to mark: type a letter, or ' for the last jump")))

    async def _on_key(self: Any, event: events.Key) -> None:
        """Keys no widget took reach the app here, in the order they were typed, before its
        bindings: the letter after ``m`` or ``'``, and keys typed before the go-to field
        had the focus."""
        prefix = self._key_prefix
        if prefix is not None:
            self._key_prefix = None
            if isinstance(self.screen, KeyPrompt):
                self.pop_screen()
            letter = event.character if event.is_printable and event.key != "escape" else None
            (self.set_mark if prefix == "m" else self.jump_to_mark)(letter)
        elif not (isinstance(self.screen, GoToPrompt) and self.screen.feed(event)):
            return  # the app's own handler (its bindings) comes next
        event.stop()
        event.prevent_default()

    def set_mark(self: Any, letter: str | None) -> None:
        if letter is None:
            return
        if letter not in MARK_LETTERS:
            self.bell()
            self.notify(ui_line(_("A mark is a letter, a–z or A–Z.")), severity="warning",
                        timeout=3)
            return
        place = self.article.place()
        self.marks[letter] = place
        if self.positions is not None and self.document.paragraphs:
            with contextlib.suppress(Exception):
                self.positions.put(self._doc_key, *place, marks=self.marks)
        self.notify(ui_line(_("Mark {letter} set ('{letter} comes back here).").format(
            letter=letter)), timeout=2)

    def jump_to_mark(self: Any, letter: str | None) -> None:
        if letter is None:
            return
        if letter == "'":
            stop = self.history.previous
            if stop is None:
                self.bell()
                return
            self.jump_to_place(stop.place)
            self._set_focus(stop.focus)
            return
        place = self.marks.get(letter)
        if place is None:
            self.bell()
            self.notify(ui_line(_("No mark {letter} in this document.").format(letter=letter)),
                        severity="warning", timeout=3)
            return
        self.jump_to_place(place)
