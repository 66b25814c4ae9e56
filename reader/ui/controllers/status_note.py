"""A short-lived note of the status line ("copied 42 letters", "search wrapped"): shown for
:data:`NOTE_SECONDS`, then the status line is drawn again without it. One per source of
notes (the copy and link keys; search and ``]``/``[`` wrapping), each a field of the status
line."""

from __future__ import annotations

from textual.timer import Timer

from reader.ui.controllers.host import Reader

NOTE_SECONDS = 4.0  # how long a note stays in the status line


class StatusNote:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.text: str | None = None
        self.told = 0  # how many notes were set: a new one, even of the same words
        self._timer: Timer | None = None

    def set(self, text: str | None, *, show: bool = False, seconds: float | None = None
            ) -> None:
        """Show ``text`` (None: no note) for ``seconds`` (at least
        :data:`NOTE_SECONDS`);
        ``show`` draws the status now."""
        self.text = text
        self.told += bool(text)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if text:
            self._timer = self.reader.app.set_timer(max(seconds or 0, NOTE_SECONDS), self.clear)
        if show:
            self.reader.update_status()

    def clear(self) -> None:
        self.text = None
        self._timer = None
        self.reader.update_status()
