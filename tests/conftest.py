"""Fixtures shared by the test files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tmux_session import TmuxSession, installed_reader

# What the tests see must not depend on the terminal they are started from: Textual takes its
# colour system from TERM and COLORTERM (TERM=xterm means 16 colours, and the reader then uses
# the terminal's own palette), and NO_COLOR turns colour off. Tests of those modes set them
# themselves.
os.environ.update(TERM="xterm-256color", COLORTERM="truecolor")
for _name in ("NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "FORCE_COLOR"):
    os.environ.pop(_name, None)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[TmuxSession]:
    """The installed reader on the bundled article, in tmux at 100x30, with its own state."""
    tmux = TmuxSession([str(installed_reader())], 100, 30,
                       env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        yield tmux
    finally:
        tmux.close()
