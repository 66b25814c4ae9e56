"""The document model: source text split into paragraphs, each with its source offset.

Data flows one way: file -> :class:`Document` -> layout -> widgets. Offsets everywhere in the
reader are code-point offsets *within a paragraph* unless a name says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.content.source import read_text
from reader.resources import bundled_article

# LF, CRLF and PARAGRAPH SEPARATOR end a paragraph (a .txt file: one paragraph per line).
PARAGRAPH_BREAK = re.compile("\r\n|\n|\u2029")


def split_paragraphs(text: str) -> tuple[list[str], list[int]]:
    """Paragraph texts and their start offsets in ``text``. A final line break does not
    start an empty paragraph; an empty text has no paragraphs."""
    paragraphs: list[str] = []
    starts: list[int] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        paragraphs.append(text[position : match.start()])
        starts.append(position)
        position = match.end()
    if position < len(text):
        paragraphs.append(text[position:])
        starts.append(position)
    return paragraphs, starts


@dataclass
class Document:
    """A loaded document: its text and paragraphs (with their offsets in ``text``)."""

    text: str
    paragraphs: list[str]
    starts: list[int]
    path: Path | None = None
    title: str = ""
    directions: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, path: Path | None = None, title: str = "") -> Document:
        paragraphs, starts = split_paragraphs(text)
        return cls(text, paragraphs, starts, path, title or _default_title(paragraphs, path))

    def direction(self, index: int) -> str:
        """The direction asked for paragraph ``index`` (``auto`` unless the format says)."""
        return self.directions[index] if self.directions else "auto"

    def locate(self, offset: int) -> tuple[int, int]:
        """(paragraph, offset within it) for an offset in the whole text."""
        from bisect import bisect_right

        index = max(0, bisect_right(self.starts, offset) - 1)
        return index, offset - self.starts[index] if self.starts else 0


def _default_title(paragraphs: list[str], path: Path | None) -> str:
    for paragraph in paragraphs:
        if paragraph.strip():
            first = paragraph.strip()
            cut = re.search(r"[.!?\u061f\u06d4]", first)
            return first[: cut.start()] if cut and cut.start() > 0 else first[:80]
    return path.name if path else ""


def load_document(path: Path | None = None, errors: str = "strict") -> Document:
    """Load a document from ``path`` (the bundled article when None)."""
    target = bundled_article() if path is None else path
    return Document.from_text(read_text(target, errors), target)
