"""Arabic shaping in logical order, with a map from each output character to its source.

arabic-reshaper replaces letters by their contextual presentation forms (isolated,
initial, medial, final) so terminals that do not join letters still show joined text. It
keeps no index map, and its output may be shorter than its input (لا becomes one ligature),
so the map is rebuilt here: a presentation form consumes as many source letters as its NFKC
expansion has; a kept mark maps to the next source mark.

Only Arabic-script runs are fed to the reshaper. A ZWJ inside such a run (a request to join)
is shaped as a TATWEEL, which joins on both sides and blocks the lam-alef ligature, and is then
dropped from the output: the letters around it take their joined forms.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from configparser import SectionProxy
from functools import lru_cache, partial
from typing import Any

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, MEDIAL, UNSHAPED, ZWJ

_RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": False,  # tashkeel carries meaning
        "delete_tatweel": False,
        "support_zwj": False,
        "shift_harakat_position": False,
        "support_ligatures": True,
        # Fonts draw U+FDF2 far wider than one cell.
        "ARABIC LIGATURE ALLAH": False,
    }
)



class _Settings:
    """The reshaper's configuration, read once. It asks configparser for seven booleans on
    every call, half the time it takes to shape a word; these answers do not change."""

    def __init__(self, section: SectionProxy) -> None:
        self._section = section
        self._key = section.parser.optionxform  # names are case-insensitive
        self._booleans: dict[str, bool] = {}
        for key in section:
            with contextlib.suppress(ValueError):
                value = section.getboolean(key)
                if value is not None:  # (it is not: the key is there)
                    self._booleans[key] = value

    def getboolean(self, key: str, fallback: bool | None = None) -> bool | None:
        answer = self._booleans.get(key)  # the reshaper asks by the names as stored
        if answer is None:
            answer = self._booleans.get(self._key(key))
        if answer is None:
            return self._section.getboolean(key, fallback)
        return answer

    def __getattr__(self, name: str) -> Any:  # anything else: configparser's own answer
        return getattr(self._section, name)

    def __getitem__(self, key: str) -> str:
        return self._section[key]

    def __contains__(self, key: object) -> bool:
        return key in self._section


_RESHAPER.configuration = _Settings(_RESHAPER.configuration)

# Letters and marks of the Arabic blocks that the reshaper knows, with joiners between them.
_ARABIC = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ed\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
)
ARABIC_RUN = re.compile(f"[{_ARABIC}](?:[{_ARABIC}\u200c\u200d]*[{_ARABIC}])?")
# The marks the reshaper moves with their letter (its HARAKAT_RE).
_HARAKAT = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d4-\u08ff]"
)
_TATWEEL = "\u0640"
_ZWJ = "\u200d"
# The same marks as a set (all of them lie in U+0600-U+08FF): a lookup, not a regex match.
_HARAKA_SET = frozenset(ch for ch in map(chr, range(0x600, 0x900)) if _HARAKAT.match(ch))
_is_haraka = _HARAKA_SET.__contains__
# Each Arabic letter and presentation form whose NFKC is one other character, to it: two
# strings equal after this translation are the same letters, each perhaps in another form.
_COMPATIBLE = {
    cp: expansion
    for cp in (*range(0x600, 0x900), *range(0xFB50, 0xFF00))
    if len(expansion := unicodedata.normalize("NFKC", chr(cp))) == 1 and expansion != chr(cp)
}
# Identity maps, shared (the word shapes use them too): most runs map letter for letter.
IDENTITY_MAPS = [tuple(range(n)) for n in range(64)]
# NFKC of a presentation form or of a few letters: the same few hundred strings again.
_nfkc = lru_cache(maxsize=4096)(partial(unicodedata.normalize, "NFKC"))


# Shaped runs: a dict rather than an lru_cache, so that :func:`shape_runs` can fill it.
_RUNS: dict[str, tuple[str, tuple[int, ...]]] = {}
RUNS_KEPT = 65536  # then it starts again


def shape_arabic(run: str) -> tuple[str, tuple[int, ...]]:
    """Shape one Arabic-script run; return the shaped text and each character's source index.

    Source ZWJs take no output character. If the map cannot be rebuilt (an unexpected
    reshaper output), the run is returned unshaped with an identity map: correct, if unjoined.
    """
    shaped = _RUNS.get(run)
    if shaped is None:
        prepared = run.replace(_ZWJ, _TATWEEL)
        shaped = _finish(run, prepared, _RESHAPER.reshape(prepared))
        _keep(run, shaped)
    return shaped


def shape_runs(runs: list[str]) -> None:
    """Shape the runs not shaped yet in one call of the reshaper, for :func:`shape_arabic`
    to find: a fresh paragraph's new words cost one call, not one each.

    The runs are shaped joined by line feeds. A line feed is no Arabic letter: the letters
    on either side take the forms they take at the end and the start of a run, no ligature
    crosses it, and a mark after it goes with the run that follows, as it would at that
    run's start. So each piece of the output is what shaping its run alone gives.
    """
    new = [run for run in dict.fromkeys(runs) if run not in _RUNS]
    if len(new) < 2:
        return
    _shape_together(new, _reshape_letters)


def _shape_together(runs: list[str], reshape: Callable[[str], str]) -> None:
    if not runs:
        return
    joined = "\n".join(runs).replace(_ZWJ, _TATWEEL)
    shaped = reshape(joined)
    pieces = shaped.split("\n")
    if len(pieces) != len(runs):  # never expected: shape_arabic will do them one by one
        return
    # Which runs came out letter for letter (see _rebuild_map), compared all at once.
    same = map(str.__eq__, shaped.translate(_COMPATIBLE).split("\n"),
               joined.translate(_COMPATIBLE).split("\n"))
    if len(_RUNS) + len(runs) >= RUNS_KEPT:
        _RUNS.clear()
    shared = len(IDENTITY_MAPS)
    for run, piece, alike in zip(runs, pieces, same, strict=True):
        if alike and _ZWJ not in run and _HARAKA_SET.isdisjoint(run):
            n = len(run)
            _RUNS[run] = (piece, IDENTITY_MAPS[n] if n < shared else tuple(range(n)))
        else:
            _RUNS[run] = _finish(run, run.replace(_ZWJ, _TATWEEL), piece)


# The reshaper's letter table and, per letter, whether it joins the letter before it, the
# letter after it, and both (its connects_with_* functions, answered once).
_LETTERS = _RESHAPER.letters
_JOINS_BEFORE = {k: bool(f[FINAL] or f[MEDIAL]) for k, f in _LETTERS.items()}
_JOINS_AFTER = {k: bool(f[INITIAL] or f[MEDIAL]) for k, f in _LETTERS.items()}
_JOINS_BOTH = {k: bool(f[MEDIAL]) for k, f in _LETTERS.items()}
_ALONE = (UNSHAPED if _RESHAPER.configuration.getboolean("use_unshaped_instead_of_isolated")
          else ISOLATED)
_UNSUPPORTED = -1


# The settings _reshape_letters follows (and the reshaper's ligatures, looked up once).
_FOLLOWS_SETTINGS = not any(_RESHAPER.configuration.getboolean(key) for key in (
    "delete_harakat", "shift_harakat_position", "delete_tatweel", "support_zwj"))
_LIGATURES = (_RESHAPER._ligatures_re
              if _RESHAPER.configuration.getboolean("support_ligatures") else None)


def _reshape_letters(text: str) -> str:
    """``_RESHAPER.reshape(text)``: the reshaper's own steps (forms by the letter before,
    marks kept after their letter, then its ligatures) with its settings read once and its
    per-letter calls inlined, several times faster. tests/test_fast_paths.py holds the two
    to the same output."""
    if ZWJ in text or not _FOLLOWS_SETTINGS:  # (a ZWJ never comes: a TATWEEL stands in)
        reshaped: str = _RESHAPER.reshape(text)
        return reshaped
    letters: list[str] = []
    forms: list[int] = []
    marks: dict[int, list[str]] = {}  # the marks after the letter at each index
    add_letter = letters.append
    add_form = forms.append
    table = _LETTERS
    has_marks = not _HARAKA_SET.isdisjoint(text)
    for letter in text:
        if has_marks and letter in _HARAKA_SET:
            marks.setdefault(len(letters) - 1, []).append(letter)
        elif letter not in table:
            add_letter(letter)
            add_form(_UNSUPPORTED)
        elif not letters:
            add_letter(letter)
            add_form(_ALONE)
        else:
            previous, previous_form = letters[-1], forms[-1]
            add_letter(letter)
            if (previous_form == _UNSUPPORTED or not _JOINS_BEFORE[letter]
                    or not _JOINS_AFTER[previous]
                    or (previous_form == FINAL and not _JOINS_BOTH[previous])):
                add_form(_ALONE)
            elif previous_form == _ALONE:
                forms[-1] = INITIAL
                add_form(FINAL)
            else:
                forms[-1] = MEDIAL
                add_form(FINAL)
    if _LIGATURES is not None:
        # the reshaper's own patterns (found in the text without its marks), and its own
        # table of their forms
        bare = "".join([ch for ch in text if ch not in _HARAKA_SET]) if has_marks else text
        for match in _LIGATURES.finditer(bare):
            group_index = next((i for i, group in enumerate(match.groups()) if group), -1)
            ligature_forms = _RESHAPER._get_ligature_forms_from_re_group_index(group_index)
            a, b = match.span()
            a_form, b_form = forms[a], forms[b - 1]
            if a_form in (_ALONE, INITIAL):
                form = ISOLATED if b_form in (_ALONE, FINAL) else INITIAL
            else:
                form = FINAL if b_form in (_ALONE, FINAL) else MEDIAL
            if not ligature_forms[form]:
                continue
            letters[a], forms[a] = ligature_forms[form], _UNSUPPORTED
            for k in range(a + 1, b):
                letters[k], forms[k] = "", _UNSUPPORTED
    shaped = [
        letter if form in (_UNSUPPORTED, UNSHAPED) else table[letter][form]
        for letter, form in zip(letters, forms, strict=True)
    ]
    if marks:
        # each letter's marks after it (after an emptied ligature place too, as the
        # reshaper does), and those before any letter first; the indexes come in order
        pieces: list[str] = []
        done = 0
        for index, after in marks.items():
            pieces.extend(shaped[done:index + 1])
            pieces.extend(after)
            done = index + 1
        pieces.extend(shaped[done:])
        shaped = pieces
    return "".join(shaped)


def _keep(run: str, shaped: tuple[str, tuple[int, ...]]) -> None:
    if len(_RUNS) >= RUNS_KEPT:
        _RUNS.clear()
    _RUNS[run] = shaped


def clear_cache() -> None:
    """Forget every shaped run (for benchmarks that measure cold work)."""
    _RUNS.clear()


def _finish(run: str, prepared: str, shaped: str) -> tuple[str, tuple[int, ...]]:
    """The shaped run and its map to ``run`` (``prepared`` is ``run`` as the reshaper got
    it), without the output characters of its ZWJs."""
    mapping = _rebuild_map(prepared, shaped)
    if mapping is None:
        return run.replace(_ZWJ, ""), tuple(i for i, ch in enumerate(run) if ch != _ZWJ)
    if _ZWJ not in run:
        return shaped, tuple(mapping)
    out_chars: list[str] = []
    out_map: list[int] = []
    for ch, src in zip(shaped, mapping):
        if run[src] == _ZWJ:
            continue
        out_chars.append(ch)
        out_map.append(src)
    return "".join(out_chars), tuple(out_map)


def _rebuild_map(source: str, shaped: str) -> Sequence[int] | None:
    if (len(shaped) == len(source) and _HARAKA_SET.isdisjoint(source)
            and shaped.translate(_COMPATIBLE) == source.translate(_COMPATIBLE)):
        # One output character per letter, each the same letter in another form: what the
        # loop below finds, at C speed (the common case: no ligature, no mark).
        return range(len(source))
    if _HARAKA_SET.isdisjoint(source):
        letters: list[int] | range = range(len(source))
        marks: list[int] = []
    else:
        letters = [i for i, ch in enumerate(source) if not _is_haraka(ch)]
        marks = [i for i, ch in enumerate(source) if _is_haraka(ch)]
    next_letter = next_mark = 0
    count = len(letters)
    mapping: list[int] = []
    for ch in shaped:
        if ch in _HARAKA_SET:
            if next_mark >= len(marks) or source[marks[next_mark]] != ch:
                return None
            mapping.append(marks[next_mark])
            next_mark += 1
            continue
        if next_letter >= count:
            return None
        letter = source[letters[next_letter]]
        if letter == ch:
            consumed = 1
        else:
            expansion = _nfkc(ch)
            consumed = len(expansion)
            if consumed == 1:  # a form of one letter (the usual): that letter's NFKC
                taken = letter
            else:
                taken = "".join(source[i] for i in letters[next_letter : next_letter + consumed])
            if _nfkc(taken) != expansion:
                return None
        mapping.append(letters[next_letter])
        next_letter += consumed
    if next_letter != len(letters) or next_mark != len(marks):
        return None
    return mapping
