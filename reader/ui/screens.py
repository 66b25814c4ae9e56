"""Modal screens: the key help, and the chooser for a span with several counterparts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import ListView, Static

from reader.ui.entry_item import EntryItem

KEYS: list[tuple[str, str]] = [
    ("j / ↓, k / ↑", "scroll one line down / up"),
    ("space / PgDn, b / PgUp", "one screen down / up"),
    ("g / Home, G / End", "start / end of the document"),
    ("] / [", "focus the next / previous claim or rebuttal"),
    ("Enter, click", "follow the focused span to what answers it"),
    ("drag; 2, 3 clicks", "select (logical order); word; paragraph"),
    ("y", "copy selection, link, claim or hit sentence"),
    ("Y", "copy as a quote: «…» — title, paragraph N"),
    ("] / [, Enter (no claims)", "next / previous link; open it"),
    ("Backspace / Alt+←", "back to where you were"),
    ("Alt+→", "forward again"),
    ("1 – 4", "jump to chapter N"),
    (":", "go to a percentage (50%) or a paragraph number (120)"),
    ("''", "back to the place before the last jump (again: forth)"),
    ("m a, ' a", "set mark a (any letter); go back to it (Ctrl+P lists marks)"),
    ("< / -, > / +", "narrower / wider text column (the measure)"),
    ("H", "harakat: shown, hidden, coloured (display only)"),
    ("#", "paragraph numbers beside the text"),
    ("Tab", "move between the article, the panel's tabs (←/→) and its list (↑/↓, Enter)"),
    ("p", "hide / show the side panel"),
    ("\\", "move the side panel to the other side"),
    ("v", "reveal invisible bidi controls (RLO…) in place"),
    ("Ctrl+P", "command palette: go to a chapter or a claim"),
    ("/", "search (ignores harakat, hamza, case)"),
    ("n / N, Esc", "next / previous hit; clear the hits"),
    ("in search: Enter, Esc", "keep the hits; clear them, go back"),
    ("in search: ↑ / ↓", "earlier / later queries"),
    ("in search: Ctrl+E, Ctrl+R", "exact matching, regex: on / off"),
    ("a", "annotate the search hit or focused span: h chapter, c claim, r rebuttal, e entity"),
    ("e / x", "edit / remove the focused entry (in the text or the panel)"),
    ("u", "undo the last annotation change"),
    ("? / F1", "this help"),
    ("q", "quit (your place is remembered)"),
    ("Ctrl+C", "copy the selection; quit when there is none"),
]


class HelpScreen(ModalScreen[None]):
    """Every key the reader knows."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(Text(key), Text(what))  # Text, not markup: "[" is a key here
        with VerticalScroll(id="help-box"):
            yield Static(Text("reader — keys\n", style="bold"), id="help-title")
            yield Static(table, id="help-keys")
            yield Static("\nEsc closes this help.", id="help-footer")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class ChooseTarget(ModalScreen[str | None]):
    """Pick one of several spans that answer the focused one.

    Entries are laid out by the core (a Textual OptionList would wrap visual lines again,
    which puts the end of an Arabic label first)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box"):
            yield Static(self.title_text, id="chooser-title")
            yield ListView(
                *(EntryItem(entry_id, ((label, ""),)) for entry_id, label in self.choices),
                id="chooser-list",
            )

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, EntryItem):
            self.dismiss(event.item.entry_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
