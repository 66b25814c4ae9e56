"""The app in its interface language: chrome strings laid out in the interface's direction,
the palette's own commands translated (with "Language…"), and a language change applied to
everything on screen.

Textual has no right-to-left layout and no translations of its own; what it draws itself
(the command palette's system commands and prompt) is replaced here by translated entries
laid out by the core, like every other string of the chrome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache, partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader import i18n
from reader.i18n import N_, _
from reader.ui.widgets.bidi_text import visual_lines

FSI, PDI = "\u2068", "\u2069"


def isolate(value: object) -> str:
    """A value put in a translated template: its own direction inside, one neutral outside,
    so a Latin file name cannot pull the Arabic words around it out of order."""
    return f"{FSI}{value}{PDI}"


def ui_direction() -> str:
    return "rtl" if i18n.is_rtl() else "ltr"


def ui_line(text: str, direction: str | None = None, width: int | None = None) -> str:
    """One line of chrome in visual order, laid out by the core in the interface's
    direction (or ``direction``), for places that take a plain string: notifications,
    palette entries, the key bar's descriptions. Long text is not wrapped; with ``width``
    it is cut at its logical end (an ellipsis at the left of a right-to-left line), so
    that a widget that would wrap it again never puts a line's end first."""
    return _laid_out(text, direction or ui_direction(), width)


@lru_cache(maxsize=1024)
def _laid_out(text: str, direction: str, width: int | None) -> str:
    """:func:`ui_line`'s work, cached: the key bar asks again at every repaint."""
    lines = visual_lines(text, width or 10_000, direction)
    if width and len(lines) > 1:
        first = visual_lines(text, max(1, width - 1), direction)[0]
        return "…" + first[0] if first[2] else first[0] + "…"
    return "  ".join(line for line, _cells, _rtl in lines)


def ui_block(text: str) -> str:
    """Each line of ``text`` (a notification of several lines) in visual order."""
    return "\n".join(ui_line(line) for line in text.split("\n"))


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


class LocalizedApp(App[None]):
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
