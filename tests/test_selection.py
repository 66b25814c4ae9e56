"""Selection in logical order (reader.text.selection): cells to source ranges and back."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text import layout_paragraph
from reader.text.selection import (
    LogicalRange,
    clusters,
    column_ranges,
    extent_at,
    letter_count,
    sentence_around,
    word_at,
)
from tests.test_layout_properties import PIECES

paragraphs = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=paragraphs, width=st.integers(min_value=1, max_value=40),
       direction=st.sampled_from(["auto", "ltr", "rtl"]))
def test_extents_partition_each_line(text: str, width: int, direction: str) -> None:
    """Every source offset of a line belongs to exactly one drawn cluster (or the line
    draws nothing): nothing selected is lost, nothing copied twice."""
    for line in layout_paragraph(text, width, direction).lines:
        found = clusters(line)
        if not found:
            continue
        extents = sorted({(c.start, c.end) for c in found})
        assert extents[0][0] == line.start
        assert extents[-1][1] >= line.end
        for (_a, b), (c, _d) in itertools.pairwise(extents):
            assert b == c


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=paragraphs, width=st.integers(min_value=2, max_value=40), data=st.data())
def test_highlight_shows_exactly_the_selected_range(text: str, width: int, data) -> None:
    """Selecting between any two cells highlights exactly the cells whose source lies in
    the logical range between them, and the copy is that source slice."""
    layout = layout_paragraph(text, width)
    cells = [(row, c) for row, line in enumerate(layout.lines) for c in clusters(line)]
    if not cells:
        return
    (_r1, a), (_r2, b) = data.draw(st.sampled_from(cells)), data.draw(st.sampled_from(cells))
    chosen = LogicalRange.between(((0, a.start), (0, a.end)), ((0, b.start), (0, b.end)))
    start, end = chosen.start[1], chosen.end[1]
    assert chosen.text([text]) == text[start:end]
    for line in layout.lines:
        shown = column_ranges(line, start, end)
        lit = {x for x0, x1 in shown for x in range(x0, x1)}
        expected = {x for c in clusters(line) if c.start < end and c.end > start
                    for x in range(c.x0, c.x1)}
        assert lit == expected
        # both ends are always lit
        for c in (a, b):
            if c in clusters(line):
                assert set(range(c.x0, c.x1)) <= lit


def test_rtl_drag_selects_the_logical_range() -> None:
    text = "قال ألتمان إن الذكاء"
    line = layout_paragraph(text, 40).lines[0]
    assert line.rtl
    # the rightmost cell is the first letter; the cell left of "ألتمان"'s last letter ...
    first = extent_at(line, line.cells - 1)
    assert first == (0, 1)
    word = text.index("ألتمان")
    # find the cells of the word's first and last letters
    cols = [c for c in clusters(line) if word <= c.start < word + len("ألتمان")]
    right = max(cols, key=lambda c: c.x0)
    left = min(cols, key=lambda c: c.x0)
    chosen = LogicalRange.between(((0, right.start), (0, right.end)),
                                  ((0, left.start), (0, left.end)))
    assert chosen.text([text]) == "ألتمان"


def test_lam_alef_is_copied_as_two_letters() -> None:
    text = "لا إله"
    line = layout_paragraph(text, 20).lines[0]
    first = next(c for c in clusters(line) if c.start == 0)
    assert (first.start, first.end) == (0, 2)
    assert column_ranges(line, 1, 2) == [(first.x0, first.x1)]


def test_mixed_line_highlight_is_not_adjacent_on_screen() -> None:
    """In "abc ALTMAN def" laid out RTL, the logical range "c ALT" is two pieces on screen."""
    text = "قال Sam Altman اليوم"
    line = layout_paragraph(text, 40).lines[0]
    start = text.index("قال") + 2
    end = text.index("Sam") + 2
    pieces = column_ranges(line, start, end)
    assert len(pieces) == 2
    assert LogicalRange((0, start), (0, end)).text([text]) == "ل Sa"


def test_outside_the_text_is_the_line_edge() -> None:
    rtl = layout_paragraph("مرحبا بكم", 20).lines[0]
    assert extent_at(rtl, -1) == (rtl.end, rtl.end)  # left of an RTL line: its end
    assert extent_at(rtl, rtl.cells + 3) == (rtl.start, rtl.start)
    ltr = layout_paragraph("hello there", 20).lines[0]
    assert extent_at(ltr, -1) == (0, 0)
    assert extent_at(ltr, 50) == (ltr.end, ltr.end)


def test_range_text_across_paragraphs() -> None:
    paragraphs = ["أول فقرة", "", "ثالثة"]
    chosen = LogicalRange((0, 4), (2, 3))
    assert chosen.text(paragraphs) == "فقرة\n\nثال"
    assert chosen.in_paragraph(1, 0) == (0, 0)
    assert chosen.in_paragraph(2, 5) == (0, 3)


def test_word_sentence_and_letters() -> None:
    text = "قالَ ألتمان: الذكاءُ قادم. ثم سكت؟ نعم"
    assert text[slice(*word_at(text, 6))] == "ألتمان"
    assert text[slice(*word_at(text, 2))] == "قالَ"
    assert word_at(text, 4) == (4, 5)  # a space alone
    hit = text.index("قادم")
    assert text[slice(*sentence_around(text, hit, hit + 4))] == "قالَ ألتمان: الذكاءُ قادم."
    hit = text.index("سكت")
    assert text[slice(*sentence_around(text, hit, hit + 3))] == "ثم سكت؟"
    assert text[slice(*sentence_around(text, len(text) - 1, len(text)))] == "نعم"
    assert letter_count("قالَ\u200f") == 3


@settings(max_examples=80, deadline=None)
@given(text=paragraphs, data=st.data())
def test_word_and_sentence_hold_what_they_were_asked_about(text: str, data) -> None:
    offset = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    start, end = word_at(text, offset)
    assert start <= offset < end <= len(text)
    assert not any(ch.isspace() for ch in text[start:end]) or end - start == 1
    end2 = data.draw(st.integers(min_value=offset, max_value=len(text)))
    begin, stop = sentence_around(text, offset, end2)
    stripped = text[offset:end2].strip()
    assert not stripped or stripped in text[begin:stop]


def test_quotes_name_their_paragraphs_from_1() -> None:
    from reader.content.excerpts import as_quote, excerpt_of, sentence_excerpt

    paragraphs = ["قال: لا.", "ثم سكت. وغادر.", "end"]
    one = excerpt_of(paragraphs, LogicalRange((1, 3), (1, 6)), "the selection")
    assert as_quote(one, "خبر") == "«سكت» — خبر, paragraph 2"
    many = excerpt_of(paragraphs, LogicalRange((0, 5), (2, 0)), "the selection")
    assert many.text == "لا.\nثم سكت. وغادر.\n" and (many.first, many.last) == (0, 1)
    assert as_quote(many, "") == "«لا.\nثم سكت. وغادر.\n» — paragraphs 1–2"
    assert sentence_excerpt(paragraphs, 1, 9, 12).text == "وغادر."
