"""What the reader tells, never over the status line or the text (issue 25).

A key's notice ("Measure: 66", "harakat shown", a refusal) is a short-lived note in the
status line (:class:`StatusNote`), in place of Textual's toasts, which covered the status
line and the end of the text rows beside it. The warnings given at start, which must be
read (the annotation file's problems, a book's skipped chapters, an unsure encoding, the
terminal), are lines of their own above the status line (``#notices``): the text view gives
them its room while they are shown and gets it back when their time is up. Both take
logical text, laid out once where it is drawn.

With ``--screen-reader`` the start-up warnings are announced as the status line's notes are
(:mod:`reader.ui.controllers.announcing`): the cursor on their first line, and they stay
until the next key, whatever their time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from itertools import count

from textual.content import Content
from textual.markup import MarkupError

from reader.text.chrome import ui_direction
from reader.ui.controllers.announcing import Announcement
from reader.ui.controllers.host import Reader
from reader.ui.controllers.status_note import StatusNote
from reader.ui.decisions.notices import Notice
from reader.ui.widgets.bidi_text import BidiText

WARNING_SECONDS = 8.0  # a start-up warning without a time of its own


class Notices:
    def __init__(self, reader: Reader, announce: bool = False) -> None:
        """``announce`` (``--screen-reader``): the warnings take the cursor (see above)."""
        self.reader = reader
        self.note = StatusNote(reader)  # drawn by the status line (controllers.status)
        self.announce = announce
        self.announced = Announcement(reader, "#notices")
        self._warnings: dict[int, str] = {}
        self._expired: set[int] = set()  # their time is up while they are announced
        self._ids = count()

    def say(self, message: str, seconds: float | None = None) -> None:
        """``message`` (logical text, one line) in the status line for a few seconds."""
        self.note.set(" ".join(message.split()), show=True, seconds=seconds)

    def from_textual(self, message: str, title: str = "", seconds: float | None = None,
                     markup: bool = True) -> None:
        """One of Textual's notifications (its own, a screenshot saved...): told in the
        status line like the reader's own, never a toast over the text. Thread-safe, as
        Textual's ``notify`` is."""
        text = message
        if markup:
            with contextlib.suppress(MarkupError):
                text = Content.from_markup(message).plain
        text = f"{title}: {text}" if title else text
        try:
            self.reader.app.call_from_thread(self.say, text, seconds)
        except RuntimeError:  # on the app's own thread
            self.say(text, seconds)

    def warn(self, notices: Sequence[Notice]) -> None:
        """Start-up warnings above the status line, each until its time is up."""
        for notice in notices:
            key = next(self._ids)
            self._warnings[key] = notice.message
            self.reader.app.set_timer(notice.timeout or WARNING_SECONDS,
                                      lambda key=key: self._drop(key))
        if self.announce and notices:
            self.announced.take()
        self._draw()

    def key_pressed(self) -> None:
        """A key ends the warnings' announcement: those whose time is up go."""
        if self.announced.release():
            for key in self._expired:
                self._warnings.pop(key, None)
            self._expired.clear()
            self._draw()

    def shown(self) -> list[str]:
        """What is told now: the status line's note first, then the warnings."""
        return ([self.note.text] if self.note.text else []) + list(self._warnings.values())

    def _drop(self, key: int) -> None:
        if self.announced.active:
            self._expired.add(key)  # read first: gone at the next key
            return
        self._warnings.pop(key, None)
        self._draw()

    def _draw(self) -> None:
        for line in self.reader.app.query("#notices").results(BidiText):
            line.direction = ui_direction()
            line.set_text(tuple((paragraph, "") for message in self._warnings.values()
                                for paragraph in message.split("\n")))
            line.set_class(bool(self._warnings), "-shown")
