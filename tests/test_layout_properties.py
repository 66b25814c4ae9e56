"""Layout invariants over generated mixed-script paragraphs, at widths 1 to 120."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text import layout_paragraph
from reader.text.chars import BIDI_CONTROLS, BREAK_SPACES, is_invisible
from reader.text.layout import PLACEHOLDER, layout_prepared, prepare_paragraph
from tests.text_helpers import absorbed_by_ligature, agrees

PIECES = [
    # Arabic with harakat and tatweel, lam-alef
    "كتبَ", "مُدَرِّس", "متحمسًا", "لا", "لَا", "الأول", "كـتـاب", "رحمٰن", "ماسك", "،", "؟",
    # Persian with ZWNJ, Hebrew
    "می\u200cخواهم", "پژوهش", "שלום", "עולם",
    # Latin, digits of three scripts, numbers with separators
    "Tesla", "OpenAI", "John", "2024", "١٢٣", "۱۲۳", "50%", "-3.14", "1,000", "10:30",
    "2024/05/01", "a@b.com", "https://x.org/a?b=1",
    # brackets and quotes
    "(", ")", "[", "]", "{", "}", "«", "»", "“", "”", "<", ">",
    # spaces and tabs
    " ", " ", " ", "  ", "\t", "\u00a0", "\u3000",
    # emoji and sequences, wide characters
    "👍", "👍🏽", "❤️", "👨\u200d👩\u200d👧", "你好",
    # bidi controls and invisible characters
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\u00ad",
    # controls
    "\x1b[31m", "\x07", "\x85",
]

paragraphs = st.lists(st.sampled_from(PIECES), min_size=0, max_size=40).map("".join)
widths = st.integers(min_value=1, max_value=120)
directions = st.sampled_from(["auto", "ltr", "rtl"])


def _hidden(text: str, index: int) -> bool:
    """Characters that may be left out of the drawn text: break spaces (they hang at line
    ends), invisible controls, and an alef folded into a lam-alef ligature."""
    ch = text[index]
    return (
        ch in BREAK_SPACES
        or ch in BIDI_CONTROLS
        or is_invisible(ch)
        or ch == "\u200c"
        or absorbed_by_ligature(text, index)
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, widths, directions)
def test_layout_invariants(text: str, width: int, direction: str) -> None:
    layout = layout_paragraph(text, width, direction)
    lines = layout.lines
    # Lines cover the paragraph contiguously and in logical order.
    assert lines[0].start == 0
    assert lines[-1].end == len(text)
    for before, after in itertools.pairwise(lines):
        assert before.end == after.start
        assert before.start <= before.end
    seen: dict[int, int] = {}
    for number, line in enumerate(lines):
        # Each line's map agrees with its text, and the width is what Rich will measure.
        assert len(line.map) == len(line.text)
        assert line.cells == cell_len(line.text)
        assert line.cells <= width
        assert line.rtl == layout.rtl
        for shown, offset in zip(line.text, line.map):
            assert line.start <= offset < line.end
            assert agrees(shown, text[offset]), (shown, text[offset])
        # Nothing raw reaches the terminal.
        for ch in line.text:
            assert unicodedata.category(ch) != "Cc"
            assert ch not in BIDI_CONTROLS
        # A source offset drawn more than once (a tab, a control's picture) is drawn in one place.
        runs = [o for k, o in enumerate(line.map) if k == 0 or line.map[k - 1] != o]
        assert len(runs) == len(set(runs))
        for offset in set(line.map):
            assert offset not in seen, f"offset {offset} on lines {seen[offset]} and {number}"
            seen[offset] = number
        if PLACEHOLDER in line.text and width == 1:
            # A cluster wider than the line is drawn as one placeholder for all its parts.
            for offset in range(line.start, line.end):
                seen.setdefault(offset, number)
    # Every visible source character appears.
    missing = [i for i in range(len(text)) if i not in seen and not _hidden(text, i)]
    assert not missing, [text[i] for i in missing]


@settings(max_examples=200, deadline=None)
@given(paragraphs, widths)
def test_cluster_boundaries_are_inside_the_text(text: str, width: int) -> None:
    for line in layout_paragraph(text, width).lines:
        assert line.cuts[0] == 0 or not line.text
        assert line.cuts[-1] == len(line.text)
        assert list(line.cuts) == sorted(set(line.cuts))
        for a, b in zip(line.cuts, line.cuts[1:]):
            # a cluster never starts with a combining mark (a mark with no base sits on a
            # dotted circle)
            assert unicodedata.category(line.text[a]) not in ("Mn", "Me"), line.text[a:b]


@settings(max_examples=200, deadline=None)
@given(paragraphs, widths)
def test_line_count_agrees_with_layout(text: str, width: int) -> None:
    from reader.text import count_lines

    assert count_lines(text, width) == len(layout_paragraph(text, width).lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, widths, directions, st.data())
def test_lazy_lines_are_the_same_lines(text: str, width: int, direction: str, data) -> None:
    """The flow's lazily reordered lines, read in any order, are the eager layout's; and
    the row found for an offset is the first line ending after it."""
    eager = layout_paragraph(text, width, direction)
    lazy = layout_prepared(prepare_paragraph(text, direction), width, lazy=True)
    order = data.draw(st.permutations(range(len(eager.lines))))
    assert len(lazy.lines) == len(eager.lines)
    for row in order:
        assert lazy.lines[row] == eager.lines[row]
    for offset in range(len(text) + 2):
        expected = next((row for row, line in enumerate(eager.lines) if offset < line.end),
                        len(eager.lines) - 1)
        assert lazy.row_of(offset) == expected == eager.row_of(offset)


_FRESH_RESHAPER = None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES[:15], "ـ", "\u200d", "ﷲ", "الله", "ئ", "ۀ"]),
                max_size=12).map("".join))
def test_shaping_with_settings_read_once_is_the_reshapers_own(text: str) -> None:
    """The reshaper's configuration is read once (``shaping._Settings``): the shapes are
    those of a reshaper configured the ordinary way."""
    global _FRESH_RESHAPER
    from arabic_reshaper import ArabicReshaper

    from reader.text import shaping

    if _FRESH_RESHAPER is None:
        _FRESH_RESHAPER = ArabicReshaper(configuration={
            "delete_harakat": False, "delete_tatweel": False, "support_zwj": False,
            "shift_harakat_position": False, "support_ligatures": True,
            "ARABIC LIGATURE ALLAH": False,
        })

    def outcome(reshaper) -> str:
        try:
            return reshaper.reshape(text)
        except Exception as error:  # the library's own bug (a ZWJ before lam-alef) too
            return type(error).__name__

    assert outcome(shaping._RESHAPER) == outcome(_FRESH_RESHAPER)
