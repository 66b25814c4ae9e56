"""Huge documents: their exact line counts arrive a slice at a time, in the background.

A flow that is not :attr:`~reader.text.flow.TextFlow.complete` has estimated heights for the
paragraphs not counted yet; :class:`LineCounting` counts some of them at each beat, when
the keys let it (:mod:`reader.ui.decisions.input_first`), keeping the same text at the top
of the view, and tells the app (:class:`Counted`) once all are exact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from textual.geometry import Size
from textual.message import Message
from textual.timer import Timer

from reader.content.document import Document
from reader.text.flow import TextFlow
from reader.ui.decisions.input_first import INTERVAL, SLICE, InputFirst


class Counted(Message, namespace="article_view"):
    """The line counts made in the background are all exact: what the counting made
    (the flow's counts, the shaped words it cached) will live on, idle. ``again``: not
    the first counting (a resize's). The view's (``ArticleView.Counted``)."""

    def __init__(self, again: bool) -> None:
        super().__init__()
        self.again = again


class CountedView(Protocol):
    """What the counting asks of the view it counts for."""

    @property
    def flow(self) -> TextFlow | None: ...

    @property
    def document(self) -> Document: ...

    @property
    def top(self) -> int: ...

    @property
    def virtual_size(self) -> Size: ...

    def set_interval(self, interval: float, callback: Callable[[], None]) -> Timer: ...

    def call_later(self, callback: Callable[..., object], *args: Any) -> bool: ...

    def follow_counts(self, y: int, resize: bool) -> None:
        """Show document line ``y`` at the top (where the text that was there is now),
        and, if ``resize``, make the virtual size the flow's."""

    def post_message(self, message: Message) -> bool: ...


class LineCounting:
    """The background counting of one view's flow (each resize makes a flow to count).
    ``input_first``: when a slice may run (the keys first; None: at every tick)."""

    def __init__(self, view: CountedView, input_first: InputFirst | None = None) -> None:
        self._view = view
        self._input_first = input_first
        self._timer: Timer | None = None
        self._counted_before = False  # a counting ended already (the next: a resize's)
        self._sized_at = 0.0  # when the virtual size last followed the line counts

    @property
    def running(self) -> bool:
        return self._timer is not None

    @property
    def timer(self) -> Timer | None:
        """The timer of the counting under way (tests pause it)."""
        return self._timer

    def start(self) -> None:
        if self._timer is None:
            self._timer = self._view.set_interval(INTERVAL, self._step)

    def _step(self) -> None:
        view = self._view
        flow = view.flow
        if flow is None or (self._input_first is not None and not self._input_first.may_run()):
            return
        place = flow.position(view.top) if view.document.paragraphs else None
        done = flow.count_some(budget=SLICE)  # a key waits at most this long
        self._after_heights_changed(flow, place, final=done)
        if done and self._timer is not None:
            self._timer.stop()
            self._timer = None
            # Made in the view's own turn: a message made in a timer's callback has the
            # timer's starter (the screen, after a resize) as its sender, and so stops
            # bubbling at the screen, short of the app.
            again, self._counted_before = self._counted_before, True
            view.call_later(lambda: view.post_message(Counted(again)))

    def _after_heights_changed(self, flow: TextFlow, place: tuple[int, int] | None,
                               final: bool = False) -> None:
        """Heights above the top may have changed: keep the same text at the top.

        The scrollbar settles a few times a second, not on every slice, and not while keys
        follow one another: a new virtual size repaints the whole view, and then the
        scrollbar in a frame of its own, and a key that comes just after waits for the
        next beat."""
        view = self._view
        now = time.perf_counter()
        y = flow.locate(*place) if place is not None else view.top
        moved = y != view.top
        keys = self._input_first is not None and self._input_first.keys_lately()
        resize = view.virtual_size.height != flow.height and (
            final or moved or (now - self._sized_at > 0.5 and not keys)
        )
        if resize:
            self._sized_at = now
        if resize or moved:
            view.follow_counts(y, resize)
