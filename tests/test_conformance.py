"""Unicode's BidiCharacterTest.txt (15.0, vendored from Debian's unicode-data) through the core.

Two checks per test line, at unlimited width:

* the levels from :func:`paragraph_levels` (field 3 after rule L1) and the visual order from
  :func:`line_levels` + :func:`visual_order` (field 4), code point by code point;
* the whole pipeline, :func:`layout_paragraph`, whose map must give the same visual order
  wherever the pipeline does not legitimately differ (combining marks stay after their base,
  rule L3; line-end white space is not drawn; invisible controls are folded).
"""

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

import pytest

from reader.text import layout_paragraph
from reader.text.chars import ISOLATES, MARKS
from reader.text.levels import paragraph_levels
from reader.text.reorder import ISOLATE, line_levels, visual_order

DATA = Path(__file__).parent / "data" / "BidiCharacterTest-15.0.0.txt.gz"
DIRECTIONS = {"0": "ltr", "1": "rtl", "2": "auto"}


def _cases() -> list[tuple[int, str, str, int, list[str], list[int]]]:
    cases = []
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            codes, direction, para, levels, order = line.split(";")
            text = "".join(chr(int(c, 16)) for c in codes.split())
            cases.append(
                (
                    number,
                    text,
                    DIRECTIONS[direction],
                    int(para),
                    levels.split(),
                    [int(i) for i in order.split()],
                )
            )
    return cases


CASES = _cases()


def _class(ch: str) -> str:
    return ISOLATE if ch in ISOLATES else unicodedata.bidirectional(ch)


def test_the_file_is_complete() -> None:
    assert len(CASES) == 91707


def test_levels_and_order_match_every_line() -> None:
    failures = []
    for number, text, direction, para, expected_levels, expected_order in CASES:
        levels, para_level = paragraph_levels(text, direction)
        kept = [i for i, level in enumerate(expected_levels) if level != "x"]
        resolved = line_levels(
            [levels[i] for i in kept], [_class(text[i]) for i in kept], para_level
        )
        order = [kept[i] for i in visual_order(resolved)]
        if (
            para_level != para
            or resolved != [int(expected_levels[i]) for i in kept]
            or order != expected_order
        ):
            failures.append(number)
    assert not failures, f"{len(failures)} lines differ, first: {failures[:10]}"


def _pipeline_comparable(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Mn", "Me", "Mc") for ch in text)


def test_layout_pipeline_gives_the_same_order() -> None:
    """Every third line (the levels and orders of every line are checked above; this one
    checks the map the layout builds on them, which the sample exercises as well)."""
    checked = 0
    failures = []
    for number, text, direction, _para, _levels, expected_order in CASES[::3]:
        if not _pipeline_comparable(text):
            continue
        layout = layout_paragraph(text, 10**6, direction)
        assert len(layout.lines) == 1
        seen: list[int] = []
        for offset in layout.lines[0].map:
            if not seen or seen[-1] != offset:  # a tab is drawn as several cells
                seen.append(offset)
        shown = set(seen)
        missing = [i for i in expected_order if i not in shown]
        # Only white space at the line's end (it hangs; L1 puts it there anyway) and invisible
        # isolates and directional marks may be left out.
        if any(_class(text[i]) not in ("WS", "S", ISOLATE) and text[i] not in MARKS
               for i in missing):
            failures.append(number)
            continue
        if [i for i in expected_order if i in shown] != seen:
            failures.append(number)
        checked += 1
    assert checked > 20000
    assert not failures, f"{len(failures)} lines differ, first: {failures[:10]}"


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8])
def test_narrow_lines_keep_every_character_once(width: int) -> None:
    """Sampled conformance lines broken at small widths: nothing lost, nothing twice."""
    for _number, text, direction, *_ in CASES[::97]:
        layout = layout_paragraph(text, width, direction)
        shown = [o for line in layout.lines for o in dict.fromkeys(line.map)]
        assert len(shown) == len(set(shown))
        visible = {
            i
            for i, ch in enumerate(text)
            if _class(ch) not in ("BN", "WS", "S", "LRE", "RLE", "LRO", "RLO", "PDF", ISOLATE)
            and ch not in "\u200e\u200f\u061c"
        }
        assert visible <= set(shown), text
