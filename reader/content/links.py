"""Links of a Markdown document: where they are, which one is at an offset, which may open.

A link is a ``link`` :class:`~reader.content.document.StyleSpan` of a paragraph (its text in
the paragraph, its URL kept aside). Only web and mail links are opened in a browser: a
``javascript:`` or ``file:`` target in a document is shown, never followed. And only a
graphical browser: Python's :mod:`webbrowser` falls back to console browsers (lynx, w3m),
which would fight the reader for the terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

from reader.content.document import Document

OPENABLE_SCHEMES = ("http", "https", "mailto")


class Link(NamedTuple):
    paragraph: int
    start: int
    end: int
    url: str


def document_links(document: Document) -> list[Link]:
    """Every link in reading order (none for plain text)."""
    return [Link(index, span.start, span.end, span.url)
            for index, block in enumerate(document.blocks)
            for span in block.spans if span.style == "link"]


def link_at(document: Document, paragraph: int, offset: int) -> Link | None:
    if not document.blocks or paragraph >= len(document.blocks):
        return None
    for span in document.blocks[paragraph].spans:
        if span.style == "link" and span.start <= offset < span.end:
            return Link(paragraph, span.start, span.end, span.url)
    return None


def next_link(links: list[Link], current: Link | None, place: tuple[int, int],
              direction: int) -> Link | None:
    """The link after (``direction`` 1) or before (-1) the focused one, or from ``place``
    (the top of the view) when none is focused; wrapping around."""
    if not links:
        return None
    if current in links:
        return links[(links.index(current) + direction) % len(links)]
    after = [k for k, link in enumerate(links) if (link.paragraph, link.start) >= place]
    if direction > 0:
        return links[after[0] if after else 0]
    return links[(after[0] - 1) % len(links) if after else -1]


def may_open(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in OPENABLE_SCHEMES


def graphical_session(environ: Mapping[str, str] | None = None,
                      platform: str | None = None) -> bool:
    """Whether a browser can open beside the terminal (not in it)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "darwin" or platform.startswith("win"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
