"""Search/anchor folding: the variants docs/DESIGN.md §5 folds, and the map back to the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text.fold import (
    FoldedText,
    fold,
    fold_char,
    fold_index,
    fold_query,
    is_dropped,
    to_source_span,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("آأإٱ", "اااا"),  # hamza/madda seats and alef wasla
        ("على", "علي"),  # alef maksura
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("مؤتمر", "موتمر"),
        ("مسائل", "مسايل"),
        ("كـتـاب", "كتاب"),  # tatweel
        ("مُدَرِّسٌ", "مدرس"),  # harakat, shadda, tanween
        ("هٰذا", "هذا"),  # U+0670 superscript alef
        ("a\u200db\u200cc\u00add\ufeffe\u200ff\u2067g\u2069", "abcdefg"),  # format chars
        ("٤٥ ۱۲۳ 7", "45 123 7"),  # Arabic-Indic and Persian digits
        ("ﻻ ﻷ", "لا لا"),  # lam-alef ligatures
        ("ﺑﺴﻢ", "بسم"),  # presentation forms
        ("Élan CAFÉ Straße", "elan cafe strasse"),  # case and accents
        ("“7.5 سنة”", '"7.5 سنه"'),  # typographic quotes
        ("ک ی", "ك ي"),  # Persian keheh and yeh
        ("a\u00a0b\tc", "a b c"),  # spaces
        ("", ""),
    ],
)
def test_folds(text: str, folded: str) -> None:
    assert fold(text)[0] == folded
    assert fold_query(text) == folded


def test_folding_cannot_join_different_spellings() -> None:
    """That is the aliases' job."""
    assert fold_query("تسلا") != fold_query("تيسلا")
    assert fold_query("ماسك") != fold_query("Musk")


def test_index_points_at_source_letters() -> None:
    text = "مُدَرِّسٌ"
    folded, index = fold(text)
    assert folded == "مدرس"
    assert list(index) == [0, 2, 4, 7]
    assert [text[i] for i in index] == list("مدرس")


def test_expansions_repeat_their_source_offset() -> None:
    folded, index = fold("ﻻ ß")
    assert folded == "لا ss"
    assert list(index) == [0, 0, 1, 2, 2]


def test_hit_covers_trailing_marks() -> None:
    text = "قال مُدَرِّسٌ جيد"
    folded, index = fold(text)
    start = folded.find("مدرس")
    assert to_source_span(text, index, start, start + 4) == (4, 13)
    assert text[4:13] == "مُدَرِّسٌ"


def test_hit_inside_a_ligature_covers_it_whole() -> None:
    text = "ﻻ"
    _folded, index = fold(text)
    assert to_source_span(text, index, 1, 2) == (0, 1)


def test_invalid_hit_is_refused() -> None:
    with pytest.raises(ValueError, match="invalid folded span"):
        to_source_span("abc", fold("abc")[1], 2, 2)


def test_dropped_characters() -> None:
    assert is_dropped("\u064e") and is_dropped("\u0640") and is_dropped("\u200d")
    assert not is_dropped("ا") and not is_dropped(" ")


@given(st.text())
def test_fold_is_per_character(text: str) -> None:
    folded, index = fold(text)
    assert folded == "".join(fold_char(ch) for ch in text)
    assert fold_query(text) == folded
    assert len(index) == len(folded)
    expected = [i for i, ch in enumerate(text) for _ in fold_char(ch)]
    assert list(index) == expected
    assert list(fold_index(text)) == expected


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold_query(text)
    assert fold_query(once) == once


@given(st.text(alphabet=st.sampled_from("كتب مَدْرَسَةٌ أإآ ـ ﻻ\u200d٣ Aé")), st.data())
def test_any_hit_maps_to_whole_letters(text: str, data: st.DataObject) -> None:
    folded, index = fold(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    source_start, source_end = to_source_span(text, index, start, end)
    # The source span folds to text that contains the hit, and ends after a letter's marks.
    assert folded[start:end] in fold_query(text[source_start:source_end])
    assert source_end == len(text) or text[source_end] not in "\u064e\u064f\u0650\u0652\u064c"


class _SmallChunks(FoldedText):
    CHUNK = 7


@given(st.text(alphabet=st.sampled_from("ماسك أَلتمان ﻻ ـ\u200d")), st.sampled_from(
    ["ماسك", "التمان", "لا", "ا", "ن م"]))
def test_folded_text_matches_dense_fold(text: str, query: str) -> None:
    folded, index = fold(text)
    needle = fold_query(query)
    expected = []
    position = folded.find(needle)
    while position >= 0:
        expected.append(to_source_span(text, index, position, position + len(needle)))
        position = folded.find(needle, position + len(needle))
    for cls in (FoldedText, _SmallChunks):
        searchable = cls(text)
        assert searchable.folded == folded
        assert searchable.find_all(query) == expected


def test_folded_text_source_offsets() -> None:
    text = "أَ" * 20 + "ب"
    searchable = _SmallChunks(text)
    assert searchable.folded == "ا" * 20 + "ب"
    assert [searchable.source_offset(i) for i in range(21)] == [*range(0, 40, 2), 40]
    with pytest.raises(IndexError):
        searchable.source_offset(21)


def test_a_repeated_article_is_found_in_every_copy() -> None:
    """Folding a long text keeps every copy findable (how fast: benchmarks/bench_fold.py)."""
    from reader.resources import bundled_article

    article = bundled_article().read_text(encoding="utf-8")
    once = len(FoldedText(article).find_all("سام ألتمان"))
    text = article * 20
    spans = FoldedText(text).find_all("سام ألتمان")
    assert once > 0 and len(spans) == 20 * once
    assert all(text[a:b] == "سام ألتمان" for a, b in spans)
