"""The reader app: article view, side panel, status line; keys in the habits of less and vim.

The app is thin: it builds the widgets and the controllers (reader/ui/controllers), names the
keys, and routes each key and each widget's message to the feature that owns it: navigation
(jumps, focus, history), search, copy and links, reading comfort, annotating, the language,
the panel's place, the status line. Layout lives in :mod:`reader.text`, the content model in
:mod:`reader.content`.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path

from rich.console import RenderableType
from textual import events
from textual.app import ComposeResult
from textual.notifications import SeverityLevel
from textual.theme import Theme
from textual.widgets import ListView, Static

from reader.content.annotations.home import FoundAnnotations
from reader.content.annotations.model import Annotations
from reader.content.document import Document
from reader.content.formats import DEFAULT_EXTRACT, Progress
from reader.content.loading import Pending
from reader.i18n import _
from reader.resources import styles_dir
from reader.state.positions import PositionStore, document_key
from reader.state.preferences import PreferenceStore
from reader.state.search import SearchSession
from reader.state.trail import Trail, Visit
from reader.terminal.plan import LOGICAL
from reader.text.chrome import ChromeStyle, ui_line
from reader.ui.controllers.annotating import Annotating
from reader.ui.controllers.appearance import Appearance
from reader.ui.controllers.argument_map import ArgumentMap
from reader.ui.controllers.comfort import ComfortSettings, ReadingComfort
from reader.ui.controllers.language import Language
from reader.ui.controllers.loading import Loading
from reader.ui.controllers.look_up import WordLookUp
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.notices import Notices
from reader.ui.controllers.panel import PanelPlacement
from reader.ui.controllers.preferences import Remembered
from reader.ui.controllers.search_control import SearchControl
from reader.ui.controllers.status import Status
from reader.ui.controllers.status_note import StatusNote
from reader.ui.controllers.text_out import TextOut
from reader.ui.decisions.input_first import InputFirst
from reader.ui.decisions.notices import startup_notices
from reader.ui.decisions.title import chrome_direction, title_line
from reader.ui.keys import BINDINGS as KEYS
from reader.ui.keys import routed
from reader.ui.screens.command_palette import ReaderCommandPalette
from reader.ui.screens.help import HelpScreen, speaker_legend
from reader.ui.screens.palette_commands import GoToProvider, MarksProvider, SystemCommands
from reader.ui.terminal_output.cell_filters import filters_for
from reader.ui.terminal_output.colours import SIXTEEN_COLOUR_LIGHT_THEME
from reader.ui.textual_private import HookedApp, line_filters, show_terminal_cursor
from reader.ui.themes import variable_defaults
from reader.ui.widgets.argument_map import MapTree
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.backdrops import Body, MainScreen
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.look_up_popup import LookUpPopup
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.side_panel import SidePanel

STARTUP_SETTLED = 0.5  # seconds after mounting: the panel is built, the first frames drawn
SEARCH_AHEAD_CHARS = 1_000_000  # documents this long get their search index in the background


@routed  # the keys that only ask one feature (reader.ui.keys.ROUTES)
class ReaderApp(HookedApp):
    """Read one document with its annotations."""

    CSS_PATH = str(styles_dir() / "reader.tcss")
    COMMANDS = {SystemCommands, GoToProvider, MarksProvider}
    TITLE = "reader"

    BINDINGS = KEYS  # reader/ui/keys.py

    def __init__(
        self,
        document: Document,
        annotations: FoundAnnotations | Annotations | None = None,
        *,
        bidi_mode: str = "explicit",
        positions: PositionStore | None = None,
        terminal_warning: str | None = None,
        pending: Pending | None = None,
        annotations_path: Path | None = None,
        theme: str | None = None,
        preferences: PreferenceStore | None = None,
        comfort: ComfortSettings | None = None,
        trail: Trail | None = None,
        landing: Visit | None = None,
    ) -> None:
        """``annotations``: what looking for them gave (with their problems), or the
        annotations alone. ``pending``: the rest of a big file or a book
        (controllers.loading). ``comfort``: measure, harakat, numbers (default: as saved).
        ``trail`` and ``landing``: the documents of a debate read before this one, and
        where to land in it (controllers.argument_map)."""
        super().__init__()
        self.document = document
        self.pending = pending
        self.found = (annotations if isinstance(annotations, FoundAnnotations)
                      else FoundAnnotations(annotations))
        line_filters(self).extend(filters_for(bidi_mode))  # what this terminal needs; crops
        self.appearance = Appearance(self, bidi_mode)
        # --screen-reader: rows in logical order, one column (reader.terminal.plan)
        self.logical = bidi_mode == LOGICAL
        # the chrome too: this app's, read by what draws it (reader.ui.chrome_style)
        self.chrome_style = ChromeStyle.LOGICAL if self.logical else ChromeStyle.VISUAL
        self.set_class(self.logical, "-screen-reader")  # dialogs on the whole screen
        self.positions = positions
        self.terminal_warning = terminal_warning
        self.remembered = Remembered(self, preferences)
        self.appearance.start(theme, self.remembered.saved.theme)
        self.direction = chrome_direction(document)  # every line of chrome's base direction
        self._doc_key = document_key(document.path, document.text, document.url)
        self.search = SearchSession(document.paragraphs,
                                    self.annotations.alias_lists() if self.annotations else None)
        # The features, each owning its state (reader/ui/controllers).
        # every notice: the status line, or lines above it
        self.notices = Notices(self, announce=self.logical)
        wrapped = StatusNote(self)  # "search wrapped", "wrapped": search's and ]'s
        self.navigation = Navigation(self, wrapped)
        # background work (line counts, word index, folding) gives way to keys
        self.input_first = InputFirst()
        self.searching = SearchControl(self, self.search, self.navigation, wrapped,
                                       self.input_first, settled=self.words_analysed)
        self.text_out = TextOut(self, self.navigation, self.search)
        self.comfort = ReadingComfort(
            self, self.navigation,
            comfort or ComfortSettings.resolve(self.remembered.saved.reading),
            self.remembered.save_reading, positions, self._doc_key)
        line_filters(self).insert(0, self.comfort.harakat_filter)
        self.annotating = Annotating(self, self.navigation, self.search,
                                     self.text_out.selection_span, annotations_path)
        self.language = Language(self, getattr(positions, "directory", None))
        self.placement = PanelPlacement(self, one_column=self.logical)
        self.loading = Loading(self, self.placement.document_grew)
        looked_up = StatusNote(self)  # why a word cannot be looked up
        self.looking = WordLookUp(self, self.search, self.navigation, self.searching,
                                  self.text_out.selection_span, self.text_out.copy,
                                  looked_up)
        self.status = Status(self, self.navigation, self.search,
                             [self.notices.note, wrapped, self.text_out.note, looked_up],
                             announce=self.logical, with_moves=(wrapped,))
        self.argument_map = ArgumentMap(self, self.navigation, trail, landing)
        self.navigation.elsewhere = self.argument_map.open_elsewhere

    # -- layout -----------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        return MainScreen(id="_default")

    @property
    def annotations(self) -> Annotations | None:
        """The annotations shown (None: no file, or one that could not be read)."""
        return self.found.annotations

    def compose(self) -> ComposeResult:
        yield BidiText(title_line(self.document, self.direction, self.chrome_style),
                       direction=self.direction, id="title")
        with Body(id="body"):
            yield ArticleView(self.document, self.annotations, partial=self.pending is not None,
                              logical=self.logical, on_moved=self.article_moved,
                              input_first=self.input_first, id="article",
                              **self.comfort.settings.view_options())
            yield SidePanel(self.document, self.annotations, self.direction, id="panel")
        yield Static("", id="too-small")
        yield SearchBar(self.search, id="search-bar")
        yield BidiText("", id="notices")  # start-up warnings (controllers.notices)
        yield BidiText("", id="status", direction=self.direction)
        yield KeyBar(id="keys")
        yield LookUpPopup(id="look-up")  # on the overlay layer, shown by l (controllers.look_up)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SidePanel:
        return self.query_one(SidePanel)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    # -- Textual's hooks, answered by the features -----------------------------------

    @property
    def available_themes(self) -> dict[str, Theme]:
        themes = super().available_themes
        appearance = getattr(self, "appearance", None)  # (None while App.__init__ runs)
        return themes if appearance is None else appearance.themes(themes)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        appearance = getattr(self, "appearance", None)  # (None while App.__init__ runs)
        light = self.theme == SIXTEEN_COLOUR_LIGHT_THEME
        return variable_defaults(False, light) if appearance is None \
            else appearance.variable_defaults()

    def watch_theme(self, name: str) -> None:
        remembered = getattr(self, "remembered", None)  # (None while App.__init__ runs)
        if remembered is not None and not self.appearance.ansi:
            remembered.theme_chosen(name)

    def before_output(self, update: RenderableType) -> RenderableType:
        appearance = getattr(self, "appearance", None)  # (None while App.__init__ runs)
        status = getattr(self, "status", None)
        if status is not None:  # --screen-reader: a notice announced takes the cursor
            announced = (status.announced.cursor(self.cursor_position)
                         or self.notices.announced.cursor(self.cursor_position))
            if announced is not None:
                self.cursor_position = announced
        return update if appearance is None else appearance.output(update)

    def ended_by(self, error: Exception) -> bool:
        return self.loading.ended_by(error)

    # -- starting, loading, ending ----------------------------------------------------

    def on_mount(self) -> None:
        self.remembered.start()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)
        self.article.focus()
        if self.logical:
            show_terminal_cursor(self)  # screen readers follow it (ArticleView.attention)
        self.placement.start()
        self.placement.fit(self.size)
        self.language.apply()
        self.comfort.open_saved_place(self.finish_loading)
        self.call_after_refresh(self.argument_map.land)
        notice = self.positions.notice if self.positions is not None else None
        self.notices.warn(startup_notices(notice, self.found.problems, self.terminal_warning,
                                          self.document.problems, self.document.notice))
        self.call_after_refresh(self.update_status)
        if self.pending is not None:
            self.call_after_refresh(self.finish_loading)
        self.set_timer(STARTUP_SETTLED, self.loading.freeze)
        if len(self.document.text) > SEARCH_AHEAD_CHARS or self.pending is not None:
            self.set_timer(STARTUP_SETTLED, self.searching.start_ahead)

    def finish_loading(self) -> None:
        self.loading.finish()

    async def on_event(self, event: events.Event) -> None:
        if self.pending is not None and isinstance(event, events.Key | events.MouseDown):
            self.finish_loading()  # no command ever sees half a document
        if isinstance(event, events.Key):
            self.status.key_pressed()  # --screen-reader: the cursor back from a notice
            self.notices.key_pressed()
            self.input_first.key_pressed()  # the background work gives way
        if isinstance(event, events.Key) and self.query(ArticleView):
            self.article.cancel_pick()  # a double-click and a key: the key's, no look-up
        await super().on_event(event)
        if isinstance(event, events.Key):  # (after the key's refreshes were asked for)
            self.screen.call_after_refresh(self.input_first.key_drawn)

    async def on_key(self, event: events.Key) -> None:
        """Keys no widget took, in the order they were typed, before the bindings: the
        letter after ``m`` or ``'``, keys typed before the go-to field had the focus."""
        if self.comfort.take_key(event):
            event.stop()
            event.prevent_default()

    def on_unmount(self) -> None:
        self.loading.end()
        self.searching.end()  # the collector's thresholds as they were

    def on_resize(self, event: events.Resize) -> None:
        self.placement.fit(event.size)
        self.call_after_refresh(self.update_status)  # the view's height and place changed

    async def action_quit(self) -> None:
        self.comfort.remember_place()
        self.remembered.save()
        self.exit()

    async def action_switch_extract(self) -> None:
        """``X``: a web page read again the other way, its article or the whole page (the
        app ends and the command line opens it again: reader.ui.launch)."""
        if self.loading.switch_extract():
            await self.action_quit()

    async def action_copy_or_quit(self) -> None:
        """Ctrl+C: copy the selection when there is one (Textual's habit), else quit."""
        if self.article.selection is not None:
            self.text_out.copy()
        else:
            await self.action_quit()

    # -- routing: the widgets' messages -----------------------------------------------

    def update_status(self) -> None:
        self.status.update()

    def say(self, message: str, seconds: float | None = None) -> None:
        self.notices.say(message, seconds)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notifications (its own, a screenshot saved...) are told as the
        reader's are, in the status line (:meth:`say`): never a toast over the text."""
        self.notices.from_textual(message, title, timeout, markup)

    def article_moved(self) -> None:
        """The top of the text moved (ArticleView's ``on_moved``)."""
        self.searching.show_hits()
        self.update_status()

    def on_article_view_counted(self, message: ArticleView.Counted) -> None:
        self.loading.freeze_settled(thaw=message.again)  # (again: after a resize)

    def words_analysed(self) -> None:
        """The word index is built: it lives as long as the document, out of the
        collector's full passes like what the counting built."""
        self.loading.freeze_settled(thaw=False)

    def on_article_view_link_clicked(self, message: ArticleView.LinkClicked) -> None:
        self.text_out.follow_link(message.url)

    def on_article_view_link_hovered(self, message: ArticleView.LinkHovered) -> None:
        self.text_out.show_link(message.url)

    def on_article_view_span_clicked(self, message: ArticleView.SpanClicked) -> None:
        self.navigation.set_focus(message.entry_id)
        self.navigation.follow(message.entry_id)

    def on_article_view_word_picked(self, message: ArticleView.WordPicked) -> None:
        self.looking.picked(message.span)

    def on_look_up_popup_closed(self, message: LookUpPopup.Closed) -> None:
        self.looking.closed(message.what, message.place)

    def on_side_panel_selected(self, message: SidePanel.Selected) -> None:
        self.go_to_entry(message.entry_id)
        self.placement.close_over_text()  # the entry's place, not the panel over it

    def on_map_tree_selected(self, message: MapTree.Selected) -> None:
        self.argument_map.go(message.node)

    def on_search_bar_changed(self, _message: SearchBar.Changed) -> None:
        self.searching.changed()

    def on_search_bar_submitted(self, _message: SearchBar.Submitted) -> None:
        self.searching.submitted()
        self.remembered.save()  # the query joined the search history

    def on_search_bar_cancelled(self, _message: SearchBar.Cancelled) -> None:
        self.searching.cancelled()

    # -- routing: the palette's entries (screens.palette_commands.PaletteSource) ------

    @property
    def marks(self) -> dict[str, tuple[int, int]]:
        return self.comfort.marks

    def go_to_entry(self, entry_id: str) -> None:
        self.navigation.go_to_entry(entry_id)

    def jump_to_mark(self, letter: str | None) -> None:
        self.comfort.jump_to_mark(letter)

    # -- routing: the keys ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Claim keys belong to annotated documents, link keys to documents without
        claims: elsewhere the key bar does not offer them (and they do nothing)."""
        if action in ("next_span", "previous_span"):
            return self.annotations is not None and bool(self.annotations.claims)
        if action in ("next_link", "previous_link"):
            return self.text_out.link_keys_enabled()
        return True

    def action_follow(self) -> None:
        if not isinstance(self.focused, ListView | EntryList | MapTree):  # a list takes Enter
            self.text_out.follow()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(speaker_legend(self.annotations, self.article)))

    def action_command_palette(self) -> None:
        """Textual's palette, with what is typed in it shaped and in visual order."""
        if self.use_command_palette and not ReaderCommandPalette.is_open(self):
            self.push_screen(ReaderCommandPalette(
                id="--command-palette",
                placeholder=ui_line(_("Search for commands…"), style=self.chrome_style)))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """After the palette that asked for it has closed."""
        self.set_timer(0.1, lambda: self.deliver_screenshot(filename, path))


def create_app(
    path: str | Path | None = None,
    annotations: Path | None = None,
    *,
    bidi_mode: str = "explicit",
    direction: str = "auto",
    positions: PositionStore | None = None,
    errors: str = "strict",
    encoding: str = "",
    kind: str = "",
    terminal_warning: str | None = None,
    progress: Progress | None = None,
    document: Document | None = None,
    theme: str | None = None,
    preferences: PreferenceStore | None = None,
    measure: int | None = None,
    harakat: str | None = None,
    numbers: bool | None = None,
    extract: str = DEFAULT_EXTRACT,
    trail: Trail | None = None,
    landing: Visit | None = None,
) -> ReaderApp:
    """Build the app from a file or URL (None: the bundled article): the one way, used by
    the command line and the tests. ``direction`` other than ``auto`` sets every paragraph's
    base direction (and so loads the whole file at once). ``progress`` is told how a URL's
    download goes (it happens here, before the app runs). ``document``: one already read
    (standard input), instead of ``path``. ``encoding`` and ``kind`` are ``--encoding`` and
    ``--as``; ``extract``: a web page's article or all of it. ``trail`` and ``landing``:
    a document of a debate opened from another one (reader.ui.controllers.argument_map)."""
    from reader.content.annotations.file import load_annotations_for
    from reader.content.loading import open_for_reading

    whole = direction != "auto"
    if document is not None:
        pending = None
        found = load_annotations_for(document, annotations)
    else:
        document, pending, found = open_for_reading(
            path, annotations, errors, whole=whole, progress=progress, encoding=encoding,
            kind=kind, extract=extract)
    if whole:
        document.directions = [direction] * len(document.paragraphs)
    saved = preferences.load().reading if preferences is not None else {}
    comfort = ComfortSettings.resolve(saved, measure=measure, harakat=harakat, numbers=numbers)
    return ReaderApp(document, found, bidi_mode=bidi_mode, positions=positions,
                     terminal_warning=terminal_warning, pending=pending,
                     annotations_path=annotations, theme=theme, preferences=preferences,
                     comfort=comfort, trail=trail, landing=landing)
