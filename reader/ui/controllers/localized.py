"""The app in its interface language: chrome strings laid out in the interface's direction,
the palette's own commands translated (with "Language…"), and a language change applied to
everything on screen.

Textual has no right-to-left layout and no translations of its own; what it draws itself
(the command palette's system commands and prompt) is replaced here by translated entries
laid out by the core, like every other string of the chrome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader import i18n
from reader.i18n import N_, _
from reader.text.chrome import isolate, ui_direction, ui_line
from reader.ui.textual_private import HookedApp

# Textual's own words that the reader shows (the command palette key's description).
TEXTUAL_WORDS = (N_("palette"),)

# (title, help, action on the app): the palette's own commands, in place of Textual's.
SYSTEM_COMMANDS: list[tuple[str, str, str]] = [
    (N_("Language…"), N_("Choose the interface's language (remembered)"), "choose_language"),
    (N_("Keys"), N_("Show every key the reader knows"), "help"),
    (N_("Theme"), N_("Change the colours"), "change_theme"),
    (N_("Screenshot"), N_("Save an SVG picture of the screen"), "screenshot"),
    (N_("Quit"), N_("Quit the reader (your place is remembered)"), "quit"),
]


class SystemCommands(Provider):
    """Textual's system commands, translated and laid out by the core: matched against
    the translated title as typed (logical order) and the English one, shown in visual
    order."""

    def _entries(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        app = self.app
        entries = []
        for title, help_text, action in SYSTEM_COMMANDS:
            shown = ui_line(_(title))
            plain = f"{_(title)} {title}"
            callback = partial(app.run_action, action)
            entries.append((plain, shown, ui_line(_(help_text)), callback))
        return entries

    async def discover(self) -> Hits:
        for _plain, shown, help_text, callback in self._entries():
            yield DiscoveryHit(shown, callback, text=shown, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for plain, shown, help_text, callback in self._entries():
            score = matcher.match(plain)
            if score > 0:
                yield Hit(score, shown, callback, text=shown, help=help_text)


class LocalizedApp(HookedApp):
    """What the reader app adds for its interface language (a base class of ReaderApp)."""

    COMMANDS = {SystemCommands}

    def action_screenshot(self) -> None:
        self.set_timer(0.1, self.deliver_screenshot)

    def action_choose_language(self) -> None:
        from reader.ui.screens.chooser import ChooseTarget

        choices = [("", _("From the locale ({language})").format(
            language=isolate(i18n.LANGUAGES[i18n.from_environment()].name)))]
        choices += [(code, i18n.LANGUAGES[code].name) for code in i18n.available()]

        def chosen(code: str | None) -> None:
            if code is not None:
                self.change_language(code or None)

        self.push_screen(ChooseTarget(_("Language…"), choices, ui_direction()), chosen)

    def change_language(self, code: str | None) -> None:
        """Speak ``code`` (None: the locale's language) from now on, and remember it."""
        from reader.state.language import LanguageStore

        i18n.set_language(code or i18n.from_environment())
        # Beside the positions the app was given (a test's own folder, say).
        positions = getattr(self, "positions", None)
        LanguageStore(getattr(positions, "directory", None)).save(code)
        self.apply_language()

    def apply_language(self) -> None:
        """Redraw the chrome in the current language and direction (the app overrides it
        to reach its own widgets)."""
        self.set_class(i18n.is_rtl(), "-rtl-interface")
        self.refresh_bindings()


def system_command_titles() -> Iterable[str]:
    """The palette's own commands as shown (for tests)."""
    return (_(title) for title, _help, _action in SYSTEM_COMMANDS)
