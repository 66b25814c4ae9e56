"""Chrome text in the core (reader/text/chrome.py), without the app: a value's controls are
made visible before it is isolated, and an empty field is left out of a joined line."""

from __future__ import annotations

import unicodedata

import pytest

from reader.text.chars import BIDI_CONTROLS, MARKS
from reader.text.chrome import (
    FIELD_SEPARATOR,
    FSI,
    PDI,
    ChromeStyle,
    chrome_line,
    fill,
    isolate,
    isolate_field,
    join_fields,
)

# A Trojan Source link: its PDI would close the value's isolate early and its RLO reverse
# what follows (the http://x/m13]␛live); an escape sequence and a line break too.
HOSTILE = "http://x/\u2069\u202eevil\x1b[31m\nline"
SHOWN = "http://x/⟦PDI⟧⟦RLO⟧evil␛[31m␤line"
# Every character a value must not bring into the chrome as it is: C0 and C1 controls
# (tab and line feed included: a value is one line), DEL, the line and paragraph separators,
# and every bidi control.
CONTROLS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)]
CONTROLS += sorted(BIDI_CONTROLS - MARKS)
VISUAL = ChromeStyle.VISUAL


def test_a_values_controls_are_made_visible() -> None:
    assert isolate(HOSTILE) == FSI + SHOWN + PDI
    assert fill("link: {url}", url=HOSTILE) == "link: " + FSI + SHOWN + PDI


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_a_hostile_value_reads_in_its_own_order_in_either_direction(direction: str) -> None:
    template = "link: {url}" if direction == "ltr" else "الرابط: {url}"
    line = chrome_line(fill(template, url=HOSTILE), direction, style=VISUAL)
    assert SHOWN in line  # left to right, whole: nothing reordered, nothing run
    assert "evil" in line and "live" not in line


@pytest.mark.parametrize("control", CONTROLS, ids=lambda ch: f"U+{ord(ch):04X}")
def test_no_control_reaches_the_chrome_inside_a_value(control: str) -> None:
    inside = isolate(f"a{control}b")
    assert inside[0] == FSI and inside[-1] == PDI
    kept = [ch for ch in inside[1:-1] if ch in BIDI_CONTROLS or ch in "\n\r\t"
            or unicodedata.category(ch) in ("Cc", "Zl", "Zp")]
    assert kept == []
    assert inside[1] == "a" and inside[-2] == "b" and len(inside) > 4  # shown, not dropped


@pytest.mark.parametrize("mark", sorted(MARKS), ids=lambda ch: f"U+{ord(ch):04X}")
def test_a_values_marks_are_honoured_not_shown(mark: str) -> None:
    """A heading of a real document («12.1.<RLM> RAID») keeps its mark, as in the article:
    a mark cannot reverse a letter nor reach past the value's isolate."""
    inside = isolate(f"12.1.{mark} RAID")
    assert inside == FSI + f"12.1.{mark} RAID" + PDI
    assert "⟦" not in chrome_line(fill("{title}", title=f"12.1.{mark} RAID"), "rtl",
                                  style=VISUAL)


def test_an_empty_field_is_left_out_of_a_joined_line() -> None:
    first, last = isolate_field("a", "ltr"), isolate_field("b", "ltr")
    joined = join_fields(["a", "", ("", "rtl"), "b"], "ltr", style=VISUAL)
    assert joined == first + FIELD_SEPARATOR + last
    assert chrome_line(joined, "ltr", style=VISUAL) == "a" + FIELD_SEPARATOR + "b"
    assert join_fields(["", ("", "ltr")], "rtl", style=VISUAL) == ""
    assert join_fields(["a", ""], "rtl", separator=" · ", style=VISUAL) == isolate_field(
        "a", "rtl")
