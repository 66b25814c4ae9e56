"""Last changes to each widget line before Textual composes the screen.

Textual applies an app's line filters to every widget line (``Widget.get_line_filters``),
before the compositor crops lines under an overlay (a dialog, the help). Four filters:

- :class:`UprightRtl` (every terminal): right-to-left text is never italic.

- :class:`ClusterSegments` (every terminal): the compositor crops a line by cells, with
  Rich's ``split_cells``, which hands the zero-width marks after a cut's last letter to the
  *right* side: a mark whose letter a dialog covers was drawn on the dialog's border, and a
  letter just left of a dialog lost its mark. A segment that ends after each cluster with
  marks makes every cut fall between whole clusters.
- :class:`KonsoleMarks`: Konsole (bidi rendering on) runs each row through Qt's bidi
  algorithm. A LEFT-TO-RIGHT MARK before every cluster of right-to-left text leaves every
  right-to-left run one cluster long, so nothing moves; the row's first strong character is
  a mark, so its direction is left to right. Konsole with bidi off ignores the marks.
- :class:`KittyWords`: kitty shapes each run of cells between spaces and changes of font
  face (bold, italic) with HarfBuzz, which lays a run out right to left when its first
  letter is right-to-left (and mirrors its brackets): such runs are sent reversed, brackets
  unmirrored, so that kitty puts them back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import split_graphemes
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

from reader.text.mirroring import MIRRORS

LRM = "\u200e"
# The blocks of right-to-left scripts (Hebrew to the Arabic extensions, the presentation
# forms, the historic scripts of the SMP).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")


def _may_be_rtl(text: str) -> bool:
    return not text.isascii() and _RTL.search(text) is not None


@lru_cache(4096)
def _has_mark(tail: str) -> bool:
    """True if a cluster's tail holds a combining mark (not only format characters)."""
    return any(unicodedata.category(ch) in ("Mn", "Me", "Mc") for ch in tail)


class ClusterSegments(LineFilter):
    """Split segments after every cluster with combining marks (a letter and its harakat):
    crops then never separate a mark from its letter."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out: list[Segment] = []
        for segment in segments:
            text = segment.text
            if text.isascii() or segment.control:
                out.append(segment)
                continue
            spans, _cells = split_graphemes(text)
            if len(spans) == len(text):
                out.append(segment)
                continue
            style = segment.style
            start = 0
            for first, last, _width in spans:
                if last - first > 1 and _has_mark(text[first + 1 : last]):
                    out.append(Segment(text[start:last], style))
                    start = last
            if start < len(text):
                out.append(Segment(text[start:], style))
        return out


@lru_cache(4096)
def _with_marks(text: str) -> str:
    spans, _cells = split_graphemes(text)
    return "".join(LRM + text[first:last] for first, last, _width in spans)


class KonsoleMarks(LineFilter):
    """A left-to-right mark before every cluster of segments that hold right-to-left text."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # A segment with a mark was done already: a translucent dialog draws the screen
        # beneath it, filtered, as its own background and filters it again. The layout
        # never sends a mark of its own (marks are folded).
        return [
            Segment(_with_marks(s.text), s.style)
            if not s.control and _may_be_rtl(s.text) and LRM not in s.text else s
            for s in segments
        ]


@lru_cache(8192)
def _starts_rtl(word: str) -> bool:
    """True if HarfBuzz would lay ``word`` out right to left: its first strong letter is."""
    for ch in word:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def _face(style: Style | None) -> tuple[bool, bool]:
    """The font face a style picks in kitty: a change of face ends a shaping run."""
    return (bool(style and style.bold), bool(style and style.italic))


class KittyWords(LineFilter):
    """Words whose first strong letter is right-to-left, sent reversed (by clusters, each
    keeping its marks) with their brackets unmirrored.

    A translucent dialog draws the screen beneath it, already filtered, as its own
    background, and that goes through the filters again: words this filter made are
    remembered and left alone. (A shaped word reversed has its initial forms on the left,
    so it never equals a word as laid out, whose initial forms are on the right.)"""

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(enabled)
        self._made: set[str] = set()

    def _reversed(self, word: list[tuple[str, Style | None]]) -> list[tuple[str, Style | None]]:
        text = "".join(cluster for cluster, _style in word)
        if text in self._made or not _starts_rtl(text):
            return word
        out = [(MIRRORS.get(cluster, cluster), style) for cluster, style in reversed(word)]
        if len(self._made) > 100_000:
            self._made.clear()
        self._made.add("".join(cluster for cluster, _style in out))
        return out

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_may_be_rtl(s.text) for s in segments):
            return segments
        if any(s.control for s in segments):
            return segments
        clusters: list[tuple[str, Style | None]] = []
        for segment in segments:
            text = segment.text
            spans, _cells = split_graphemes(text)
            clusters.extend((text[first:last], segment.style) for first, last, _w in spans)
        out: list[tuple[str, Style | None]] = []
        index, count = 0, len(clusters)
        while index < count:
            if clusters[index][0] == " ":
                out.append(clusters[index])
                index += 1
                continue
            end = index + 1
            face = _face(clusters[index][1])
            while end < count and clusters[end][0] != " " and _face(clusters[end][1]) == face:
                end += 1
            out.extend(self._reversed(clusters[index:end]))
            index = end
        merged: list[Segment] = []
        for text, style in out:
            if merged and merged[-1].style == style:
                merged[-1] = Segment(merged[-1].text + text, style)
            else:
                merged.append(Segment(text, style))
        return merged


_UPRIGHT = Style(italic=False, underline=True)


class UprightRtl(LineFilter):
    """No italic for right-to-left text: Arabic has no italic tradition, and monospace
    oblique faces have no Arabic (mlterm shows boxes, Konsole unjoined letters). Emphasis
    stays visible as an underline."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(s.text, s.style + _UPRIGHT, s.control)
            if s.style is not None and s.style.italic and _may_be_rtl(s.text) else s
            for s in segments
        ]


def filters_for(mode: str) -> list[LineFilter]:
    """The filters for a terminal mode (see :mod:`reader.ui.terminal`), in the order they
    apply: :class:`ClusterSegments` last, so that nothing merges its segments again."""
    extra: list[LineFilter] = {"kitty": [KittyWords()], "konsole": [KonsoleMarks()]}.get(mode, [])
    return [UprightRtl(), *extra, ClusterSegments()]
