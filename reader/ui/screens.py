"""Modal screens: the key help, and the chooser for a span with several counterparts."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.text.chrome import chrome_line, join_fields
from reader.ui.bidi_text import BidiText
from reader.ui.entry_list import EntryList

KEYS: list[tuple[str, str]] = [
    ("j / ↓, k / ↑", "scroll one line down / up"),
    ("space / PgDn, b / PgUp", "one screen down / up"),
    ("g / Home, G / End", "start / end of the document"),
    ("] / [", "focus the next / previous claim or rebuttal (from the focus while it is on "
               "screen, else from the top of the view; \"wrapped\" past the end)"),
    ("Enter, click", "follow the focused span to what answers it (a chooser when "
                     "several do: Esc or Backspace closes it)"),
    ("drag; 2, 3 clicks", "select (logical order); word; paragraph"),
    ("y", "copy selection, link, claim or hit sentence"),
    ("Y", "copy as a quote: «…» — title, paragraph N"),
    ("] / [, Enter (no claims)", "next / previous link; open it"),
    ("Backspace / Alt+←", "back to where you were, and to what was focused"),
    ("Alt+→", "forward again"),
    ("1 – 4", "jump to chapter N"),
    (":", "go to a percentage (50%) or a paragraph number (120)"),
    ("''", "back to the place before the last jump (again: forth)"),
    ("m a, ' a", "set mark a (any letter); go back to it (Ctrl+P lists marks)"),
    ("< / -, > / +", "narrower / wider text column (the measure)"),
    ("H", "harakat: shown, hidden, coloured (display only)"),
    ("#", "paragraph numbers beside the text"),
    ("Tab", "move between the article, the panel's tabs (←/→) and its list (↑/↓, Enter)"),
    ("p", "hide / show the side panel (over the text on a narrow screen)"),
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
    ("t", "dark / light theme (remembered; --theme at start)"),
    ("? / F1", "this help"),
    ("q", "quit (your place is remembered)"),
    ("Ctrl+C", "copy the selection; quit when there is none"),
]


class HelpScreen(ModalScreen[None]):
    """Every key the reader knows, and who each colour in the text is."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", show=False)]

    def __init__(self, legend: list[tuple[str, Style]] | None = None) -> None:
        """``legend``: (speaker's name in visual order, the style of their spans)."""
        super().__init__()
        self.legend = legend or []

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            # Text, not markup: "[" is a key here; laid out by the core like all chrome
            table.add_row(Text(chrome_line(key, "ltr")), Text(chrome_line(what, "ltr")))
        with VerticalScroll(id="help-box"):
            yield Static(Text("reader — keys\n", style="bold"), id="help-title")
            yield Static(table, id="help-keys")
            if self.legend:
                legend = Text("\nWho says what (the colours in the text)\n", style="bold")
                for name, style in self.legend:
                    legend.append("  ■ ", style=style)
                    legend.append(name, style=style)
                    legend.append("\n")
                yield Static(legend, id="help-legend")
            yield Static("\nEsc closes this help.", id="help-footer")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


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
            # one isolated field: "…" stays at the end of the English words
            yield BidiText(join_fields([self.title_text], self.direction),
                           direction=self.direction, id="chooser-title")
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
