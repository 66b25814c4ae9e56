"""The reader app: article view, side panel, status line; keys in the habits of less and vim.

The app wires widgets together and keeps the navigation state (focused span, history);
layout lives in :mod:`reader.text`, the content model in :mod:`reader.content`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import ListView, Static

from reader.content.annotations import Annotations, Problem, Span
from reader.content.document import Document
from reader.content.loading import PendingText, finish_loading
from reader.errors import ReaderError
from reader.i18n import _, ngettext, number, percent
from reader.resources import styles_dir
from reader.state.history import History
from reader.state.positions import PositionStore, document_key
from reader.state.search import SearchSession
from reader.text.safe import visible
from reader.ui.annotating import AnnotatingMixin
from reader.ui.article_view import ArticleView
from reader.ui.backdrops import Body, MainScreen
from reader.ui.bidi_text import BidiText, display_line
from reader.ui.cell_filters import filters_for
from reader.ui.colours import use_terminal_palette
from reader.ui.entry_list import EntryList
from reader.ui.key_bar import KeyBar
from reader.ui.localized import LocalizedApp, isolate, ui_block, ui_direction, ui_line
from reader.ui.palette import GoToProvider
from reader.ui.screens import ChooseTarget, HelpScreen
from reader.ui.search_bar import SearchBar
from reader.ui.search_control import SearchControl
from reader.ui.side_panel import SidePanel
from reader.ui.text_out import TextOut

MIN_WIDTH, MIN_HEIGHT = 30, 8
STARTUP_SETTLED = 0.5  # seconds after mounting: the panel is built, the first frames drawn
SEARCH_AHEAD_CHARS = 1_000_000  # documents this long get their search index in the background


class ReaderApp(TextOut, AnnotatingMixin, LocalizedApp):
    """Read one document with its annotations."""

    CSS_PATH = str(styles_dir() / "reader.tcss")
    COMMANDS = LocalizedApp.COMMANDS | {GoToProvider}
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
    ]

    def __init__(
        self,
        document: Document,
        annotations: Annotations | None = None,
        problems: list[Problem] | None = None,
        *,
        bidi_mode: str = "explicit",
        positions: PositionStore | None = None,
        terminal_warning: str | None = None,
        pending: PendingText | None = None,
        annotations_path: Path | None = None,
    ) -> None:
        """``pending`` is the rest of a big file, loaded after the first frame (see
        :mod:`reader.content.loading`); a bad byte in it ends the app with
        :attr:`load_error` set. ``annotations_path`` is ``--annotations FILE``: where
        annotating writes (else beside the document, or in the state directory)."""
        super().__init__()
        self.document = document
        self.pending = pending
        self.load_error: str | None = None
        self.annotations = annotations
        self.annotations_path = annotations_path
        self.problems = problems or []
        self.bidi_mode = bidi_mode
        self._filters.extend(filters_for(bidi_mode))  # what this terminal needs; crops
        use_terminal_palette(self)  # 16 colours: the terminal's own
        self.positions = positions
        self.terminal_warning = terminal_warning
        self.history = History()
        self.focused_entry: str | None = None
        self.last_chapter: str | None = None
        self._doc_key = document_key(document.path, document.text)
        self.search = SearchSession(document.paragraphs,
                                    annotations.alias_lists() if annotations else None)
        self.searching = SearchControl(self, self.search)
        self._frozen = False

    # -- layout -----------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield BidiText(self.document.title or "reader", id="title")
        with Body(id="body"):
            yield ArticleView(self.document, self.annotations, partial=self.pending is not None,
                              logical=self.bidi_mode == "terminal", id="article")
            yield SidePanel(self.document, self.annotations, id="panel")
        yield Static("", id="too-small")
        yield SearchBar(self.search, id="search-bar")
        yield BidiText("", id="status", direction="ltr")
        yield KeyBar(id="keys")

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SidePanel:
        return self.query_one(SidePanel)

    def on_mount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)
        self.article.focus()
        if self.panel.is_empty:
            self.panel.display = False  # the whole width for the text; p still shows it
        self._check_size()
        logical = self.bidi_mode == "terminal"
        self.apply_language()
        if self.positions is not None:
            place = self.positions.get(self._doc_key)
            if place is not None and place[0] >= len(self.document.paragraphs):
                self.finish_loading()  # the place is in the part not loaded yet
            if place is not None:
                self.article._pending_place = place
            if self.positions.notice:
                # markup=False: a path or a quote may hold "[" (and never drives the screen)
                self.notify(ui_block(visible(self.positions.notice), logical),
                            severity="warning", markup=False)
        if self.problems:
            skipped = sum(1 for p in self.problems if p.skipped)
            first = display_line(str(self.problems[0]), logical)
            count = len(self.problems)
            message = ngettext("{count} annotation problem, {skipped} skipped; first: {first}",
                               "{count} annotation problems, {skipped} skipped; first: {first}",
                               count).format(count=isolate(number(count)),
                                             skipped=isolate(number(skipped)),
                                             first=isolate(first))
            self.notify(ui_block(message + "\n" + _("Run 'reader check' for the full list."),
                                     logical), severity="warning", timeout=8, markup=False)
        if self.terminal_warning:
            self.notify(ui_block(self.terminal_warning, logical), severity="warning",
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

    def _handle_exception(self, error: Exception) -> None:
        """A :class:`ReaderError` raised while drawing (python-bidi breaking mid-way, say)
        ends the app with its one-line message, like a load error, instead of a traceback."""
        if isinstance(error, ReaderError):
            self.load_error = error.message
            self.exit(return_code=error.exit_code)
            return
        super()._handle_exception(error)

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

    def _check_size(self, size: Size | None = None) -> None:
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.screen.set_class(small, "too-small")
        if small:
            self.query_one("#too-small", Static).update(ui_line(
                _("Terminal too small ({width}×{height}); reader needs at least "
                  "{min_width}×{min_height}.").format(
                      width=number(size.width), height=number(size.height),
                      min_width=number(MIN_WIDTH), min_height=number(MIN_HEIGHT)),
                self.bidi_mode == "terminal"))

    # -- status -----------------------------------------------------------------------

    def current_chapter(self) -> str:
        if self.annotations is None or not self.annotations.chapters:
            return ""
        article = self.article
        if article.flow is None:
            return ""
        # The chapter being read: the one just jumped to while it is on screen; else the
        # last one told above the top; else the first one on screen.
        top = article.top
        bottom = top + article.scrollable_content_region.height
        lines = {c.id: article.flow.locate(c.span.paragraph, c.span.start)
                 for c in self.annotations.chapters}
        current = None
        jumped = self.annotations.chapter(self.last_chapter) if self.last_chapter else None
        if jumped is not None and top <= lines[jumped.id] < bottom:
            current = jumped
        else:
            above = [c for c in self.annotations.chapters if lines[c.id] < top]
            visible = [c for c in self.annotations.chapters if top <= lines[c.id] < bottom]
            current = above[-1] if above else (visible[0] if visible else None)
        if current is None:
            return ""
        return _("Chapter {number}: {title}").format(number=isolate(number(current.number)),
                                                     title=isolate(current.title))

    def status_parts(self) -> list[str]:
        parts = [percent(self.article.percent()), *self.searching.status_parts(),
                 *self.note_parts()]
        chapter = self.current_chapter()
        if chapter:
            parts.append(chapter)
        if self.focused_entry and self.annotations:
            entry = self.annotations.entry(self.focused_entry)
            label = getattr(entry, "label", None)
            if label:
                parts.append(f"◆ {isolate(label)}")
        if self.history.depth:
            parts.append(_("back: {depth}").format(depth=number(self.history.depth)))
        return parts

    def update_status(self) -> None:
        # Each field isolated: in a right-to-left interface the first is at the right.
        self.query_one("#status", BidiText).set_text(
            "  │  ".join(isolate(part) for part in self.status_parts()))

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

    def _jump_to_line(self, y: int) -> None:
        self.history.push(self.article.place())
        self.article.scroll_to(y=y, animate=False, immediate=True)
        self.update_status()

    def action_go_start(self) -> None:
        self._jump_to_line(0)

    def action_go_end(self) -> None:
        self.history.push(self.article.place())
        self.article.go_end()
        self.update_status()

    # -- jumps ------------------------------------------------------------------------

    def _jump_to_span(self, span: Span, focus_entry: str | None = None) -> None:
        article = self.article
        self.history.push(article.place())
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
        if self.annotations.chapter(entry_id) is not None:
            self.last_chapter = entry_id
        self._jump_to_span(span, entry_id if linked else None)

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
        article = self.article
        entries = article.linked_entries()
        if not entries:
            self.bell()
            return
        ids = [entry_id for _span, entry_id in entries]
        if self.focused_entry in ids:
            index = (ids.index(self.focused_entry) + direction) % len(ids)
        else:
            top_paragraph = article.place()[0]
            after = [i for i, (span, _) in enumerate(entries) if span.paragraph >= top_paragraph]
            index = (after[0] if after else 0) if direction > 0 else (
                (after[0] - 1) % len(ids) if after else len(ids) - 1)
        span, entry_id = entries[index]
        self._set_focus(entry_id)
        article.set_flash(None)
        article.bring_into_view(span)

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
            self.open_link(self.focused_link.url)
            return
        self.follow(self.focused_entry)

    def on_article_view_link_clicked(self, message: ArticleView.LinkClicked) -> None:
        self.open_link(message.url)

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
            self.notify(ui_line(_("Nothing in the text answers this span."),
                                    self.bidi_mode == "terminal"), severity="information")
            return
        if len(targets) == 1:
            self.go_to_entry(targets[0].id)
            return
        choices = []
        for target in targets:
            speaker = self.annotations.entities.get(target.speaker)
            choices.append((target.id, f"{speaker.name if speaker else target.speaker}: "
                                       f"{target.label}"))

        def chosen(result: str | None) -> None:
            if result:
                self.go_to_entry(result)

        self.push_screen(ChooseTarget(_("Follow to…"), choices), chosen)

    def action_back(self) -> None:
        place = self.history.back(self.article.place())
        if place is None:
            self.bell()
            return
        self.article.set_flash(None)
        self.article.go_to_place(place)
        self.update_status()

    def action_forward(self) -> None:
        place = self.history.forward(self.article.place())
        if place is None:
            self.bell()
            return
        self.article.go_to_place(place)
        self.update_status()

    # -- search (run by self.searching, see reader/ui/search_control.py) -----------------

    def action_search(self) -> None:
        self.searching.open()

    def on_search_bar_changed(self, _message: SearchBar.Changed) -> None:
        self.searching.changed()

    def on_search_bar_submitted(self, _message: SearchBar.Submitted) -> None:
        self.searching.submitted()

    def on_search_bar_cancelled(self, _message: SearchBar.Cancelled) -> None:
        self.searching.cancelled()

    def action_clear_search(self) -> None:
        self.searching.clear()

    def action_search_step(self, direction: int) -> None:
        self.searching.step(direction)

    # -- panel and help ---------------------------------------------------------------

    def on_side_panel_selected(self, message: SidePanel.Selected) -> None:
        self.go_to_entry(message.entry_id)

    def action_toggle_panel(self) -> None:
        panel = self.panel
        panel.display = not panel.display
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
        self.notify(ui_line(message, self.bidi_mode == "terminal"), timeout=3)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def apply_language(self) -> None:
        """The chrome in the interface's language and direction: mirrored when it reads
        right to left (the status line's fields from the right, the panel at the right)."""
        super().apply_language()
        self.query_one("#status", BidiText).direction = ui_direction()
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
        self.exit()


def create_app(
    path: Path | None = None,
    annotations: Path | None = None,
    *,
    bidi_mode: str = "explicit",
    direction: str = "auto",
    positions: PositionStore | None = None,
    errors: str = "strict",
    terminal_warning: str | None = None,
    document: Document | None = None,
) -> ReaderApp:
    """Build the app from a file (None: the bundled article): the one way, used by the
    command line and the tests. ``direction`` other than ``auto`` sets every paragraph's
    base direction (and so loads the whole file at once). ``document``: one already read
    (standard input), instead of ``path``."""
    from reader.content.annotation_file import load_annotations_for
    from reader.content.loading import open_for_reading

    whole = direction != "auto"
    if document is not None:
        pending = None
        loaded, problems = load_annotations_for(document, annotations)
    else:
        document, pending, loaded, problems = open_for_reading(path, annotations, errors,
                                                               whole=whole)
    if whole:
        document.directions = [direction] * len(document.paragraphs)
    return ReaderApp(document, loaded, problems, bidi_mode=bidi_mode, positions=positions,
                     terminal_warning=terminal_warning, pending=pending,
                     annotations_path=annotations)
