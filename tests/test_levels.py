"""The levels core held to python-bidi itself, and what happens when the library breaks.

:mod:`reader.text.levels` never hands the library the paragraph as it is: it takes a fast
path for plain left-to-right text and otherwise condenses the text (runs of one bidi class
collapsed to one character). Both shortcuts must give exactly the levels the library gives on
the whole, uncondensed paragraph; the property test below holds them to that.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader import cli
from reader.errors import ReaderError
from reader.text import levels
from reader.text.levels import (
    BidiLibraryError,
    Isolate,
    _raw_levels,
    check_library,
    level_runs,
    paragraph_levels,
    self_test,
)
from tests.waiting import wait_until

BASE_DIR = {"auto": None, "ltr": "L", "rtl": "R"}

# Every bidi class but B (a paragraph separator inside one of our paragraphs is a neutral to
# the reader, on purpose), with the characters that rules W4-W7, N0 and X1-X10 look at one
# by one: explicit controls, isolates, marks, brackets, separators and terminators.
POOL = (
    "aZé"  # L
    "\u05d0\u05d1"  # R
    "\u0627\u0644\u0645"  # AL
    "019"  # EN
    "\u0660\u0661\u06f1"  # AN, and an EN of the Extended Arabic-Indic digits
    "+-"  # ES
    "%$#\u00b0"  # ET
    ",.:/\u00a0"  # CS
    "\u0300\u064b\u0651"  # NSM
    "\u200b\u200d\u00ad"  # BN
    "\t"  # S
    " "  # WS
    "!\"&*;=?@_~\u2014"  # ON
    "()[]{}\u2329\u232a"  # brackets
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
    "\U0001f600\U00010900"  # an emoji (four UTF-8 bytes) and a Phoenician letter (R)
    "\u07b5\U0001ec70"  # unassigned, in blocks whose default class is AL
)


# What can lift a plain left-to-right paragraph off level 0: each must keep the fast path away.
NOT_PLAIN_LTR = (
    "\u05d0\u0627\u0660\U00010900\u07b5\U0001ec70"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200f\u061c"
)
# Where rules W2-W7 work: numbers of both kinds, separators, terminators, strong letters.
NUMBERS = "019\u0660\u0661\u06f1+-%$#,.:/\u00a0 \u05d0\u0627a\u0300"


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """Plain left-to-right text with one character that is not; or text from a few characters
    of the pool (or of the numbers), in runs of one to three, so that runs, doubled
    separators, pairs and near-LTR text come up often."""
    kind = draw(st.sampled_from(["one in ltr", "numbers", "mixed"]))
    if kind == "one in ltr":
        plain = draw(st.text(alphabet="ab 12,.(", max_size=8))
        at = draw(st.integers(0, len(plain)))
        return plain[:at] + draw(st.sampled_from(NOT_PLAIN_LTR)) + plain[at:]
    pool = NUMBERS if kind == "numbers" else POOL
    alphabet = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6, unique=True))
    if kind == "mixed" and draw(st.booleans()):
        alphabet += list("ab 12,.")  # mostly left-to-right, with a few others
    runs = draw(st.lists(st.tuples(st.sampled_from(alphabet), st.integers(1, 3)),
                         min_size=1, max_size=12))
    return "".join(ch * count for ch, count in runs)


def _library(text: str, direction: str) -> tuple[list[int], int]:
    """The levels python-bidi gives the whole text, and its paragraph level from the dump."""
    found, _ = _raw_levels(text, BASE_DIR[direction])
    dump = levels.get_display(text, base_dir=BASE_DIR[direction], debug=True)
    para = re.search(r"level: Level\(\s*(\d+)", dump[dump.index("paragraphs: ["):])
    assert para is not None
    return found, int(para.group(1))


@settings(max_examples=400, deadline=None)
@given(text=paragraphs(), direction=st.sampled_from(["auto", "rtl", "ltr"]))
# The two regressions the suite once let through: RLM must keep the LTR fast path away, and
# two separators between numbers are not one (rule W4 looks at a single one).
@example(text="\u200fabc 123", direction="auto")
@example(text="\u05d0 1,,2", direction="auto")
# A letter's run takes in its marks and the neutrals between its letters: it stands for the
# library as its first character (its last may be a mark, which would take the class before).
@example(text="abc \u0627\u064e\u0644\u064e 9", direction="auto")
@example(text="\u0627\u060c \u0644\u064b \u00ab\u0645\u00bb a, b 1", direction="rtl")
def test_condensed_levels_are_the_librarys(text: str, direction: str) -> None:
    expected, expected_para = _library(text, direction)
    got, para = paragraph_levels(text, direction)
    assert (got, para) == (expected, expected_para)


# -- the shortcuts on text that is otherwise left to right ------------------------------------

# Every strong and explicit bidi class, one character or a few each: what the pure
# left-to-right fast path must see (all but LRM keep it away) and the condensing must keep.
STRONG_AND_EXPLICIT = {
    "ALM": "\u061c", "RLM": "\u200f", "LRM": "\u200e",
    # AL: Arabic, Syriac, Thaana, Arabic Extended-A, presentation forms A and B, Arabic
    # mathematical letters
    "AL": "\u0627\u0710\u0780\u08a0\ufb50\ufe70\U0001ee00",
    # R: Hebrew, NKo, Samaritan, Hebrew presentation forms, Phoenician, Mende Kikakui
    "R": "\u05d0\u07c0\u0800\ufb1d\U00010900\U0001e800",
    "LRE": "\u202a", "RLE": "\u202b", "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e",
    "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069",
}
INSERTED = "".join(STRONG_AND_EXPLICIT.values())
# Left-to-right text with numbers, separators, neutrals and brackets in it.
LTR_TEXTS = ("ab 12, cd (ef) 3.4", "x", "12")
# Every character whose class (Python's tables) is R, AL or AN or one of the explicit
# formatting ones, and every code point of the blocks whose unassigned code points are R or
# AL: a new letter the library knows and Python does not.
RIGHT_TO_LEFT_OR_EXPLICIT = [
    chr(code) for code in range(0x110000)
    if unicodedata.bidirectional(chr(code)) in (
        "R", "AL", "AN", "LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI")
    or (not unicodedata.bidirectional(chr(code))
        and (0x0590 <= code <= 0x08FF or 0x10800 <= code <= 0x10FFF
             or 0x1E800 <= code <= 0x1EFFF))
]


def _levels_of(texts: list[str], direction: str) -> list[tuple[str, object, object]]:
    """The texts whose levels (with the paragraph level) differ from the library's: each
    with ours and the library's."""
    found = ((text, paragraph_levels(text, direction), _library(text, direction))
             for text in texts)
    return [(text, ours, library) for text, ours, library in found if ours != library]


@pytest.mark.parametrize("direction", ["auto", "ltr", "rtl"])
@pytest.mark.parametrize("name", list(STRONG_AND_EXPLICIT))
def test_one_strong_or_explicit_character_anywhere_in_ltr_text(name: str,
                                                              direction: str) -> None:
    """Each character of the class at every place of each left-to-right text."""
    texts = [text[:at] + ch + text[at:] for ch in STRONG_AND_EXPLICIT[name]
             for text in LTR_TEXTS for at in range(len(text) + 1)]
    assert _levels_of(texts, direction) == []


@pytest.mark.parametrize("direction", ["auto", "ltr"])
def test_every_right_to_left_or_explicit_character_in_ltr_text(direction: str) -> None:
    """The fast path's list of what is not plain left to right, against every such code
    point (Python's tables), between left-to-right words and numbers."""
    assert len(RIGHT_TO_LEFT_OR_EXPLICIT) > 3000
    texts = [f"ab {ch} 12" for ch in RIGHT_TO_LEFT_OR_EXPLICIT]
    assert _levels_of(texts, direction) == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab 12,.()", max_size=10),
       inserted=st.lists(st.tuples(st.sampled_from(INSERTED), st.integers(0, 10)),
                         min_size=1, max_size=4),
       direction=st.sampled_from(["auto", "ltr", "rtl"]))
def test_a_few_strong_or_explicit_characters_in_ltr_text(
        text: str, inserted: list[tuple[str, int]], direction: str) -> None:
    """Several at once: embeddings and overrides closed or not, isolates in embeddings."""
    for ch, at in inserted:
        text = text[:at] + ch + text[at:]
    assert paragraph_levels(text, direction) == _library(text, direction)


def test_the_paragraph_level_of_auto_text() -> None:
    assert paragraph_levels("\u2067\u05d0\u2069 x", "auto")[1] == 0  # isolates are skipped
    assert paragraph_levels("123 \u05d0", "auto")[1] == 1
    assert paragraph_levels("\u200fabc", "auto")[1] == 1
    assert paragraph_levels("", "rtl") == ([], 1)


# -- reading the dump ---------------------------------------------------------------------


def test_raw_levels_counts_code_points_not_bytes() -> None:
    # a 4-byte emoji, 2-byte Hebrew and Arabic letters, 1-byte ASCII
    text = "a\U0001f600\u05d0\u05d1 \u0661"
    assert _raw_levels(text, None) == ([0, 0, 1, 1, 1, 2], 0)
    assert _raw_levels(text, "R") == ([2, 1, 1, 1, 1, 2], 1)
    assert _raw_levels("", "L") == ([], 0)


def _one_line(dump: str) -> str:
    """The same dump as Rust's plain ``{:?}`` prints it: ``Level(0)`` and no line breaks."""
    flat = re.sub(r",(\n\s*)(?=[)\]}])", r"\1", dump)  # no trailing commas
    flat = re.sub(r"([(\[])\n\s*", r"\1", flat)
    flat = re.sub(r"\n\s*(?=[)\]])", "", flat)
    return re.sub(r"\n\s*", " ", flat)


def test_both_dump_forms_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\u0642\u0627\u0644 (abc) 7"
    pretty = _raw_levels(text, None)
    real = levels.get_display
    monkeypatch.setattr(levels, "get_display", lambda *a, **k: _one_line(real(*a, **k)))
    assert "levels: [Level(1), Level(1)," in levels.get_display(text, debug=True)
    assert _raw_levels(text, None) == pretty
    self_test()


@pytest.fixture
def fresh_check() -> Iterator[None]:
    """Forget that the library was checked, before and after the test."""
    levels._ensure_self_tested.cache_clear()
    yield
    levels._ensure_self_tested.cache_clear()


BROKEN_DUMPS = {
    "no levels section": "BidiInfo { text: \"abc\" }",
    "levels renamed": "BidiInfo { levels: [Lvl(0), Lvl(0), Lvl(0)], paragraphs: [] }",
    "too few levels": "BidiInfo { levels: [Level(0)], paragraphs: [] }",
}


@pytest.mark.parametrize("dump", BROKEN_DUMPS.values(), ids=BROKEN_DUMPS.keys())
def test_a_changed_dump_is_a_reader_error(monkeypatch: pytest.MonkeyPatch, fresh_check: None,
                                          dump: str) -> None:
    monkeypatch.setattr(levels, "get_display", lambda *a, **k: dump)
    with pytest.raises(BidiLibraryError) as raised:
        self_test()
    assert isinstance(raised.value, ReaderError)
    message = raised.value.message
    assert "python-bidi" in message and "0.6.12" in message and "\n" not in message
    with pytest.raises(BidiLibraryError):
        paragraph_levels("\u05d0", "auto")


def test_wrong_levels_are_a_reader_error(monkeypatch: pytest.MonkeyPatch,
                                         fresh_check: None) -> None:
    real = levels.get_display
    monkeypatch.setattr(levels, "get_display",
                        lambda *a, **k: real(*a, **k).replace("1,", "3,"))
    with pytest.raises(BidiLibraryError, match=r"reader expects .*Install python-bidi==0\.6\.12"):
        check_library()


def test_an_import_failure_is_a_reader_error(monkeypatch: pytest.MonkeyPatch,
                                             fresh_check: None) -> None:
    monkeypatch.setattr(levels, "_IMPORT_ERROR", ImportError("No module named 'bidi.bidi'"))
    with pytest.raises(BidiLibraryError, match="cannot be imported: No module named"):
        check_library()


def test_the_check_runs_once(monkeypatch: pytest.MonkeyPatch, fresh_check: None) -> None:
    calls = []
    monkeypatch.setattr(levels, "self_test", lambda: calls.append(1))
    check_library()
    check_library()
    paragraph_levels("\u05d0 1", "auto")
    assert calls == [1]


@pytest.mark.parametrize("argv", [
    ["render", "--width", "40"],
    ["search", "x"],
    ["check"],
    [],  # the app: checked before the terminal is even looked at
])
def test_every_command_says_one_line_and_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fresh_check: None,
    argv: list[str],
) -> None:
    monkeypatch.setattr(levels, "get_display", lambda *a, **k: "BidiInfo {}")
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("reader: python-bidi ") and err.count("\n") == 1
    assert "Traceback" not in err


async def test_the_app_shows_a_message_instead_of_crashing(
    monkeypatch: pytest.MonkeyPatch, fresh_check: None, tmp_path: Path,
) -> None:
    """Should the library break after the start (a text the self-test did not cover), the
    app ends with the one-line message, as a late load error does, not a traceback."""
    from reader.content.formats import load_document
    from reader.ui.app import ReaderApp

    path = tmp_path / "short.txt"
    path.write_text("\u0645\u0631\u062d\u0628\u0627 1\n", encoding="utf-8")
    app = ReaderApp(load_document(path))
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert app.return_code is None
        monkeypatch.setattr(levels, "get_display", lambda *a, **k: "BidiInfo {}")
        await pilot.resize_terminal(44, 12)  # lays the paragraph out again
        await wait_until(pilot, lambda: app.return_code is not None, what="the app to end")
    assert app.loading.error is not None and app.loading.error.startswith("python-bidi")
    assert app.return_code == 2


@pytest.mark.parametrize(("text", "direction", "spans"), [
    ('يطابق الشرط comm="syslogd" العملية.', "rtl", ((12, 26),)),
    ("الشرط --width=-w هنا", "auto", ((6, 16),)),
    ("`ls` ثم `cd -` هنا", "auto", ((0, 4), (8, 14))),
    ("ltr text with قول code", "ltr", ((14, 17),)),
    ("abc def", "rtl", ((0, 3),)),
    ("قال ماسك", "auto", ((0, 0), (50, 60))),  # empty and outside: nothing isolated
])
def test_ltr_spans_resolve_as_if_between_lri_and_pdi(text: str, direction: str,
                                                     spans: tuple[tuple[int, int], ...]) -> None:
    """A code span is laid out as an LRI ... PDI isolate without those characters in the
    text (issue 25, point 8): its levels are the isolated text's, its two marks left out."""
    marked, keep = "", []
    at = 0
    for start, end in spans:
        if start >= end or start >= len(text):
            continue
        marked += text[at:start] + "\u2066" + text[start:end] + "\u2069"
        keep += [True] * (start - at) + [False] + [True] * (end - start) + [False]
        at = end
    marked += text[at:]
    keep += [True] * (len(text) - at)
    expected, expected_para = paragraph_levels(marked, direction)
    ends, run_levels, para = level_runs(text, direction, tuple(Isolate(*span) for span in spans))
    levels = [level for end, level, start in zip(ends, run_levels, [0, *ends])
              for _ in range(end - start)]
    assert para == expected_para
    assert levels == [level for level, kept in zip(expected, keep) if kept]
