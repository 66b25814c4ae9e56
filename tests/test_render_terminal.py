"""``reader render`` and ``reader search`` on a terminal: the lines given as each terminal
needs them (reader.terminal.rows.Rows), so that they read right in VTE, Konsole, kitty and mlterm
too, not only in xterm; to a pipe, exactly as before."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.terminal.detect import ENTER_EXPLICIT, LEAVE_EXPLICIT
from reader.terminal.rows import LRM, RLM, kitty_words

TEXT = ("إيلون ماسك وسام ألتمان يتنافسان: قال ماسك إن «OpenAI» صارت شركة مغلقة.\n"
        "Sam Altman wrote «الفصل الرابع» on X.\n"
        "بريدًا إلكترونيًا مرتجعًا.\n")
TERMINALS = {
    "xterm": {"TERM": "xterm-256color"},
    "vte": {"TERM": "xterm-256color", "VTE_VERSION": "7006"},
    "konsole": {"TERM": "xterm-256color", "KONSOLE_VERSION": "221202"},
    "kitty": {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"},
    "mlterm": {"TERM": "xterm", "MLTERM": "3.9.0"},
}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, terminal: str | None) -> str:
    for name in ("VTE_VERSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID", "MLTERM", "TERM_PROGRAM",
                 "KITTY_CONFIG_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")  # no kitty.conf
    out = _Tty() if terminal else io.StringIO()
    for name, value in TERMINALS.get(terminal or "xterm", {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", out)
    main(args)
    return out.getvalue()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_render_on_each_terminal(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["render", "--width", "40", str(article)]
    piped = _run(args, monkeypatch, None)
    rows = piped.splitlines()
    # xterm and VTE: the same lines, in the explicit mode (VTE shows them as placed)
    for name in ("xterm", "vte"):
        assert _run(args, monkeypatch, name) == ENTER_EXPLICIT + piped + LEAVE_EXPLICIT
    # Konsole: a mark before every cluster of a row with Arabic; nothing else changed
    konsole = _run(args, monkeypatch, "konsole").splitlines()
    assert [row.replace(LRM, "") for row in konsole] == rows
    assert all(LRM + "ﺇ" in row or "ﺇ" not in row for row in konsole)
    # kitty: its reversed words
    assert _run(args, monkeypatch, "kitty").splitlines() == [kitty_words(row) for row in rows]
    # mlterm: each line's source, with its direction, for mlterm to lay out itself
    mlterm = _run(args, monkeypatch, "mlterm").splitlines()
    assert len(mlterm) == len(rows)
    assert mlterm[0].startswith(RLM + "إيلون ماسك")
    sources = "".join(row.lstrip(RLM + LRM) for row in mlterm).replace(" ", "")
    assert sources == TEXT.replace("\n", "").replace(" ", "")  # every character, in order
    english = [row for row in mlterm if "Altman" in row]
    assert english == [LRM + "Sam Altman wrote «الفصل الرابع» on X."]


def test_search_on_a_terminal_shows_the_hit_as_laid_out(article: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    args = ["search", "--exact", "الفصل الرابع", str(article)]
    assert _run(args, monkeypatch, None).splitlines()[0] == "2:18-30\tالفصل الرابع"
    # xterm: shaped and in visual order (logical order is letter-reversed there)
    assert _run(args, monkeypatch, "xterm").splitlines()[0] == \
        ENTER_EXPLICIT + "2:18-30\tﻊﺑﺍﺮﻟﺍ ﻞﺼﻔﻟﺍ"
    assert _run(args, monkeypatch, "mlterm").splitlines()[0] == LRM + "2:18-30\tالفصل الرابع"
    # kitty: the hit's words reversed for kitty to put back, the place before the tab not
    assert _run(args, monkeypatch, "kitty").splitlines()[0] == "2:18-30\tﺍﻟﺮﺍﺑﻊ ﺍﻟﻔﺼﻞ"


def test_mlterm_gets_a_quote_bar_it_does_not_turn_left_to_right(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mlterm lays a line holding a block character (the quote's ▌) out left to right."""
    path = tmp_path / "q.md"
    path.write_text("> اقتباس من ماسك\n", encoding="utf-8")
    rows = _run(["render", "--width", "40", str(path)], monkeypatch, "mlterm").splitlines()
    assert rows == [RLM + "| اقتباس من ماسك"]
