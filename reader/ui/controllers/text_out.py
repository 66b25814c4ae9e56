"""Getting text out of the reader: copy (``y``, ``Y``, Ctrl+C) and links (show, open, copy).

:class:`TextOut` owns the focused link and the copy note; it reads the focused claim from
:class:`~reader.ui.controllers.navigation.Navigation` and the hit from the search session,
decides what a key copies and says so in the status line.

``y`` copies, in this order: the mouse selection; the focused link's URL; the focused claim
or rebuttal; the current search hit's whole sentence. ``Y`` copies the same as a quote with
its source (« … » — title, paragraph N). Every copy goes to the terminal as OSC 52
(:meth:`App.copy_to_clipboard`), and to the system clipboard when a clipboard command is
reachable (:mod:`reader.state.clipboard`); the note says "copied" only when that took it, and
else that the text was sent to the terminal's clipboard (a terminal may refuse OSC 52:
docs/copy.md).
"""

from __future__ import annotations

import webbrowser

from reader.content.excerpts import Excerpt, as_quote, excerpt_of, sentence_excerpt
from reader.content.links import Link, document_links, graphical_session, may_open, next_link
from reader.i18n import N_, _, ngettext, number
from reader.state import clipboard
from reader.state.search import SearchSession
from reader.text.chrome import isolate
from reader.text.selection import LogicalRange
from reader.text.span import Span
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.status_note import StatusNote

NOTHING_TO_COPY = N_("nothing to copy: select with the mouse, or focus a claim (]) or a hit "
                     "(/)")


class TextOut:
    """Copy and link actions, and the note that says what they did."""

    def __init__(self, reader: Reader, navigation: Navigation, search: SearchSession) -> None:
        self.reader = reader
        self.navigation = navigation
        self.search = search
        self.focused_link: Link | None = None
        self._links: list[Link] | None = None
        self.note = StatusNote(reader)  # "copied 42 letters", a link's URL

    # -- copy -----------------------------------------------------------------------------

    def _excerpt(self) -> Excerpt | None:
        """What ``y`` copies, links aside."""
        paragraphs = self.reader.document.paragraphs
        article = self.reader.article
        if article.selection is not None:
            return excerpt_of(paragraphs, article.selection, N_("the selection"))
        if self.focused_link is not None:
            link = self.focused_link
            return excerpt_of(paragraphs, LogicalRange((link.paragraph, link.start),
                                                       (link.paragraph, link.end)), N_("the link"))
        annotations = self.reader.annotations
        entry_id = self.navigation.focused_entry
        if annotations is not None and entry_id is not None:
            entry = annotations.entry(entry_id)
            span = getattr(entry, "span", None)  # entities have none
            if span is not None:
                what = N_("the claim") if entry_id in annotations.claims else N_("the rebuttal")
                return excerpt_of(paragraphs, LogicalRange((span.paragraph, span.start),
                                                           (span.paragraph, span.end)), what)
        current = self.search.current
        if current is not None:
            span = current.span
            return sentence_excerpt(paragraphs, span.paragraph, span.start, span.end)
        return None

    def _send(self, text: str) -> bool:
        """``text`` to the terminal (OSC 52) and to the system clipboard when one is
        reachable; True when the system clipboard took it."""
        self.reader.app.copy_to_clipboard(text)
        return clipboard.copy(text) is not None

    def copy(self, quote: bool = False) -> None:
        app = self.reader.app
        if not quote and self.reader.article.selection is None \
                and self.focused_link is not None:
            copied = self._send(self.focused_link.url)
            self.show_note(_("copied the link's URL") if copied
                           else _("sent the link's URL to the terminal's clipboard"))
            return
        excerpt = self._excerpt()
        if excerpt is None or not excerpt.text:
            app.bell()
            self.show_note(_(NOTHING_TO_COPY))
            return
        count, what = excerpt.letters, _(excerpt.what)
        if quote:
            title = self.reader.document.title
            if self._send(as_quote(excerpt, title)):
                note = ngettext("copied {what} as a quote ({count} letter)",
                                "copied {what} as a quote ({count} letters)", count)
            else:
                note = ngettext(
                    "sent {what} as a quote ({count} letter) to the terminal's clipboard",
                    "sent {what} as a quote ({count} letters) to the terminal's clipboard",
                    count)
        elif excerpt.what == "the selection":
            if self._send(excerpt.text):
                note = ngettext("copied {count} letter", "copied {count} letters", count)
            else:
                note = ngettext("sent {count} letter to the terminal's clipboard",
                                "sent {count} letters to the terminal's clipboard", count)
        elif self._send(excerpt.text):
            note = ngettext("copied {what} ({count} letter)",
                            "copied {what} ({count} letters)", count)
        else:
            note = ngettext("sent {what} ({count} letter) to the terminal's clipboard",
                            "sent {what} ({count} letters) to the terminal's clipboard",
                            count)
        self.show_note(note.format(what=what, count=number(count)))

    def selection_span(self) -> Span | None:
        """The mouse selection as one paragraph's :class:`Span` (what ``a`` annotates), or
        None when nothing is selected or it runs over several paragraphs."""
        chosen = self.reader.article.selection
        if chosen is None or chosen.start[0] != chosen.end[0]:
            return None
        return Span(chosen.start[0], chosen.start[1], chosen.end[1])

    # -- links ----------------------------------------------------------------------------

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = document_links(self.reader.document)
        return self._links

    def link_keys_enabled(self) -> bool:
        """``]`` and ``[`` step through links where they do not step through claims."""
        annotations = self.reader.annotations
        return bool(self.links) and not (annotations is not None and annotations.claims)

    def step_link(self, direction: int) -> None:
        """Focus the next or previous link and show its URL."""
        article = self.reader.article
        link = next_link(self.links, self.focused_link, article.place(), direction)
        if link is None:
            self.reader.app.bell()
            return
        self.focused_link = link
        span = Span(link.paragraph, link.start, link.end)
        article.set_flash(span)
        article.bring_into_view(span)
        self.show_note(_("link: {url}  (Enter opens, y copies)").format(url=isolate(link.url)))

    def follow(self) -> None:
        """Enter: the focused link, when no claim is focused; else the focused span to
        what answers it."""
        focused = self.navigation.focused_entry
        if self.focused_link is not None and focused is None:
            self.follow_link(self.focused_link.url)
        else:
            self.navigation.follow(focused)

    def follow_link(self, url: str) -> None:
        """A link inside the document jumps there; any other opens in a browser."""
        if not self.navigation.follow_link(url):
            self.open_link(url)

    def open_link(self, url: str) -> None:
        app = self.reader.app
        if not may_open(url):
            app.bell()
            self.show_note(_("not opened (only http, https and mailto links): {url}").format(
                url=isolate(url)))
            return
        if not graphical_session():
            app.bell()
            self.show_note(_("no graphical browser here (y copies the URL): {url}").format(
                url=isolate(url)))
            return
        self.show_note(_("opening {url}").format(url=isolate(url)))

        def open_it() -> None:
            if webbrowser.open(url) is False:
                app.call_from_thread(
                    self.show_note, _("no browser could open {url}").format(url=isolate(url)))

        app.run_worker(open_it, thread=True, exit_on_error=False)

    def show_link(self, url: str | None) -> None:
        """The link under the mouse: its URL in the status line."""
        if url:
            self.show_note(_("link: {url}").format(url=isolate(url)))

    def show_note(self, note: str) -> None:
        """A short-lived note in the status line ("copied 42 letters", a link's URL)."""
        self.note.set(note, show=True)
