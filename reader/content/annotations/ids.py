"""Ids for new annotation entries, made from their label and kept unique.

An id is what a person types in ``answers = [...]`` and reads in ``reader check``, so it
is ASCII: the label transliterated (anyascii: حكاية في ثلاثة فصول → ``hkyh-fy-thlthh``),
lower case, words joined by ``-``, at most :data:`MAX_WORDS` words. A label with no letter
that transliterates gives the entry's kind. A taken id gets ``-2``, ``-3``...
"""

from __future__ import annotations

import re
from collections.abc import Collection

from anyascii import anyascii

MAX_WORDS = 4
MAX_LENGTH = 32
_WORD = re.compile(r"[a-z0-9]+")


def slug(label: str) -> str:
    """The label's words, transliterated to ASCII, lower case, joined by ``-``."""
    words = _WORD.findall(anyascii(label).lower())[:MAX_WORDS]
    text = "-".join(words)
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH].rstrip("-")
    return text


def new_id(label: str, taken: Collection[str], fallback: str = "entry") -> str:
    """An id for ``label`` that is not in ``taken``."""
    base = slug(label) or fallback
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
