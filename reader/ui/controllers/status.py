"""The status line: what it shows, gathered from the features that own it (the view's
place, the chapter and focus of :class:`~reader.ui.controllers.navigation.Navigation`, the
search, the short-lived notes) and laid out by :mod:`reader.ui.decisions.status_line`.

With ``--screen-reader`` a new note is announced: it is the status line's whole row, in
logical order, and the terminal's cursor goes to its start, where screen readers and braille
displays follow it; the next key gives the row back to the status and the cursor back to
the reading place (docs/accessibility.md says why). A note that comes with a move of the
reading place ("wrapped" after ``]`` or ``n``) is written alone on the row the same way, but
leaves the cursor on the new place: that place is what the key was pressed for.
"""

from __future__ import annotations

from reader.i18n import _
from reader.state.search import SearchSession
from reader.text.chrome import fill, ui_direction
from reader.ui.controllers.announcing import Announcement
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.status_note import StatusNote
from reader.ui.decisions.status_line import StatusInputs, View, current_chapter, status_text
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.bidi_text import BidiText


class Status:
    """Draws ``#status`` (a :class:`BidiText`) from the features' state."""

    def __init__(self, reader: Reader, navigation: Navigation, search: SearchSession,
                 notes: list[StatusNote], announce: bool = False,
                 with_moves: tuple[StatusNote, ...] = ()) -> None:
        """``announce`` (``--screen-reader``): new notes are announced (see the module);
        ``with_moves``: those of ``notes`` that come with a move, which keep the cursor."""
        self.reader = reader
        self.navigation = navigation
        self.search = search
        self.notes = notes
        self.announce = announce
        self.with_moves = with_moves
        self.announcement: str | None = None  # the note the status row and cursor are on
        self.announced = Announcement(reader, "#status")
        self.last_told: str | None = None  # the last note, for Ctrl+G
        self._told = [note.told for note in notes]

    @property
    def direction(self) -> str:
        """The direction the chrome's fields read in: the interface's when it reads right
        to left, else the document's."""
        return ui_direction() if ui_direction() == "rtl" else self.reader.direction

    def inputs(self) -> StatusInputs:
        """What the status line shows now (see :mod:`reader.ui.decisions.status_line`)."""
        article = self.reader.article
        annotations = self.reader.annotations
        navigation = self.navigation
        flow = article.flow
        view = View(article.top, article.scrollable_content_region.height,
                    flow.height if flow is not None else 0)
        chapter = None
        if flow is not None:
            chapter = current_chapter(
                annotations, lambda c: flow.locate(c.span.paragraph, c.span.start),
                view, navigation.last_chapter)
        label = None
        if navigation.focused_entry and annotations:
            label = getattr(annotations.entry(navigation.focused_entry), "label", None)
        search = self.search
        query = count = None
        if search.active:
            query = search.query
            if search.error:
                count = _("pattern too slow") if search.timed_out else _("invalid pattern")
            else:
                count = search.count_text()
        notes = [note.text for note in self.notes if note.text]
        document = self.reader.document
        if document.encoding and document.encoding != "utf-8":  # not read as UTF-8: say how
            notes.append(fill(_("encoding {name} (guessed)") if document.encoding_guessed
                              else _("encoding {name}"), name=document.encoding))
        return StatusInputs(view, chapter, label, navigation.history.depth, query, count or "",
                            notes)

    def update(self) -> None:
        app = self.reader.app
        if not app.query(ArticleView):
            return
        told = [note.told for note in self.notes]
        fresh = [note for note, before, now in zip(self.notes, self._told, told, strict=True)
                 if now != before and note.text]
        self._told = told
        if fresh:
            self.last_told = fresh[-1].text
            if self.announce:
                self.announcement = fresh[-1].text
                if fresh[-1] not in self.with_moves:
                    self.announced.take()
        text = self.announcement or status_text(self.inputs(), self.direction,
                                                self.reader.chrome_style)
        app.query_one("#status", BidiText).set_text(text)

    # -- announcements (--screen-reader) ----------------------------------------------

    def say_again(self) -> None:
        """Ctrl+G: the last notice again (as vim's ``g<``); with ``--screen-reader``,
        before any notice, the status line's own text (where the view is, the chapter, the
        focus, the search), announced until the next key."""
        if self.announce:
            self.announcement = self.last_told or status_text(
                self.inputs(), self.direction, self.reader.chrome_style)
            self.announced.take()
            self.update()
        elif self.last_told:
            self.reader.say(self.last_told)
        else:
            self.reader.app.bell()

    def key_pressed(self) -> None:
        """A key ends the announcement: the status row shows the status again and the
        cursor goes back to the reading place."""
        if self.announced.release() or self.announcement is not None:
            self.announcement = None
            self.update()
