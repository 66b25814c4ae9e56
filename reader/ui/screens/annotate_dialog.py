"""The dialogs of annotating: which kind of entry, its fields, and the removal's confirmation.

Every string is drawn through the core (:class:`~reader.ui.widgets.bidi_text.BidiText`, and the
search bar's :class:`~reader.ui.widgets.search_bar.QueryField` for typing), and for a right-to-left
interface the dialog is right-to-left: its words translated, right-aligned, ``←`` moving
on in a list of choices. Each field starts with a value that Enter accepts; ``↑``/``↓`` or
``Tab`` move between fields, Esc cancels. A dialog never closes on a problem: Enter hands
the fields to its ``save``, and when that says what is wrong the dialog stays, with what was
typed, says it, and takes the reader to the field at fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Offset, Region
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget

from reader.i18n import N_, _
from reader.text.chrome import isolate, label_direction
from reader.ui.chrome_style import chrome_style
from reader.ui.screens.first_line import cursor_on_first_line
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.search_bar import QueryField

# What the dialogs say: English, translated where shown (reader/locale).
WORDS: dict[str, str] = {
    "annotate": N_("Annotate «{text}» as:"),
    "chapter": N_("chapter"),
    "claim": N_("claim"),
    "rebuttal": N_("rebuttal"),
    "entity": N_("person or organisation"),
    "title": N_("title"),
    "label": N_("label"),
    "name": N_("name"),
    "summary": N_("summary"),
    "date": N_("date (YYYY, YYYY-MM or YYYY-MM-DD; may be empty)"),
    "speaker": N_("speaker"),
    "teller": N_("teller"),
    "new_name": N_("name of the new speaker"),
    "answers": N_("answers claims or rebuttals (space: choose)"),
    "kind": N_("kind"),
    "aliases": N_("other spellings, comma-separated"),
    "person": N_("person"),
    "organisation": N_("organisation"),
    "new…": N_("new…"),
    "no speaker": N_("no speaker"),
    "keys": N_("Enter saves · Esc cancels · ↑/↓ next field"),
    "new entry": N_("New {kind}"),
    "edit entry": N_("Edit {kind} {id}"),
    "remove": N_("Remove {kind} «{label}»?"),
    "goes too": N_("answers nothing else: removed too"),
    "link cut": N_("no longer answers it"),
    "confirm keys": N_("Enter or y removes · Esc keeps it"),
}
OPENING = "‹ "  # a choice field's row starts with it: ←/→ change the option shown after it
KIND_KEYS = (("h", "chapter"), ("c", "claim"), ("r", "rebuttal"), ("e", "entity"))

# What the dialog's ``save`` answers: None when saved, else what is wrong and the key of
# the field at fault (None: no one field).
Save = Callable[[dict[str, Any]], tuple[str, str | None] | None]


def say(key: str, rtl: bool, **values: str) -> str:
    """What the dialog says for ``key``, in the interface's language (``rtl``: the
    dialog's direction, the interface's; the words do not depend on it)."""
    return _(WORDS.get(key, key)).format(**values)


@dataclass
class Field:
    """One field of the dialog: ``text`` (typed), ``choice`` (one of ``options``) or
    ``choices`` (several of ``options``); ``options`` are (value, shown) pairs."""

    key: str
    kind: str
    value: Any
    options: tuple[tuple[str, str], ...] = ()


class ChoiceField(BidiText, can_focus=True):
    """One of a few options (``←``/``→``), or several (``space`` marks the one shown)."""

    DEFAULT_CSS = """
    ChoiceField { height: auto; background: $boost; }
    ChoiceField:focus { background: $accent 30%; }
    """

    def __init__(self, options: tuple[tuple[str, str], ...], value: Any, *, several: bool,
                 rtl: bool, id: str | None = None) -> None:
        super().__init__("", direction="rtl" if rtl else "ltr", id=id)
        self.options = options
        self.several = several
        self.rtl = rtl
        values = [v for v, _ in options]
        if several:
            self.chosen = [v for v in (value or []) if v in values]
            first = self.chosen[0] if self.chosen else (values[0] if values else None)
        else:
            self.chosen = [value] if value in values else values[:1]
            first = self.chosen[0] if self.chosen else None
        self.index = values.index(first) if first in values else 0
        self._show()

    @property
    def value(self) -> Any:
        return list(self.chosen) if self.several else (self.chosen[0] if self.chosen else None)

    def render_lines(self, crop: Region) -> list[Strip]:
        if chrome_style(self).logical and self.has_focus:  # --screen-reader: on the choice
            region = self.content_region
            self.app.cursor_position = Offset(region.x + self.option_cell, region.y)
        return super().render_lines(crop)

    @property
    def option_cell(self) -> int:
        """The cell the option shown starts at, in the row as --screen-reader draws it
        (logical, from the left edge): after ``‹ ``, where a screen reader following the
        cursor reads the choice rather than the arrow (several: on its ``☐``/``☑``, as
        dialog's and whiptail's checklists put it)."""
        return cell_len(OPENING) if self.options else 0

    def _show(self) -> None:
        if not self.options:
            self.set_text("—")
            return
        value, shown = self.options[self.index]
        shown = isolate(shown, label_direction(shown))  # as in the panel, marks around it
        if self.several:
            mark = "☑" if value in self.chosen else "☐"
            count = f"  ({len(self.chosen)}/{len(self.options)})"
            self.set_text(f"{OPENING}{mark} {shown} ›{count}")
        else:
            self.set_text(f"{OPENING}{shown} ›")

    def on_key(self, event: events.Key) -> None:
        if event.key in ("left", "right") and self.options:
            forward = (event.key == "right") != self.rtl
            self.index = (self.index + (1 if forward else -1)) % len(self.options)
            if not self.several:
                self.chosen = [self.options[self.index][0]]
                self.post_message(ChoiceField.Changed(self))
        elif event.key == "space" and self.several and self.options:
            value = self.options[self.index][0]
            if value in self.chosen:
                self.chosen.remove(value)
            else:
                self.chosen.append(value)
        else:
            return
        event.stop()
        event.prevent_default()
        self._show()

    class Changed(Message):
        def __init__(self, field: ChoiceField) -> None:
            super().__init__()
            self.field = field


class KindDialog(ModalScreen[str | None]):
    """``h`` chapter, ``c`` claim, ``r`` rebuttal, ``e`` entity; Esc cancels."""

    BINDINGS = [
        *(Binding(key, f"choose('{kind}')", kind) for key, kind in KIND_KEYS),
        Binding("escape", "choose('')", "Cancel", show=False),
    ]

    def __init__(self, text: str, rtl: bool) -> None:
        super().__init__()
        self.text = text
        self.rtl = rtl

    def compose(self) -> ComposeResult:
        direction = "rtl" if self.rtl else "ltr"
        quoted = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        with Vertical(id="annotate-box", classes="annotate-box"):
            yield BidiText(say("annotate", self.rtl, text=isolate(quoted)), direction=direction,
                           id="annotate-title")
            for key, kind in KIND_KEYS:
                yield BidiText(f"{key}  {say(kind, self.rtl)}", direction=direction)

    def on_mount(self) -> None:
        cursor_on_first_line(self, "#annotate-title")  # --screen-reader

    def action_choose(self, kind: str) -> None:
        self.dismiss(kind or None)


class EntryDialog(ModalScreen[dict[str, Any] | None]):
    """The fields of a new entry, or of one being edited; Enter saves them."""

    BINDINGS = [
        Binding("enter", "accept", "Save", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down,tab", "step(1)", "Next field", show=False, priority=True),
        Binding("up,shift+tab", "step(-1)", "Previous field", show=False, priority=True),
    ]

    def __init__(self, title: str, fields: list[Field], rtl: bool,
                 save: Save | None = None) -> None:
        """``save``: given the fields on Enter; the dialog closes only when it saved them."""
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.rtl = rtl
        self.save = save

    def compose(self) -> ComposeResult:
        direction = "rtl" if self.rtl else "ltr"
        with Vertical(id="annotate-box", classes="annotate-box"):
            yield BidiText(self.title_text, direction=direction, id="annotate-title")
            for field in self.fields:
                if chrome_style(self).logical:  # --screen-reader: a row says which field
                    with Horizontal(classes="annotate-row"):
                        yield BidiText(f"{say(field.key, self.rtl)}:", direction=direction,
                                       classes="annotate-label", id=f"label-{field.key}")
                        yield self._field(field)
                    continue
                yield BidiText(say(field.key, self.rtl), direction=direction,
                               classes="annotate-label", id=f"label-{field.key}")
                yield self._field(field)
            yield BidiText("", direction=direction, id="annotate-problem")
            yield BidiText(say("keys", self.rtl), direction=direction, id="annotate-keys")

    def _field(self, field: Field) -> Widget:
        if field.kind == "text":
            widget: Widget = QueryField(align_right=self.rtl, id=f"field-{field.key}")
        else:
            options = tuple((v, say(s, self.rtl) if s in WORDS else s)
                            for v, s in field.options)
            widget = ChoiceField(options, field.value, several=field.kind == "choices",
                                 rtl=self.rtl, id=f"field-{field.key}")
        widget.add_class("annotate-field")
        return widget

    def on_mount(self) -> None:
        for field in self.fields:
            if field.kind == "text":
                self.query_one(f"#field-{field.key}", QueryField).set_value(
                    str(field.value or ""), notify=False)
        self._show_new_name()
        widgets = self._inputs()
        if widgets:
            self.set_focus(widgets[0])

    def _inputs(self) -> list[Widget]:
        return [w for w in self.query(".annotate-field").results(Widget) if w.display]

    def _show_new_name(self) -> None:
        """The new speaker's name is asked only when "new…" is the speaker."""
        from reader.content.annotations.session import NEW_ENTITY

        if not self.query("#field-new_name"):
            return
        speaker = next((f for f in self.fields if f.key in ("speaker", "teller")), None)
        wanted = speaker is not None and self.query_one(
            f"#field-{speaker.key}", ChoiceField).value == NEW_ENTITY
        self.query_one("#field-new_name").display = wanted
        self.query_one("#label-new_name").display = wanted

    def on_choice_field_changed(self, _message: ChoiceField.Changed) -> None:
        self._show_new_name()

    def action_step(self, step: int) -> None:
        widgets = self._inputs()
        if not widgets:
            return
        current = widgets.index(self.focused) if self.focused in widgets else -1
        # At once, not as widget.focus() does after the queue: two ↓ in one read move twice.
        self.set_focus(widgets[(current + step) % len(widgets)])

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.key}")
            assert isinstance(widget, QueryField | ChoiceField)  # what compose made
            found[field.key] = widget.value
        return found

    def action_accept(self) -> None:
        values = self.values()
        problem = self.save(values) if self.save is not None else None
        if problem is None:
            self.dismiss(values)
            return
        message, key = problem
        self.app.bell()
        shown = self.query_one("#annotate-problem", BidiText)
        shown.set_text(message)
        shown.add_class("-shown")
        at_fault = self.query(f"#field-{key}") if key else None
        if at_fault and at_fault.first().display:
            self.set_focus(at_fault.first())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Says what a removal takes with it; Enter or ``y`` goes ahead, Esc or ``n`` does not."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Remove", show=False),
        Binding("escape,n", "answer(False)", "Keep", show=False),
    ]

    def __init__(self, lines: list[str], rtl: bool) -> None:
        super().__init__()
        self.lines = lines
        self.rtl = rtl

    def compose(self) -> ComposeResult:
        direction = "rtl" if self.rtl else "ltr"
        with Vertical(id="annotate-box", classes="annotate-box"):
            for index, line in enumerate(self.lines):
                yield BidiText(line, direction=direction,
                               id="annotate-title" if index == 0 else None)
            yield BidiText(say("confirm keys", self.rtl), direction=direction,
                           id="annotate-keys")

    def on_mount(self) -> None:
        cursor_on_first_line(self, "#annotate-title")  # --screen-reader

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
