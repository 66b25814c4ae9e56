"""Helpers for reading layout results in tests."""

from __future__ import annotations

import unicodedata

from reader.text import ParagraphLayout, VisualLine
from reader.text.chars import TAB, control_picture
from reader.text.mirroring import MIRRORS

ALEFS = "\u0627\u0623\u0625\u0622"
LAM = "\u0644"


def source_order(line: VisualLine) -> list[int]:
    """The line's source offsets in visual order, each once."""
    return list(dict.fromkeys(line.map))


def visual_source(line: VisualLine, text: str) -> str:
    """The line's source characters in visual order, unshaped: easy to write expectations."""
    return "".join(text[i] for i in source_order(line))


def visual_lines(layout: ParagraphLayout) -> list[str]:
    return [visual_source(line, layout.text) for line in layout.lines]


def agrees(shown: str, source: str) -> bool:
    """Whether ``shown`` (one drawn code point) is a faithful rendering of ``source``."""
    if shown == source or MIRRORS.get(source) == shown:
        return True
    picture = control_picture(source)
    if picture is not None and shown in picture:
        return True
    if source == TAB or unicodedata.bidirectional(source) == "WS":
        return shown == " "
    if shown in ("\u25cc", "\u2026"):  # dotted circle under a lone mark; too-wide cluster
        return True
    expansion = unicodedata.normalize("NFKC", shown)
    return expansion.startswith(unicodedata.normalize("NFKC", source)) or (
        source == LAM and expansion[:1] == LAM
    )


def absorbed_by_ligature(text: str, index: int) -> bool:
    """An alef right after a lam (marks between allowed) may be folded into a ligature."""
    if text[index] not in ALEFS:
        return False
    j = index - 1
    while j >= 0 and unicodedata.category(text[j]) == "Mn":
        j -= 1
    return j >= 0 and text[j] == LAM
