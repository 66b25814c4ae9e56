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
from collections.abc import Sequence
from configparser import SectionProxy
from functools import lru_cache, partial
from typing import Any

from arabic_reshaper import ArabicReshaper

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
                self._booleans[key] = section.getboolean(key)

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
    prepared = [run.replace(_ZWJ, _TATWEEL) for run in new]
    pieces = _RESHAPER.reshape("\n".join(prepared)).split("\n")
    if len(pieces) != len(new):  # never expected: shape_arabic will do them one by one
        return
    for run, source, piece in zip(new, prepared, pieces, strict=True):
        _keep(run, _finish(run, source, piece))


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
    mapping: list[int] = []
    for ch in shaped:
        if _is_haraka(ch):
            if next_mark >= len(marks) or source[marks[next_mark]] != ch:
                return None
            mapping.append(marks[next_mark])
            next_mark += 1
            continue
        if next_letter >= len(letters):
            return None
        if source[letters[next_letter]] == ch:
            consumed = 1
        else:
            expansion = _nfkc(ch)
            consumed = len(expansion)
            taken = "".join(source[i] for i in letters[next_letter : next_letter + consumed])
            if _nfkc(taken) != expansion:
                return None
        mapping.append(letters[next_letter])
        next_letter += consumed
    if next_letter != len(letters) or next_mark != len(marks):
        return None
    return mapping
