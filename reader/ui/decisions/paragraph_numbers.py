"""Paragraph numbers: the gutter beside the text, and the numbers ``:`` goes to.

The numbers are the ones ``reader search`` (``PARAGRAPH:START-END``) and ``reader render
--format json`` print: paragraph ``i`` of the document shows as ``i + FIRST``; for a text
file that is its line number. They
sit on the reading side of the text: on the right for a right-to-left document.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.text.chars import first_strong

FIRST = 1  # the number of the first paragraph, as `reader search` prints it
_SAMPLE = 200  # paragraphs looked at to find the document's reading side


def shown_number(index: int) -> int:
    return index + FIRST


def index_of(number: int) -> int:
    return number - FIRST


def gutter_width(paragraphs: int) -> int:
    """Cells for the largest number and one space between it and the text."""
    return len(str(shown_number(max(0, paragraphs - 1)))) + 1


def label(index: int, width: int, right: bool) -> str:
    """The gutter of a paragraph's first line: the number against the text."""
    number = str(shown_number(index))
    return (" " + number).ljust(width) if right else (number + " ").rjust(width)


def reads_right_to_left(paragraphs: Sequence[str], directions: Sequence[str] = ()) -> bool:
    """Whether most of the document's first paragraphs are right to left."""
    rtl = ltr = 0
    for index, text in enumerate(paragraphs[:_SAMPLE]):
        asked = directions[index] if index < len(directions) else "auto"
        found = asked if asked != "auto" else first_strong(text[:1000])
        rtl += found == "rtl"
        ltr += found == "ltr"
    return rtl > ltr
