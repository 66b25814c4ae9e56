"""The background line counting, driven by hand on a stand-in for the view: the text at the
top stays at the top while the estimates above it become exact, no slice runs right
after a key, and the app is told once, then again for the next flow's counting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.geometry import Size
from textual.message import Message
from textual.timer import Timer

from reader.content.document import Document
from reader.text.flow import TextFlow
from reader.ui.decisions.input_first import InputFirst
from reader.ui.widgets.article_counting import Counted, LineCounting


class _View:
    """What LineCounting asks of the view, and what it did to it."""

    def __init__(self, document: Document, flow: TextFlow) -> None:
        self.document = document
        self.flow: TextFlow | None = flow
        self.top = 0
        self.virtual_size = Size(30, flow.height)
        self.tick: Callable[[], None] | None = None
        self.later: list[Callable[[], object]] = []
        self.posted: list[Message] = []

    def set_interval(self, interval: float, callback: Callable[[], None]) -> Timer:
        self.tick = callback
        return Timer(self, interval)  # never started: the test ticks

    def call_later(self, callback: Callable[..., object], *args: Any) -> bool:
        self.later.append(lambda: callback(*args))
        return True

    def post_message(self, message: Message) -> bool:
        self.posted.append(message)
        return True

    async def _post_message(self, message: Message) -> bool:  # (a timer's target)
        return self.post_message(message)

    def follow_counts(self, y: int, resize: bool) -> None:
        assert self.flow is not None
        if resize:
            self.virtual_size = Size(30, self.flow.height)
        self.top = y


def _document() -> Document:
    # Paragraphs whose estimated heights are wrong at width 30: short lines, many of them.
    return Document.from_text("\n".join(
        " ".join(["كلمة"] * (3 + (i * 7) % 40)) for i in range(600)))


def _count(view: _View, counting: LineCounting) -> int:
    ticks = 0
    while counting.running:
        assert view.tick is not None and ticks < 10_000
        view.tick()
        ticks += 1
    for callback in view.later:
        callback()
    view.later.clear()
    return ticks


def test_the_text_at_the_top_stays_there_while_the_lines_are_counted() -> None:
    document = _document()
    flow = TextFlow(document.paragraphs, 30, eager=False)
    view = _View(document, flow)
    view.top = flow.locate(450, 0)
    estimated = flow.height
    counting = LineCounting(view)
    counting.start()
    assert _count(view, counting) >= 1
    assert flow.complete and flow.height != estimated  # the estimates were not exact
    assert flow.position(view.top) == (450, 0)
    assert view.virtual_size.height == flow.height  # the scrollbar followed at the end
    assert [type(m) for m in view.posted] == [Counted]
    assert isinstance(view.posted[0], Counted) and not view.posted[0].again
    view.flow = TextFlow(document.paragraphs, 40, eager=False)  # a resize
    view.posted.clear()
    counting.start()
    _count(view, counting)
    assert isinstance(view.posted[0], Counted) and view.posted[0].again


def test_no_slice_runs_just_after_a_key() -> None:
    document = _document()
    flow = TextFlow(document.paragraphs, 30, eager=False)
    view = _View(document, flow)
    now = [100.0]
    input_first = InputFirst(clock=lambda: now[0])
    counting = LineCounting(view, input_first)
    counting.start()
    input_first.key_pressed()
    input_first.key_drawn()
    assert view.tick is not None
    view.tick()
    assert not flow.complete and flow._counted == 0
    now[0] += 1.0  # the keys stopped a second ago
    _count(view, counting)
    assert flow.complete and view.posted
