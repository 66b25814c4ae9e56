"""The chooser for a span with several counterparts (and for the interface's language)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from reader import i18n
from reader.text.chrome import join_fields, ui_direction
from reader.ui.chrome_style import chrome_style
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList


class ChooseTarget(ModalScreen[str | None]):
    """Pick one of several spans that answer the focused one; Esc or Backspace closes it.

    Entries are laid out by the core in the document's direction (a Textual OptionList
    would wrap visual lines again, which puts the end of an Arabic label first), so every
    item aligns to the same side."""

    BINDINGS = [Binding("escape,backspace", "cancel", "Close", key_display="Esc")]

    def __init__(self, title: str, choices: list[tuple[str, str]], direction: str = "auto"
                 ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.direction = direction

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box"):
            # one isolated field: "…" stays at the end of the words; in the interface's
            # direction when it reads right to left, else the document's
            title_direction = ui_direction() if i18n.is_rtl() else self.direction
            yield BidiText(join_fields([self.title_text], title_direction,
                                       style=chrome_style(self)),
                           direction=title_direction, id="chooser-title")
            yield EntryList([(entry_id, ((label, ""),)) for entry_id, label in self.choices],
                            direction=self.direction, id="chooser-list")

    def on_mount(self) -> None:
        self.query_one(EntryList).focus()

    @property
    def entry_ids(self) -> list[str]:
        return self.query_one(EntryList).entry_ids

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.dismiss(event.entry_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
