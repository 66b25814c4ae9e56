"""The argument map (the panel's Map tab and ``M``'s full screen) and debates across
documents: Enter on a node jumps to its entry, in this document or in another one of the
debate, which is then opened in its place.

Another document is opened as ``X`` opens a page again: the app ends with
:attr:`ArgumentMap.crossing` saying what to open and where to land, and the command line's
loop (reader.ui.launch) opens it, handing on the :class:`~reader.state.trail.Trail`, so that
Backspace past a document's first jump goes back to the document before, where it was
(and Alt+→ forward again). A new app per document keeps every feature's state (search,
marks, positions, the panel) the document's own, as when it is opened from the command
line.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.content.annotations.debate import LinkError
from reader.i18n import _
from reader.state.history import MapPlace, Stop
from reader.state.trail import Trail, Visit
from reader.text.chrome import fill
from reader.text.span import Span
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.decisions.map_layout import MapNode, debate_member
from reader.ui.screens.map_screen import MapScreen


class ArgumentMap:
    """Owns the trail across documents and the crossing asked for (see the module's doc)."""

    def __init__(self, reader: Reader, navigation: Navigation, trail: Trail | None = None,
                 landing: Visit | None = None) -> None:
        self.reader = reader
        self.navigation = navigation
        self.trail = trail if trail is not None else Trail()
        self.landing = landing
        self.crossing: Visit | None = None  # what to open once the app has ended
        navigation.reopen_map = self.open_full

    # -- the map --------------------------------------------------------------------------

    def open_full(self, at: MapPlace | None = None) -> None:
        """``M``: the map on the whole screen, on the focused span's node (or on node
        ``at``: back to the map a jump was made from)."""
        if isinstance(self.reader.app.screen, MapScreen):
            return
        annotations = self.reader.annotations
        if annotations is None or not (annotations.claims or annotations.chapters
                                       or annotations.rebuttals):
            self.reader.say(_("No argument to map: this document has no claims or chapters."))
            return
        found = debate_member(annotations)
        title = (found[0].title if found and found[0].title else annotations.title
                 or self.reader.document.title or "")

        nodes = self.reader.panel.map_nodes()

        def chosen(node: MapNode | None) -> None:
            if node is None:
                return
            index = next((i for i, n in enumerate(nodes) if n is node), None)
            # the jump remembers the node it was made from: back comes to the map again
            self.navigation.leaving_map = (index, node.key) if index is not None else None
            try:
                self.go(node)
            finally:
                self.navigation.leaving_map = None

        self.reader.app.push_screen(
            MapScreen(nodes, self.reader.direction, title, self.navigation.focused_entry,
                      at), chosen)

    def follow_focus(self, entry_id: str | None) -> None:
        """The map follows the reading: the focused span's node is highlighted."""
        self.reader.panel.show_entry(entry_id)

    def go(self, node: MapNode) -> None:
        """Enter on a node: its entry, here or in another document of the debate."""
        row = node.row
        if node.here:
            if row.kind == "document":
                self.navigation.go_start()
            else:
                self.navigation.go_to_entry(row.entry_id)
            return
        self.open_elsewhere(row.key if row.kind != "document" else row.document)

    # -- other documents --------------------------------------------------------------

    def open_elsewhere(self, link: str) -> None:
        """Open the document of ``link`` (``name#id``, or a document's ``name``) at the
        entry, this one's place kept for Backspace."""
        annotations = self.reader.annotations
        found = debate_member(annotations) if annotations is not None else None
        name, _hash, entry_id = link.partition("#")
        if found is None or name not in found[0].members:
            message = LinkError("no-debate" if found is None else "unknown-document",
                                link, name).message
            self.reader.say(message, 5)
            return
        debate, _member = found
        member = debate.members[name]
        folder = debate.path.parent
        source = member.source if member.is_url else str(folder / member.source)
        notes = str(folder / member.annotations) if member.annotations else None
        here = self.here()
        if here is None:
            self.reader.say(_(
                "A document read from standard input cannot be left for another one."), 5)
            return
        self._cross(self.trail.leave(here, Visit(source, notes, entry=entry_id or None)))

    def here(self) -> Visit | None:
        """This document as a place to come back to (None: it came through a pipe)."""
        document = self.reader.document
        source = document.url or (str(document.path) if document.path else None)
        if source is None:
            return None
        annotations = self.reader.annotations
        path = annotations.path if annotations is not None else None
        return Visit(source, str(path) if path else None,
                     Stop(self.reader.article.place(), self.navigation.focused_entry,
                          self.navigation.leaving_map),
                     history=self.navigation.history)

    def travel_back(self) -> None:
        """Back through jumps; past this document's first, to the document of the debate
        it was opened from."""
        history = self.navigation.history
        if history.depth or not self.back():
            self.navigation.travel(history.back)

    def travel_forward(self) -> None:
        history = self.navigation.history
        if history.ahead or not self.forward():
            self.navigation.travel(history.forward)

    def back(self) -> bool:
        """Backspace with nothing left to go back to in this document: the document
        before, if any (True)."""
        return self._travel(self.trail.go_back)

    def forward(self) -> bool:
        return self._travel(self.trail.go_forward)

    def _travel(self, move: Callable[[Visit], Visit | None]) -> bool:
        here = self.here()
        if here is None:
            return False
        visit = move(here)
        if visit is None:
            return False
        self._cross(visit)
        return True

    def _cross(self, visit: Visit) -> None:
        self.crossing = visit
        app = self.reader.app
        app.call_later(app.action_quit)

    def land(self) -> None:
        """Once the text is laid out: where the crossing into this document said."""
        landing = self.landing
        if landing is None:
            return
        self.landing = None
        if landing.history is not None:
            self.navigation.history = landing.history
        article = self.reader.article
        if landing.stop is not None:
            article.go_to_place(landing.stop.place)
            self.navigation.set_focus(landing.stop.focus)
            if landing.stop.map_node is not None:  # left from the map: back to it
                self.open_full(landing.stop.map_node)
            return
        annotations = self.reader.annotations
        entry = annotations.entry(landing.entry) if annotations and landing.entry else None
        span: Span | None = getattr(entry, "span", None)
        if span is None:
            if landing.entry:
                self.reader.say(fill(_('No entry "{id}" in this document.'),
                                     id=landing.entry), 5)
            return
        article.go_to_place((span.paragraph, span.start))
        self.navigation.set_focus(landing.entry)
        article.set_flash(span)
