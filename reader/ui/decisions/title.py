"""The title bar and the chrome's direction (no Textual)."""

from __future__ import annotations

from reader.content.document import Document
from reader.text.chrome import ChromeStyle, isolate, join_fields, text_direction


def chrome_direction(document: Document) -> str:
    """The base direction of every line of chrome: the document's (one forced on all its
    paragraphs; else its title's when the format says which: a right-to-left page's
    "B.5. فضاء المستخدم"; else its first paragraphs')."""
    forced = set(document.directions) - {"auto"}
    if len(forced) == 1:
        return forced.pop()
    if document.title and document.title_direction in ("ltr", "rtl"):
        return document.title_direction
    return text_direction([document.title or "", *document.paragraphs[:50]])


def title_line(document: Document, direction: str, style: ChromeStyle) -> str:
    """The title bar's text: the title in its own direction (its page's, else its first
    letter's) inside the chrome's, or "reader"."""
    title = isolate(document.title, document.title_direction) if document.title else "reader"
    return join_fields([title], direction, style=style)
