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
    GHOSTS,
    ZWJ,
    ZWNJ,
    control_picture,
    is_emoji,
    is_invisible,
)
from reader.text.mirroring import MIRRORS
from reader.text.shaping import ARABIC_RUN, shape_arabic

_VS16 = "\ufe0f"
DOTTED_CIRCLE = "\u25cc"


@dataclass(frozen=True, slots=True)
class WordShape:
    """The display form of one word.

    ``text`` is in logical order; ``srcmap[i]`` is the source index (within the word) of
    ``text[i]``. ``cuts`` are the cluster boundaries in ``text`` (``len(widths) + 1`` of
    them) and ``bases[j]`` the source index of cluster ``j``'s first character. A *ghost*
    cluster is empty: an isolate or a directional mark, invisible but still reordered.
    ``rtl_text``/``rtl_map`` are the clusters in reverse order with mirrored
    bases: what the word shows at an odd embedding level. ``plain`` is False when the word
    holds white space or separators, which rule L1 may move on their own. ``spaced`` holds
    the LTR and RTL forms (text, map) of the word followed by one space of the same level,
    which the layout reorders as one unit.
    """

    text: str
    srcmap: tuple[int, ...]
    cuts: tuple[int, ...]
    widths: tuple[int, ...]
    bases: tuple[int, ...]
    width: int
    rtl_text: str
    rtl_map: tuple[int, ...]
    plain: bool
    spaced: tuple[tuple[str, tuple[int, ...]], tuple[str, tuple[int, ...]]]


def _atoms(word: str, show_controls: bool, shaped: bool = True) -> list[tuple[str, int]]:
    """Display pieces of ``word`` with their source index, before clustering.

    A piece is one display character, a multi-character picture of a control that must stay
    whole, or ``""`` for a ghost.
    """
    atoms: list[tuple[str, int]] = []
    arabic = (
        {m.start(): m for m in ARABIC_RUN.finditer(word)} if shaped and not word.isascii() else {}
    )
    i = 0
    n = len(word)
    while i < n:
        run = arabic.get(i)
        if run is not None:
            shaped, mapping = shape_arabic(run.group())
            start = run.start()
            joiners = [k for k, ch in enumerate(run.group()) if ch == ZWJ] if show_controls \
                else []
            for ch, src in zip(shaped, mapping):
                while joiners and joiners[0] < src:  # a ZWJ did its work in shaping: show it
                    atoms.append((_reveal(ZWJ), start + joiners.pop(0)))
                if ch == ZWNJ:  # it has done its work in shaping
                    if show_controls:
                        atoms.append((_reveal(ch), start + src))
                    continue
                atoms.append((ch, start + src))
            atoms.extend((_reveal(ZWJ), start + k) for k in joiners)
            i = run.end()
            continue
        ch = word[i]
        picture = control_picture(ch)
        if picture is not None:
            atoms.append((picture, i))
        elif show_controls and (ch in GHOSTS or is_invisible(ch)):
            atoms.append((_reveal(ch), i))
        elif ch in GHOSTS:
            atoms.append(("", i))
        elif ch == ZWJ:
            base = _base_of(atoms)
            if base and i + 1 < n and is_emoji(base) and is_emoji(word[i + 1]):
                atoms.append((ch, i))
        elif not is_invisible(ch):
            atoms.append((ch, i))
        i += 1
    return atoms


def _base_of(atoms: list[tuple[str, int]]) -> str:
    for text, _ in reversed(atoms):
        if text and get_character_cell_size(text[0]) > 0:
            return text[0]
    return ""


def _reveal(ch: str) -> str:
    return "\u27e6" + CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}") + "\u27e7"


def _is_picture(text: str) -> bool:
    return len(text) > 1 and text[0] in "<\u27e6" and text[-1] in ">\u27e7"


def _cluster(atoms: list[tuple[str, int]]) -> list[tuple[str, list[int], int]]:
    """Group atoms the way ``rich.cells.split_graphemes`` does: zero-width characters and
    VS16 join the previous cluster, ZWJ joins the previous and the next. Returns (text,
    source index of each character, source index of the cluster)."""
    clusters: list[tuple[str, list[int], int]] = []
    last = -1  # index of the last visible cluster, the one marks attach to
    join_next = False
    for text, src in atoms:
        if not text or len(text) > 1:  # a ghost, or a control's picture: always alone
            clusters.append((text, [src] * len(text), src))
            if text:
                last = -1
            join_next = False
            continue
        zero = text in (_VS16, ZWJ) or get_character_cell_size(text) == 0
        if last >= 0 and (zero or join_next):
            prev_text, prev_map, base = clusters[last]
            clusters[last] = (prev_text + text, [*prev_map, src], base)
        elif zero and text != ZWJ:
            # A mark with nothing to sit on: give it a dotted circle, as fonts do. Alone it
            # would combine with whatever ends up before it on screen (reordering can put it
            # after any letter, and a VS16 after a digit turns it into a 2-cell emoji).
            clusters.append((DOTTED_CIRCLE + text, [src, src], src))
            last = len(clusters) - 1
        else:
            clusters.append((text, [src], src))
            last = len(clusters) - 1
        join_next = text == ZWJ
    return clusters


def shape_word(word: str, show_controls: bool = False, shaped: bool = True) -> WordShape:
    """The display clusters of a word (cached: words repeat). ``shaped=False`` leaves Arabic
    letters in their plain forms, for a terminal that shapes by itself."""
    # Always the same three arguments: lru_cache keys ``f(w)`` and ``f(w, False)`` apart,
    # and counting and layout would each shape every word once.
    return _shape_word(word, show_controls, shaped)


@lru_cache(maxsize=131072)
def _shape_word(word: str, show_controls: bool, shaped: bool) -> WordShape:
    clusters = _cluster(_atoms(word, show_controls, shaped))
    text_parts: list[str] = []
    srcmap: list[int] = []
    cuts = [0]
    widths: list[int] = []
    for text, mapping, _base in clusters:
        text_parts.append(text)
        srcmap.extend(mapping)
        cuts.append(cuts[-1] + len(text))
        widths.append(cell_len(text))
    rtl_parts: list[str] = []
    rtl_map: list[int] = []
    for text, mapping, _base in reversed(clusters):
        rtl_parts.append(mirror_cluster(text))
        rtl_map.extend(mapping)
    text = "".join(text_parts)
    rtl_text = "".join(rtl_parts)
    return WordShape(
        text=text,
        srcmap=tuple(srcmap),
        cuts=tuple(cuts),
        widths=tuple(widths),
        bases=tuple(base for _, _, base in clusters),
        width=sum(widths),
        rtl_text=rtl_text,
        rtl_map=tuple(rtl_map),
        plain=is_plain_word(word),
        spaced=(
            (text + " ", (*srcmap, len(word))),
            (" " + rtl_text, (len(word), *rtl_map)),
        ),
    )


def mirror_cluster(text: str) -> str:
    """Rule L4: a cluster shown at an odd level takes its base's mirror glyph."""
    if not text:
        return text
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


def clear_caches() -> None:
    """Forget every shaped word and run (for benchmarks that measure cold work)."""
    _shape_word.cache_clear()
    word_width.cache_clear()
    shape_arabic.cache_clear()
