"""Back and forward across the documents of a debate (no Textual import).

Following a link into another document ends the app on this one and opens the other (the
command line's loop, reader.ui.launch, as for ``X``); the :class:`Trail` outlives each app,
so Backspace past the first jump in a document goes back to the document it was opened
from, where it was, with that document's own history, and Alt+→ forward again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.state.history import History, Stop


@dataclass
class Visit:
    """A document to open (or left behind): its ``source`` (a path or a URL), its
    annotation file (None: the one found for it), and where to land: a ``stop`` (the
    place and the focus as they were), else the entry ``entry`` (None: the top, or the
    place saved for the document); ``history``: its own back and forward, kept."""

    source: str
    annotations: str | None = None
    stop: Stop | None = None
    entry: str | None = None
    history: History[Stop] | None = None


@dataclass
class Trail:
    """The documents left behind (``back``) and those come back from (``forward``)."""

    back: list[Visit] = field(default_factory=list)
    forward: list[Visit] = field(default_factory=list)

    def leave(self, here: Visit, to: Visit) -> Visit:
        """A new crossing from ``here`` to ``to``: the forward list is dropped."""
        self.back.append(here)
        self.forward.clear()
        return to

    def go_back(self, here: Visit) -> Visit | None:
        if not self.back:
            return None
        self.forward.append(here)
        return self.back.pop()

    def go_forward(self, here: Visit) -> Visit | None:
        if not self.forward:
            return None
        self.back.append(here)
        return self.forward.pop()
