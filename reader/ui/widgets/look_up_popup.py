"""The word look-up popup (issue 26): a word's segmentation, lemma, root and English glosses,
and the other words of its root in this document, each a jump.

Every line is laid out by the core (:class:`BidiText` and :class:`EntryList` draw chrome
lines, :mod:`reader.ui.decisions.look_up` writes them). Enter on one of the other words goes
there (Backspace then comes back through the history); ``y`` copies the word looked up (as
``y`` after a double-click would); Esc or Backspace closes it.

A widget on the main screen's overlay layer, made once and shown again for every look-up,
not a pushed screen: pushing a :class:`~textual.screen.ModalScreen` costs Textual a new
screen's styles and layout, the screen below laid out again and dimmed, and the whole
terminal drawn (a median 50 ms, measured by benchmarks/bench_look_up.py); showing this one
costs its own box. It is as modal as the screen was while it has the focus (Textual's key
chain stops at a node that says it is modal: the app's keys are not reached from it, but
its priority bindings, as Ctrl+C, are, and the key bar shows the popup's keys alone); the
focus leaving it (a click on the text) closes it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from reader.text.search import LookUp
from reader.text.span import Span
from reader.ui.chrome_style import chrome_style
from reader.ui.decisions.look_up import other_entry, others_title, reading_lines
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList

# The root's other words listed (in document order): a book may have hundreds, each a line
# laid out when the popup opens.
OTHERS_SHOWN = 200


class LookUpPopup(Vertical):
    """The look-up of one word at a time (:meth:`show`); it answers with :class:`Closed`."""

    BINDINGS = [
        Binding("escape,backspace", "cancel", "Close", key_display="Esc"),
        Binding("y", "copy_word", "Copy the word"),
    ]

    class Closed(Message):
        """The popup closed: ``what`` is ``"go"`` (to ``place``, a word of the list),
        ``"copy"`` (the word looked up, at ``place``) or None (Esc)."""

        def __init__(self, what: str | None, place: Span | None) -> None:
            super().__init__()
            self.what = what
            self.place = place

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.look: LookUp | None = None
        self.place: Span | None = None
        self.direction = "auto"
        self.places: dict[str, Span] = {}

    @property
    def is_open(self) -> bool:
        return self.display

    @property
    def is_modal(self) -> bool:
        """Textual's key chain (Screen._modal_binding_chain) ends here, as at a modal
        screen."""
        return True

    def compose(self) -> ComposeResult:
        yield BidiText("", id="look-up-readings")
        yield BidiText("", id="look-up-title")
        yield EntryList([], id="look-up-others")

    def show(self, look: LookUp, place: Span, direction: str) -> None:
        """Show the look-up ``look`` of the word at ``place``; ``direction``: the base
        direction of its lines (the document's, or the interface's when it reads right to
        left)."""
        self.look = look
        self.place = place
        self.direction = direction
        others = look.others[:OTHERS_SHOWN]
        self.places = {str(index): span for index, (_word, span) in enumerate(others)}
        readings = self.query_one("#look-up-readings", BidiText)
        readings.direction = direction
        style = chrome_style(self)
        readings.set_text(tuple(reading_lines(look, direction, style)))
        title = self.query_one("#look-up-title", BidiText)
        title.direction = direction
        title.set_text(others_title(look, direction, style))
        entries = self.query_one(EntryList)
        entries.direction = direction
        entries.set_entries([(str(index), ((other_entry(word, span, direction, style), ""),))
                             for index, (word, span) in enumerate(others)])
        self.display = True
        entries.focus()

    def close(self, what: str | None = None, place: Span | None = None) -> None:
        if not self.display:
            return
        self.display = False
        self.post_message(self.Closed(what, place))

    # -- answers --------------------------------------------------------------------

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._focus_left)

    def _focus_left(self) -> None:
        focused = self.screen.focused
        if self.display and (focused is None or self not in focused.ancestors_with_self):
            self.close()

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.close("go", self.places[event.entry_id])

    def action_copy_word(self) -> None:
        self.close("copy", self.place)

    def action_cancel(self) -> None:
        self.close()
