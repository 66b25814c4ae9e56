"""``--screen-reader``'s chrome and tables (issue 28): what a terminal without bidi, and the
screen reader reading its cells, get around the article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.text.chrome import chrome_line, chrome_lines, fill, join_fields, set_logical
from tests.tmux_session import TmuxSession, installed_reader

# the bidi controls the chrome puts around values: on the Linux console (its zero-width
# characters are U+200B-U+200F and U+FEFF only) each is drawn as a replacement glyph, and a
# braille display shows it as an unknown character
ISOLATES = {"\u2066", "\u2067", "\u2068", "\u2069"}
MARKS = {"\u200e", "\u200f", "\u061c"}


@pytest.fixture
def logical() -> Iterator[None]:
    set_logical(True)
    yield
    set_logical(False)


def _controls(text: str) -> set[str]:
    return {ch for ch in text if ch in ISOLATES | MARKS}


def test_logical_chrome_has_no_isolates(logical: None) -> None:
    line = join_fields([fill("{name}: {label}", name="Altman", label="حكاية في ثلاثة فصول"),
                        "Top"], "rtl")
    assert _controls(line)  # assembled with isolates, as in every mode
    for text, _cells, rtl in chrome_lines(line, 80, "rtl"):
        assert not _controls(text) and not rtl
        assert text == "Altman: حكاية في ثلاثة فصول  │  Top"
    assert chrome_line(line, "rtl") == "Altman: حكاية في ثلاثة فصول  │  Top"
    # a value's own controls are still shown as symbols, never obeyed nor dropped
    shown = chrome_line(fill("{v}", v="a\u202eb"), "ltr")
    assert not _controls(shown) and shown == "a⟦RLO⟧b"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[TmuxSession]:
    session = TmuxSession([str(installed_reader()), "--screen-reader"], 100, 30,
                          env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        yield session
    finally:
        session.close()


def test_tmux_title_status_and_keys_have_no_bidi_controls(tmux: TmuxSession) -> None:
    tmux.wait_for(lambda lines: any("Quit" in line for line in lines[-2:]))
    tmux.keys("]")  # a claim's label in the status line: a value from the file
    screen = tmux.wait_for(lambda lines: any("حكاية" in line for line in lines[-3:]))
    chrome = [screen[0], *screen[-3:]]
    assert "إيلون ماسك" in chrome[0]
    for row in chrome:
        assert not _controls(row), repr(row)
