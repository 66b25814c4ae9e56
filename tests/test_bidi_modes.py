"""--bidi explicit (the default), --bidi terminal gone, and terminals that reorder by themselves."""

from __future__ import annotations

from pathlib import Path

from reader.state.positions import PositionStore
from reader.ui.app import create_app
from tests.pty_session import PtySession, pty_environment
from tests.tmux_session import TmuxSession, installed_reader


async def test_explicit_mode_reorders_and_shapes(tmp_path: Path) -> None:
    app = create_app(positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        _paragraph, line = app.article.flow.line_at(0)
        assert line is not None
        assert line.text.endswith("\ufe87")  # the first letter, shaped, at the right end


def test_terminal_mode_is_gone_from_the_command_line(tmp_path: Path) -> None:
    """--bidi terminal handed logical rows to the terminal, which mixed the panel and the
    article and put clauses in the wrong order: every terminal now gets its own mode."""
    session = PtySession([str(installed_reader()), "--bidi", "terminal"],
                         pty_environment(tmp_path))
    output = session.finish().decode("utf-8", "replace")
    assert "invalid choice: 'terminal'" in output and "auto" in output
    assert "Traceback" not in output


def test_kitty_is_warned_about_only_when_forced_to_explicit(tmp_path: Path) -> None:
    env = {"KITTY_WINDOW_ID": "1", "HOME": str(tmp_path),
           "READER_STATE_DIR": str(tmp_path / "state")}
    tmux = TmuxSession([str(installed_reader()), "--bidi", "explicit"], 100, 30, env=env)
    try:
        screen = tmux.wait_for(lambda lines: any("force_ltr" in line for line in lines))
        assert sum("kitty reverses" in line for line in screen) == 1
    finally:
        tmux.close()
    tmux = TmuxSession([str(installed_reader())], 100, 30, env=env)
    try:
        # kitty mode: words sent reversed (kitty reverses them back), here إيلون
        tmux.wait_for(lambda lines: any("\ufe87\ufef3\ufee0\ufeee\ufee5" in line
                                        for line in lines))
        screen = tmux.settle()
        assert not any("kitty" in line for line in screen)
    finally:
        tmux.close()
