"""Words turned into display clusters: shaped, made safe, measured in terminal cells.

A *word* is a run of source characters with no break opportunity inside. Its shape does not
depend on its neighbours (Arabic joining never crosses a space), so it is computed once per
distinct word and cached: in running text most words repeat.

A *cluster* is what must never be split or reordered internally: a base character with its
combining marks, variation selectors and ZWJ-joined emoji. Cluster boundaries and widths
follow Rich's own rules (``rich.cells``), so Textual measures our lines exactly as we do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

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
from reader.text.shaping import ARABIC_RUN, IDENTITY_MAPS, shape_arabic, shape_runs
from reader.text.shaping import clear_cache as clear_shaped_runs

_VS16 = "\ufe0f"
DOTTED_CIRCLE = "\u25cc"


class WordShape(NamedTuple):
    """The display form of one word.

    ``text`` is in logical order; ``srcmap[i]`` is the source index (within the word) of
    ``text[i]``. ``cuts`` are the cluster boundaries in ``text`` (``len(widths) + 1`` of
    them) and ``bases[j]`` the source index of cluster ``j``'s first character. A *ghost*
    cluster is empty: an isolate or a directional mark, invisible but still reordered.
    ``rtl_text``/``rtl_map`` are the clusters in reverse order with mirrored
    bases: what the word shows at an odd embedding level. ``plain`` is False when the word
    holds white space or separators, which rule L1 may move on their own. ``spaced`` holds
    the LTR and RTL forms (text, map) of the word followed by one space of the same level,
    which the layout reorders as one unit. ``forms`` holds the LTR and RTL forms of the word
    alone: ``(text, srcmap)`` and ``(rtl_text, rtl_map)``.

    A named tuple, not a frozen dataclass: as immutable, and made five times faster (a
    fresh word costs one).
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
    forms: tuple[tuple[str, tuple[int, ...]], tuple[str, tuple[int, ...]]]


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
            letters, mapping = shape_arabic(run.group())
            start = run.start()
            joiners = [k for k, ch in enumerate(run.group()) if ch == ZWJ] if show_controls \
                else []
            for ch, src in zip(letters, mapping):
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


def revealed(ch: str) -> str | None:
    """How ``v`` (``show_controls``) shows ``ch`` when it is invisible (a bidi control, a
    mark, a joiner: ``⟦RLO⟧``); ``None`` for any other character."""
    if ch in GHOSTS or (is_invisible(ch) and control_picture(ch) is None):
        return _reveal(ch)
    return None


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


# Shaped words, one dict per (show_controls, shaped): a dict lookup is what most words of
# running text cost, several times cheaper than an lru_cache's.
_WORDS: dict[tuple[bool, bool], dict[str, WordShape]] = {
    (show, shaped): {} for show in (False, True) for shaped in (False, True)}
WORDS_KEPT = 131072  # then it starts again


def shape_word(word: str, show_controls: bool = False, shaped: bool = True) -> WordShape:
    """The display clusters of a word (cached: words repeat). ``shaped=False`` leaves Arabic
    letters in their plain forms, for a terminal that shapes by itself."""
    cache = _WORDS[show_controls, shaped]
    shape = cache.get(word)
    if shape is None:
        shape = _shape_simple(word, shaped) or _shape_clusters(word, show_controls, shaped)
        if len(cache) >= WORDS_KEPT:
            cache.clear()
        cache[word] = shape
    return shape


def shape_words(words: list[str], show_controls: bool = False, shaped: bool = True
                ) -> list[WordShape]:
    """:func:`shape_word` of each word; the Arabic of the words not seen yet is shaped in
    one call (see :func:`reader.text.shaping.shape_runs`)."""
    cache = _WORDS[show_controls, shaped]
    new = [word for word in words if word not in cache]
    if not new:
        return list(map(cache.__getitem__, words))
    if shaped and len(new) > 1:
        shape_runs(ARABIC_RUN.findall("\n".join(new)))
    if len(cache) + len(new) >= WORDS_KEPT:
        cache.clear()  # then every word of these is new again
        new = words
    for word in new:
        if word not in cache:  # (a word may come twice)
            cache[word] = (_shape_simple(word, shaped)
                           or _shape_clusters(word, show_controls, shaped))
    return list(map(cache.__getitem__, words))


# What each character seen so far is in a simple word: a base drawn as itself in one cell,
# a combining mark drawn on the base before it, or anything else (a control, something
# invisible or joining, white space or a separator, a wide or odd character). Sets, so that
# a whole word is checked at C speed; a character is classified the first time it is seen.
_BASES: set[str] = set()
_MARKS: set[str] = set()
_OTHERS: set[str] = set()
_MIRROR_TABLE = str.maketrans(MIRRORS)


def _classify(text: str) -> None:
    for ch in set(text).difference(_BASES, _MARKS, _OTHERS):
        kind = _OTHERS
        if not (
            ch in (ZWJ, ZWNJ, _VS16)
            or ch in GHOSTS
            or control_picture(ch) is not None
            or is_invisible(ch)
            or unicodedata.bidirectional(ch) in ("WS", "S", "B")
        ):
            size = get_character_cell_size(ch)
            if size == 1 and cell_len(ch) == 1:
                kind = _BASES
            elif size == 0 and cell_len(ch) == 0 and ch not in MIRRORS:
                kind = _MARKS  # (a mark that mirrors would need mirror_cluster's care)
        kind.add(ch)


# Characters known to be simple bases (tests/test_fast_paths.py holds them to the sets'
# rules): printable ASCII, Arabic letters, digits and punctuation, presentation forms.
_COMMON_BASES = re.compile(
    "[!-~\u00ab\u00bb\u060c\u061b\u061f\u0621-\u063a\u0641-\u064a\u0660-\u066d"
    "\u0671-\u06d3\ufb50-\ufbb1\ufbd3-\ufd3d\ufe80-\ufefc]*"
)


# Words of these letters alone are one Arabic run of simple bases (a subset of both).
_ARABIC_LETTERS = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
_HAS_MIRRORED = re.compile("[" + "".join(map(re.escape, sorted(MIRRORS))) + "]")


def _simple(text: str) -> bool | None:
    """True when ``text`` is all simple bases, False when it also holds marks, None when it
    holds anything else."""
    if _COMMON_BASES.fullmatch(text) or _BASES.issuperset(text):
        return True
    if not _OTHERS.isdisjoint(text):
        return None
    _classify(text)
    if _BASES.issuperset(text):
        return True
    if not _OTHERS.isdisjoint(text):
        return None
    return False


# A WordShape made from a tuple of its fields: what the named tuple's own __new__ does,
# without its Python-level call (a fresh word's shape is made on every new word).
_new_shape = tuple.__new__
# Tuples most words share: (0..n-1), (n-1..0), (1,)*n.
_SHARED = 64
_IDENTITY = IDENTITY_MAPS[:_SHARED] + [tuple(range(n)) for n in range(len(IDENTITY_MAPS),
                                                                        _SHARED + 1)]
_REVERSED = [tuple(range(n - 1, -1, -1)) for n in range(_SHARED + 1)]
_ONES = [(1,) * n for n in range(_SHARED + 1)]


def _shape_simple(word: str, shaped: bool) -> WordShape | None:
    """The shape of a word made only of simple characters (see :func:`_simple`), shaped
    letters included: each base with the marks after it is a cluster of one cell, so the
    general path's atoms and clusters reduce to the shaped text, its map and where its
    bases are. Most words of running text are such words. None for any other word (the
    general path then shapes it)."""
    n = len(word)
    if shaped and _ARABIC_LETTERS.fullmatch(word):  # Arabic letters only: the usual word
        text, full_map = shape_arabic(word)
        plain = _simple(text)
    else:
        plain = _simple(word)
        if plain is None:
            return None
        if not shaped or word.isascii():
            text = word
            full_map = _IDENTITY[n] if n < _SHARED else tuple(range(n))
        else:
            if ARABIC_RUN.fullmatch(word):  # one run
                text, full_map = shape_arabic(word)
            else:
                parts: list[str] = []
                srcmap: list[int] = []
                at = 0
                for run in ARABIC_RUN.finditer(word):
                    start, end = run.span()
                    if start > at:
                        parts.append(word[at:start])
                        srcmap.extend(range(at, start))
                    run_text, mapping = shape_arabic(run.group())
                    parts.append(run_text)
                    srcmap.extend(map(start.__add__, mapping))
                    at = end
                if at < n:
                    parts.append(word[at:])
                    srcmap.extend(range(at, n))
                text = "".join(parts)
                full_map = tuple(srcmap)
            plain = _simple(text)
    if plain is None:
        return None
    if plain and n < _SHARED and full_map is _IDENTITY[n]:
        # letter for letter (no ligature): every tuple is a shared one
        rtl_text = text[::-1]
        if _HAS_MIRRORED.search(rtl_text):
            rtl_text = rtl_text.translate(_MIRROR_TABLE)
        return _new_shape(WordShape, (
            text, full_map, _IDENTITY[n + 1], _ONES[n], full_map, n, rtl_text, _REVERSED[n],
            True, ((text + " ", _IDENTITY[n + 1]), (" " + rtl_text, _REVERSED[n + 1])),
            ((text, full_map), (rtl_text, _REVERSED[n]))))
    if plain:
        count = len(text)
        cuts: tuple[int, ...] = tuple(range(count + 1))
        rtl_text = text[::-1]
        rtl_map = full_map[::-1]
        bases = full_map
    else:
        if text[0] not in _BASES:
            return None  # a mark with nothing to sit on: the general path gives it a circle
        cut_list = [i for i, ch in enumerate(text) if ch in _BASES]
        cut_list.append(len(text))
        cuts = tuple(cut_list)
        count = len(cuts) - 1
        spans = [(cuts[k], cuts[k + 1]) for k in range(count - 1, -1, -1)]
        rtl_text = "".join([text[a:b] for a, b in spans])
        rtl_map = tuple(src for a, b in spans for src in full_map[a:b])
        bases = tuple(full_map[cut] for cut in cut_list[:-1])
    if _HAS_MIRRORED.search(rtl_text):
        rtl_text = rtl_text.translate(_MIRROR_TABLE)
    return _new_shape(WordShape, (
        text, full_map, cuts, _ONES[count] if count <= _SHARED else (1,) * count, bases, count,
        rtl_text, rtl_map, True,
        ((text + " ", (*full_map, n)), (" " + rtl_text, (n, *rtl_map))),
        ((text, full_map), (rtl_text, rtl_map))))


def _shape_clusters(word: str, show_controls: bool, shaped: bool) -> WordShape:
    """The general path: atoms (shaped letters, pictures, ghosts), grouped into clusters."""
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
    ltr_tuple, rtl_tuple = tuple(srcmap), tuple(rtl_map)
    return WordShape(
        text=text,
        srcmap=ltr_tuple,
        cuts=tuple(cuts),
        widths=tuple(widths),
        bases=tuple(base for _, _, base in clusters),
        width=sum(widths),
        rtl_text=rtl_text,
        rtl_map=rtl_tuple,
        plain=is_plain_word(word),
        spaced=(
            (text + " ", (*srcmap, len(word))),
            (" " + rtl_text, (len(word), *rtl_map)),
        ),
        forms=((text, ltr_tuple), (rtl_text, rtl_tuple)),
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
def word_width(word: str, show_controls: bool = False, shaped: bool = True) -> int:
    """Cells a word takes on screen; cheaper to keep than its whole shape."""
    if word.isascii() and word.isprintable():
        return len(word)
    return shape_word(word, show_controls, shaped).width


def is_plain_word(word: str) -> bool:
    """True when no character of the word is white space or a separator for rule L1."""
    return not any(unicodedata.bidirectional(ch) in ("WS", "S", "B") for ch in word)


def clear_caches() -> None:
    """Forget every shaped word and run (for benchmarks that measure cold work)."""
    for cache in _WORDS.values():
        cache.clear()
    word_width.cache_clear()
    clear_shaped_runs()
