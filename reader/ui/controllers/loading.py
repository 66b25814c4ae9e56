"""The rest of a big file or a book, loaded after the first frame
(:mod:`reader.content.loading`); the objects built to open the document, taken out of the
collector's full scans once the first frames are drawn; and a web page read again the other
way (``X``: its article or the whole page), which the command line does once the app ends."""

from __future__ import annotations

import gc
from collections.abc import Callable

from reader.content.loading import finish_loading
from reader.errors import ReaderError
from reader.i18n import _
from reader.ui.controllers.host import Reader


class Loading:
    """Finishes loading the document (``reader.pending``); a bad byte in the rest ends the
    app with :attr:`error` set."""

    def __init__(self, reader: Reader, grew: Callable[[], None]) -> None:
        """``grew`` is told when the rest was added (the panel lists a book's later
        chapters)."""
        self.reader = reader
        self.grew = grew
        self.error: str | None = None  # the one-line message the app ended with
        # X: the extraction a web page is to be read again with (reader.ui.launch).
        self.switch_to: str | None = None
        self._frozen = False

    def finish(self) -> None:
        """Add the rest of a big file or a book: right after the first frame, or at once
        when a key or a click comes first (no command ever sees half a document)."""
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
        self.grew()
        reader.update_status()

    def switch_extract(self) -> bool:
        """``X``: True when the document is a web page opened from a file or URL, which
        the command line opens again with the other extraction (:attr:`switch_to`) once
        the app ends; else it says so, and False."""
        document = self.reader.document
        if not document.extraction or (document.path is None and not document.url):
            self.reader.say(_(
                "Only a web page opened from a file or URL can be read as its article or "
                "whole (X)."))
            return False
        self.switch_to = "page" if document.extraction == "article" else "article"
        return True

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

    def freeze_settled(self, *, thaw: bool) -> None:
        """The background counting of a big document is done, or the word index is built:
        the tens of thousands of objects they made (shaped words in the core's cache: named
        tuples, which the collector never untracks; the flow's counts; the index) live on,
        and every full collection of the idle app walked them (25-40 ms each, from 5 ms,
        ``scripts/idle_growth.py --big``). Out of its way too, as at start-up: a freeze on
        top of the last one, about 1 ms.

        Frozen objects are never collected: what was frozen and later dropped is freed by
        its reference count only, and a cycle (a widget's render state, the strips drawn at
        the last width and the caches inside them) stays for good. So when the counting
        comes back after a resize (``thaw``), freezing on top of the last freeze would keep
        what the last width drew, about 1,300 objects a resize with the panel shown, no
        plateau (``tests/test_idle_growth.py``): then thaw, collect everything and freeze
        only what is alive. That full collection walks the lexicon too (100-200 ms on a
        1 MB document with the Arabic analysis read, once after a resize's counting); the
        first counting and the index's end freeze at once, which kept the loop blocked no
        more than a slice (``benchmarks/bench_look_up.py`` part 3)."""
        if thaw and self._frozen:
            gc.unfreeze()
            gc.collect()
        else:
            gc.collect(1)  # no young cycle frozen: those are collected first
        self.freeze()

    def end(self) -> None:
        pending = self.reader.pending
        if pending is not None:  # the app ended before the rest was needed
            pending.close()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
