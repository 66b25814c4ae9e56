"""The shaping shortcuts give what the general path gives.

Words of plain letters and marks skip the general clustering (``_shape_simple``), fresh
Arabic runs are shaped together in one reshaper call (``shape_runs``), and a run that comes
out letter for letter skips the map rebuilding. Each is held here to the slow path.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text import clusters, shaping

# Letters (with lam-alef and alef forms), harakat, tatweel, joiners, Persian and Hebrew,
# presentation forms, brackets that mirror, marks of other scripts, wide characters,
# controls: what may sit in a word.
ALPHABET = (
    "ابتثجحخدذرسشعغفقكلمنهوىيءأإآةلا"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0654\u0640"
    "\u200c\u200d\u200f\u2067\u202e\u00ad\ufe0f"
    "پچژگیכש\ufefb\ufe8d\u06c0"
    "()[]<>«»{}abcXYZ019٠١٩.,!?%-/:"
    "\u0301\u0300\u20d0\u0903\u093f中\U0001f600\x1b\x85"
)
words = st.text(alphabet=ALPHABET, min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(word=words, shaped=st.booleans(), show_controls=st.booleans())
def test_simple_words_shape_as_the_general_path(word: str, shaped: bool,
                                                show_controls: bool) -> None:
    fast = clusters._shape_simple(word, shaped)
    if fast is not None:
        assert fast == clusters._shape_clusters(word, show_controls, shaped)


@pytest.mark.parametrize("word", ["كتاب", "الأول", "لا", "مُدَرِّس", "Tesla", "(نص)", "«ماسك»",
                                  "2024", "١٢٣", "x\u0301"])
def test_common_words_take_the_shortcut(word: str) -> None:
    """A shortcut nothing takes would hide behind the test above."""
    assert clusters._shape_simple(word, True) is not None


def test_the_common_bases_are_simple_bases() -> None:
    """Every character the word check accepts at once is one the rules call a base."""
    common = [chr(cp) for cp in range(0x10000) if clusters._COMMON_BASES.fullmatch(chr(cp))]
    assert len(common) > 800
    clusters._classify("".join(common))
    assert [ch for ch in common if ch not in clusters._BASES] == []
    # a word of these letters is taken as one run of simple bases, unchecked
    letters = [chr(cp) for cp in range(0x10000) if clusters._ARABIC_LETTERS.fullmatch(chr(cp))]
    assert all(ch in common and shaping.ARABIC_RUN.fullmatch(ch) for ch in letters)


@settings(max_examples=200, deadline=None)
@given(text=st.lists(words, min_size=2, max_size=12).map(" ".join))
def test_runs_shaped_together_as_alone(text: str) -> None:
    runs = shaping.ARABIC_RUN.findall(text)
    shaping.clear_cache()
    alone = {}
    for run in runs:
        alone[run] = shaping.shape_arabic(run)
        shaping.clear_cache()  # each on its own, not found in the cache
    shaping.shape_runs(runs)
    assert {run: shaping.shape_arabic(run) for run in runs} == alone
    shaping.clear_cache()


def test_the_marks_are_the_reshapers() -> None:
    """A text with none of these marks is one the reshaper shapes without moving a mark."""
    from arabic_reshaper.arabic_reshaper import HARAKAT_RE

    ours = shaping._HARAKA_SET
    assert [cp for cp in range(0x10000) if bool(HARAKAT_RE.match(chr(cp))) != (chr(cp) in ours)
            ] == []


# (not ZWJ: shape_runs sends a TATWEEL in its place)
LETTERS = ("".join(shaping._LETTERS).replace("\u200d", "") + "\u0640\n a1\u200c\ufefb"
           + "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0654\u0610\u06d6" * 4)


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from([*LETTERS, "لا", "لأ", "لإ", "لآ", "الله"]), min_size=1,
                     max_size=14).map("".join))
def test_letters_reshape_as_the_reshaper_does(text: str) -> None:
    assert shaping._reshape_letters(text) == shaping._RESHAPER.reshape(text)


def test_a_full_word_cache_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clusters, "WORDS_KEPT", 5)
    clusters.clear_caches()
    first = ["كتاب", "قلم", "Tesla", "2024"]
    then = ["قلم", "كتاب", "بيت", "مدرسة", "قلم", "Tesla"]
    clusters.shape_words(first)
    shapes = clusters.shape_words(then)
    assert len(clusters._WORDS[False, True]) <= 5 + len(then)
    assert shapes == [clusters._shape_clusters(word, False, True) for word in then]
    clusters.clear_caches()
