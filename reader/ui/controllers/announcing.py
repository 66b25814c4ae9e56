"""``--screen-reader``: a row that takes the terminal's cursor until the next key (issue 28).

Screen readers follow the cursor (speakup reads the row it lands on, BRLTTY moves its
braille window there) and Orca reads what the terminal reports as inserted. A notice is
written as a row of its own; while it is announced the cursor is put at its start, over
what the focused widget asked for, and the next key gives the cursor back to that place.
The view does not scroll and the focus does not move: the reading place is kept
(docs/accessibility.md says why).
"""

from __future__ import annotations

from textual.geometry import Offset

from reader.ui.controllers.host import Reader


class Announcement:
    """The row ``selector`` names (on the screen shown) takes the cursor from :meth:`take`
    to :meth:`release`."""

    def __init__(self, reader: Reader, selector: str) -> None:
        self.reader = reader
        self.selector = selector
        self.active = False
        self._return_to: Offset | None = None  # where the focused widget had put it

    def take(self) -> None:
        self.active = True
        for row in self.reader.app.screen.query(self.selector):
            row.refresh()  # a frame even when its text is the same: the cursor moves then

    def cursor(self, current: Offset) -> Offset | None:
        """Where the cursor must be instead of ``current`` while the row is announced:
        at its start. None when it is not, or not on the screen shown (a dialog is open)."""
        if not self.active:
            return None
        row = next(iter(self.reader.app.screen.query(self.selector)), None)
        if row is None or not row.display:
            return None
        at = row.content_region.offset
        if current != at:
            self._return_to = current
        return at

    def release(self) -> bool:
        """A key: the cursor back where the focused widget had it (and the focused widget
        draws again, putting it where it wants it now). False when nothing was announced."""
        if not self.active:
            return False
        self.active = False
        app = self.reader.app
        if self._return_to is not None:
            app.cursor_position = self._return_to
            self._return_to = None
        if app.focused is not None:
            app.focused.refresh()
        return True
