"""How each paragraph is presented: spacing after it, room beside it, what sits in that room.

Pure decisions from the document model (no Textual import), so they can be tested alone.
Plain text gets a blank line between non-empty paragraphs; Markdown blocks get spacing by
kind (list items and code lines run together), list markers and quote bars in an indent.
"""

from __future__ import annotations

from operator import and_

from reader.content.document import Block, Document
from reader.text import layout_paragraph

QUOTE_BAR = "▌"
RULE = "─"
# Kinds whose consecutive paragraphs belong together (no blank line between them).
_RUNS_TOGETHER = {"list_item", "code", "quote"}


def paragraph_gaps(document: Document) -> list[int]:
    """Blank lines after each paragraph."""
    paragraphs = document.paragraphs
    if not document.blocks:
        # A blank line between two paragraphs that have text (not just white space), at
        # C speed: str.strip returns the same object when there is nothing to strip.
        has_text = list(map(bool, map(str.strip, paragraphs)))
        return list(map(int, map(and_, has_text, has_text[1:]))) + [0] * bool(paragraphs)
    blocks = document.blocks
    gaps = []
    for index, block in enumerate(blocks):
        if index + 1 >= len(blocks) or block.kind == "blank":
            gaps.append(0)
            continue
        following = blocks[index + 1]
        together = (
            block.kind in _RUNS_TOGETHER
            and following.kind == block.kind
            and (block.kind != "code" or _consecutive(block, following))
        )
        gaps.append(0 if together or following.kind == "blank" else 1)
    return gaps


def _consecutive(first: Block, second: Block) -> bool:
    return first.line is None or second.line is None or second.line == first.line + 1


def indent_of(block: Block) -> int:
    """Cells kept beside a paragraph for its marker or quote bars."""
    if block.kind == "list_item":
        return 2 * max(0, block.level - 1) + max(2, len(block.marker) + 1)
    if block.kind == "quote":
        return 2 * max(1, block.level)
    if block.kind == "code":
        return 2 + 2 * block.level
    return 0


def paragraph_indents(document: Document) -> list[int] | None:
    if not document.blocks:
        return None
    return [indent_of(block) for block in document.blocks]


def gutter(block: Block, width: int, first_line: bool, rtl: bool) -> str:
    """The ``width`` cells beside a line of this block, in visual order for its side.

    For an RTL paragraph the gutter is drawn on the right, so its content is mirrored:
    the marker touches the text, the nesting space is at the outer edge.
    """
    if width <= 0:
        return ""
    if block.kind == "list_item":
        nest = 2 * max(0, block.level - 1)
        marker = block.marker if first_line else ""
        if rtl and marker:
            marker = layout_paragraph(marker, 20, "rtl").lines[0].text
        room = width - nest
        if rtl:
            return (" " + marker).ljust(room) + " " * nest
        return " " * nest + marker.ljust(room)
    if block.kind == "quote":
        bars = (QUOTE_BAR + " ") * max(1, block.level)
        return bars[:width].rjust(width)[::-1] if rtl else bars[:width].ljust(width)
    return " " * width
