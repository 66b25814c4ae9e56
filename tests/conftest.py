"""Fixtures shared by the test files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import textual._wait

from tests.tmux_session import TmuxSession, installed_reader

# Textual's pilot waits for the app to go idle after every key, click and pause: it sleeps in
# slices of ``SLEEP_GRANULARITY`` (1/50 s) until a slice passes with almost no CPU used
# (``SLEEP_IDLE``, a twentieth of it). Every key so cost at least three 20 ms slices, most of
# an app test's wall time. 5 ms slices keep the same test (under 5 % CPU for a whole slice)
# at a quarter of the floor; what a test asserts is still waited for by
# ``_wait_for_screen`` (every message handled) or by ``tests.waiting.wait_until``.
# The names are Textual's (8.2, textual/_wait.py); the assert makes a rename fail loudly.
assert textual._wait.SLEEP_GRANULARITY == 1 / 50, "textual._wait changed: review conftest.py"
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20.0


@pytest.fixture
def session(tmp_path: Path) -> Iterator[TmuxSession]:
    """The installed reader on the bundled article, in tmux at 100x30, with its own state."""
    tmux = TmuxSession([str(installed_reader())], 100, 30,
                       env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        yield tmux
    finally:
        tmux.close()
