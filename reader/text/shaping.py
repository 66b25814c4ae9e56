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
from configparser import SectionProxy
from functools import lru_cache
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


def _is_haraka(ch: str) -> bool:
    return _HARAKAT.match(ch) is not None


@lru_cache(maxsize=65536)
def shape_arabic(run: str) -> tuple[str, tuple[int, ...]]:
    """Shape one Arabic-script run; return the shaped text and each character's source index.

    Source ZWJs take no output character. If the map cannot be rebuilt (an unexpected
    reshaper output), the run is returned unshaped with an identity map: correct, if unjoined.
    """
    prepared = run.replace(_ZWJ, _TATWEEL)
    shaped = _RESHAPER.reshape(prepared)
    mapping = _rebuild_map(prepared, shaped)
    if mapping is None:
        return run.replace(_ZWJ, ""), tuple(i for i, ch in enumerate(run) if ch != _ZWJ)
    out_chars: list[str] = []
    out_map: list[int] = []
    for ch, src in zip(shaped, mapping):
        if run[src] == _ZWJ:
            continue
        out_chars.append(ch)
        out_map.append(src)
    return "".join(out_chars), tuple(out_map)


def _rebuild_map(source: str, shaped: str) -> list[int] | None:
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
            expansion = unicodedata.normalize("NFKC", ch)
            consumed = len(expansion)
            taken = "".join(source[i] for i in letters[next_letter : next_letter + consumed])
            if unicodedata.normalize("NFKC", taken) != expansion:
                return None
        mapping.append(letters[next_letter])
        next_letter += consumed
    if next_letter != len(letters) or next_mark != len(marks):
        return None
    return mapping
