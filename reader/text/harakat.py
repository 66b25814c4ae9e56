"""Harakat (tashkeel) on demand: hidden for unvocalised reading, or picked out for learners.

Both are display-only. The document, the layout's visual lines and their maps keep every
haraka, so search, anchors, clicks and copy see the source text; only the string sent to the
terminal loses them (:func:`hide`), or the letters carrying them get a colour
(:func:`vocalised_ranges`).

Harakat are combining marks of zero cells, so hiding them never moves a letter. What counts
as a haraka: the short vowels, tanwin, shadda and sukun (U+064B-U+0652), the other vowel
signs of the block (U+0656-U+065F), the superscript (dagger) alef U+0670, the Quranic
recitation marks and the extended vowel signs. The maddah and the hamza above and below
(U+0653-U+0655) are kept: they are part of the spelling (آ أ إ), not vocalisation.
"""

from __future__ import annotations

import unicodedata

MODES = ("show", "hide", "highlight")
DEFAULT_MODE = "show"

_RANGES = (
    (0x064B, 0x0652),
    (0x0656, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D3, 0x08E1),
    (0x08E3, 0x08FF),
)
HARAKAT = frozenset(chr(cp) for first, last in _RANGES for cp in range(first, last + 1))
_DELETE = {ord(ch): None for ch in HARAKAT}
_LAM = "\u0644"
_ALEFS = frozenset("\u0622\u0623\u0625\u0627")  # the alefs that join lam in one ligature


def has_harakat(text: str) -> bool:
    return not HARAKAT.isdisjoint(text)


def hide(text: str) -> str:
    """``text`` without its harakat: for the terminal only, never for the document."""
    return text.translate(_DELETE)


def vocalised_ranges(paragraph: str) -> list[tuple[int, int]]:
    """Source ranges of the letters that carry harakat, each with its marks, adjacent ones
    merged (a fully vocalised word is one range).

    A terminal cell has one colour, so it is the letter with its harakat that is coloured.
    A range starts at the letter under the marks (past any other mark, such as a hamza above),
    and at the lam of a lam-alef ligature, which maps the whole ligature to its lam.
    """
    if not has_harakat(paragraph):
        return []
    ranges: list[tuple[int, int]] = []
    index, length = 0, len(paragraph)
    while index < length:
        if paragraph[index] not in HARAKAT:
            index += 1
            continue
        end = index
        while end < length and paragraph[end] in HARAKAT:
            end += 1
        start = index
        while start > 0 and unicodedata.category(paragraph[start - 1]) in ("Mn", "Me"):
            start -= 1
        if start > 0:
            start -= 1  # the letter itself
            if paragraph[start] in _ALEFS and start > 0 and paragraph[start - 1] == _LAM:
                start -= 1
        if ranges and ranges[-1][1] >= start:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
        index = end
    return ranges
