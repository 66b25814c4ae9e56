"""The document model: source text split into paragraphs, each with its source offset.

Data flows one way: file -> :class:`Document` -> layout -> widgets. Offsets everywhere in the
reader are code-point offsets *within a paragraph* unless a name says otherwise.

Every format (:mod:`reader.content.formats`) produces this one model. A plain-text document
is one paragraph per line, blank lines kept, and has no blocks. A structured document
(Markdown, a web page, an EPUB book) is one paragraph per block with the markup removed;
``blocks[i]`` says what paragraph ``i`` is (heading, list item, code line, table row...), its
list marker and its inline styles. Spacing between blocks is the app's business, by kind.

This module reads no file and knows no format: opening a document is the formats' job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from reader.text.levels import Isolate

# LF, CRLF and PARAGRAPH SEPARATOR end a paragraph (a .txt file: one paragraph per line).
PARAGRAPH_BREAK = re.compile("\r\n|\n|\u2029")

BLOCK_KINDS = ("paragraph", "heading", "quote", "list_item", "code", "rule", "blank",
               "table_row")
# Cells of a table row are joined by a tab in the paragraph's text: copying a row gives
# tab-separated values, and search finds a cell's text as it is.
CELL_SEPARATOR = "\t"
INLINE_STYLES = ("em", "strong", "code", "link")
# Spans the markup gives a direction of their own (HTML's ``dir`` on an inline element,
# ``<bdi>``, ``<bdo>``): laid out as isolates of these kinds (:class:`Isolate`), not drawn.
DIRECTION_STYLES = {"dir-ltr": "ltr", "dir-rtl": "rtl", "dir-auto": "auto",
                    "bdo-ltr": "override-ltr", "bdo-rtl": "override-rtl"}
BOM = "\ufeff"


class StyleSpan(NamedTuple):
    """An inline style over ``[start, end)`` (code-point offsets in the paragraph's text).

    ``style`` is one of :data:`INLINE_STYLES` or :data:`DIRECTION_STYLES`; ``url`` is the
    target of a ``link``.
    """

    start: int
    end: int
    style: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """What a paragraph is, for documents with structure (Markdown).

    ``kind`` is one of :data:`BLOCK_KINDS`. ``level`` is the heading level (1-6) for a
    heading, the list nesting depth (1 = top level) for a list item, the quote depth for a
    quote, and the container depth (lists and quotes around it) for code and rules.
    ``marker`` (``"•"``, ``"1."``...) is shown by the app before a list item's first
    paragraph; it is not part of the paragraph's text. ``spans`` are the inline styles, sorted
    by start. ``line`` is the 1-based source line the paragraph comes from, when known.

    ``joined`` marks a paragraph that continues the one before it after a hard line break
    (Markdown's trailing backslash, HTML's ``<br>``): no spacing between them. A
    ``table_row`` has ``cells``, the offset where each cell starts in its text (cells are
    joined by :data:`CELL_SEPARATOR`); its ``level`` is 1 for a header row, else 0. The
    rows of a table share its column widths (:mod:`reader.text.table`); each row but the
    first is ``joined`` to the one before.
    """

    kind: str = "paragraph"
    level: int = 0
    marker: str = ""
    spans: tuple[StyleSpan, ...] = ()
    line: int | None = None
    joined: bool = False
    cells: tuple[int, ...] = ()


PLAIN = Block()


class Heading(NamedTuple):
    """A table-of-contents entry: paragraph ``index``, heading ``level`` (1-6), ``text``."""

    index: int  # type: ignore[assignment]  # shadows tuple.index(): the name every caller reads
    level: int
    text: str


@dataclass
class BlockContent:
    """A structured text as parallel lists, one entry per paragraph: what a format's parser
    produces and :meth:`Document.from_blocks` turns into a document. ``toc`` is the
    format's own table of contents (an EPUB's), ``targets`` where link targets land
    (``"file#id"`` -> paragraph), ``title`` the format's own title."""

    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    toc: list[Heading] | None = None
    targets: dict[str, int] = field(default_factory=dict)
    title: str = ""
    title_direction: str = "auto"

    def append(self, text: str, block: Block, direction: str = "auto") -> None:
        self.paragraphs.append(text)
        self.blocks.append(block)
        self.directions.append(direction)


def split_lines(text: str) -> list[str]:
    """The common case (only ``\\n`` breaks), at C speed: a 10 MB book in milliseconds."""
    paragraphs = text.split("\n")
    if paragraphs and paragraphs[-1] == "":
        paragraphs.pop()
    return paragraphs


def split_paragraphs(text: str) -> tuple[list[str], list[int]]:
    """Paragraph texts and their start offsets in ``text``. A final line break does not
    start an empty paragraph; an empty text has no paragraphs."""
    if "\r" not in text and "\u2029" not in text:
        paragraphs = split_lines(text)
        starts = list(accumulate(map((1).__add__, map(len, paragraphs)), initial=0))
        starts.pop()
        return paragraphs, starts
    paragraphs = []
    starts = []
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
    """A loaded document: its text and paragraphs (with their offsets in ``text``).

    For a structured format, ``text`` is the rendered text: the paragraphs joined by
    ``"\\n"``. ``directions`` and ``blocks`` are per paragraph, or empty (all ``auto``, all
    plain). ``url`` is where a fetched document came from (its place is remembered by it);
    ``toc`` a table of contents of the format's own (else the headings make one);
    ``targets`` maps link targets inside the document to paragraphs (EPUB footnotes).
    ``title_direction`` is the direction the title is written in (``auto``: its first
    strong letter's), to lay it out on its own in a title bar. A web page has an
    ``extraction`` (``article`` or ``page``: what of it was read) and, when the article had
    to be widened to the page's content, a ``notice`` saying so.
    """

    text: str
    paragraphs: list[str]
    known_starts: list[int] | None  # None: found from the paragraphs' lengths when asked
    path: Path | None = None
    title: str = ""
    directions: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    url: str = ""
    toc: list[Heading] | None = None
    targets: dict[str, int] = field(default_factory=dict)
    # Parts that could not be read and were left out (a book's missing chapter), one line
    # each: shown by the app, written on stderr by the commands.
    problems: list[str] = field(default_factory=list)
    # The text encoding the document was read in, and whether it was a guess (plain text).
    encoding: str = ""
    encoding_guessed: bool = False
    title_direction: str = "auto"
    extraction: str = ""
    notice: str = ""

    @property
    def starts(self) -> list[int]:
        """Each paragraph's offset in ``text``. Found on first use: a book's offsets cost
        about 10 ms, which opening it need not wait for."""
        if self.known_starts is None:
            self.known_starts = list(
                accumulate(map((1).__add__, map(len, self.paragraphs)), initial=0)
            )[:-1]
        return self.known_starts

    @classmethod
    def from_text(cls, text: str, path: Path | None = None, title: str = "") -> Document:
        if "\r" not in text and "\u2029" not in text:
            paragraphs = split_lines(text)  # offsets follow from the lengths
            return cls(text, paragraphs, None, path, title or default_title(paragraphs, path))
        paragraphs, starts = split_paragraphs(text)
        return cls(text, paragraphs, starts, path, title or default_title(paragraphs, path))

    @classmethod
    def from_blocks(cls, content: BlockContent, path: Path | None = None,
                    title: str = "") -> Document:
        """A structured document from a format's parsed ``content``."""
        starts: list[int] = []
        position = 0
        for paragraph in content.paragraphs:
            starts.append(position)
            position += len(paragraph) + 1
        document = cls(
            "\n".join(content.paragraphs),
            content.paragraphs,
            starts,
            path,
            title or content.title.strip(),
            content.directions,
            content.blocks,
            toc=content.toc,
            targets=content.targets,
            title_direction=content.title_direction if not title else "auto",
        )
        if not document.title:
            first = next((h for h in document.headings() if h.text.strip()), None)
            if first is not None:  # the first heading's text, in that heading's direction
                document.title = first.text.strip()
                document.title_direction = document.direction(first.index) \
                    if first.index < len(document.paragraphs) else "auto"
            else:
                document.title = default_title(content.paragraphs, path)
                document.title_direction = "auto"
        return document

    def direction(self, index: int) -> str:
        """The direction asked for paragraph ``index`` (``auto`` unless the format says)."""
        return self.directions[index] if self.directions else "auto"

    def isolates(self, index: int) -> tuple[Isolate, ...]:
        """What paragraph ``index``'s layout isolates: its code spans (left to right) and
        the spans its markup gives a direction (``dir``, ``<bdi>``, ``<bdo>``)."""
        if not self.blocks:
            return ()
        return tuple(dict.fromkeys(  # once each: ``<code dir="ltr">`` is one isolate
            Isolate(span.start, span.end, "ltr" if span.style == "code"
                    else DIRECTION_STYLES[span.style])
            for span in self.blocks[index].spans
            if span.style == "code" or span.style in DIRECTION_STYLES))

    def block(self, index: int) -> Block:
        """What paragraph ``index`` is (a plain paragraph when the format has no blocks)."""
        return self.blocks[index] if self.blocks else PLAIN

    def headings(self) -> list[Heading]:
        """The table of contents: the format's own, else the headings in order (none for
        plain text)."""
        if self.toc is not None:
            return self.toc
        return [
            Heading(index, block.level, self.paragraphs[index])
            for index, block in enumerate(self.blocks)
            if block.kind == "heading" and not block.joined  # not a line after a hard break
        ]

    def chapter_headings(self) -> list[Heading]:
        """The document's chapters for 1-9 and the palette: its table of contents' entries
        at the highest level it has."""
        headings = self.headings()
        if not headings:
            return []
        top = min(heading.level for heading in headings)
        return [heading for heading in headings if heading.level == top]

    def locate(self, offset: int) -> tuple[int, int]:
        """(paragraph, offset within it) for an offset in the whole text."""
        from bisect import bisect_right

        index = max(0, bisect_right(self.starts, offset) - 1)
        return index, offset - self.starts[index] if self.starts else 0


def default_title(paragraphs: list[str], path: Path | None) -> str:
    for paragraph in paragraphs:
        if paragraph.strip():
            first = paragraph.strip()
            cut = re.search(r"[.!?\u061f\u06d4]", first)
            if cut and cut.start() > 0:
                return first[: cut.start()]
            end = 80
            while end < len(first) and unicodedata.category(first[end])[0] == "M":
                end += 1  # a letter's marks stay with it
            return first[:end]
    return path.name if path else ""
