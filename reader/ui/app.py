"""The reader app: article view, side panel, status line; keys in the habits of less and vim.

The app wires widgets together and keeps the navigation state (focused span, history);
layout lives in :mod:`reader.text`, the content model in :mod:`reader.content`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.theme import Theme
from textual.widgets import ListView, Static

from reader.content.annotation_home import FoundAnnotations
from reader.content.annotations import Annotations, Problem, Span
from reader.content.document import Document
from reader.content.formats import Progress
from reader.content.loading import PendingText, finish_loading
from reader.errors import ReaderError
from reader.i18n import _, ngettext, number
from reader.resources import styles_dir
from reader.state.history import History, Place, Stop
from reader.state.positions import PositionStore, document_key
from reader.state.preferences import Preferences, PreferenceStore
from reader.state.search import SearchSession
from reader.text.chrome import (
    chrome_line,
    fill,
    join_fields,
    text_direction,
    ui_block,
    ui_direction,
    ui_line,
)
from reader.text.safe import visible
from reader.ui.controllers.annotating import AnnotatingMixin
from reader.ui.controllers.comfort import COMFORT_BINDINGS, ComfortSettings, ReadingComfort
from reader.ui.controllers.localized import LocalizedApp
from reader.ui.controllers.search_control import SearchControl
from reader.ui.controllers.text_out import TextOut
from reader.ui.decisions.panel_fit import panel_fits
from reader.ui.decisions.span_steps import step_span
from reader.ui.decisions.speakers import speaker_indexes
from reader.ui.decisions.status_line import StatusInputs, View, current_chapter, status_text
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.screens.command_palette import ReaderCommandPalette
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.palette_commands import GoToProvider, MarksProvider
from reader.ui.terminal_output.cell_filters import filters_for
from reader.ui.terminal_output.colours import SIXTEEN_COLOUR_LIGHT_THEME, use_terminal_palette
from reader.ui.terminal_output.kitty_output import KittyOutput
from reader.ui.textual_private import line_filters
from reader.ui.themes import DARK, LIGHT, THEMES, theme_option, variable_defaults
from reader.ui.widgets.article_view import SPEAKER_CLASSES, ArticleView
from reader.ui.widgets.backdrops import Body, MainScreen
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.side_panel import SidePanel, entry_line

MIN_WIDTH, MIN_HEIGHT = 30, 8
STARTUP_SETTLED = 0.5  # seconds after mounting: the panel is built, the first frames drawn
SEARCH_AHEAD_CHARS = 1_000_000  # documents this long get their search index in the background

if TYPE_CHECKING:
    from rich.console import RenderableType


class ReaderApp(ReadingComfort, TextOut, AnnotatingMixin, LocalizedApp):
    """Read one document with its annotations."""

    CSS_PATH = str(styles_dir() / "reader.tcss")
    COMMANDS = LocalizedApp.COMMANDS | {GoToProvider, MarksProvider}
    TITLE = "reader"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        # Ctrl+C copies the selection when there is one, else quits, remembering the place.
        Binding("ctrl+c", "copy_or_quit", "Quit", show=False, priority=True),
        Binding("y", "copy", "Copy", show=False),
        Binding("Y", "copy(True)", "Copy as quote", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("right_square_bracket", "next_span", "Next claim", key_display="]"),
        Binding("left_square_bracket", "previous_span", "Prev claim", key_display="[",
                show=False),
        # The same keys step through links in a document without claims (Markdown).
        Binding("right_square_bracket", "next_link", "Next link", key_display="]"),
        Binding("left_square_bracket", "previous_link", "Prev link", key_display="[",
                show=False),
        Binding("enter", "follow", "Follow", show=False),
        Binding("backspace,alt+left", "back", "Back", key_display="⌫"),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("p", "toggle_panel", "Panel"),
        Binding("backslash", "move_panel", "Panel side", key_display="\\", show=False),
        Binding("v", "toggle_controls", "Show controls", show=False),
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("j,down", "scroll_lines(1)", "Down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "search_step(1)", "Next hit", show=False),
        Binding("N", "search_step(-1)", "Previous hit", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("g,home", "go_start", "Start", show=False),
        Binding("a", "annotate", "Annotate", show=False),
        Binding("e", "edit_entry", "Edit entry", show=False),
        Binding("x", "remove_entry", "Remove entry", show=False),
        Binding("u", "undo_annotation", "Undo", show=False),
        Binding("G,end", "go_end", "End", show=False),
        *(Binding(str(n), f"chapter({n})", f"Chapter {n}", show=False) for n in range(1, 10)),
        *COMFORT_BINDINGS,  # : m ' < > H # (reader.ui.controllers.comfort)
    ]

    def __init__(
        self,
        document: Document,
        annotations: FoundAnnotations | Annotations | None = None,
        *,
        bidi_mode: str = "explicit",
        positions: PositionStore | None = None,
        terminal_warning: str | None = None,
        pending: PendingText | None = None,
        annotations_path: Path | None = None,
        theme: str | None = None,
        preferences: PreferenceStore | None = None,
        comfort: ComfortSettings | None = None,
    ) -> None:
        """``annotations``: what looking for the annotations gave (:class:`FoundAnnotations`,
        which keeps their problems), or an :class:`Annotations` alone. ``pending`` is the
        rest of a big file, loaded after the first frame (see
        :mod:`reader.content.loading`); a bad byte in it ends the app with
        :attr:`load_error` set. ``annotations_path`` is ``--annotations FILE``: where
        annotating writes (else beside the document, or in the state directory).
        ``comfort``: measure, harakat, numbers (default: as saved)."""
        super().__init__()
        self.document = document
        self.pending = pending
        self.load_error: str | None = None
        self.found = (annotations if isinstance(annotations, FoundAnnotations)
                      else FoundAnnotations(annotations))
        self.annotations_path = annotations_path
        self.bidi_mode = bidi_mode
        line_filters(self).extend(filters_for(bidi_mode))  # what this terminal needs; crops
        self._kitty = KittyOutput() if bidi_mode == "kitty" else None
        self._ansi = use_terminal_palette(self)  # 16 colours: the terminal's own
        self.positions = positions
        self.terminal_warning = terminal_warning
        self.history: History[Stop] = History()
        # The theme: --theme, else the one chosen last time, else dark.
        self.preferences = preferences
        self._prefs = preferences.load() if preferences is not None else Preferences()
        self._started = False  # the theme set here is not a choice to remember
        for reader_theme in THEMES:
            self.register_theme(reader_theme)
        if not self._ansi:
            self.theme = theme_option(theme) or theme_option(self._prefs.theme) or DARK
        self.focused_entry: str | None = None
        self.last_chapter: str | None = None
        # The base direction of every line of chrome: the document's.
        forced = set(document.directions) - {"auto"}
        self.direction = forced.pop() if len(forced) == 1 else text_direction(
            [document.title or "", *document.paragraphs[:50]])
        self._doc_key = document_key(document.path, document.text, document.url)
        self.comfort = comfort or ComfortSettings.resolve(self._prefs.reading)
        self.marks = positions.marks(self._doc_key) if positions is not None else {}
        self.search = SearchSession(document.paragraphs,
                                    self.annotations.alias_lists() if self.annotations else None)
        self.searching = SearchControl(self, self.search)
        self._frozen = False
        # Whether the panel is wanted beside the text (p toggles it on a wide screen; a
        # narrow one hides it and p shows it over the text).
        self._panel_wanted = True

    # -- layout -----------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        return MainScreen(id="_default")

    @property
    def annotations(self) -> Annotations | None:
        """The annotations shown (None: no file, or one that could not be read)."""
        return self.found.annotations

    @property
    def problems(self) -> list[Problem]:
        """The annotation file's problems, as :attr:`found` keeps them."""
        return self.found.problems

    def compose(self) -> ComposeResult:
        yield BidiText(join_fields([self.document.title or "reader"], self.direction),
                       direction=self.direction, id="title")
        with Body(id="body"):
            yield ArticleView(self.document, self.annotations, partial=self.pending is not None,
                              id="article",
                              **self.comfort.view_options())
            yield SidePanel(self.document, self.annotations, self.direction, id="panel")
        yield Static("", id="too-small")
        yield SearchBar(self.search, id="search-bar")
        yield BidiText("", id="status", direction=self.direction)
        yield KeyBar(id="keys")

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SidePanel:
        return self.query_one(SidePanel)

    @property
    def available_themes(self) -> dict[str, Theme]:
        """The reader's two themes only: their colours are checked for contrast."""
        themes = super().available_themes
        if getattr(self, "_ansi", False):
            return themes  # 16 colours: the ANSI theme (reader.ui.terminal_output.colours)
        own = {name: themes[name] for name in (DARK, LIGHT) if name in themes}
        return own or themes  # before they are registered (App.__init__)

    def before_output(self, update: RenderableType) -> RenderableType:
        """kitty: its reversed words made on what is written, after the compositor's crops
        (reader.ui.terminal_output.kitty_output)."""
        kitty = getattr(self, "_kitty", None)  # (None before __init__ has set it)
        return update if kitty is None else kitty.update(update)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # (the theme is set before the CSS is refreshed for it)
        return variable_defaults(getattr(self, "_ansi", False),
                                 self.theme == SIXTEEN_COLOUR_LIGHT_THEME)

    @property
    def uses_terminal_palette(self) -> bool:
        """True with 16 colours: the terminal's own palette (reader.ui.terminal_output.colours)."""
        return self._ansi

    def use_light_terminal(self) -> None:
        """The terminal's background is light (reader.ui.terminal_output.background):
        with 16 colours, the colours chosen for it. Called before the app runs."""
        if self._ansi:
            use_terminal_palette(self, light=True)

    def watch_theme(self, name: str) -> None:
        """Remember the theme chosen (with t, or the palette's "Change theme")."""
        if getattr(self, "_started", False) and not self._ansi and name != self._prefs.theme:
            self._prefs.theme = name
            self.save_preferences()

    def action_toggle_theme(self) -> None:
        if self._ansi:
            self.bell()  # 16 colours: the terminal's own palette, dark or light as it is
            return
        self.theme = LIGHT if self.theme == DARK else DARK

    def save_preferences(self) -> None:
        if self.preferences is None:
            return
        if self._started and self.query(SearchBar):
            self._prefs.search_history = list(self.search_bar.history)
        self.preferences.save(self._prefs)

    def on_mount(self) -> None:
        self._started = True
        self.search_bar.history = list(self._prefs.search_history)
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)
        self.article.focus()
        if self.panel.is_empty:
            self.panel.display = False  # the whole width for the text; p still shows it
            self._panel_wanted = False
        self._check_size()
        self._fit_panel()
        self.apply_language()
        if self.positions is not None:
            place = self.positions.get(self._doc_key)
            if place is not None and place[0] >= len(self.document.paragraphs):
                self.finish_loading()  # the place is in the part not loaded yet
            if place is not None:
                self.article.open_at(place)
            if self.positions.notice:
                # markup=False: a path or a quote may hold "[" (and never drives the screen)
                self.notify(ui_block(visible(self.positions.notice)),
                            severity="warning", markup=False)
        if self.problems:
            skipped = sum(1 for p in self.problems if p.skipped)
            count = len(self.problems)
            message = fill(ngettext(
                "{count} annotation problem, {skipped} skipped; first: {first}",
                "{count} annotation problems, {skipped} skipped; first: {first}", count),
                count=number(count), skipped=number(skipped), first=self.problems[0])
            self.notify(ui_block(message + "\n" + _("Run 'reader check' for the full list.")),
                        severity="warning", timeout=8, markup=False)
        if self.terminal_warning:
            self.notify(ui_block(self.terminal_warning), severity="warning",
                        timeout=10, markup=False)
        self.call_after_refresh(self.update_status)
        if self.pending is not None:
            self.call_after_refresh(self.finish_loading)
        self.set_timer(STARTUP_SETTLED, self._freeze_startup_objects)
        if len(self.document.text) > SEARCH_AHEAD_CHARS or self.pending is not None:
            self.set_timer(STARTUP_SETTLED, self.searching.start_ahead)

    def finish_loading(self) -> None:
        """Add the rest of a big file: right after the first frame, or at once when a key
        or a click comes first (no command ever sees half a document)."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        try:
            finish_loading(self.document, pending)
        except ReaderError as error:
            self.load_error = error.message
            self.exit(return_code=1)
            return
        if self.is_mounted:
            self.article.document_grew()
            self.update_status()

    def ended_by(self, error: Exception) -> bool:
        """A :class:`ReaderError` raised while drawing (python-bidi breaking mid-way, say)
        ends the app with its one-line message, like a load error, instead of a traceback."""
        if not isinstance(error, ReaderError):
            return False
        self.load_error = error.message
        self.exit(return_code=error.exit_code)
        return True

    async def on_event(self, event: events.Event) -> None:
        if self.pending is not None and isinstance(event, events.Key | events.MouseDown):
            self.finish_loading()
        await super().on_event(event)

    def _freeze_startup_objects(self) -> None:
        """What was built to open the document (widgets, styles, the document, its flow)
        lives as long as the app: take it out of the collector's full scans, which made
        every other resize frame twice as long. Given back at exit."""
        gc.freeze()
        self._frozen = True

    def on_unmount(self) -> None:
        if self.pending is not None:  # the app ended before the rest was needed
            self.pending.close()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)
        self._fit_panel(event.size.width)
        self.call_after_refresh(self.update_status)  # the view's height and place changed

    def _check_size(self, size: Size | None = None) -> None:
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.screen.set_class(small, "too-small")
        if small:
            self.query_one("#too-small", Static).update(ui_line(
                _("Terminal too small ({width}×{height}); reader needs at least "
                  "{min_width}×{min_height}.").format(
                      width=number(size.width), height=number(size.height),
                      min_width=number(MIN_WIDTH), min_height=number(MIN_HEIGHT))))

    # -- status -----------------------------------------------------------------------

    def status_inputs(self) -> StatusInputs:
        """What the status line shows now (see :mod:`reader.ui.decisions.status_line`)."""
        article = self.article
        flow = article.flow
        view = View(article.top, article.scrollable_content_region.height,
                    flow.height if flow is not None else 0)
        chapter = None
        if flow is not None:
            chapter = current_chapter(
                self.annotations, lambda c: flow.locate(c.span.paragraph, c.span.start),
                view, self.last_chapter)
        label = None
        if self.focused_entry and self.annotations:
            label = getattr(self.annotations.entry(self.focused_entry), "label", None)
        search = self.search
        query = count = None
        if search.active:
            query = search.query
            if search.error:
                count = _("pattern too slow") if search.timed_out else _("invalid pattern")
            else:
                count = search.count_text()
        notes = [self.searching.note] if self.searching.note else []
        return StatusInputs(view, chapter, label, self.history.depth, query, count or "",
                            notes + self.note_parts())

    def update_status(self) -> None:
        if not self.is_mounted or not self.query(ArticleView):
            return
        self.query_one("#status", BidiText).set_text(
            status_text(self.status_inputs(), self.chrome_direction))

    def on_article_view_moved(self, _message: ArticleView.Moved) -> None:
        if not self.query(ArticleView):
            return  # posted just before the app closed: nothing left to update
        self.searching.show_hits()
        self.update_status()

    # -- scrolling --------------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        article = self.article
        article.scroll_to(y=article.top + lines, animate=False, immediate=True)

    def action_scroll_pages(self, pages: int) -> None:
        article = self.article
        step = max(1, article.scrollable_content_region.height - 1)
        article.scroll_to(y=article.top + pages * step, animate=False, immediate=True)

    def push_history(self, place: Place | None = None) -> None:
        """Remember the place (the view's, unless given) and the focus before a jump:
        back restores both."""
        self.history.push(Stop(place or self.article.place(), self.focused_entry))

    def _jump_to_line(self, y: int) -> None:
        self.push_history()
        self.last_chapter = None
        self.article.scroll_to(y=y, animate=False, immediate=True)
        self.update_status()

    def action_go_start(self) -> None:
        self._jump_to_line(0)

    def action_go_end(self) -> None:
        self.push_history()
        self.last_chapter = None
        self.article.go_end()
        self.update_status()

    # -- jumps ------------------------------------------------------------------------

    def _jump_to_span(self, span: Span, focus_entry: str | None = None) -> None:
        article = self.article
        self.push_history()
        article.bring_into_view(span)
        if focus_entry is not None:
            self._set_focus(focus_entry)
        article.set_flash(span)
        self.update_status()

    def _set_focus(self, entry_id: str | None) -> None:
        self.focused_entry = entry_id
        self.article.set_focus_entry(entry_id)
        self.update_status()

    def go_to_entry(self, entry_id: str) -> None:
        """Jump to a chapter, claim or rebuttal by id (panel, palette, chooser)."""
        if entry_id.startswith("heading:"):
            paragraph = int(entry_id.split(":", 1)[1])
            self._jump_to_span(Span(paragraph, 0, len(self.document.paragraphs[paragraph])))
            return
        if self.annotations is None:
            return
        entry = self.annotations.entry(entry_id)
        span = getattr(entry, "span", None)
        if span is None:
            return
        linked = entry_id in self.annotations.claims or entry_id in self.annotations.rebuttals
        self._jump_to_span(span, entry_id if linked else None)
        self.last_chapter = entry_id if self.annotations.chapter(entry_id) is not None else None
        self.update_status()

    def action_chapter(self, number: int) -> None:
        if self.annotations is None:
            self.bell()
            return
        for chapter in self.annotations.chapters:
            if chapter.number == number:
                self.go_to_entry(chapter.id)
                return
        self.bell()

    def _step_span(self, direction: int) -> None:
        """The next (previous) claim or rebuttal from the focused one while it is on
        screen, else from the top of the view; past the end it wraps, and says so."""
        article = self.article
        entries = article.linked_entries()
        if not entries:
            self.bell()
            return
        step = step_span([span for span, _id in entries], direction, self._focus_index(entries),
                         article.place())
        span, entry_id = entries[step.index]
        self.searching.set_note(_("wrapped") if step.wrapped else None)
        self._set_focus(entry_id)
        article.set_flash(None)
        article.bring_into_view(span)
        self.update_status()

    def _focus_index(self, entries: list[tuple[Span, str]]) -> int | None:
        """The focused entry's index in ``entries`` while its span is on screen."""
        for index, (span, entry_id) in enumerate(entries):
            if entry_id == self.focused_entry:
                return index if self._span_on_screen(span) else None
        return None

    def _span_on_screen(self, span: Span) -> bool:
        article = self.article
        if article.flow is None:
            return False
        y = article.flow.locate(span.paragraph, span.start)
        return article.top <= y < article.top + article.scrollable_content_region.height

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Claim keys belong to annotated documents: elsewhere the footer does not offer
        them (and they do nothing)."""
        if action in ("next_span", "previous_span"):
            return self.annotations is not None and bool(self.annotations.claims)
        if action in ("next_link", "previous_link"):
            return self.link_keys_enabled()
        return True

    def action_next_span(self) -> None:
        self._step_span(1)

    def action_previous_span(self) -> None:
        self._step_span(-1)

    def action_follow(self) -> None:
        focused = self.focused
        if isinstance(focused, ListView | EntryList):
            return  # the list handles Enter itself
        if self.focused_link is not None and self.focused_entry is None:
            self.follow_link(self.focused_link.url)
            return
        self.follow(self.focused_entry)

    def on_article_view_link_clicked(self, message: ArticleView.LinkClicked) -> None:
        self.follow_link(message.url)

    def follow_link(self, url: str) -> None:
        """A link inside the document (an EPUB footnote, a cross-reference) jumps there
        (Backspace comes back); any other opens in a browser."""
        target = self.document.targets.get(url)
        if target is None or not self.document.paragraphs:
            self.open_link(url)
            return
        paragraph = min(target, len(self.document.paragraphs) - 1)
        self._jump_to_span(Span(paragraph, 0, len(self.document.paragraphs[paragraph])))

    def on_article_view_link_hovered(self, message: ArticleView.LinkHovered) -> None:
        self.show_link(message.url)

    def on_article_view_span_clicked(self, message: ArticleView.SpanClicked) -> None:
        self._set_focus(message.entry_id)
        self.follow(message.entry_id)

    def follow(self, entry_id: str | None) -> None:
        """Go from a claim to its rebuttals, or from a rebuttal to the claims it answers."""
        if entry_id is None or self.annotations is None:
            self.bell()
            return
        targets = self.annotations.counterparts(entry_id)
        if not targets:
            self.notify(ui_line(_("Nothing in the text answers this span.")),
                        severity="information")
            return
        if len(targets) == 1:
            self.go_to_entry(targets[0].id)
            return
        choices = [(target.id, entry_line(self.annotations, target)) for target in targets]

        def chosen(result: str | None) -> None:
            if result:
                self.go_to_entry(result)

        self.push_screen(ChooseTarget(_("Follow to…"), choices, self.direction), chosen)

    def action_back(self) -> None:
        self._travel(self.history.back)

    def action_forward(self) -> None:
        self._travel(self.history.forward)

    def _travel(self, move: Callable[[Stop], Stop | None]) -> None:
        """Back or forward: the place and the focus as they were."""
        stop = move(Stop(self.article.place(), self.focused_entry))
        if stop is None:
            self.bell()
            return
        place, focus = stop
        self.last_chapter = None
        self.article.set_flash(None)
        self.article.go_to_place(place)
        self._set_focus(focus)
        self.update_status()

    # -- search (run by self.searching, reader/ui/controllers/search_control.py) -------

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def action_search(self) -> None:
        self.searching.open()

    def on_search_bar_changed(self, _message: SearchBar.Changed) -> None:
        self.searching.changed()

    def on_search_bar_submitted(self, _message: SearchBar.Submitted) -> None:
        self.searching.submitted()
        self.save_preferences()  # the query joined the search history

    def on_search_bar_cancelled(self, _message: SearchBar.Cancelled) -> None:
        self.searching.cancelled()

    def action_clear_search(self) -> None:
        self.searching.clear()

    def action_search_step(self, direction: int) -> None:
        self.searching.step(direction)

    def action_command_palette(self) -> None:
        """Textual's palette, with what is typed in it shaped and in visual order."""
        if self.use_command_palette and not ReaderCommandPalette.is_open(self):
            self.push_screen(ReaderCommandPalette(
                id="--command-palette",
                placeholder=ui_line(_("Search for commands…"))))

    # -- panel and help ---------------------------------------------------------------

    def on_side_panel_selected(self, message: SidePanel.Selected) -> None:
        self.go_to_entry(message.entry_id)

    def _fit_panel(self, width: int | None = None) -> None:
        """Beside the text when it leaves the article enough columns; else hidden, and
        over the text when asked for."""
        panel = self.panel
        narrow = not panel_fits(width or self.size.width)
        if narrow == panel.has_class("-overlay"):
            return
        panel.set_class(narrow, "-overlay")
        panel.display = not narrow and self._panel_wanted
        if not panel.display and panel.has_focus_within:
            self.article.focus()

    def action_toggle_panel(self) -> None:
        panel = self.panel
        panel.display = not panel.display
        if not panel.has_class("-overlay"):
            self._panel_wanted = panel.display
        if not panel.display:
            self.article.focus()

    def action_move_panel(self) -> None:
        panel = self.panel
        panel.styles.dock = "left" if self.panel_side == "right" else "right"

    @property
    def panel_side(self) -> str:
        return "left" if self.panel.styles.dock == "left" else "right"

    def action_toggle_controls(self) -> None:
        """Reveal invisible bidi controls (RLO, LRI, ZWJ...) in place, or hide them again."""
        article = self.article
        article.set_show_controls(not article.show_controls)
        message = (_("Invisible controls shown in place (v toggles).") if article.show_controls
                   else _("Invisible controls hidden again (v toggles)."))
        self.notify(ui_line(message), timeout=3)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.speaker_legend()))

    def speaker_legend(self) -> list[tuple[str, Style]]:
        """Each speaker's name (laid out by the core) in the colour of their spans."""
        annotations = self.annotations
        if annotations is None:
            return []
        legend = []
        for entity_id, index in speaker_indexes(annotations, SPEAKER_CLASSES).items():
            entity = annotations.entities.get(entity_id)
            name = entity.name if entity else entity_id
            style = self.article.get_component_rich_style(f"article--speaker-{index}")
            legend.append((chrome_line(fill("{name}", name=name), self.direction),
                           style))
        return legend

    @property
    def chrome_direction(self) -> str:
        """The direction the chrome's fields read in: the interface's when it reads right
        to left, else the document's."""
        return ui_direction() if ui_direction() == "rtl" else self.direction

    def apply_language(self) -> None:
        """The chrome in the interface's language and direction: mirrored when it reads
        right to left (the status line's fields from the right, the panel at the right)."""
        super().apply_language()
        self.query_one("#status", BidiText).direction = self.chrome_direction
        if ui_direction() == "rtl":
            self.panel.styles.dock = "right"
        self.query_one(SearchBar).mirror(ui_direction() == "rtl")
        self.query_one(KeyBar).refresh()
        self.update_status()

    # -- leaving ----------------------------------------------------------------------

    def remember_place(self) -> None:
        if self.positions is None or not self.document.paragraphs:
            return
        with contextlib.suppress(Exception):
            self.positions.put(self._doc_key, *self.article.place())

    async def action_quit(self) -> None:
        self.remember_place()
        self.save_preferences()
        self.exit()


def create_app(
    path: str | Path | None = None,
    annotations: Path | None = None,
    *,
    bidi_mode: str = "explicit",
    direction: str = "auto",
    positions: PositionStore | None = None,
    errors: str = "strict",
    terminal_warning: str | None = None,
    progress: Progress | None = None,
    document: Document | None = None,
    theme: str | None = None,
    preferences: PreferenceStore | None = None,
    measure: int | None = None,
    harakat: str | None = None,
    numbers: bool | None = None,
) -> ReaderApp:
    """Build the app from a file or URL (None: the bundled article): the one way, used by
    the command line and the tests. ``direction`` other than ``auto`` sets every paragraph's
    base direction (and so loads the whole file at once). ``progress`` is told how a URL's
    download goes (it happens here, before the app runs). ``document``: one already read
    (standard input), instead of ``path``."""
    from reader.content.annotation_file import load_annotations_for
    from reader.content.loading import open_for_reading

    whole = direction != "auto"
    if document is not None:
        pending = None
        found = load_annotations_for(document, annotations)
    else:
        document, pending, found = open_for_reading(
            path, annotations, errors, whole=whole, progress=progress)
    if whole:
        document.directions = [direction] * len(document.paragraphs)
    saved = preferences.load().reading if preferences is not None else {}
    comfort = ComfortSettings.resolve(saved, measure=measure, harakat=harakat, numbers=numbers)
    return ReaderApp(document, found, bidi_mode=bidi_mode, positions=positions,
                     terminal_warning=terminal_warning, pending=pending,
                     annotations_path=annotations, theme=theme, preferences=preferences,
                     comfort=comfort)
