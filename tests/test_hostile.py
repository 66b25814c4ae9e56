"""Content never drives the terminal; every way out restores it.

Documents, annotation files and names full of escape sequences go through ``reader render``,
``reader check`` and the app on a real pseudo-terminal; no ESC that came from content may
reach the output, while the content itself is still shown (as pictures).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.terminal.detect import ENTER_EXPLICIT, LEAVE_EXPLICIT
from tests.pty_session import PtySession, pty_environment
from tests.tmux_session import installed_reader

# Each payload is followed by a marker, so that "the ESC before EVIL" can be looked for.
HOSTILE = (
    "مقدمة \x1b[31mEVIL1 حمراء\n"
    "title \x1b]0;PWNED2\x07 bell \x07 and \x9b31mEVIL3 (C1 CSI)\n"
    "DCS \x1bP+qEVIL4\x1b\\ and clear \x1b[2J\x1b[HEVIL5\n"
    "Trojan \u202eEVIL6\u202c source \u2066isolate\u2069 and \x00NUL? no: \x7fDEL\n"
)
MARKERS = ["EVIL1", "PWNED2", "EVIL3", "EVIL4", "EVIL5", "EVIL6"]
SMUGGLED = [b"\x1b[31mEVIL1", b"\x1b]0;PWNED2", b"\x9b31mEVIL3", b"\xc2\x9b31mEVIL3",
            b"\x1bP+qEVIL4", b"\x1b[HEVIL5", b"\x1b[2J"]


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE.replace("\x00", ""), encoding="utf-8")
    return path


def test_render_text_output_has_no_escape_from_content(capsysbinary, hostile_file) -> None:
    assert main(["render", str(hostile_file), "--width", "60"]) == 0
    out = capsysbinary.readouterr().out
    assert b"\x1b" not in out and b"\xc2\x9b" not in out and b"\x07" not in out
    text = out.decode("utf-8")
    for marker in MARKERS:
        assert marker in text or marker[::-1] in text  # shown, possibly reversed (RTL)
    assert "\u241b" in text  # ESC shown as ␛
    assert "<9B>" in text  # a C1 control shown by its code


def test_render_json_escapes_controls(capsysbinary, hostile_file) -> None:
    assert main(["render", str(hostile_file), "--width", "60", "--format", "json"]) == 0
    out = capsysbinary.readouterr().out
    assert b"\x1b" not in out and b"\x07" not in out


def test_show_controls_reveals_the_override(capsys, hostile_file) -> None:
    assert main(["render", str(hostile_file), "--width", "80", "--show-controls"]) == 0
    out = capsys.readouterr().out
    assert "RLO" in out and "PDF" in out and "LRI" in out


def test_check_and_errors_show_controls_as_pictures(capsysbinary, tmp_path: Path) -> None:
    toml = tmp_path / "evil.toml"
    toml.write_text(
        '[[entity]]\nid = "e"\nname = "N\\u001b[31m"\nkind = "person"\n\n'
        '[[claim]]\nid = "c"\nspeaker = "e"\nlabel = "L\\u001b]0;PWNED\\u0007"\n'
        'anchor = "\\u001b[31mno such quote"\n',
        encoding="utf-8",
    )
    article = Path(__file__).resolve().parent.parent / "content" / "article.ar.txt"
    code = main(["check", str(toml), "--document", str(article)])
    out, err = capsysbinary.readouterr()
    assert code == 1
    assert b"\x1b" not in out + err and b"\x07" not in out + err
    assert "\u241b" in (out + err).decode()
    main(["render", str(tmp_path / "no\x1b[2Jsuch.txt")])
    _out, err = capsysbinary.readouterr()
    assert b"\x1b" not in err and "\u241b[2J" in err.decode()


def test_the_app_never_sends_content_escapes(tmp_path: Path, hostile_file: Path) -> None:
    session = PtySession([str(installed_reader()), str(hostile_file)], pty_environment(tmp_path))
    assert session.wait_for(b"EVIL5"), session.output[-2000:]
    assert session.wait_for(b"Quit")  # the key bar, drawn last: the app is up
    session.send(b"q")
    output = session.finish()
    for smuggled in SMUGGLED:
        assert smuggled not in output, smuggled
    assert "␛".encode() in output


@pytest.mark.parametrize("how", ["q", "ctrl+c", "SIGTERM"])
def test_every_exit_restores_the_terminal(tmp_path: Path, how: str) -> None:
    session = PtySession([str(installed_reader())], pty_environment(tmp_path))
    assert session.wait_for(ENTER_EXPLICIT.encode())
    assert session.wait_for("ﻥﻮﻠﻳﺇ".encode())  # the article is on screen
    assert session.wait_for(b"Quit")  # the key bar, drawn last: the app is up
    session.quit(how)
    output = session.finish()
    tail = output[output.rindex(ENTER_EXPLICIT.encode()):]
    assert LEAVE_EXPLICIT.encode() in tail
    assert b"\x1b[?1049l" in tail  # the alternate screen is left
    assert os.WIFEXITED(session.status) or os.WIFSIGNALED(session.status)


def test_dumb_terminal_gets_a_clear_message(tmp_path: Path) -> None:
    session = PtySession([str(installed_reader())], pty_environment(tmp_path, TERM="dumb"))
    output = session.finish().decode("utf-8", "replace")
    assert "TERM=dumb" in output and "reader render" in output
    assert "Traceback" not in output
    assert os.WEXITSTATUS(session.status) != 0


def test_no_color_is_honoured(tmp_path: Path) -> None:
    session = PtySession([str(installed_reader())], pty_environment(tmp_path, NO_COLOR="1"))
    assert session.wait_for("ﻥﻮﻠﻳﺇ".encode())
    assert session.wait_for(b"Quit")  # the key bar, drawn last: the app is up
    session.send(b"q")
    output = session.finish()
    assert b"38;2;" not in output and b"48;2;" not in output  # no true-colour sequences


async def test_v_reveals_an_override_in_the_app(tmp_path: Path, hostile_file: Path) -> None:
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app

    app = create_app(hostile_file, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()

        def screen_text() -> str:
            flow = app.article.flow
            lines = (flow.line_at(y)[1] for y in range(flow.height))
            return "\n".join(line.text for line in lines if line is not None)

        assert "RLO" not in screen_text()
        await pilot.press("v")
        await pilot.pause()
        assert "\u27e6RLO\u27e7" in screen_text() and "\u27e6PDF\u27e7" in screen_text()
        await pilot.press("v")
        await pilot.pause()
        assert "RLO" not in screen_text()


async def test_hostile_annotations_are_shown_visibly_in_the_panel(tmp_path: Path) -> None:
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app
    from reader.ui.widgets.bidi_text import BidiText
    from reader.ui.widgets.entry_list import EntryList
    from tests.waiting import panel_built

    document = tmp_path / "story.txt"
    document.write_text("قال ماسك إن السيارة ستكون أسرع سيارة.\n", encoding="utf-8")
    (tmp_path / "story.toml").write_text(
        '[[entity]]\nid = "m"\nname = "ماسك\\u001b]0;PWNED\\u0007"\nkind = "person"\n\n'
        '[[chapter]]\nid = "c1"\ntitle = "عنوان\\u001b[2J"\nsummary = "ملخص\\u009b31m"\n'
        'teller = "m"\nanchor = "أسرع سيارة"\n',
        encoding="utf-8",
    )
    app = create_app(document, positions=PositionStore(tmp_path / "state"))
    assert app.annotations is not None and app.annotations.chapters
    async with app.run_test(size=(100, 30)) as pilot:
        await panel_built(pilot)
        await pilot.pause()  # the lists laid out
        drawn = [visual for widget in app.query(BidiText)
                 for visual, *_ in widget._lines(widget.content_size.width or 40)]
        for entries in app.query(EntryList):  # what the panel's lists draw, line by line
            drawn += [strip.text for strip in (entries.render_line(y)
                                               for y in range(entries.size.height))]
        text = "".join(drawn)
        assert "PWNED" in text and "\u241b" in text  # shown, as pictures
        assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in text)


async def test_a_broken_annotation_is_reported_in_the_app_verbatim(tmp_path: Path) -> None:
    """The notice quotes the problem as written: '[claim c]' is not taken as markup."""
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app

    document = tmp_path / "story.txt"
    document.write_text("قال ماسك إن السيارة ستكون أسرع سيارة.\n", encoding="utf-8")
    (tmp_path / "story.toml").write_text(
        '[[entity]]\nid = "m"\nname = "ماسك"\nkind = "person"\n\n'
        '[[claim]]\nid = "c"\nspeaker = "m"\nlabel = "[bold]x"\nanchor = "not in the text"\n',
        encoding="utf-8",
    )
    app = create_app(document, positions=PositionStore(tmp_path / "state"))
    assert app.found.problems
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notices = [n for n in app.notices.shown() if "reader check" in n]
        assert notices, app.notices.shown()
        # shown as written: as markup, "[claim c]" would be swallowed as a style tag
        assert "[claim c]" in notices[0]
        await pilot.press("j", "right_square_bracket")
        assert app.is_running


def test_a_bad_byte_late_in_a_big_file_ends_the_reader_with_the_usual_error(
    tmp_path: Path,
) -> None:
    """The reader opens a big file on its first part; a bad byte found in the rest closes
    it, restores the terminal and prints the same line as for a small file."""
    from reader.content.loading import BIG_FILE

    line = "قال ماسك إن السيارة ستكون أسرع سيارة.\n".encode()
    data = line * (2 * BIG_FILE // len(line)) + b"\xff\n"
    bad = tmp_path / "big.txt"
    bad.write_bytes(data)
    session = PtySession([str(installed_reader()), str(bad)], pty_environment(tmp_path))
    output = session.finish(timeout=20).decode("utf-8", "replace")
    assert f"not valid UTF-8 (byte offset {len(data) - 2}: 0xff)" in output
    assert "Traceback" not in output
    assert LEAVE_EXPLICIT in output[output.rindex(ENTER_EXPLICIT):]
    assert os.WEXITSTATUS(session.status) == 2  # as for any file the reader refuses
