"""Small prompts on the bottom line, as less shows them: ``:`` (go to) and the one key that
follows ``m`` or ``'`` (marks).

Each is a modal screen without a backdrop, so the text stays as it was while it is open and
no reader key acts before the prompt is answered. The go-to field takes only digits and
percent signs (Latin or Arabic-Indic): nothing in it needs the bidi core.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Static

_PROMPT_CSS = """
{name} {{ align: left bottom; background: transparent; }}
{name} > Horizontal {{ height: 1; width: 100%; background: $boost; padding: 0 1; }}
{name} Static {{ width: auto; color: $text-primary; text-style: bold; }}
{name} Input {{ border: none; height: 1; padding: 0; width: 1fr; background: $boost; }}
"""


class GoToPrompt(ModalScreen[str | None]):
    """``:`` then ``50%`` or a paragraph number, Enter. Esc (or an empty Enter) cancels."""

    DEFAULT_CSS = _PROMPT_CSS.format(name="GoToPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("go to (50% or a paragraph number): ")
            yield Input(restrict=r"[0-9\u0660-\u0669\u06f0-\u06f9%\u066a]*", max_length=14,
                        compact=True, id="goto-field")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeyPrompt(ModalScreen[str | None]):
    """Wait for one key and answer its character (``None`` for Esc or a key with none)."""

    DEFAULT_CSS = _PROMPT_CSS.format(name="KeyPrompt")

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(self.prompt)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        character = event.character if event.is_printable else None
        self.dismiss(None if event.key == "escape" else character)
