"""Fixtures shared by the test files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tmux_session import TmuxSession, installed_reader


@pytest.fixture
def session(tmp_path: Path) -> Iterator[TmuxSession]:
    """The installed reader on the bundled article, in tmux at 100x30, with its own state."""
    tmux = TmuxSession([str(installed_reader())], 100, 30,
                       env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        yield tmux
    finally:
        tmux.close()
