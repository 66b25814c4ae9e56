"""What fits on the screen: the side panel beside the text when it leaves the article enough
columns, else hidden and shown over the text when asked for (``p``), on either side
(``\\``); and a word instead of the reader when the terminal is too small."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from reader.i18n import _, number
from reader.text.chrome import chrome_lines, ui_direction
from reader.ui.controllers.host import Reader
from reader.ui.decisions.panel_fit import panel_fits

MIN_WIDTH, MIN_HEIGHT = 30, 8


class PanelPlacement:
    """Owns whether the panel is wanted beside the text (``p`` toggles it on a wide
    screen; a narrow one hides it, and ``p`` shows it over the text)."""

    def __init__(self, reader: Reader, *, one_column: bool = False) -> None:
        """``one_column`` (``--screen-reader``): the panel never beside the text, only over
        it when asked for, so that every row is one line of the article."""
        self.reader = reader
        self.one_column = one_column
        self.wanted = True
        # Hidden at start for having nothing to list (not by p): the rest of a book may
        # bring headings, and then the panel is shown (document_grew).
        self.hidden_as_empty = False

    def start(self) -> None:
        """At mount: an empty panel (most plain text) leaves the whole width to the text;
        ``p`` still shows it."""
        panel = self.reader.panel
        if panel.is_empty:
            panel.display = False
            self.wanted = False
            self.hidden_as_empty = True

    def fit(self, size: Size) -> None:
        """The panel beside the text when it leaves the article enough columns; else
        hidden, and over the text when asked for. Too small: a word saying so."""
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        app = self.reader.app
        app.screen.set_class(small, "too-small")
        if small:
            message = _("Terminal too small ({width}×{height}); reader needs at least "
                        "{min_width}×{min_height}.").format(
                            width=number(size.width), height=number(size.height),
                            min_width=number(MIN_WIDTH), min_height=number(MIN_HEIGHT))
            # Wrapped by the core, each line in visual order and short enough that Textual
            # only centres it: wrapping a visual line again would put its end first.
            lines = chrome_lines(message, size.width, ui_direction(),
                                 style=self.reader.chrome_style)
            app.query_one("#too-small", Static).update(
                Text("\n".join(line for line, _cells, _rtl in lines)))
        panel = self.reader.panel
        narrow = self.one_column or not panel_fits(size.width)
        if narrow == panel.has_class("-overlay"):
            return
        panel.set_class(narrow, "-overlay")
        panel.display = not narrow and self.wanted
        if not panel.display and panel.has_focus_within:
            self.reader.article.focus()

    def document_grew(self) -> None:
        """The rest of a document was read (a book's later chapters): the panel lists what
        it brought, and a panel hidden for having nothing to list (:meth:`start`) is shown
        once it has something, unless the screen is narrow."""
        panel = self.reader.panel
        panel.document_grew()
        if self.hidden_as_empty and not panel.is_empty:  # as start and fit would have
            self.hidden_as_empty = False
            self.wanted = True
            panel.display = not panel.has_class("-overlay")

    def toggle(self) -> None:
        self.hidden_as_empty = False  # the reader's own choice from now on
        panel = self.reader.panel
        panel.display = not panel.display
        if not panel.has_class("-overlay"):
            self.wanted = panel.display
        if not panel.display:
            self.reader.article.focus()
        elif self.one_column:  # --screen-reader: over the whole text, its list focused
            panel.focus_list()  # (and the cursor on its entry)

    def close_over_text(self) -> bool:
        """Close the panel where it is shown over the text (a narrow screen, or
        ``--screen-reader``'s screen of its own) and give the text the focus; True when it
        was. Esc, a chosen entry and ``/`` do, as a table of contents over an e-reader's
        page closes once it has taken the reader somewhere: else the place it took them to,
        or the search's hits, stay hidden under it. The panel beside the text stays."""
        panel = self.reader.panel
        if not (panel.display and panel.has_class("-overlay")):
            return False
        panel.display = False
        self.reader.article.focus()
        return True

    @property
    def side(self) -> str:
        return "left" if self.reader.panel.styles.dock == "left" else "right"

    def move(self) -> None:
        self.reader.panel.styles.dock = "left" if self.side == "right" else "right"
