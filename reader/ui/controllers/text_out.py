"""Getting text out of the reader: copy (``y``, ``Y``, Ctrl+C) and links (show, open, copy).

A mixin of :class:`~reader.ui.app.ReaderApp`: the app keeps its state (the focused claim,
the search), this module decides what a key copies and says so in the status line.

``y`` copies, in this order: the mouse selection; the focused link's URL; the focused claim
or rebuttal; the current search hit's whole sentence. ``Y`` copies the same as a quote with
its source (« … » — title, paragraph N). The clipboard is reached through OSC 52
(:meth:`App.copy_to_clipboard`), which tmux, xterm, kitty, foot, WezTerm and others accept.
"""

from __future__ import annotations

import webbrowser

from reader.content.annotations import Span
from reader.content.excerpts import Excerpt, as_quote, excerpt_of, sentence_excerpt
from reader.content.links import Link, document_links, graphical_session, may_open, next_link
from reader.i18n import N_, _, ngettext, number
from reader.text.chrome import isolate
from reader.text.selection import LogicalRange
from reader.ui.controllers.status_note import StatusNote

NOTHING_TO_COPY = N_("nothing to copy: select with the mouse, or focus a claim (]) or a hit "
                     "(/)")


class TextOut:
    """Copy and link actions (mixed into the app)."""

    focused_link: Link | None = None
    _links: list[Link] | None = None

    # -- copy -----------------------------------------------------------------------------

    def _excerpt(self) -> Excerpt | None:
        """What ``y`` copies, links aside."""
        paragraphs = self.document.paragraphs  # type: ignore[attr-defined]
        article = self.article  # type: ignore[attr-defined]
        if article.selection is not None:
            return excerpt_of(paragraphs, article.selection, N_("the selection"))
        if self.focused_link is not None:
            link = self.focused_link
            return excerpt_of(paragraphs, LogicalRange((link.paragraph, link.start),
                                                       (link.paragraph, link.end)), N_("the link"))
        annotations = self.annotations  # type: ignore[attr-defined]
        entry_id = self.focused_entry  # type: ignore[attr-defined]
        if annotations is not None and entry_id is not None:
            entry = annotations.entry(entry_id)
            span = getattr(entry, "span", None)
            if span is not None:
                what = N_("the claim") if entry_id in annotations.claims else N_("the rebuttal")
                return excerpt_of(paragraphs, LogicalRange((span.paragraph, span.start),
                                                           (span.paragraph, span.end)), what)
        current = self.search.current  # type: ignore[attr-defined]
        if current is not None:
            span = current.span
            return sentence_excerpt(paragraphs, span.paragraph, span.start, span.end)
        return None

    def action_copy(self, quote: bool = False) -> None:
        article = self.article  # type: ignore[attr-defined]
        if not quote and article.selection is None and self.focused_link is not None:
            self.copy_to_clipboard(self.focused_link.url)  # type: ignore[attr-defined]
            self.show_note(_("copied the link's URL"))
            return
        excerpt = self._excerpt()
        if excerpt is None or not excerpt.text:
            self.bell()  # type: ignore[attr-defined]
            self.show_note(_(NOTHING_TO_COPY))
            return
        if quote:
            title = self.document.title  # type: ignore[attr-defined]
            self.copy_to_clipboard(as_quote(excerpt, title))  # type: ignore[attr-defined]
            self.show_note(ngettext("copied {what} as a quote ({count} letter)",
                                    "copied {what} as a quote ({count} letters)",
                                    excerpt.letters).format(what=_(excerpt.what),
                                                            count=number(excerpt.letters)))
        else:
            self.copy_to_clipboard(excerpt.text)  # type: ignore[attr-defined]
            if excerpt.what == "the selection":
                self.show_note(ngettext("copied {count} letter", "copied {count} letters",
                                        excerpt.letters).format(count=number(excerpt.letters)))
            else:
                self.show_note(ngettext("copied {what} ({count} letter)",
                                        "copied {what} ({count} letters)",
                                        excerpt.letters).format(what=_(excerpt.what),
                                                                count=number(excerpt.letters)))

    def selection_span(self) -> Span | None:
        """The mouse selection as one paragraph's :class:`Span` (what ``a`` annotates), or
        None when nothing is selected or it runs over several paragraphs."""
        chosen = self.article.selection  # type: ignore[attr-defined]
        if chosen is None or chosen.start[0] != chosen.end[0]:
            return None
        return Span(chosen.start[0], chosen.start[1], chosen.end[1])

    async def action_copy_or_quit(self) -> None:
        """Ctrl+C: copy the selection when there is one (Textual's habit), else quit."""
        if self.article.selection is not None:  # type: ignore[attr-defined]
            self.action_copy()
        else:
            await self.action_quit()  # type: ignore[attr-defined]

    # -- links ----------------------------------------------------------------------------

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = document_links(self.document)  # type: ignore[attr-defined]
        return self._links

    def link_keys_enabled(self) -> bool:
        """``]`` and ``[`` step through links where they do not step through claims."""
        annotations = self.annotations  # type: ignore[attr-defined]
        return bool(self.links) and not (annotations is not None and annotations.claims)

    def action_next_link(self) -> None:
        self.step_link(1)

    def action_previous_link(self) -> None:
        self.step_link(-1)

    def step_link(self, direction: int) -> None:
        """Focus the next or previous link and show its URL."""
        article = self.article  # type: ignore[attr-defined]
        link = next_link(self.links, self.focused_link, article.place(), direction)
        if link is None:
            self.bell()  # type: ignore[attr-defined]
            return
        self.focused_link = link
        span = Span(link.paragraph, link.start, link.end)
        article.set_flash(span)
        article.bring_into_view(span)
        self.show_note(_("link: {url}  (Enter opens, y copies)").format(url=isolate(link.url)))

    def open_link(self, url: str) -> None:
        if not may_open(url):
            self.bell()  # type: ignore[attr-defined]
            self.show_note(_("not opened (only http, https and mailto links): {url}").format(
                url=isolate(url)))
            return
        if not graphical_session():
            self.bell()  # type: ignore[attr-defined]
            self.show_note(_("no graphical browser here (y copies the URL): {url}").format(
                url=isolate(url)))
            return
        self.show_note(_("opening {url}").format(url=isolate(url)))

        def open_it() -> None:
            if webbrowser.open(url) is False:
                self.call_from_thread(  # type: ignore[attr-defined]
                    self.show_note, _("no browser could open {url}").format(url=isolate(url)))

        self.run_worker(open_it, thread=True, exit_on_error=False)  # type: ignore[attr-defined]

    def show_link(self, url: str | None) -> None:
        """The link under the mouse: its URL in the status line."""
        if url:
            self.show_note(_("link: {url}").format(url=isolate(url)))

    # -- the status note ------------------------------------------------------------------

    _note: StatusNote | None = None

    def show_note(self, note: str) -> None:
        """A short-lived note in the status line ("copied 42 letters", a link's URL)."""
        if self._note is None:
            self._note = StatusNote(self)
        self._note.set(note, show=True)

    def note_parts(self) -> list[str]:
        """The note, for the status line."""
        return [self._note.text] if self._note is not None and self._note.text else []
