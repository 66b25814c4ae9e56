"""The word look-up popup (issue 26): a word's segmentation, lemma, root and English
glosses, and the other words of its root in this document, each a jump.

Every line is laid out by the core (:class:`BidiText` and :class:`EntryList` draw chrome
lines, :mod:`reader.ui.decisions.look_up` writes them). Enter on one of the other words goes
there (the popup answers its place; Backspace comes back through the history); ``y``
copies the word looked up (as ``y`` after a double-click would); Esc or Backspace closes
it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from reader.text.search import LookUp
from reader.text.span import Span
from reader.ui.decisions.look_up import other_entry, others_title, reading_lines
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList

# The root's other words listed (in document order): a book may have hundreds, each a line
# laid out when the popup opens.
OTHERS_SHOWN = 200


class LookUpScreen(ModalScreen[tuple[str, Span] | None]):
    """The look-up of one word; dismissed with ``("go", place)`` of the word chosen,
    ``("copy", place)`` of the word looked up, or None."""

    BINDINGS = [
        Binding("escape,backspace", "cancel", "Close", key_display="Esc"),
        Binding("y", "copy_word", "Copy the word"),
    ]

    def __init__(self, look: LookUp, place: Span, direction: str) -> None:
        """``place``: where the word looked up is; ``direction``: the base direction of its
        lines (the document's, or the interface's when it reads right to left)."""
        super().__init__()
        self.look = look
        self.place = place
        self.direction = direction
        self.others = look.others[:OTHERS_SHOWN]
        self.places = {str(index): span for index, (_word, span) in enumerate(self.others)}

    def compose(self) -> ComposeResult:
        look = self.look
        with Vertical(id="look-up-box"):
            yield BidiText(tuple(reading_lines(look, self.direction)), direction=self.direction,
                           id="look-up-readings")
            yield BidiText(others_title(look, self.direction), direction=self.direction,
                           id="look-up-title")
            yield EntryList([(str(index), ((other_entry(word, span, self.direction), ""),))
                             for index, (word, span) in enumerate(self.others)],
                            direction=self.direction, id="look-up-others")

    def on_mount(self) -> None:
        self.query_one(EntryList).focus()

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.dismiss(("go", self.places[event.entry_id]))

    def action_copy_word(self) -> None:
        self.dismiss(("copy", self.place))

    def action_cancel(self) -> None:
        self.dismiss(None)
