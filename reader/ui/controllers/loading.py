"""The rest of a big file, loaded after the first frame (:mod:`reader.content.loading`), and
the objects built to open the document, taken out of the collector's full scans once the
first frames are drawn."""

from __future__ import annotations

import gc

from reader.content.loading import finish_loading
from reader.errors import ReaderError
from reader.ui.controllers.host import Reader


class Loading:
    """Finishes loading the document (``reader.pending``); a bad byte in the rest ends the
    app with :attr:`error` set."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.error: str | None = None  # the one-line message the app ended with
        self._frozen = False

    def finish(self) -> None:
        """Add the rest of a big file: right after the first frame, or at once when a key
        or a click comes first (no command ever sees half a document)."""
        reader = self.reader
        pending, reader.pending = reader.pending, None
        if pending is None:
            return
        try:
            finish_loading(reader.document, pending)
        except ReaderError as error:
            self.error = error.message
            reader.app.exit(return_code=1)
            return
        reader.article.document_grew()
        reader.update_status()

    def ended_by(self, error: Exception) -> bool:
        """A :class:`ReaderError` raised while drawing (python-bidi breaking mid-way, say)
        ends the app with its one-line message, like a load error, instead of a traceback."""
        if not isinstance(error, ReaderError):
            return False
        self.error = error.message
        self.reader.app.exit(return_code=error.exit_code)
        return True

    def freeze(self) -> None:
        """What was built to open the document (widgets, styles, the document, its flow)
        lives as long as the app: take it out of the collector's full scans, which made
        every other resize frame twice as long. Given back at exit (:meth:`end`)."""
        gc.freeze()
        self._frozen = True

    def end(self) -> None:
        pending = self.reader.pending
        if pending is not None:  # the app ended before the rest was needed
            pending.close()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
