"""Small prompts on the bottom line, as less shows them: ``:`` (go to) and the one key that
follows ``m`` or ``'`` (marks).

Each is a modal screen without a backdrop, so the text stays as it was while it is open and
no reader key acts before the prompt is answered. The go-to field takes only digits and
percent signs (Latin or Arabic-Indic), drawn by the core as every field is
(:class:`~reader.ui.widgets.shaped_input.ShapedInput`), beside the prompt: at its right, or at its
left and ending at the field's right edge in a right-to-left interface.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.i18n import _, is_rtl
from reader.text.chrome import ui_line
from reader.ui.chrome_style import chrome_style
from reader.ui.screens.first_line import cursor_on_first_line
from reader.ui.widgets.shaped_input import ShapedInput

_PROMPT_CSS = """
{name} {{ align: left bottom; background: transparent; }}
{name} > Horizontal {{ height: 1; width: 100%; background: $boost; padding: 0 1; }}
{name} Static {{ width: auto; color: $text-primary; text-style: bold; }}
{name} Input {{ border: none; height: 1; padding: 0; width: 1fr; background: $boost; }}
{name}.-rtl > Horizontal {{ align-horizontal: right; }}
"""


class GoToPrompt(ModalScreen[str | None]):
    """``:`` then ``50%`` or a paragraph number, Enter. Esc (or an empty Enter) cancels."""

    DEFAULT_CSS = _PROMPT_CSS.format(name="GoToPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self._early: list[str] = []  # keys typed before the field was there

    def compose(self) -> ComposeResult:
        style = chrome_style(self)
        rtl = is_rtl() and not style.logical  # --screen-reader: from the left edge
        prompt = ui_line(_("go to (50%, ¶ number): "), style=style)
        # a blank between the label and the field, at the label's left when right to left
        label = Static(" " + prompt if rtl else prompt + " ")
        field = ShapedInput(restrict=r"[0-9\u0660-\u0669\u06f0-\u06f9%\u066a]*", max_length=14,
                      compact=True, id="goto-field")
        with Horizontal():
            # right to left: the label at the right, the field at its left
            yield from (field, label) if rtl else (label, field)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        early, self._early = self._early, []
        for key in early:
            self._take(field, key)

    def feed(self, event: events.Key) -> bool:
        """A key typed before the field had the focus (``:50%`` and Enter in one breath):
        it goes into the field, in order. False for a key the prompt has no use for."""
        key = "\n" if event.key == "enter" else (event.character or "")
        if not (key == "\n" or (event.is_printable and key)):
            return False
        if self.is_mounted:
            self._take(self.query_one(Input), key)
        else:
            self._early.append(key)
        return True

    def on_key(self, event: events.Key) -> None:
        if self.feed(event):
            event.stop()

    def _take(self, field: Input, key: str) -> None:
        if key == "\n":
            self._answer(field.value)
        else:
            field.insert_text_at_cursor(key)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer(event.value)

    def _answer(self, value: str) -> None:
        if self.is_current:  # once: a late Enter finds the prompt gone
            self.dismiss(value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeyPrompt(ModalScreen[None]):
    """Says which key is awaited after ``m`` or ``'``; the app takes that key itself
    (:meth:`reader.ui.controllers.comfort.ReadingComfort.take_key`) and closes the prompt."""

    DEFAULT_CSS = _PROMPT_CSS.format(name="KeyPrompt")

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        # right to left: the prompt at the right (--screen-reader: from the left edge)
        style = chrome_style(self)
        self.set_class(is_rtl() and not style.logical, "-rtl")
        with Horizontal():
            yield Static(ui_line(self.prompt, style=style))

    def on_mount(self) -> None:
        cursor_on_first_line(self, "Static")  # --screen-reader
