"""The app's search, from ``/`` to ``n``/``N``: what the app owns to run it.

The state is the :class:`~reader.state.search.SearchSession` (query, mode, hits, the current
hit); the search bar shows and edits it; the article view draws the hits it is given. This
object ties them together: it runs the query as it is typed (debounced on big documents),
moves the view to the current hit, hands the view the hits on screen, keeps the "search
wrapped" note, remembers where a search began (Enter leaves it in the history, Esc goes
back to it), and builds a big document's search index in the background, and the Arabic
word index (forms and root search, the look-up) in slices of a few milliseconds, so that no
key waits for the analysis: a forms or root query typed before it is done says so and runs
when it is.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from textual.timer import Timer

from reader.i18n import _
from reader.state.search import Place, SearchSession
from reader.text.search import WORD_MODES, Hit
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.controllers.status_note import StatusNote
from reader.ui.decisions.input_first import INTERVAL, SLICE, InputFirst
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_bar import DEBOUNCE_CHARS, DEBOUNCE_SECONDS, SearchBar

# While the word index is built, the cyclic collector's full passes wait (see
# :meth:`SearchControl.start_analysis`): its third threshold, as good as never reached.
HELD_FULL_PASSES = 1_000_000


class SearchControl:
    """Runs the session for the app; every method acts on the app's widgets."""

    def __init__(self, reader: Reader, session: SearchSession, navigation: Navigation,
                 note: StatusNote, input_first: InputFirst,
                 settled: Callable[[], None] = lambda: None) -> None:
        """``note``: "search wrapped" for a few seconds (shared with ``]``'s "wrapped").
        ``settled``: called when the word index is built; it lives as long as the
        document, and the app takes it out of the collector's full passes (as it does
        what the start-up and the line counting built: every full pass after the analysis
        walked it, 28-35 ms each, bench_look_up.py part 3). ``input_first``: when a slice
        of the analysis or of the folding ahead may run (the keys first)."""
        self.reader = reader
        self._settled = settled
        self.session = session
        self.navigation = navigation
        self._note = note
        self._origin: Place | None = None  # where the open search began
        self._timer: Timer | None = None  # a debounced search waiting to run
        self._ahead: Timer | None = None
        self._analysing: Timer | None = None  # the word index, built in slices
        # the collector's thresholds as they were before the analysis, while it runs
        self._thresholds: tuple[int, int, int] | None = None
        self._waiting_for_words = False  # a forms or root query waits for the analysis
        self._when_read: list[Callable[[], None]] = []  # waiting for the lexicon
        self._input_first = input_first

    @property
    def bar(self) -> SearchBar:
        return self.reader.search_bar

    # -- the status line --------------------------------------------------------------

    @property
    def note(self) -> str | None:
        return self._note.text

    def set_note(self, note: str | None) -> None:
        """A note for the status line ("search wrapped", "wrapped" for ] and [), for a
        few seconds."""
        self._note.set(note)

    # -- the hits on screen -----------------------------------------------------------

    def _visible_places(self) -> tuple[Place, Place]:
        """(paragraph, offset) of the top line and of the line just below the view."""
        article = self.reader.article
        first = article.place()
        flow = article.flow
        bottom = article.top + article.scrollable_content_region.height
        if flow is None or bottom >= flow.height:
            return first, (len(self.reader.document.paragraphs), 0)
        return first, flow.position(bottom)

    def _on_screen(self, hit: Hit | None) -> bool:
        article = self.reader.article
        if hit is None or article.flow is None:
            return False
        y = article.flow.locate(hit.span.paragraph, hit.span.start)
        return article.top <= y < article.top + article.scrollable_content_region.height

    def show_hits(self) -> None:
        """Give the view the hits on screen (all of them would be millions for one letter
        of a big document) and the current one; the view redraws only what changed."""
        search = self.session
        spans = search.visible(*self._visible_places()) if search.total else []
        current = search.current.span if search.current is not None else None
        self.reader.article.set_hits(spans, current)

    # -- the bar ----------------------------------------------------------------------

    def open(self) -> None:
        bar = self.bar
        if bar.display:
            bar.field.focus()
            return
        self.session.index  # noqa: B018 - build it now, not on the first key
        self._origin = self.reader.article.place()
        bar.open()
        if self.session.word_error() is None:
            self.start_analysis()  # Arabic: forms and root search are a key away

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def changed(self) -> None:
        """The query or the mode changed: search now, or soon on a big document."""
        self._stop_timer()
        if len(self.reader.document.text) > DEBOUNCE_CHARS:
            self._timer = self.reader.app.set_timer(DEBOUNCE_SECONDS, self.run_now)
        else:
            self.run_now()

    def run_now(self) -> None:
        self._timer = None
        reader, bar, search = self.reader, self.bar, self.session
        origin = self._origin or reader.article.place()
        self._waiting_for_words = False
        if (bar.value and search.mode in WORD_MODES and not search.words_ready
                and search.word_error() is None):
            # not now: the analysis would keep the key waiting; it runs when that is done
            self._waiting_for_words = True
            self.start_analysis()
            bar.show_mode()
            bar.set_count(_("analysing the text…"))
            return
        step = search.run(bar.value, origin)
        bar.show_mode(others=self._other_counts())
        bar.set_count(search.count_text() if bar.value else "", error=search.error is not None)
        self.set_note(_("search wrapped") if step.wrapped else None)
        self._show(step.hit)

    def _show(self, hit: Hit | None) -> None:
        """``hit`` brought into view, then the hits and the status line shown — unless
        bringing it scrolled the view, whose move the app followed with both at once
        (:meth:`ReaderApp.article_moved`)."""
        if hit is None or not self.reader.article.bring_into_view(hit.span):
            self.show_hits()
            self.reader.update_status()

    def _other_counts(self) -> dict[str, int]:
        """The query's count in the other modes, for the bar, in forms or root mode (what
        the word modes add is seen at once), the words analysed, on a text under
        DEBOUNCE_CHARS (on a bigger one, each key searches in its own mode only)."""
        search = self.session
        if (not search.query or search.error is not None or search.mode not in WORD_MODES
                or not search.words_ready
                or len(self.reader.document.text) > DEBOUNCE_CHARS
                or search.word_error() is not None):
            return {}
        counts = {}
        for mode in search.modes():
            if mode != search.mode:
                count = search.count(mode)
                if count is not None:
                    counts[mode] = count
        return counts

    def submitted(self) -> None:
        """Enter: keep the hits; the place the search began goes into the history."""
        if self._timer is not None:
            self.run_now()
        reader = self.reader
        self.bar.close()
        reader.article.focus()
        origin = self._origin
        if origin is not None and self.session.current is not None \
                and reader.article.place() != origin:
            self.navigation.push_history(origin)
        self._origin = None
        reader.update_status()

    def cancelled(self) -> None:
        """Esc in the bar: clear the search and go back to where it began."""
        self._stop_timer()
        reader = self.reader
        self.bar.close()
        reader.article.focus()
        origin = self._origin
        self._origin = None
        self.clear()
        if origin is not None and reader.article.place() != origin:
            reader.article.go_to_place(origin)

    def clear(self) -> None:
        bar = self.bar
        if bar.display:  # Esc outside the bar (after a click on the text) closes it too
            bar.close()
            self._origin = None
        self._stop_timer()
        self._waiting_for_words = False
        self.session.clear()
        self.set_note(None)
        self.show_hits()
        self.reader.update_status()

    # -- n and N ----------------------------------------------------------------------

    def step(self, direction: int) -> None:
        reader, search = self.reader, self.session
        article = reader.article
        place = article.place()
        if not search.active:
            history = self.bar.history
            if not history:
                reader.app.bell()
                self.set_note(_("no search yet: press / to search"))
                reader.update_status()
                return
            # n after Esc: the last query again, from the top of the view
            step = search.run(history[-1], place)
            if step.hit is not None and direction < 0:
                step = search.step(direction, place)
        elif search.total == 0:
            reader.app.bell()
            reader.update_status()
            return
        else:
            # from the current hit while it is on screen, else from the top of the view
            step = search.step(direction, place, self._on_screen(search.current))
        self.set_note(_("search wrapped") if step.wrapped else None)
        if step.hit is None:
            reader.app.bell()
        else:
            article.set_flash(None)
        self._show(step.hit)

    # -- the Arabic word index, in slices ---------------------------------------------

    def start_analysis(self, when_read: Callable[[], None] | None = None) -> None:
        """Analyse the document's words a slice at a time from now on (once); call
        ``when_read`` once the lexicon is read (a look-up can then answer at once)."""
        if when_read is not None:
            if self.session.look_up_ready:
                when_read()
            else:
                self._when_read.append(when_read)
        if self._analysing is None and not self.session.words_ready:
            self._hold_full_passes()
            self._analysing = self.reader.app.set_interval(INTERVAL, self._analyse_step)

    def _hold_full_passes(self) -> None:
        """No full (generation 2) pass of the cyclic collector while the analysis runs;
        the young generations are collected as before.

        The slices keep the collector out of themselves (:meth:`SearchSession.analyse_some`),
        but the word index grows by some hundred thousand objects over the analysis, each
        one counted towards the next full pass, and a full pass walks all of them and the
        app's: 7 to 30 ms each, several during the analysis of a 1 MB document (measured:
        benchmarks/bench_look_up.py part 3), and one comes between slices, inside
        whatever allocates then: a key's handler. Freezing the index as the lexicon is
        frozen would keep it for the process' life, and it is the document's. So the full
        passes wait for the analysis' end (the third threshold raised: at most one is then
        due, as at any other moment), and the thresholds are restored as they were, at the
        end or when the app closes first. Nothing is lost: the young generations, where
        nearly all the app's garbage dies, are collected as before."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _full = self._thresholds
            gc.set_threshold(young, middle, HELD_FULL_PASSES)

    def end(self) -> None:
        """The app closes: an analysis under way stops, the collector as it was."""
        if self._analysing is not None:
            self._analysing.stop()
            self._analysing = None
        self._release_full_passes()

    def _release_full_passes(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    @property
    def analysing(self) -> bool:
        return self._analysing is not None

    def _analyse_step(self) -> None:
        if self.reader.pending is not None:
            return  # the rest of the book first: the words are those of all of it
        if not self._input_first.may_run():
            return  # the reader's keys first
        if not self.reader.app.query(ArticleView):
            return  # the app is closing (:meth:`end`)
        done = self.session.analyse_some(SLICE)
        if self._when_read and (done or self.session.look_up_ready):
            waiting, self._when_read = self._when_read, []
            for call in waiting:
                call()
        if done:
            self._settled()
            self._release_full_passes()
            if self._analysing is not None:
                self._analysing.stop()
                self._analysing = None
            if self._waiting_for_words:  # (the bar may be closed: Enter came first)
                self.run_now()

    # -- the index ahead of time ------------------------------------------------------

    def start_ahead(self) -> None:
        """On a book, fold the text for search in slices once the line counts are done,
        so that the first search does not pause while it is folded."""
        self._ahead = self.reader.app.set_interval(INTERVAL, self._ahead_step)

    def _ahead_step(self) -> None:
        reader = self.reader
        if reader.pending is not None:
            return
        views = reader.app.query(ArticleView)
        if not views:
            return  # the app is closing: its widgets are gone before its timers
        flow = views.first().flow
        if flow is not None and not flow.complete:
            return  # counting first: the scrollbar matters sooner than search
        if not self._input_first.may_run():
            return  # the reader's keys first
        if self.session.prepare_some(SLICE) and self._ahead is not None:
            self._ahead.stop()
            self._ahead = None
