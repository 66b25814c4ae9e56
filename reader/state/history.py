"""Back and forward through jumps, like a browser's history (no Textual import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

# A place in a document that survives resizes: (paragraph, source offset at the top).
Place = tuple[int, int]


# A node of the full-screen map: its index among the map's nodes and its key (name#id).
MapPlace = tuple[int, str]


class Stop(NamedTuple):
    """What back and forward return to: the place, and the span that had the focus; and
    ``map_node`` when the jump was made from the full-screen map (back then opens the map
    again on that node, as a browser's Back returns to the page one clicked on)."""

    place: Place
    focus: str | None
    map_node: MapPlace | None = None


T = TypeVar("T")


@dataclass
class History(Generic[T]):
    """Jumps push the place left behind (with the app: a :class:`Stop`); back and forward
    move between them."""

    limit: int = 200
    _back: list[T] = field(default_factory=list)
    _forward: list[T] = field(default_factory=list)
    # The place before the last jump, back and forward included: what ' ' returns to (less).
    previous: T | None = None

    def push(self, left: T) -> None:
        """Record ``left`` before a jump; a new jump clears the forward list."""
        self.previous = left
        if self._back and self._back[-1] == left:
            return
        self._back.append(left)
        del self._back[: -self.limit]
        self._forward.clear()

    def back(self, current: T) -> T | None:
        if not self._back:
            return None
        self.previous = current
        self._forward.append(current)
        return self._back.pop()

    def forward(self, current: T) -> T | None:
        if not self._forward:
            return None
        self.previous = current
        self._back.append(current)
        return self._forward.pop()

    @property
    def depth(self) -> int:
        """How many steps back are possible."""
        return len(self._back)

    @property
    def ahead(self) -> int:
        return len(self._forward)
