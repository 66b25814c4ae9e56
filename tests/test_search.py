"""The search engine: folding rules, names across scripts, exact and regex modes, and hits
mapped back to source offsets that never split a letter from its marks."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.content.annotations.file import load_annotations_for
from reader.content.annotations.model import Span
from reader.content.formats import load_document
from reader.text.fold import fold_query
from reader.text.search import (
    IndexInSlices,
    SearchError,
    SearchIndex,
    alias_needles,
    fold_pattern,
)


def _texts(paragraphs: list[str], spans: list[Span]) -> list[str]:
    return [span.text(paragraphs) for span in spans]


def _find(text: str, query: str, **kwargs) -> list[str]:
    paragraphs = text.split("\n")
    return _texts(paragraphs, SearchIndex(paragraphs).find(query, **kwargs))


# -- each folding rule, query and text alike ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        # alef variants: madda, hamza above and below, wasla, both ways
        ("قال ألتمان", "التمان", ["ألتمان"]),
        ("قال التمان", "ألتمان", ["التمان"]),
        ("إيلون آخر ٱلكتاب", "ايلون", ["إيلون"]),
        ("آخر", "اخر", ["آخر"]),
        ("ٱلكتاب", "الكتاب", ["ٱلكتاب"]),
        # alef maqsura and yeh
        ("على الطاولة", "علي", ["على"]),
        ("علي", "على", ["علي"]),
        # teh marbuta and heh
        ("مدرسة كبيرة", "مدرسه", ["مدرسة"]),
        ("مدرسه", "مدرسة", ["مدرسه"]),
        # hamza carriers
        ("مؤتمر", "موتمر", ["مؤتمر"]),
        ("مسائل", "مسايل", ["مسائل"]),
        # harakat, shadda, tanween, sukun, superscript alef: in the text or in the query
        ("قال مُدَرِّسٌ", "مدرس", ["مُدَرِّسٌ"]),
        ("قال مدرس", "مُدَرِّسٌ", ["مدرس"]),
        ("هٰذا", "هذا", ["هٰذا"]),
        # tatweel
        ("كـــتـاب", "كتاب", ["كـــتـاب"]),
        ("كتاب", "كـتاب", ["كتاب"]),
        # Arabic-Indic and Persian digits, both ways
        ("يوليو ٢٠١٨", "2018", ["٢٠١٨"]),
        ("July 2018", "٢٠١٨", ["2018"]),
        ("سال ۲۰۱۸", "2018", ["۲۰۱۸"]),
        ("٧٫٥ سنة", "7.5", ["٧٫٥"]),
        # format characters: ZWNJ, ZWJ, bidi marks and isolates, soft hyphen
        ("می\u200cخواهم", "میخواهم", ["می\u200cخواهم"]),
        ("Tes\u00adla", "Tesla", ["Tes\u00adla"]),
        ("\u2067ماسك\u2069", "ماسك", ["ماسك"]),
        ("ما\u200fسك", "ماسك", ["ما\u200fسك"]),
        # presentation forms and the lam-alef ligature
        ("ﺑﺴﻢ الله", "بسم", ["ﺑﺴﻢ"]),
        ("ﻻ شيء", "لا", ["ﻻ"]),
        ("لا شيء", "ﻻ", ["لا"]),
        # Latin case and accents
        ("Elon MUSK", "musk", ["MUSK"]),
        ("café Café CAFE", "cafe", ["café", "Café", "CAFE"]),
        ("Straße", "STRASSE", ["Straße"]),
        # Persian keheh and yeh
        ("کتاب", "كتاب", ["کتاب"]),
    ],
)
def test_folding_rule(text: str, query: str, found: list[str]) -> None:
    assert _find(text, query) == found


def test_a_hit_keeps_the_marks_of_its_last_letter() -> None:
    paragraphs = ["قال مَاسِكٌ شيئًا"]
    [span] = SearchIndex(paragraphs).find("ماسك")
    assert span == Span(0, 4, 11)
    assert span.text(paragraphs) == "مَاسِكٌ"


def test_a_hit_inside_a_word_keeps_its_letters_whole() -> None:
    paragraphs = ["مُدَرِّسَة"]
    [span] = SearchIndex(paragraphs).find("در")
    assert span.text(paragraphs) == "دَرِّ"  # the shadda and kasra stay with the reh


def test_a_ligature_is_covered_whole() -> None:
    paragraphs = ["ﻻ"]
    assert SearchIndex(paragraphs).find("ا") == [Span(0, 0, 1)]


def test_hits_are_paragraph_relative_and_in_order() -> None:
    paragraphs = ["ماسك هنا", "", "ثم ماسك وماسك"]
    assert SearchIndex(paragraphs).find("ماسك") == [
        Span(0, 0, 4), Span(2, 3, 7), Span(2, 9, 13),
    ]


def test_a_hit_never_crosses_a_paragraph() -> None:
    paragraphs = ["نهاية ماس", "ك بداية"]
    index = SearchIndex(paragraphs)
    assert index.find("ماسك") == []
    assert index.find("ماس\nك") == []  # a line feed in the query is a space
    assert index.find(r"ماس\s*ك", regex=True) == []
    assert index.find(r"ية\s+\S+", regex=True) == [Span(0, 3, 9)]


def test_empty_and_dropped_queries_find_nothing() -> None:
    index = SearchIndex(["مَاسِك"])
    assert index.find("") == []
    assert index.find("\u064e\u0640") == []  # only a fatha and a tatweel
    assert index.find("", regex=True) == []
    assert index.search("").total == 0


def test_no_document_is_fine() -> None:
    index = SearchIndex([])
    hits = index.search("x")
    assert hits.total == 0 and hits.first() is None and hits.at_or_after(3, 4) is None


# -- names across scripts -----------------------------------------------------------------


@pytest.fixture(scope="module")
def article():
    document = load_document()
    found = load_annotations_for(document, None)
    annotations, problems = found.annotations, found.problems
    assert annotations is not None and not problems
    return document, annotations, SearchIndex(document.paragraphs)


def test_latin_alias_finds_arabic_spellings(article) -> None:
    document, annotations, index = article
    found = _texts(document.paragraphs,
                   index.find("Musk", aliases=annotations.alias_lists()))
    assert "ماسك" in found and "إيلون ماسك" in found and "Musk" in found
    # the full name is one hit, not "إيلون ماسك" and "ماسك" overlapping
    assert set(found) <= {"ماسك", "إيلون ماسك", "Musk", "Elon Musk"}
    plain = _texts(document.paragraphs, index.find("Musk"))
    assert set(plain) == {"Musk"}


def test_arabic_alias_finds_other_spellings_and_latin(article) -> None:
    document, annotations, index = article
    found = set(_texts(document.paragraphs,
                       index.find("تسلا", aliases=annotations.alias_lists())))
    assert {"تيسلا", "Tesla"} <= found
    assert {"تيسلا", "Tesla"} & set(_texts(document.paragraphs, index.find("تسلا"))) == set()


def test_alias_lookup_is_folded(article) -> None:
    document, annotations, index = article
    aliases = annotations.alias_lists()
    # typed without the hamza, in capitals, with spaces around
    assert index.find("التمان", aliases=aliases) == index.find("ألتمان", aliases=aliases)
    assert index.find(" ALTMAN ", aliases=aliases) == index.find("Altman", aliases=aliases)
    found = set(_texts(document.paragraphs, index.find("altman", aliases=aliases)))
    assert {"ألتمان", "Altman", "سام ألتمان"} <= found


def test_alias_hits_do_not_overlap_and_prefer_the_longest(article) -> None:
    _document, annotations, index = article
    spans = index.find("ماسك", aliases=annotations.alias_lists())
    for before, after in pairwise(spans):
        assert (before.paragraph, before.end) <= (after.paragraph, after.start)


def test_exact_mode_has_no_aliases_and_no_folding(article) -> None:
    document, annotations, index = article
    aliases = annotations.alias_lists()
    assert set(_texts(document.paragraphs, index.find("Musk", "exact", aliases=aliases))) == {
        "Musk"}
    assert index.find("musk", "exact") == []
    assert index.find("التمان", "exact") == []
    assert index.find("ألتمان", "exact") != []


def test_a_partial_name_is_not_expanded(article) -> None:
    _document, annotations, _index = article
    aliases = annotations.alias_lists()
    assert alias_needles("Mus", aliases) == []
    assert alias_needles("إيلون ماسك", aliases)[0] == fold_query("إيلون ماسك")
    assert alias_needles("", aliases) == []
    assert alias_needles("Musk", None) == []


def test_aliases_can_be_plain_lists() -> None:
    paragraphs = ["قال ماسك ثم Musk"]
    index = SearchIndex(paragraphs)
    assert len(index.find("musk", aliases=[("ماسك", "Musk")])) == 2


# -- exact mode ---------------------------------------------------------------------------


def test_exact_mode_is_literal_but_keeps_letters_whole() -> None:
    paragraphs = ["Musk musk مَاسِكٌ"]
    index = SearchIndex(paragraphs)
    assert index.find("Musk", "exact") == [Span(0, 0, 4)]
    # a hit that ends on a letter takes that letter's marks; one on a mark takes its letter
    assert _texts(paragraphs, index.find("مَاسِك", "exact")) == ["مَاسِكٌ"]
    assert _texts(paragraphs, index.find("\u064c", "exact")) == ["كٌ"]


# -- regex mode ---------------------------------------------------------------------------


def test_regex_on_folded_text() -> None:
    text = "قال مَاسِكٌ في يوليو ٢٠١٨ وأكد ألتمان ذلك في 2019"
    assert _find(text, r"[0-9]{4}", regex=True) == ["٢٠١٨", "2019"]
    assert _find(text, r"ماسك|التمان", regex=True) == ["مَاسِكٌ", "ألتمان"]
    assert _find(text, r"^قال", regex=True) == ["قال"]
    assert _find(text, r"2019$", regex=True) == ["2019"]
    assert _find("Tesla TESLA", r"tes\w+", regex=True) == ["Tesla", "TESLA"]


def test_regex_in_exact_mode_sees_the_source() -> None:
    text = "مَاسِكٌ ماسك Musk musk"
    assert _find(text, "\u064e", mode="exact", regex=True) == ["مَ"]
    assert _find(text, r"[\u064b-\u0652]+", mode="exact", regex=True) == ["مَ", "سِ", "كٌ"]
    assert _find(text, "M\\w+", mode="exact", regex=True) == ["Musk"]
    assert _find(text, "ماسك", mode="exact", regex=True) == ["ماسك"]


def test_regex_empty_matches_are_skipped() -> None:
    assert _find("abc", "x*", regex=True) == []
    assert _find("abc", "b*", regex=True) == ["b"]


def test_the_mode_name_regex_is_fold_with_regex() -> None:
    index = SearchIndex(["أ1 ا22"])
    assert index.find(r"ا\d+", "regex") == index.find(r"ا\d+", regex=True) == [
        Span(0, 0, 2), Span(0, 3, 6)]


@pytest.mark.parametrize("pattern", ["(", "[ا-", "*ماسك", "a{2,1}", "(?P=nope)",
                                     r"\N{NO SUCH NAME}"])
def test_invalid_regex_is_a_clear_error(pattern: str) -> None:
    index = SearchIndex(["abc"])
    for mode in ("fold", "exact"):
        with pytest.raises(SearchError) as caught:
            index.search(pattern, mode, regex=True)
        assert caught.value.message.startswith("invalid regular expression")
        assert "\n" not in caught.value.message


def test_fold_pattern_keeps_syntax_and_folds_letters() -> None:
    assert fold_pattern(r"أَلتمان\s+\d{4}") == r"التمان\s+\d{4}"
    assert fold_pattern(r"(?P<Name>Musk)(?P=Name)") == "(?P<Name>musk)(?P=Name)"
    assert fold_pattern(r"(?i)(?:A|B)(?<=b)(?#Note)") == "(?i)(?:a|b)(?<=b)(?#Note)"
    assert fold_pattern(r"[آ-ي]\.") == r"[ا-ي]\."
    assert fold_pattern(r"\u0623\N{ARABIC LETTER TEH MARBUTA}") == "اه"
    assert fold_pattern("٢٠١٨") == "2018"


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        SearchIndex(["a"]).search("a", "fuzzy")


# -- stepping, counting, places -----------------------------------------------------------


def test_hits_step_count_and_locate() -> None:
    paragraphs = ["ماسك ماسك", "لا شيء", "قال ماسك"]
    hits = SearchIndex(paragraphs).search("ماسك")
    assert hits.total == len(hits) == 3
    first = hits.first()
    assert first is not None and first.span == Span(0, 0, 4) and hits.number(first) == 1
    second = hits.next(first)
    assert second is not None and second.span == Span(0, 5, 9) and hits.number(second) == 2
    third = hits.next(second)
    assert third is not None and third.span == Span(2, 4, 8) and hits.number(third) == 3
    assert hits.next(third) is None
    assert hits.previous(third) == second and hits.previous(first) is None
    assert hits.last() == third
    assert hits.at_or_after(1, 0) == third
    assert hits.at_or_after(0, 1) == second
    assert hits.before(1, 0) == second
    assert hits.before(0, 0) is None
    assert hits.between((0, 3), (2, 0)) == [first, second]  # the first overlaps the start
    assert hits.between((1, 0), (1, 6)) == []


def test_listed_hits_step_like_literal_ones() -> None:
    paragraphs = ["ماسك Musk", "x", "Elon Musk"]
    index = SearchIndex(paragraphs)
    listed = index.search("musk", aliases=[("ماسك", "Musk", "Elon Musk")])
    assert [h.span for h in listed] == [Span(0, 0, 4), Span(0, 5, 9), Span(2, 0, 9)]
    first = listed.first()
    assert first is not None
    assert listed.number(listed.next(first)) == 2  # type: ignore[arg-type]
    assert listed.before(2, 0) == listed.next(first)
    assert listed.between((2, 3), (3, 0)) == [listed.last()]
    assert listed.previous(first) is None


@given(
    st.lists(st.text(alphabet=st.sampled_from("ماسك أَلتمان ﻻ ـ\u200d٣3aAé"), max_size=30),
             max_size=5),
    st.sampled_from(["ماسك", "التمان", "لا", "ا", "ن م", "3", "a", "e"]),
)
def test_fold_search_matches_a_simple_model(paragraphs: list[str], query: str) -> None:
    """Every hit's source folds to the query; hits are whole letters, in order, not
    overlapping; the count and the stepping agree with listing them."""
    hits = SearchIndex(paragraphs).search(query)
    spans = hits.spans()
    assert hits.total == len(spans)
    needle = fold_query(query)
    expected = sum(fold_query(p).count(needle) for p in paragraphs)
    assert len(spans) == expected
    for span in spans:
        source = span.text(paragraphs)
        assert needle in fold_query(source)
        text = paragraphs[span.paragraph]
        assert span.end == len(text) or unicodedata.category(text[span.end]) != "Mn"
        assert unicodedata.category(text[span.start]) != "Mn"
    walked = []
    hit = hits.first()
    while hit is not None:
        walked.append(hit.span)
        hit = hits.next(hit)
    assert walked == spans


@given(st.lists(st.text(alphabet=st.sampled_from("ab \u064e"), max_size=12), max_size=4),
       st.sampled_from([r"a+", r"b\s*a", r"\s", r"a\W*", r"$", r"(ab)+"]))
def test_regex_hits_stay_in_paragraphs(paragraphs: list[str], pattern: str) -> None:
    spans = SearchIndex(paragraphs).find(pattern, regex=True)
    compiled = re.compile(pattern, re.M)
    for span in spans:
        assert 0 <= span.start < span.end <= len(paragraphs[span.paragraph])
    for before, after in pairwise(spans):
        assert (before.paragraph, before.end) <= (after.paragraph, after.start)
    # with nothing to fold, a paragraph alone finds what the whole document finds there
    for number, paragraph in enumerate(paragraphs):
        if "\u064e" in paragraph:
            continue
        alone = [m.span() for m in compiled.finditer(paragraph) if m.end() > m.start()]
        assert [(s.start, s.end) for s in spans if s.paragraph == number] == alone


def test_spaces_typed_twice_still_find_the_words() -> None:
    assert _find("قال سام ألتمان", "سام  التمان") == ["سام ألتمان"]
    assert _find("سام\u00a0ألتمان", "سام التمان") == ["سام\u00a0ألتمان"]  # NBSP is a space


@given(st.lists(st.text(alphabet=st.sampled_from("كتبَ أإآ ٢٠ Ab\n\u200d"), max_size=12),
                max_size=150),
       st.integers(1, 6))
def test_an_index_made_in_slices_is_the_index_made_at_once(paragraphs, finish_after) -> None:
    slices = IndexInSlices(paragraphs)
    for _ in range(finish_after):
        if slices.fold_some(0.0):  # at least one batch of paragraphs each time
            break
    whole = SearchIndex(paragraphs)
    made = slices.finish()
    assert made.folded == whole.folded
    assert list(made.folded_starts) == list(whole.folded_starts)
    assert [h.span for h in made.search("ك", "fold")] == [h.span for h in
                                                          whole.search("ك", "fold")]


def test_slices_fold_a_batch_at_least_and_know_when_they_are_done() -> None:
    slices = IndexInSlices(["كتب"] * 100)
    assert not slices.fold_some(0.0) and not slices.done
    while not slices.fold_some(0.0):
        pass
    assert slices.done


@given(
    st.lists(st.text(alphabet=st.sampled_from("ab ـ\n"), max_size=20), min_size=1, max_size=6),
    st.sampled_from(["a", "ab", "aa", "aba", "ـــ", " b"]),
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 20)), min_size=2, max_size=8),
)
def test_literal_hits_on_screen_and_their_numbers_are_those_of_the_whole_list(
        paragraphs: list[str], query: str, places: list[tuple[int, int]]) -> None:
    """``between`` looks only at the screen's range, and ``number`` counts on from the last
    hit asked about: both agree with listing every hit, needles that overlap themselves
    ("aa", "aba") included, whatever order the places are asked in."""
    hits = SearchIndex(paragraphs).search(query, "exact")
    listed = list(hits)
    for at, hit in enumerate(listed):  # forward, as n does
        assert hits.number(hit) == at + 1
    for at, hit in reversed(list(enumerate(listed))):  # and back
        assert hits.number(hit) == at + 1
    last = len(paragraphs) - 1
    clamp = [(min(p, last), min(o, len(paragraphs[min(p, last)]))) for p, o in places]
    for place in clamp:  # a search begun anywhere (the view's top), then n
        hit = hits.at_or_after(*place)
        for _ in range(3):
            if hit is None:
                break
            fresh = SearchIndex(paragraphs).search(query, "exact")
            assert hits.number(hit) == fresh.number(hit)
            hit = hits.next(hit)
    for first, end in pairwise(clamp):
        first, end = min(first, end), max(first, end)
        expected = [hit for hit in listed
                    if (hit.span.paragraph, hit.span.end) > first
                    and (hit.span.paragraph, hit.span.start) < end]
        assert hits.between(first, end) == expected


def test_a_needle_that_overlaps_itself_is_numbered_from_the_start() -> None:
    """"aa" in "aaaaaaa": a search begun at offset 1 numbers the hit at 1, one begun at 2
    then the hit at 2 — the second is not counted on from the first (an "aa" at 1 runs
    over 2, so the counts would not add)."""
    hits = SearchIndex(["aaaaaaa"]).search("aa", "exact")
    first, second = hits.at_or_after(0, 1), hits.at_or_after(0, 2)
    assert first is not None and second is not None
    assert (hits.number(first), hits.number(second)) == (1, 2)
