"""The command line's own messages on a terminal (laid out by the core, per terminal) and in
a pipe (logical, as they are): reader/terminal/messages.py."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.i18n import set_language
from reader.terminal.detect import ENTER_EXPLICIT, LEAVE_EXPLICIT, output_mode
from reader.terminal.messages import SOFT_BREAK, HelpFormatter, for_terminal, plain, write_message
from reader.terminal.rows import LRM, RLM
from reader.text.chrome import isolate
from tests.pty_session import PtySession, pty_environment
from tests.tmux_session import installed_reader

# "reader: FILE: ملف": ملف shaped (final, medial, initial forms) is ﻒﻠﻣ in visual order.
MESSAGE = f"{isolate('reader')}: {isolate('a.txt')}: ملف"
VISUAL = "ﻒﻠﻣ :a.txt :reader"  # 18 cells


@pytest.fixture
def arabic():
    set_language("ar")
    yield
    set_language("en")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pipe_gets_the_logical_text_without_isolates(arabic) -> None:
    out = io.StringIO()
    write_message(MESSAGE, out)
    assert out.getvalue() == "reader: a.txt: ملف\n"


def test_an_english_message_is_written_as_it_is_even_on_a_terminal() -> None:
    out = _Tty()
    write_message(f"{isolate('reader')}: {isolate('a.txt')}: no such file", out)
    assert out.getvalue() == "reader: a.txt: no such file\n"


@pytest.mark.parametrize(("env", "mode"), [
    ({"TERM": "xterm-256color"}, "explicit"),
    ({"TERM": "xterm-256color", "VTE_VERSION": "7006"}, "explicit"),
    ({"TERM": "xterm-256color", "KONSOLE_VERSION": "221202"}, "konsole"),
    ({"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "HOME": "/nonexistent"}, "kitty"),
    ({"TERM": "xterm", "MLTERM": "3.9.0"}, "mlterm"),
])
def test_the_output_mode_follows_the_terminal(env: dict[str, str], mode: str) -> None:
    assert output_mode(env) == mode


def test_kitty_with_force_ltr_gets_cells_as_placed(tmp_path: Path) -> None:
    """kitty with force_ltr shows cells as placed: reversed words would read backwards."""
    (tmp_path / "kitty.conf").write_text("force_ltr yes\n")
    assert output_mode({"TERM": "xterm-kitty", "KITTY_CONFIG_DIRECTORY": str(tmp_path)}) \
        == "explicit"


def test_xterm_and_vte_get_visual_lines_in_explicit_mode() -> None:
    # right-aligned at the width; the explicit mode is left after the last newline (VTE
    # applies a change of mode to the paragraph the cursor is in)
    assert for_terminal(MESSAGE, "explicit", 20) == \
        ENTER_EXPLICIT + "  " + VISUAL + "\n" + LEAVE_EXPLICIT


def test_konsole_gets_a_left_to_right_mark_before_each_cluster() -> None:
    row = "  " + VISUAL
    assert for_terminal(MESSAGE, "konsole", 20) == "".join(LRM + ch for ch in row) + "\n"


def test_kitty_gets_words_that_start_right_to_left_reversed() -> None:
    # kitty lays ﻣﻠﻒ out right to left again: ﻒﻠﻣ on screen
    assert for_terminal(MESSAGE, "kitty", 20) == "  ﻣﻠﻒ :a.txt :reader\n"
    # with the app's joiners, so that a mark stays on its letter (ملفًا: فً has two code points)
    assert "\u034f" in for_terminal("ملفًا", "kitty", 20)
    assert "\u034f" not in for_terminal("ملفا", "kitty", 20)


def test_mlterm_gets_logical_lines_after_a_right_to_left_mark() -> None:
    # its bidi switch is screen-wide: it lays the line out itself, right-aligned; it draws
    # isolates as boxes but honours embeddings and marks, which keep each value whole, in
    # its own direction, and in its place
    lre, pdf = "\u202a", "\u202c"
    assert for_terminal(MESSAGE, "mlterm", 20) == \
        RLM + f"{lre}reader{pdf}{RLM}: {lre}a.txt{pdf}{RLM}: ملف\n"
    assert for_terminal(f"{isolate('--lang CODE')} لغة", "mlterm", 30) == \
        f"{RLM}{lre}--lang CODE{pdf}{RLM} لغة\n"  # not "lang CODE--"
    # a line without right-to-left letters (a usage line) as the core placed it
    assert for_terminal("\u2066[--x]\u2069", "mlterm", 10) == " " * 5 + "[--x]\n"


def test_lines_are_wrapped_by_the_core_at_the_width_and_right_aligned() -> None:
    text = "لا يوجد ملف بهذا الاسم في هذا المجلد ولا في غيره"
    rows = for_terminal(text, "explicit", 16).removeprefix(ENTER_EXPLICIT) \
        .removesuffix(LEAVE_EXPLICIT).splitlines()
    assert len(rows) > 2
    assert all(cell_len(row) == 16 and not row.endswith(" ") for row in rows)
    # the first words are on the first line, at its right end
    assert rows[0].endswith("ﺪﺟﻮﻳ ﻻ")
    # mlterm: the same lines, each in logical order
    mlterm_rows = for_terminal(text, "mlterm", 16).splitlines()
    assert len(mlterm_rows) == len(rows) and all(row[0] == RLM for row in mlterm_rows)
    assert " ".join(row[1:] for row in mlterm_rows) == text


def _rows(text: str, width: int) -> list[str]:
    return for_terminal(text, "explicit", width).removeprefix(ENTER_EXPLICIT) \
        .removesuffix(LEAVE_EXPLICIT).splitlines()


def test_a_help_text_wrapped_by_argparse_is_laid_out_whole() -> None:
    # argparse cut inside the brackets: laid out line by line, the ")" of the second line
    # would be mirrored to the far left; as one paragraph the pair stays whole
    text = "الأوامر: render (reader COMMAND" + SOFT_BREAK + "--help)."
    assert plain(text) == "الأوامر: render (reader COMMAND\n--help)."
    assert _rows(text, 60) == [" " * 21 + ".render (reader COMMAND --help) :ﺮﻣﺍﻭﻷﺍ"]


def test_an_option_s_help_is_wrapped_again_in_its_column() -> None:
    header = "  \u2066--lang CODE\u2069" + " " * 7  # 20 cells: the help's column
    text = header + "لغة" + SOFT_BREAK + " " * 20 + "الواجهة"
    assert _rows(text, 40) == [" " * 9 + "ﺔﻬﺟﺍﻮﻟﺍ ﺔﻐﻟ" + " " * 7 + "--lang CODE  "]
    assert _rows(text, 28) == [" " * 5 + "ﺔﻐﻟ" + " " * 7 + "--lang CODE  ",
                               " ﺔﻬﺟﺍﻮﻟﺍ" + " " * 20]


def test_help_columns_are_argparse_s_once_the_isolates_are_taken_out(arabic) -> None:
    def parser(formatter: type[argparse.HelpFormatter]) -> argparse.ArgumentParser:
        made = argparse.ArgumentParser(prog="reader check", formatter_class=formatter,
                                       description="وصف (طويل) " * 20)
        made.add_argument("file", nargs="?", help="ملف")
        made.add_argument("--direction", choices=("auto", "rtl"), help="الاتجاه " * 30)
        made.add_argument("--a-very-long-option-name", metavar="VALUE", help="قيمة " * 30)
        return made

    isolated = parser(HelpFormatter).format_help()
    assert "\u2066--direction {auto,rtl}\u2069" in isolated  # one left-to-right value
    assert isolated.count(SOFT_BREAK) > 4  # the wrapped texts are paragraphs
    assert plain(isolated) == parser(argparse.HelpFormatter).format_help()


def test_an_error_on_a_terminal_is_shaped_and_in_visual_order(tmp_path: Path) -> None:
    session = PtySession([str(installed_reader()), "--lang", "ar", "nosuchfile"],
                         pty_environment(tmp_path), width=60)
    output = session.finish().decode("utf-8")
    assert session.status is not None and session.status != 0
    row = output.split(ENTER_EXPLICIT)[1].split("\r\n")[0]
    # «reader: nosuchfile: لا يوجد ملف بهذا الاسم», laid out right to left
    visual = "ﻢﺳﻻﺍ ﺍﺬﻬﺑ ﻒﻠﻣ ﺪﺟﻮﻳ ﻻ :nosuchfile :reader"
    assert row == " " * (60 - cell_len(visual)) + visual
    assert "ملف" not in output  # no logical Arabic left for the terminal to show reversed


def test_a_sub_command_on_a_terminal_lays_out_without_textual(tmp_path: Path) -> None:
    document = tmp_path / "a.txt"
    document.write_text("إيلون ماسك\n", encoding="utf-8")
    code = ("import sys; from reader.cli import main; "
            f"main(['--lang', 'ar', 'search', 'غائب', {str(document)!r}]); "
            "print('TEXTUAL', any(m.startswith('textual') for m in sys.modules))")
    session = PtySession([sys.executable, "-c", code], pty_environment(tmp_path), width=40)
    output = session.finish().decode("utf-8")
    assert "TEXTUAL False" in output
    assert ENTER_EXPLICIT in output  # the summary («لا نتائج»...) went through the core


def test_a_problem_line_reads_from_its_place_on_the_right() -> None:
    """``reader check``'s ``FILE:LINE: [ENTRY] message``: in a right-to-left line the place
    is at the right end and the entry after it, each whole; a message starting with a Latin
    word does not pull them into one left-to-right run (a line starting with an isolate was
    cut inside it)."""
    from reader.content.annotations.model import Problem
    from reader.terminal.messages import problem_line

    problem = Problem("id (السطر 2): يجب", "type", "claim", "#1", 1, Path("bad.toml"))
    assert plain(problem_line(problem)) == str(problem)  # a pipe: as before
    row = for_terminal(problem_line(problem), "explicit", 40).removeprefix(ENTER_EXPLICIT) \
        .removesuffix(LEAVE_EXPLICIT)
    assert row.rstrip("\n").lstrip(" ") == "ﺐﺠﻳ :(2 ﺮﻄﺴﻟﺍ) id [claim #1] :bad.toml:1"


@pytest.mark.parametrize(("args", "whole"), [
    (["render", "--width", "0", "FILE"], ["--width/-w"]),
    (["render", "--bogus", "--other=-3"], ["--bogus --other=-3"]),
    (["render", "--direction", "--", "FILE"], ["--direction"]),
    (["render", "--direction=-up", "FILE"], ["--direction", "'-up'"]),
    (["render", "--width=-x", "FILE"], ["--width/-w", "'-x'"]),
    (["--measure=-x", "FILE"], ["--measure", "'-x'"]),
])
def test_option_names_and_values_stay_whole_in_an_arabic_error(tmp_path: Path, args: list[str],
                                                               whole: list[str]) -> None:
    """Issue 25, point 5: on a terminal, «width/-w--» and «bogus--»: the option names and
    the values typed are left-to-right isolates inside the Arabic message."""
    document = tmp_path / "a.txt"
    document.write_text("سطر\n", encoding="utf-8")
    argv = [str(document) if arg == "FILE" else arg for arg in args]
    session = PtySession([str(installed_reader()), *argv],
                         pty_environment(tmp_path, LANG="ar_EG.UTF-8", LC_ALL="ar_EG.UTF-8"),
                         width=200)
    output = session.finish().decode("utf-8")
    assert session.status is not None and session.status != 0
    row = output.split(ENTER_EXPLICIT)[1].split("\r\n")[0]
    assert ":reader" in row and ("ﻂﻴﺳﻮﻟﺍ" in row or "ﻂﺋﺎﺳﻭ" in row), row  # laid out
    for text in whole:
        assert text in row, row
