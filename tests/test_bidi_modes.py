"""--bidi explicit (the default) and --bidi terminal, and terminals that reorder by themselves."""

from __future__ import annotations

from pathlib import Path

from reader.content.document import load_document
from reader.state.positions import PositionStore
from reader.ui.app import create_app
from reader.ui.terminal import ENTER_EXPLICIT, reordering_terminal
from tests.pty_session import PtySession
from tests.test_hostile import _environment
from tests.tmux_session import TmuxSession, installed_reader


async def test_terminal_mode_hands_over_logical_unshaped_lines(tmp_path: Path) -> None:
    app = create_app(bidi_mode="terminal", positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        flow = app.article.flow
        assert flow.logical
        first = load_document().paragraphs[0]
        _paragraph, line = flow.line_at(0)
        assert line is not None and line.rtl  # still right-aligned
        # logical order, plain letters: exactly the source text of the line
        assert line.text == first[line.start : line.end].rstrip(" ")
        assert line.map == tuple(range(line.start, line.start + len(line.text)))


async def test_explicit_mode_reorders_and_shapes(tmp_path: Path) -> None:
    app = create_app(positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        _paragraph, line = app.article.flow.line_at(0)
        assert line is not None
        assert line.text.endswith("\ufe87")  # the first letter, shaped, at the right end


def test_terminals_that_reorder_are_named() -> None:
    assert reordering_terminal({"TERM": "xterm-256color"}) is None
    assert reordering_terminal({"VTE_VERSION": "7000"}) is None  # honours the escape
    assert "Konsole" in reordering_terminal({"KONSOLE_VERSION": "230401"})
    assert "kitty" in reordering_terminal({"TERM": "xterm-kitty"})
    assert "mlterm" in reordering_terminal({"MLTERM": "3.9"})
    for env in ({"KONSOLE_VERSION": "1"}, {"KITTY_WINDOW_ID": "1"}):
        assert "--bidi terminal" in reordering_terminal(env)


def test_terminal_mode_does_not_switch_the_terminal(tmp_path: Path) -> None:
    session = PtySession([str(installed_reader()), "--bidi", "terminal"],
                         _environment(tmp_path))
    assert session.wait_for("ايلون".encode()) or session.wait_for("إيلون".encode())
    session.read(0.3)
    session.send(b"q")
    output = session.finish()
    assert ENTER_EXPLICIT.encode() not in output


def test_kitty_is_told_how_to_stop_reordering(tmp_path: Path) -> None:
    tmux = TmuxSession([str(installed_reader())], 100, 30,
                       env={"KITTY_WINDOW_ID": "1",
                            "READER_STATE_DIR": str(tmp_path / "state")})
    try:
        screen = tmux.wait_for(lambda lines: any("force_ltr" in line for line in lines))
        assert sum("kitty reverses" in line for line in screen) == 1
    finally:
        tmux.close()
