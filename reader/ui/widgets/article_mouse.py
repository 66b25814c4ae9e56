"""The mouse on the article view: clicks on links and marked spans, double and triple
clicks (a word, a paragraph, in logical order), the double-clicked word offered for a
look-up, and the link under the mouse.

The messages are the view's (``ArticleView.LinkClicked`` and so on: their handlers are
``on_article_view_...``); :class:`ArticleMouse` makes them, the view tells them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.geometry import Offset
from textual.message import Message
from textual.selection import Selection
from textual.timer import Timer

from reader.content.document import Document
from reader.content.links import link_at
from reader.text.selection import word_at
from reader.text.span import Span


class LinkClicked(Message, namespace="article_view"):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class LinkHovered(Message, namespace="article_view"):
    """The mouse came over a link (``url``) or left it (``None``)."""

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self.url = url


class SpanClicked(Message, namespace="article_view"):
    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


class WordPicked(Message, namespace="article_view"):
    """A word was double-clicked, and neither a third click nor a key came after it
    within the click-chain time: the app may look it up."""

    def __init__(self, span: Span) -> None:
        super().__init__()
        self.span = span


class MouseView(Protocol):
    """What the mouse asks of the view."""

    @property
    def document(self) -> Document: ...

    @property
    def text_selection(self) -> Selection | None: ...

    def source_at(self, x: int, y: int) -> tuple[int, int] | None: ...

    def entry_at(self, paragraph: int, offset: int) -> str | None: ...

    def select_word(self, paragraph: int, offset: int) -> None: ...

    def select_paragraph(self, paragraph: int) -> None: ...

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...

    def post_message(self, message: Message) -> bool: ...


class ArticleMouse:
    """The clicks' timers and the hovered link of one view."""

    def __init__(self, view: MouseView) -> None:
        self._view = view
        self.hovered_link: str | None = None
        self.single_click: Timer | None = None  # a click told once no double click came
        self._picked: Timer | None = None  # a double-clicked word, told after the chain time

    def click(self, at: Offset, chain: int, chain_time: float) -> bool:
        """A click at ``at`` (in the view's content), the ``chain``-th of a chain of clicks
        ``chain_time`` seconds apart at most. True if it was a double or triple click, which
        selects here (Textual's own selection, the whole widget, is then prevented)."""
        view = self._view
        found = view.source_at(at.x, at.y)
        if self.single_click is not None:
            self.single_click.stop()
            self.single_click = None
        self.cancel_pick()
        if chain > 1:
            # A word, a paragraph: in logical order, not Textual's whole widget.
            if found is not None:
                if chain == 2:
                    view.select_word(*found)
                    paragraph = found[0]
                    start, end = word_at(view.document.paragraphs[paragraph], found[1])
                    if end > start:  # told once it is no triple click's second click
                        span = Span(paragraph, start, end)
                        self._picked = view.set_timer(chain_time, lambda: self._pick(span))
                else:
                    view.select_paragraph(found[0])
            return True
        if found is None or view.text_selection is not None:
            return False  # the end of a drag is no click on what lies under it
        # A click on a link or a marked span acts once it is sure not to be the first of a
        # double click (which selects a word there instead of jumping away).
        self.single_click = view.set_timer(chain_time, lambda: self._clicked(*found))
        return False

    def cancel_pick(self) -> None:
        """A key or a click came: a double-clicked word is not told (see WordPicked)."""
        if self._picked is not None:
            self._picked.stop()
            self._picked = None

    def _pick(self, span: Span) -> None:
        self._picked = None
        self._view.post_message(WordPicked(span))

    def _clicked(self, paragraph: int, offset: int) -> None:
        self.single_click = None
        view = self._view
        link = link_at(view.document, paragraph, offset)
        if link is not None:
            view.post_message(LinkClicked(link.url))
            return
        entry_id = view.entry_at(paragraph, offset)
        if entry_id is not None:
            view.post_message(SpanClicked(entry_id))

    def moved(self, at: Offset | None) -> None:
        """The mouse moved to ``at`` in the view's content (None: off it)."""
        view = self._view
        if not view.document.blocks:
            return  # only Markdown has links
        found = view.source_at(at.x, at.y) if at is not None else None
        link = link_at(view.document, *found) if found is not None else None
        url = link.url if link is not None else None
        if url != self.hovered_link:
            self.hovered_link = url
            view.post_message(LinkHovered(url))
