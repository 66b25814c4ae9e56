"""Words turned into display clusters: shaped, made safe, measured in terminal cells.

A *word* is a run of source characters with no break opportunity inside. Its shape does not
depend on its neighbours (Arabic joining never crosses a space), so it is computed once per
distinct word and cached: in running text most words repeat.

A *cluster* is what must never be split or reordered internally: a base character with its
combining marks, variation selectors and ZWJ-joined emoji. Cluster boundaries and widths
follow Rich's own rules (``rich.cells``), so Textual measures our lines exactly as we do.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from reader.text.chars import (
    CONTROL_NAMES,
    ZWJ,
    control_picture,
    is_emoji,
    is_invisible,
)
from reader.text.mirroring import MIRRORS
from reader.text.shaping import ARABIC_RUN, shape_arabic

DOTTED_CIRCLE = "\u25cc"
_VS16 = "\ufe0f"


@dataclass(frozen=True, slots=True)
class WordShape:
    """The display form of one word.

    ``text`` is in logical order; ``srcmap[i]`` is the source index (within the word) of
    ``text[i]``. ``cuts`` are the cluster boundaries in ``text`` (``len(widths) + 1`` of
    them). ``rtl_text``/``rtl_map``/``rtl_cuts`` are the same clusters in reverse order with mirrored
    bases: what the word shows at an odd embedding level. ``plain`` is False when the word
    holds white space or separators, which rule L1 may move on their own.
    """

    text: str
    srcmap: tuple[int, ...]
    cuts: tuple[int, ...]
    widths: tuple[int, ...]
    width: int
    rtl_text: str
    rtl_map: tuple[int, ...]
    rtl_cuts: tuple[int, ...]
    plain: bool


def _atoms(word: str, show_controls: bool) -> list[tuple[str, int]]:
    """Display pieces of ``word`` with their source index, before clustering.

    A piece is one display character, or a multi-character picture of a control that must
    stay whole.
    """
    atoms: list[tuple[str, int]] = []
    arabic = {m.start(): m for m in ARABIC_RUN.finditer(word)} if _maybe_arabic(word) else {}
    i = 0
    n = len(word)
    while i < n:
        run = arabic.get(i)
        if run is not None:
            shaped, mapping = shape_arabic(run.group())
            start = run.start()
            for ch, src in zip(shaped, mapping):
                if ch == "\u200c" and not show_controls:
                    continue  # ZWNJ has done its work in shaping
                atoms.append((_reveal(ch) if show_controls and ch == "\u200c" else ch, start + src))
            i = run.end()
            continue
        ch = word[i]
        picture = control_picture(ch)
        if picture is not None:
            atoms.append((picture, i))
        elif ch == ZWJ:
            if show_controls:
                atoms.append((_reveal(ch), i))
            elif atoms and i + 1 < n and is_emoji(_base_of(atoms)) and is_emoji(word[i + 1]):
                atoms.append((ch, i))
        elif is_invisible(ch):
            if show_controls:
                atoms.append((_reveal(ch), i))
        else:
            atoms.append((ch, i))
        i += 1
    return atoms


def _maybe_arabic(word: str) -> bool:
    return not word.isascii()


def _base_of(atoms: list[tuple[str, int]]) -> str:
    for text, _ in reversed(atoms):
        if get_character_cell_size(text[0]) > 0:
            return text[0]
    return atoms[-1][0][0]


def _reveal(ch: str) -> str:
    return "\u27e6" + CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}") + "\u27e7"


def _cluster(atoms: list[tuple[str, int]]) -> list[tuple[str, list[int]]]:
    """Group atoms the way ``rich.cells.split_graphemes`` does: zero-width characters and
    VS16 join the previous cluster, ZWJ joins the previous and the next."""
    clusters: list[tuple[str, list[int]]] = []
    join_next = False
    for text, src in atoms:
        if len(text) > 1:  # a control's picture: always its own cluster
            clusters.append((text, [src] * len(text)))
            join_next = False
            continue
        zero = text == _VS16 or text == ZWJ or get_character_cell_size(text) == 0
        if clusters and (zero or join_next) and not _is_picture(clusters[-1][0]):
            prev_text, prev_map = clusters[-1]
            clusters[-1] = (prev_text + text, [*prev_map, src])
        elif zero and text != ZWJ:
            # A mark with nothing to sit on: give it a dotted circle, as fonts do.
            clusters.append((DOTTED_CIRCLE + text, [src, src]))
        else:
            clusters.append((text, [src]))
        join_next = text == ZWJ
    return clusters


def _is_picture(text: str) -> bool:
    return len(text) > 1 and text[0] in "<\u27e6" and text[-1] in ">\u27e7"


@lru_cache(maxsize=131072)
def shape_word(word: str, show_controls: bool = False) -> WordShape:
    """The display clusters of a word (cached: words repeat)."""
    clusters = _cluster(_atoms(word, show_controls))
    text_parts: list[str] = []
    srcmap: list[int] = []
    cuts = [0]
    widths: list[int] = []
    for text, mapping in clusters:
        text_parts.append(text)
        srcmap.extend(mapping)
        cuts.append(cuts[-1] + len(text))
        widths.append(cell_len(text))
    rtl_parts: list[str] = []
    rtl_map: list[int] = []
    rtl_cuts = [0]
    for text, mapping in reversed(clusters):
        rtl_parts.append(mirror_cluster(text))
        rtl_map.extend(mapping)
        rtl_cuts.append(rtl_cuts[-1] + len(text))
    return WordShape(
        text="".join(text_parts),
        srcmap=tuple(srcmap),
        cuts=tuple(cuts),
        widths=tuple(widths),
        width=sum(widths),
        rtl_text="".join(rtl_parts),
        rtl_map=tuple(rtl_map),
        rtl_cuts=tuple(rtl_cuts),
        plain=is_plain_word(word),
    )


def mirror_cluster(text: str) -> str:
    """Rule L4: a cluster shown at an odd level takes its base's mirror glyph."""
    mirrored = MIRRORS.get(text[0])
    if mirrored is None or _is_picture(text):
        return text
    return mirrored + text[1:]


@lru_cache(maxsize=262144)
def word_width(word: str, show_controls: bool = False) -> int:
    """Cells a word takes on screen; cheaper to keep than its whole shape."""
    if word.isascii() and word.isprintable():
        return len(word)
    return shape_word(word, show_controls).width


def is_plain_word(word: str) -> bool:
    """True when no character of the word is white space or a separator for rule L1."""
    return not any(unicodedata.bidirectional(ch) in ("WS", "S", "B") for ch in word)
