"""The word look-up (issue 26): the word cursor (``w`` / ``B``, in reading order), and ``l``,
which opens the popup (:class:`~reader.ui.widgets.look_up_popup.LookUpPopup`) on the word
selected (a double-click selects one), else at the word cursor, else at the current search
hit, else at the first word on screen. A word of the popup's list is a jump (Backspace comes
back through the history).

The analysis is the search session's (:meth:`SearchSession.look_up`); the lexicon is read in
slices by the search controller, so the popup opens once it is read, never blocking a key.
Where the text cannot be analysed (Persian, Hebrew, no lexicon) the status line says why in
one line."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.widget import Widget

from reader import i18n
from reader.i18n import _
from reader.state.search import SearchSession
from reader.text.chrome import ui_direction
from reader.text.selection import LogicalRange
from reader.text.span import Span
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.search_control import SearchControl
from reader.ui.controllers.status_note import StatusNote
from reader.ui.decisions.look_up import next_word, word_in
from reader.ui.widgets.look_up_popup import LookUpPopup

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")


class WordLookUp:
    """The word cursor and the look-up popup (see the module's doc)."""

    def __init__(self, reader: Reader, session: SearchSession, navigation: Navigation,
                 searching: SearchControl, selection: Callable[[], Span | None],
                 copy: Callable[[], None], note: StatusNote) -> None:
        """``selection``: the mouse selection within one paragraph; ``copy``: what ``y``
        does (the popup's ``y`` selects the word and does it); ``note``: the status line's
        note for what cannot be looked up."""
        self.reader = reader
        self.session = session
        self.navigation = navigation
        self.searching = searching
        self.selection = selection
        self.copy = copy
        self.note = note
        self.cursor: Span | None = None  # the word cursor, drawn as the flash
        self._waiting: Span | None = None  # the word to look up once the lexicon is read
        self._focus_before: Widget | None = None  # given the focus back when the popup closes

    @property
    def direction(self) -> str:
        return ui_direction() if i18n.is_rtl() else self.reader.direction

    # -- the word cursor ----------------------------------------------------------------

    def _cursor_on_screen(self) -> bool:
        article = self.reader.article
        cursor = self.cursor
        if cursor is None or article.flow is None or article.flash != cursor:
            return False
        y = article.flow.locate(cursor.paragraph, cursor.start)
        return article.top <= y < article.top + article.scrollable_content_region.height

    def move(self, direction: int) -> None:
        """``w`` / ``B``: the next / previous word in reading order, from the cursor while
        it is on screen, else from the top of the view."""
        article = self.reader.article
        paragraphs = self.reader.document.paragraphs
        if self._cursor_on_screen() and self.cursor is not None:
            start = self.cursor
            place = (start.paragraph, start.start)
        else:
            top = article.place()  # (a word starting there is the first one forward)
            place = (top[0], top[1] - 1) if direction > 0 else top
        found = next_word(paragraphs, place, direction)
        if found is None:
            self.reader.app.bell()
            return
        self.show_cursor(found)

    def show_cursor(self, span: Span) -> None:
        self.cursor = span
        article = self.reader.article
        article.set_flash(span)
        article.bring_into_view(span)
        self.reader.update_status()

    # -- the look-up --------------------------------------------------------------------

    def target(self) -> Span | None:
        """The word ``l`` looks up (see the module's doc)."""
        paragraphs = self.reader.document.paragraphs
        for span in (self.selection(), self.cursor if self._cursor_on_screen() else None,
                     self.session.current.span if self.session.current else None):
            if span is not None:
                word = word_in(paragraphs, span)
                if word is not None:
                    return word
        return next_word(paragraphs, self._before_top(), 1)

    def _before_top(self) -> tuple[int, int]:
        paragraph, offset = self.reader.article.place()
        return paragraph, offset - 1

    def picked(self, span: Span) -> None:
        """A double-clicked word (still selected): looked up when it is an Arabic word of
        a text that can be analysed; else the double-click only selected it, silently."""
        text = self.reader.document.paragraphs[span.paragraph][span.start:span.end]
        if self.blocked() or not _ARABIC_LETTER.search(text) \
                or self.session.word_error() is not None:
            return
        self.look_up(span)

    def look_up(self, span: Span | None = None) -> None:
        """``l``: the popup for the word at ``span`` (default: :meth:`target`)."""
        reader = self.reader
        if self.blocked():
            reader.app.bell()  # (the argument map: its keys reach the app's)
            return
        error = self.session.word_error()
        if error is not None:
            reader.app.bell()
            self.note.set(error, show=True)
            return
        word = span or self.target()
        if word is None:
            reader.app.bell()
            return
        self._waiting = word
        if not self.session.look_up_ready:
            self.note.set(_("reading the Arabic lexicon…"), show=True)
        self.searching.start_analysis(self._open)

    def _open(self) -> None:
        span, self._waiting = self._waiting, None
        if span is None:
            return
        reader = self.reader
        if self.note.text == _("reading the Arabic lexicon…"):
            self.note.set(None, show=True)
        if self.blocked():
            return  # another dialog came up meanwhile: no popup over it
        if span != self.cursor:
            self.show_cursor(span)
        text = reader.document.paragraphs[span.paragraph][span.start:span.end]
        look = self.session.look_up(text)
        popup = self.popup
        self._focus_before = reader.app.focused
        popup.show(look, span, self.direction)

    @property
    def popup(self) -> LookUpPopup:
        """The popup, on the reading screen (the app's first)."""
        return self.reader.app.screen_stack[0].query_one(LookUpPopup)

    def blocked(self) -> bool:
        """Another screen is up (a dialog, the argument map), or the popup itself: no popup
        now. The popup is the reading screen's: over another screen it would be hidden."""
        app = self.reader.app
        return app.screen is not app.screen_stack[0] or self.popup.is_open

    def closed(self, what: str | None, place: Span | None) -> None:
        """The popup closed (:class:`LookUpPopup.Closed`): go to the word chosen, or copy
        the word looked up, or nothing (Esc); the focus goes back where it was unless it
        went elsewhere (a click on the text closed it)."""
        reader = self.reader
        before, self._focus_before = self._focus_before, None
        focused = reader.app.focused
        if focused is None or self.popup in focused.ancestors_with_self:
            target = before if before is not None and before.is_mounted else reader.article
            target.focus()
        if place is None:
            return
        if what == "copy":
            reader.article.select_range(LogicalRange((place.paragraph, place.start),
                                                     (place.paragraph, place.end)))
            self.copy()
            return
        self.navigation.jump_to_span(place)
        self.cursor = place
