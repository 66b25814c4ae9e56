"""The status line: what it shows, gathered from the features that own it (the view's
place, the chapter and focus of :class:`~reader.ui.controllers.navigation.Navigation`, the
search, the short-lived notes) and laid out by :mod:`reader.ui.decisions.status_line`."""

from __future__ import annotations

from reader.i18n import _
from reader.state.search import SearchSession
from reader.text.chrome import fill, ui_direction
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.status_note import StatusNote
from reader.ui.decisions.status_line import StatusInputs, View, current_chapter, status_text
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.bidi_text import BidiText


class Status:
    """Draws ``#status`` (a :class:`BidiText`) from the features' state."""

    def __init__(self, reader: Reader, navigation: Navigation, search: SearchSession,
                 notes: list[StatusNote]) -> None:
        self.reader = reader
        self.navigation = navigation
        self.search = search
        self.notes = notes

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
        app.query_one("#status", BidiText).set_text(status_text(self.inputs(), self.direction))
