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
        here = self.here(self.navigation.leaving_map)  # a new jump, as push_history's
        if here is None:
            self.reader.say(_(
                "A document read from standard input cannot be left for another one."), 5)
            return
        self._cross(self.trail.leave(here, Visit(source, notes, entry=entry_id or None)))

    def here(self, map_node: MapPlace | None) -> Visit | None:
        """This document as a place to come back to (None: it came through a pipe), with
        the full-screen map's node it is left from (back or forward opens the map again)."""
        document = self.reader.document
        source = document.url or (str(document.path) if document.path else None)
        if source is None:
            return None
        annotations = self.reader.annotations
        path = annotations.path if annotations is not None else None
        return Visit(source, str(path) if path else None,
                     Stop(self.reader.article.place(), self.navigation.focused_entry,
                          map_node),
                     history=self.navigation.history)

    def travel_back(self) -> None:
        """Back through jumps; past this document's first, to the document of the debate
        it was opened from.

        On the full-screen map, as in a browser: a map opened with ``M`` is closed (the
        text as it was before it, Esc's way); a map that back (or forward) brought again
        stands for the place the jump was made from, so back goes on from that place,
        the map closed, to the place or the document before (with nothing before it, the
        map stays and the bell says so)."""
        history = self.navigation.history
        shown = self._full_map()
        if shown is not None and not shown.reopened:
            shown.dismiss(None)
            return
        if shown is not None and not self._leave_map(shown, history.depth > 0
                                                     or bool(self.trail.back)):
            return
        if history.depth or not self.back():
            self.navigation.travel(history.back)

    def travel_forward(self) -> None:
        """Forward again; from the full-screen map too, which back then opens again."""
        history = self.navigation.history
        shown = self._full_map()
        if shown is not None and not self._leave_map(shown, history.ahead > 0
                                                     or bool(self.trail.forward)):
            return
        if history.ahead or not self.forward():
            self.navigation.travel(history.forward)

    def _full_map(self) -> MapScreen | None:
        screen = self.reader.app.screen
        return screen if isinstance(screen, MapScreen) else None

    def _leave_map(self, shown: MapScreen, somewhere: bool) -> bool:
        """Back or forward from the full-screen map: closed, its highlighted node kept with
        the place left (coming back to that place opens the map again on it), True; with
        nowhere to go, the map stays and the bell rings, as back does in the text."""
        if not somewhere:
            self.reader.app.bell()
            return False
        self.navigation.back_at_map = shown.place()
        shown.dismiss(None)
        return True

    def back(self) -> bool:
        """Backspace with nothing left to go back to in this document: the document
        before, if any (True)."""
        return self._travel(self.trail.go_back)

    def forward(self) -> bool:
        return self._travel(self.trail.go_forward)

    def _travel(self, move: Callable[[Visit], Visit | None]) -> bool:
        here = self.here(self.navigation.back_at_map)  # as Navigation.travel's Stop
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
            # left from the map: back to it; and, as Navigation.travel does, the node is
            # kept with this place when it is left again by back or forward
            self.navigation.back_at_map = landing.stop.map_node
            if landing.stop.map_node is not None:
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
