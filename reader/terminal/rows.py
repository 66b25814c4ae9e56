"""What each terminal is given for a line of right-to-left text (docs/DESIGN.md §4;
docs/terminals.md); which terminal it is: :mod:`reader.terminal.detect`.

Kept free of Textual: the app (:mod:`reader.ui.terminal_output.cell_filters`,
:mod:`reader.ui.terminal_output.kitty_output`) and the command line's messages
(:mod:`reader.terminal.messages`) both use it, and a sub-command must not import the UI.

- :func:`konsole_marks`: Konsole (bidi rendering on) runs each row through Qt's bidi
  algorithm; a LEFT-TO-RIGHT MARK before every cluster leaves every right-to-left run one
  cluster long, so nothing moves.
- :func:`kitty_words`: kitty shapes each run of cells between spaces (and characters it draws
  itself) with HarfBuzz, which lays a run out right to left when its first strong letter is:
  such runs are sent reversed, by clusters, brackets unmirrored, so that kitty puts them back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style

from reader.terminal.detect import ENTER_EXPLICIT, LEAVE_EXPLICIT
from reader.text.mirroring import MIRRORS

LRM = "\u200e"
RLM = "\u200f"
CGJ = "\u034f"  # COMBINING GRAPHEME JOINER
# The blocks of right-to-left scripts (Hebrew to the Arabic extensions, the presentation
# forms, the historic scripts of the SMP).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
# What ends a run kitty shapes, besides a change of font face: a space, and the characters
# kitty draws itself, never shaped (box drawing, block elements such as a scroll bar's
# thumb, braille, Powerline symbols, legacy computing). A tab only moves the cursor: the
# cells it passes are blank, a break too (``reader search`` prints one before a hit's text).
KITTY_BREAK = re.compile("[ \t\u2500-\u259f\u2800-\u28ff\ue0a0-\ue0d4\U0001fb00-\U0001fbff]")

_MLTERM_BARS = str.maketrans(dict.fromkeys("│┃║▌▐▏▕█", "|"))


class Rows:
    """Rows of text in visual order (laid out by the core) as this terminal needs them:

    - "explicit" (xterm, VTE, the rest): as they are, after :meth:`begin`'s explicit mode,
      left by :meth:`end` after the last newline (VTE applies a change of mode to the row
      the cursor is on);
    - "konsole": a LEFT-TO-RIGHT MARK before every cluster;
    - "kitty": words that start right to left reversed, so that kitty puts them back;
    - "mlterm": the row's logical text, when it has right-to-left letters and the caller
      knows it, after a mark giving the row's direction; else as placed. mlterm lays a
      line with a box-drawing or block character out left to right whatever its letters, so
      a vertical bar of those (a quote's ▌) is sent as "|" there.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def begin(self) -> str:
        return ENTER_EXPLICIT if self.mode == "explicit" else ""

    def end(self) -> str:
        return LEAVE_EXPLICIT if self.mode == "explicit" else ""

    def row(self, visual: str, logical: str | None = None, rtl: bool = False) -> str:
        """One row (no newline): ``visual`` as placed by the core, ``logical`` the same
        text in logical order (for mlterm), ``rtl`` its direction."""
        if self.mode == "konsole":
            return konsole_marks(visual) if may_be_rtl(visual) else visual
        if self.mode == "kitty":
            return kitty_words(visual) if may_be_rtl(visual) else visual
        if self.mode == "mlterm" and logical is not None and may_be_rtl(visual):
            return (RLM if rtl else LRM) + logical.translate(_MLTERM_BARS)
        return visual


def may_be_rtl(text: str) -> bool:
    """``text`` holds a letter of a right-to-left script (cheap; ASCII says no at once)."""
    return not text.isascii() and _RTL.search(text) is not None


@lru_cache(4096)
def konsole_marks(text: str) -> str:
    """A LEFT-TO-RIGHT MARK before every cluster (every character of some width) of
    ``text``: Konsole's bidi then moves nothing."""
    return "".join(LRM + ch if get_character_cell_size(ch) else ch for ch in text)


@lru_cache(8192)
def starts_rtl(word: str) -> bool:
    """True if kitty would lay ``word`` out right to left: HarfBuzz guesses a run's
    direction from its first character of a real script, a *letter* (punctuation such as
    the Arabic semicolon ؛ and digits are of no script), so ``؛(TOML)`` is laid left to
    right."""
    for ch in word:
        if unicodedata.category(ch)[0] != "L":
            continue
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def unmirror(ch: str) -> str:
    return MIRRORS.get(ch, ch)


def pad_clusters(clusters: list[tuple[int, int]], padding: dict[int, str]) -> None:
    """Joiners that put each mark on its letter in a run kitty lays out right to left.

    kitty hands HarfBuzz's glyphs, which come in visual order (each mark before its
    letter), to the run's cells in the order they were sent, one code point each, and a cell
    draws the glyphs it took until its last code point (kitty/fonts.c, ``group_normal``).
    The two orders mirror each other, so that comes out right only if the cluster at each
    place holds as many code points as the one at the mirrored place. Otherwise a mark drew
    alone, one cell left of its letter, and the letters after it moved along until two
    shared a cell. The smaller cluster of each pair gets COMBINING GRAPHEME JOINERs after
    its marks: zero width, kept in the cell like a mark, transparent to Arabic joining and
    drawn as nothing by HarfBuzz (a default ignorable).

    ``clusters`` are (first, end) source indices in the order sent; ``padding`` maps the
    index of a cluster's last character to the joiners sent after it."""
    sizes = [last - first for first, last in clusters]
    if sizes == sizes[::-1]:
        return
    for index in range(len(clusters) // 2):
        mirror = len(clusters) - 1 - index
        smaller = index if sizes[index] < sizes[mirror] else mirror
        missing = abs(sizes[index] - sizes[mirror])
        if missing:
            padding[clusters[smaller][1] - 1] = CGJ * missing


def _face(style: Style | None) -> tuple[bool, bool]:
    """The font face a style picks in kitty: a change of face ends a shaping run."""
    return (bool(style and style.bold), bool(style and style.italic))


def kitty_segments(segments: Sequence[Segment]) -> list[Segment]:
    """``segments`` (one row's, or a piece of it) as kitty must be sent them: each run
    between kitty's breaks and changes of font face whose first letter is right to left,
    reversed by clusters (each keeping its marks), brackets unmirrored, joiners added where
    a mark would land on the wrong letter (:func:`pad_clusters`)."""
    text = "".join(segment.text for segment in segments)
    owner: list[int] = []  # the segment of each character
    for index, segment in enumerate(segments):
        owner.extend([index] * len(segment.text))
    faces = [_face(segment.style) for segment in segments]
    order = list(range(len(text)))
    flipped = [False] * len(text)
    padding: dict[int, str] = {}  # joiners sent after a character
    count, start = len(text), 0
    while start < count:
        if KITTY_BREAK.match(text[start]):
            start += 1
            continue
        end, face = start + 1, faces[owner[start]]
        while end < count and not KITTY_BREAK.match(text[end]) \
                and faces[owner[end]] == face:
            end += 1
        run = text[start:end]
        if may_be_rtl(run) and starts_rtl(run):
            # clusters: a character of some width and the zero-width ones after it
            cuts = [k for k in range(start, end)
                    if k == start or get_character_cell_size(text[k])] + [end]
            clusters = list(reversed(list(pairwise(cuts))))
            order[start:end] = [k for first, last in clusters for k in range(first, last)]
            flipped[start:end] = [True] * (end - start)
            pad_clusters(clusters, padding)
        start = end
    merged: list[Segment] = []
    piece: list[str] = []
    style = segments[owner[order[0]]].style if text else None
    for position, k in enumerate(order):
        char_style = segments[owner[k]].style
        if char_style != style:
            merged.append(Segment("".join(piece), style))
            piece, style = [], char_style
        piece.append(unmirror(text[k]) + padding.get(k, "") if flipped[position] else text[k])
    if piece:
        merged.append(Segment("".join(piece), style))
    return merged


def kitty_words(text: str) -> str:
    """``text`` (one font face) as kitty must be sent it (:func:`kitty_segments`)."""
    if not may_be_rtl(text):
        return text
    return "".join(segment.text for segment in kitty_segments([Segment(text)]))
