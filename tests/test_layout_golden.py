"""Golden cases from docs/DESIGN.md §3, at several widths.

Expectations are written as the *source* characters in visual order (unshaped, easy to read
and check by hand; an alef folded into a lam-alef ligature is absent, as in the map); shaping,
mirroring and marks have tests of their own below.
"""

from __future__ import annotations

import pytest

from reader.text import layout_paragraph
from tests.text_helpers import visual_lines

GOLDEN = [
    # Latin name first: auto direction is LTR.
    ("John Smith قال مرحبا", 40, "auto", False, ["John Smith ابحرم لاق"]),
    ("John Smith قال مرحبا", 14, "auto", False, ["John Smith لاق", "ابحرم"]),
    # A neutral at a wrap point keeps the paragraph's context.
    ("كتب abc, def كلاما", 40, "auto", True, ["املك abc, def بتك"]),
    ("كتب abc, def كلاما", 9, "auto", True, ["abc, بتك", "املك def"]),
    ("كتب abc, def كلاما", 5, "auto", True, ["بتك", "abc,", "def", "املك"]),
    # Brackets, balanced and not.
    ("قال (Textual) هنا", 40, "auto", True, ["انه )Textual( لاق"]),
    ("الإصدار [v2.0] جديد", 40, "auto", True, ["ديدج ]v2.0[ رادصلا"]),
    ("قال (مرحبا", 40, "auto", True, ["ابحرم( لاق"]),
    ("العدد (123) هنا", 40, "auto", True, ["انه )123( ددعلا"]),
    # Quotes: « » are mirrored, “ ” are not (mirroring is checked on the drawn text below).
    ("قال «مرحبا» ثم “هنا”", 40, "auto", True, ["”انه“ مث »ابحرم« لاق"]),
    # Numbers: after Arabic letters European digits become Arabic numbers (rule W2).
    ("عام 2024 بنسبة 50% و -3.14 و 1,000", 60, "auto", True,
     ["1,000 و 3.14- و %50 ةبسنب 2024 ماع"]),
    ("الأرقام ١٢٣ و ۱۲۳", 40, "auto", True, ["۱۲۳ و ١٢٣ ماقرلا"]),
    ("الساعة 10:30 يوم 2024/05/01", 40, "auto", True, ["2024/05/01 موي 10:30 ةعاسلا"]),
    ("زوروا https://example.com/a?b=1 أو a@b.com الآن", 60, "auto", True,
     ["نلا a@b.com وأ https://example.com/a?b=1 اوروز"]),
    # Isolates, an unmatched PDI, an override.
    ("\u2068John\u2069 قال", 20, "auto", True, ["لاق John"]),
    ("abc \u2069 def", 20, "rtl", True, ["abc  def"]),
    ("\u202eabc\u202c def", 20, "auto", False, ["cba def"]),
    # Tatweel; wide characters reversed as units; a neutral-only paragraph is LTR.
    ("كـتـاب", 20, "auto", True, ["باـتـك"]),
    ("عالم 你好", 20, "auto", True, ["你好 ملاع"]),
    ("123 - 456", 20, "auto", False, ["123 - 456"]),
    # A tab in an RTL line; trailing spaces at RTL line ends are not drawn.
    ("مرحبا\tعالم", 30, "auto", True, ["ملاع\tابحرم"]),
    ("مرحبا   ", 30, "auto", True, ["ابحرم"]),
    ("مرحبا   عالم", 6, "auto", True, ["ابحرم", "ملاع"]),
    # A word longer than the width breaks between clusters, in logical order.
    ("abcdefghij", 4, "auto", False, ["abcd", "efgh", "ij"]),
    ("ماسك abcdefgh", 4, "auto", True, ["كسام", "abcd", "efgh"]),
]


@pytest.mark.parametrize(("text", "width", "direction", "rtl", "expected"), GOLDEN)
def test_golden(text: str, width: int, direction: str, rtl: bool, expected: list[str]) -> None:
    layout = layout_paragraph(text, width, direction)
    assert layout.rtl is rtl
    assert visual_lines(layout) == expected


def test_the_paragraph_end_is_on_the_last_line() -> None:
    """Reversing a whole paragraph and then wrapping would put its end first."""
    text = "بداية الفقرة هنا ثم وسطها ثم نهايتها"
    lines = layout_paragraph(text, 14).lines
    assert visual_lines(layout_paragraph(text, 14))[0].endswith("ةيادب")
    assert lines[-1].end == len(text)
    assert "اهتياهن" in visual_lines(layout_paragraph(text, 14))[-1]


def test_marks_follow_their_base_in_rtl() -> None:
    line = layout_paragraph("متحمسًا", 20).lines[0]
    # reshaped letters in visual order; the tanween stays right after its seen
    assert line.text == "\ufe8e\ufeb4\u064b\ufee4\ufea4\ufe98\ufee3"
    assert line.cells == 6


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("كتبَ", "\ufe90\u064e\ufe98\ufedb"),
        ("مُدَرِّس", "\ufeb1\ufead\u0650\u0651\ufeaa\u064e\ufee3\u064f"),
        ("رحمٰن", "\ufee6\ufee4\u0670\ufea3\ufead"),
    ],
)
def test_harakat_are_kept_after_their_letter(word: str, expected: str) -> None:
    assert layout_paragraph(word, 20).lines[0].text == expected


def test_lam_alef_ligatures() -> None:
    assert layout_paragraph("لا", 10).lines[0].text == "\ufefb"
    assert layout_paragraph("الأول", 10).lines[0].text == "\ufedd\ufeed\ufef7\ufe8d"
    # a mark inside the ligature follows it
    line = layout_paragraph("لَا", 10).lines[0]
    assert line.text == "\ufefb\u064e"
    assert line.map == (0, 1)
    # ZWJ between lam and alef: joined forms, no ligature, the ZWJ itself not drawn
    line = layout_paragraph("ل\u200dا", 10).lines[0]
    assert line.text == "\ufe8e\ufedf"
    assert line.map == (2, 0)


def test_allah_ligature_is_off() -> None:
    assert "\ufdf2" not in layout_paragraph("الله", 10).lines[0].text


def test_persian_zwnj_breaks_joining_and_is_not_drawn() -> None:
    line = layout_paragraph("می\u200cخواهم", 20).lines[0]
    assert "\u200c" not in line.text
    # mim initial + farsi yeh final, then khah initial: the ZWNJ kept them apart
    assert line.text.endswith("\ufbfd\ufee3")
    assert "\ufea7" in line.text


def test_emoji_zwj_sequence_stays_intact_and_whole() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    line = layout_paragraph(f"عائلة {family}", 40).lines[0]
    assert family in line.text
    assert line.text.startswith(family)  # RTL: the second word is on the left


def test_bidi_controls_are_never_drawn() -> None:
    text = "\u202eabc\u202c \u200e\u200f\u061c \u2067x\u2069 \u202bد\u202c"
    for width in (1, 3, 40):
        for line in layout_paragraph(text, width).lines:
            assert not set(line.text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                                            "\u2069\u200e\u200f\u061c")


def test_controls_are_shown_as_pictures() -> None:
    line = layout_paragraph("a\x1b[31mb\x07\x85", 40).lines[0]
    assert line.text == "a\u241b[31mb\u2407<85>"
    assert "\x1b" not in line.text
    assert line.map == (0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8)


def test_mirroring_applies_at_odd_levels_only() -> None:
    assert layout_paragraph("قال (نعم)", 40).lines[0].text.startswith("(")
    assert layout_paragraph("say (yes)", 40).lines[0].text == "say (yes)"
    # « at an odd level is drawn as », “ is not mirrored
    text = layout_paragraph("«نعم» “لا”", 40).lines[0].text
    assert text.endswith("\u00bb") and text.startswith("\u201d")


def test_show_controls_reveals_overrides_in_place() -> None:
    line = layout_paragraph("\u202eabc\u202c", 40, show_controls=True).lines[0]
    assert "RLO" in line.text and "PDF" in line.text


@pytest.mark.parametrize("width", [1, 2, 7, 30])
def test_wide_characters_never_overflow(width: int) -> None:
    for line in layout_paragraph("你好世界 👍🏽 عالم", width).lines:
        assert line.cells <= width


def test_empty_paragraph_has_one_empty_line() -> None:
    layout = layout_paragraph("", 10)
    assert [(line.text, line.start, line.end) for line in layout.lines] == [("", 0, 0)]


@pytest.mark.parametrize("bad", [0, -1])
def test_width_below_one_is_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        layout_paragraph("abc", bad)
