"""The interface's language: choosing it ("Language…" in the palette), remembering it, and
applying a change to everything on screen.

Textual has no right-to-left layout and no translations of its own: every string of the
chrome is laid out by :mod:`reader.text.chrome` in the interface's direction, and what
Textual draws itself (the palette's system commands) is replaced by translated entries
(:class:`reader.ui.screens.palette_commands.SystemCommands`).
"""

from __future__ import annotations

from pathlib import Path

from reader import i18n
from reader.i18n import _
from reader.text.chrome import isolate, ui_direction
from reader.ui.controllers.host import Reader
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.key_bar import KeyBar


class Language:
    """Chooses, remembers and applies the interface's language."""

    def __init__(self, reader: Reader, state_directory: Path | None) -> None:
        """``state_directory``: where the choice is kept (beside the positions the app was
        given: a test's own folder, say; None: the user's state directory)."""
        self.reader = reader
        self.state_directory = state_directory

    def choose(self) -> None:
        choices = [("", _("From the locale ({language})").format(
            language=isolate(i18n.LANGUAGES[i18n.from_environment()].name)))]
        choices += [(code, i18n.LANGUAGES[code].name) for code in i18n.available()]

        def chosen(code: str | None) -> None:
            if code is not None:
                self.change(code or None)

        self.reader.app.push_screen(ChooseTarget(_("Language…"), choices, ui_direction()),
                                    chosen)

    def change(self, code: str | None) -> None:
        """Speak ``code`` (None: the locale's language) from now on, and remember it."""
        from reader.state.language import LanguageStore

        i18n.set_language(code or i18n.from_environment())
        LanguageStore(self.state_directory).save(code)
        self.apply()

    def apply(self) -> None:
        """The chrome in the interface's language and direction: mirrored when it reads
        right to left (the status line's fields from the right, the panel at the right)."""
        reader = self.reader
        app = reader.app
        rtl = i18n.is_rtl()
        app.set_class(rtl, "-rtl-interface")
        app.refresh_bindings()
        app.query_one("#status", BidiText).direction = ui_direction() if rtl \
            else reader.direction
        if rtl:
            reader.panel.styles.dock = "right"
        reader.search_bar.mirror(rtl)
        app.query_one(KeyBar).refresh()
        reader.update_status()
