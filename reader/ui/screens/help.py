"""The key help: every key the reader knows, and who each colour in the text is."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader import i18n
from reader.content.annotations.model import Annotations
from reader.i18n import N_, _
from reader.text.chrome import chrome_lines, fill, ui_direction, ui_line
from reader.ui.chrome_style import chrome_style
from reader.ui.decisions.speakers import NO_SPEAKER, speaker_indexes
from reader.ui.screens.first_line import cursor_on_first_line
from reader.ui.widgets.article_marks import SPEAKER_CLASSES
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.bidi_text import BidiText, Paragraphs

HELP_WIDTH, HELP_FRAME = 80, 12  # #help-box's width in reader.tcss; border, padding, scrollbar

# English, translated when shown (reader/i18n/extract.py extracts this table by its name).
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
    ("M", "argument map on the whole screen: Enter goes to the node, Esc closes it"),
    ("in the map: Backspace", "close it; on the map Backspace brought back, go further back"),
    ("1 – 9", "jump to chapter N"),
    (":", "go to a percentage (50%) or a paragraph number (120)"),
    ("''", "back to the place before the last jump (again: forth)"),
    ("m a, ' a", "set mark a (any letter); go back to it (Ctrl+P lists marks)"),
    ("< / -, > / +", "narrower / wider text column (the measure)"),
    ("= / W", "text column at the default width / the whole width"),
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
    ("in search: Ctrl+T", "mode: fold, exact, word forms, root (Arabic)"),
    ("l, 2 clicks", "look up an Arabic word: parts, lemma, root, glosses, its root here"),
    ("w / B", "word cursor: next / previous word (for l)"),
    ("a", "annotate the search hit or focused span: h chapter, c claim, r rebuttal, e entity"),
    ("e / x", "edit / remove the focused entry (in the text or the panel)"),
    ("u", "undo the last annotation change"),
    ("t", "dark / light theme (remembered; --theme at start)"),
    ("X", "a web page: its article, or the whole page (--extract at start)"),
    ("Ctrl+G", "the last notice again"),
    ("? / F1", "this help"),
    ("q", "quit (your place is remembered)"),
    ("Ctrl+C", "copy the selection; quit when there is none"),
]


SCREEN_READER_HELP = N_(
    "Screen-reader mode (--screen-reader): every line is written as its source text, in "
    "logical order, without presentation forms, in one column; the terminal's cursor is on "
    "the focused claim, link or search hit (], [, n, N). p shows the panel over the text. "
    "reader --no-screen-reader leaves the mode.")
SCREEN_READER_MORE = N_(
    "Where the attention is, the cursor is: on the highlighted entry of the panel, the "
    "chooser and the map (M), and at the caret of a field. A notice takes the status "
    "line's row and the cursor until the next key. The panel, the map, the dialogs and "
    "this help fill the screen, and each entry, node and field starts with what it is "
    "(claim, rebuttal, chapter, label).")


KEY_SEPARATOR = " — "  # --screen-reader: between a key and what it does, on one row
HANGING = 2  # cells a wrapped description's later rows are indented by in that mode


class KeyRows(BidiText):
    """--screen-reader's keys: each key one paragraph, "key — what it does", from the
    left edge; the rows its description wraps onto are indented by :data:`HANGING` cells.

    A braille display shows one row at a time, and a screen reader reads row by row: in
    the default mode's table, a wrapped description's second row started with the blank
    of the keys' column, read without its key. A Textual screen is cells the app draws
    (nothing is left to the terminal to wrap), so the wrapping is the core's, at the
    width the help has; an indented row is one that continues the key above, as in a man
    page."""

    def _lines(self, width: int, paragraphs: Paragraphs | None = None
               ) -> list[tuple[str, int, bool, str]]:
        lines = []
        room = max(1, width - HANGING)
        chrome = chrome_style(self)
        for text, style in self.paragraphs if paragraphs is None else paragraphs:
            for number, (visual, cells, rtl) in enumerate(chrome_lines(
                    text, room, self.direction, style=chrome)):
                if number:  # the indent at the start side of the row
                    visual = visual + " " * HANGING if rtl else " " * HANGING + visual
                    cells += HANGING
                lines.append((visual, cells, rtl, style))
        return lines


class HelpScreen(ModalScreen[None]):
    """Every key the reader knows, and who each colour in the text is."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", show=False)]

    def __init__(self, legend: list[tuple[str, Style]] | None = None) -> None:
        """``legend``: (speaker's name, isolated, the style of their spans)."""
        super().__init__()
        self.legend = legend or []

    def compose(self) -> ComposeResult:
        rows = [(_(key), _(what)) for key, what in KEYS]
        direction = ui_direction()
        # Title, legend and footer through the core, aligned by the interface's direction
        # (a Static's text is aligned by CSS, not by Rich's justify, and wrapped again)
        with VerticalScroll(id="help-box"):
            yield BidiText(((_("reader — keys"), "bold"), ("", "")),
                           direction=direction, id="help-title")
            if chrome_style(self).logical:  # --screen-reader: how this mode works, first
                yield BidiText(((_(SCREEN_READER_HELP), ""), ("", ""),
                                (_(SCREEN_READER_MORE), ""), ("", "")),
                               direction=direction, id="help-screen-reader")
                # one row a key, its wrapped rows indented (KeyRows)
                yield KeyRows(tuple((f"{key}{KEY_SEPARATOR}{what}", "") for key, what in rows),
                              direction=direction, id="help-keys")
            else:
                yield Static(self._table(rows), id="help-keys")
            if self.legend:
                title = _("Who says what (the colours in the text)")
                yield BidiText((("", ""), (title, "bold"),
                                *((f"  ■ {name}", str(style)) for name, style in self.legend)),
                               direction=direction, id="help-legend")
            yield BidiText((("", ""), (_("Esc closes this help."), "")), direction=direction,
                           id="help-footer")

    def _table(self, rows: list[tuple[str, str]]) -> Table:
        """The keys in a column, what they do in the next one (the default mode)."""
        rtl = i18n.is_rtl()
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=rtl)
        # Right to left: the keys in the right column, what they do at their left, both
        # aligned to the right.
        justify: JustifyMethod = "right" if rtl else "left"
        table.add_column(style="" if rtl else "bold", no_wrap=True, justify=justify)
        table.add_column(style="bold" if rtl else "", no_wrap=rtl, justify=justify)
        # Right to left, the descriptions are wrapped by the core at the column's width
        # (Rich would wrap visual lines again, putting a line's end first); the keys stay
        # left to right, as they are typed.
        keys_width = max(cell_len(key) for key, _what in rows)
        box = min(HELP_WIDTH, int(self.app.size.width * 0.95)) - HELP_FRAME
        what_width = max(10, box - keys_width - 2)
        style = chrome_style(self)
        for key, what in rows:
            # Text, not markup: "[" is a key here; laid out by the core like all chrome
            if rtl:
                lines = chrome_lines(what, what_width, "rtl", style=style)
                table.add_row(Text("\n".join(line for line, _c, _r in lines)),
                              Text(ui_line(key, "auto", style=style)))
            else:
                table.add_row(Text(ui_line(key, style=style)), Text(ui_line(what, style=style)))
        return table

    def on_mount(self) -> None:
        cursor_on_first_line(self, "#help-title")  # --screen-reader


def speaker_legend(annotations: Annotations | None, article: ArticleView
                   ) -> list[tuple[str, Style]]:
    """Each speaker's name (isolated: it reads in its own direction) and the style of
    their spans."""
    if annotations is None:
        return []
    legend = []
    for entity_id, index in speaker_indexes(annotations, SPEAKER_CLASSES).items():
        name = annotations.name_of(entity_id) or _(NO_SPEAKER)
        style = article.get_component_rich_style(f"article--speaker-{index}")
        legend.append((fill("{name}", name=name), style))
    return legend
