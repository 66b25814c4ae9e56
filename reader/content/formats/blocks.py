"""Pieces every structured format builds the same way: table rows and directions of groups.

Markdown, web pages and EPUB chapters all end up as a
:class:`~reader.content.document.BlockContent`; a table is one ``table_row`` paragraph per
row (cells joined by :data:`~reader.content.document.CELL_SEPARATOR`), and a table or a
paragraph cut by hard breaks takes one direction for all its parts, from its first strong
letter, so an Arabic table keeps its first column on the right in every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.content.document import CELL_SEPARATOR, Block, BlockContent, StyleSpan
from reader.text.chars import first_strong as first_letter_direction

Cell = tuple[str, Sequence[StyleSpan]]

@dataclass
class Container:
    """A quote, list or list item the walker of a format is inside."""

    kind: str  # "quote" | "list" | "item"
    ordered: bool = False
    marker: str | None = None  # an item's marker, until a paragraph takes it
    depth: int = 0  # an item's list nesting depth
    count: int = 0  # items so far, for an ordered list's numbers (web pages)
    start: int = 1
    line: int | None = None  # where an item starts in the source (Markdown)


def container_kind(stack: Sequence[Container]) -> tuple[str, int]:
    """Kind and level of a paragraph inside ``stack`` (outermost first)."""
    for container in reversed(stack):
        if container.kind == "item":
            return "list_item", container.depth
        if container.kind == "quote":
            return "quote", sum(1 for c in stack if c.kind == "quote")
    return "paragraph", 0


def pending_item(stack: Sequence[Container]) -> Container | None:
    """The innermost item whose marker no paragraph has taken yet."""
    for container in reversed(stack):
        if container.kind == "item" and container.marker is not None:
            return container
    return None


# Bullet list markers by nesting depth (cycled beyond the third level).
BULLETS = ("•", "◦", "▪")

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"})


def first_strong(texts: Iterable[str]) -> str:
    """``"rtl"`` or ``"ltr"`` after the first strong letter of ``texts``, else ``"auto"``."""
    for text in texts:
        found = first_letter_direction(text)
        if found is not None:
            return found
    return "auto"


def prose(text: str, spans: Sequence[StyleSpan]) -> str:
    """``text`` without its code spans and isolates (the markup's ``dir`` on an inline
    element), for finding its direction: code reads left to right wherever it stands and,
    like an isolate (UAX #9 P2), does not set the direction of the paragraph or table
    around it."""
    code = sorted((span.start, span.end) for span in spans
                  if span.style == "code" or span.style.startswith("dir-"))
    if not code:
        return text
    kept, at = [], 0
    for start, end in code:
        kept.append(text[at:max(at, start)])
        at = max(at, end)
    kept.append(text[at:])
    return " ".join(kept)


def language_direction(language: str) -> str:
    """The direction a language tag (``ar``, ``fa-IR``, ``he``...) is written in, or auto."""
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return "rtl" if primary in RTL_LANGUAGES else "auto"


def join_cells(cells: Sequence[Cell]) -> tuple[str, tuple[StyleSpan, ...], tuple[int, ...]]:
    """A row's text, its spans shifted into it, and where each cell starts."""
    parts: list[str] = []
    spans: list[StyleSpan] = []
    starts: list[int] = []
    position = 0
    for index, (text, cell_spans) in enumerate(cells):
        if index:
            parts.append(CELL_SEPARATOR)
            position += len(CELL_SEPARATOR)
        starts.append(position)
        parts.append(text)
        spans.extend(StyleSpan(s.start + position, s.end + position, s.style, s.url)
                     for s in cell_spans)
        position += len(text)
    return "".join(parts), tuple(spans), tuple(starts)


def add_table(content: BlockContent, rows: Sequence[tuple[bool, Sequence[Cell]]],
              direction: str = "auto", line: int | None = None,
              lines: Sequence[int | None] = ()) -> None:
    """Append a table: one ``table_row`` paragraph per row (``(is_header, cells)``), every
    row in the table's direction (``direction``, else its first strong letter). Rows after
    the first are ``joined`` to it: that is how the next table is told from this one."""
    rows = [(header, cells) for header, cells in rows if cells]
    if not rows:
        return
    if direction == "auto":
        direction = first_strong(prose(text, spans) for _header, cells in rows
                                 for text, spans in cells)
    for index, (header, cells) in enumerate(rows):
        text, spans, starts = join_cells(cells)
        row_line = lines[index] if index < len(lines) else line
        content.append(text, Block("table_row", 1 if header else 0, "", spans, row_line,
                                   joined=index > 0, cells=starts), direction)
