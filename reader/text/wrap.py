"""Line breaking in logical order, by terminal cells.

A paragraph is seen as words separated by break spaces. Lines break after spaces; spaces at
the end of a line *hang* (they take no room and are not drawn); a word longer than the line
is broken between clusters. The same greedy pass serves full layout and the cheap count of
lines, so both always agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.text.chars import BREAK_SPACES, TAB, TAB_CELLS
from reader.text.clusters import shape_word, word_width

_SEPARATOR = re.compile("([" + "".join(sorted(BREAK_SPACES)) + "])")
_OTHER_SEPARATORS = re.compile("[" + "".join(sorted(BREAK_SPACES - {" "})) + "]")


def separator_width(sep: str) -> int:
    if sep == " ":
        return 1
    if sep == TAB:
        return TAB_CELLS
    return 2 if sep == "\u3000" else 1


@dataclass(frozen=True, slots=True)
class Tokens:
    """A paragraph as alternating words and separators: ``words[i]`` is followed by
    ``separators[i]`` (one fewer separator than words)."""

    words: list[str]
    separators: list[str]

    @classmethod
    def split(cls, text: str) -> Tokens:
        if _OTHER_SEPARATORS.search(text) is None:
            words = text.split(" ")
            return cls(words, [" "] * (len(words) - 1))
        parts = _SEPARATOR.split(text)
        return cls(parts[0::2], parts[1::2])

    def separator_widths(self) -> list[int]:
        if all(sep == " " for sep in self.separators):
            return [1] * len(self.separators)
        return [separator_width(sep) for sep in self.separators]


# A position in a paragraph's tokens: (word index, cluster index within that word).
Position = tuple[int, int]


def break_lines(
    word_widths: Sequence[int],
    sep_widths: Sequence[int],
    width: int,
    cluster_widths: Callable[[int], Sequence[int]],
) -> list[Position]:
    """Greedy line breaking. Returns where each line starts; the first is always (0, 0).

    ``cluster_widths(i)`` gives the widths of word ``i``'s clusters; it is only called for a
    word wider than the line. A single cluster wider than the line gets a line of its own.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    starts: list[Position] = [(0, 0)]
    line_width = 0  # cells up to the end of the last word placed on this line
    gap = 0  # separators after that word, counted only if another word follows
    placed = False
    for i, ww in enumerate(word_widths):
        if i:
            gap += sep_widths[i - 1]
        if placed:
            if ww == 0:
                continue  # an empty word (two spaces in a row) never breaks a line
            if line_width + gap + ww <= width:
                line_width += gap + ww
                gap = 0
                continue
            starts.append((i, 0))
        placed = True
        gap = 0
        if ww <= width:
            line_width = ww
            continue
        # Emergency break inside a word wider than the line.
        line_width = 0
        for j, cw in enumerate(cluster_widths(i)):
            # A zero-width cluster (a ghost, a mark) stays with what precedes it.
            if cw and line_width and line_width + cw > width:
                starts.append((i, j))
                line_width = 0
            line_width += cw
    return starts


def count_lines(text: str, width: int, show_controls: bool = False,
                shaped: bool = True) -> int:
    """How many visual lines ``text`` (one paragraph) takes at ``width``: no levels needed.
    ``shaped=False``: Arabic measured unshaped (``--screen-reader``'s rows)."""
    if len(text) <= width and text.isascii() and text.isprintable():
        return 1
    tokens = Tokens.split(text)
    words = tokens.words
    widths = [word_width(word, show_controls, shaped) for word in words]
    return len(
        break_lines(
            widths,
            tokens.separator_widths(),
            width,
            lambda i: shape_word(words[i], show_controls, shaped).widths,
        )
    )
