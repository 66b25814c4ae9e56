"""Reordering of one line (UAX #9 rules L1 and L2).

Reordering happens per *line*, after line breaking, with the levels resolved for the whole
paragraph. The units reordered may be code points (the conformance test), clusters or whole
words of one level (the layout): reversing clusters as units is what keeps combining marks
after their base (rule L3). Mirroring (L4) is applied by the caller to units left at an odd
level, which is why :func:`line_levels` is separate from :func:`visual_order`.
"""

from __future__ import annotations

from collections.abc import Sequence

# Original bidi classes that rule L1 cares about.
WHITESPACE = "WS"
SEGMENT_SEPARATOR = "S"
PARAGRAPH_SEPARATOR = "B"
ISOLATE = "I"  # LRI, RLI, FSI, PDI
_TRAILING = frozenset((WHITESPACE, ISOLATE))


def line_levels(levels: Sequence[int], classes: Sequence[str], paragraph_level: int) -> list[int]:
    """Rule L1: separators, and white space before them or at the line's end, take the
    paragraph level. ``classes`` holds each unit's *original* bidi class (only WS, S, B and
    ISOLATE matter)."""
    out = list(levels)
    if SEGMENT_SEPARATOR not in classes and PARAGRAPH_SEPARATOR not in classes:
        # Only the white space at the end can change (the usual line): stop at the first
        # unit from the end that is not white space or an isolate.
        for i in range(len(out) - 1, -1, -1):
            if classes[i] not in _TRAILING:
                break
            out[i] = paragraph_level
        return out
    reset = True  # the end of the line acts like a separator
    for i in range(len(out) - 1, -1, -1):
        cls = classes[i]
        if cls in (SEGMENT_SEPARATOR, PARAGRAPH_SEPARATOR):
            out[i] = paragraph_level
            reset = True
        elif cls in _TRAILING:
            if reset:
                out[i] = paragraph_level
        else:
            reset = False
    return out


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2: indices of the units in visual (left-to-right) order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    if highest < lowest_odd:
        return order
    if highest == lowest_odd and levels.count(highest) == len(levels):
        order.reverse()
        return order
    lv = list(levels)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(lv)
        while i < n:
            if lv[i] >= level:
                j = i
                while j < n and lv[j] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                lv[i:j] = lv[i:j][::-1]
                i = j
            else:
                i += 1
    return order
