"""Fixtures shared by the test files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import i18n
from tests.tmux_session import TmuxSession, installed_reader

# What the tests see must not depend on the terminal they are started from: Textual takes its
# colour system from TERM and COLORTERM (TERM=xterm means 16 colours, and the reader then uses
# the terminal's own palette), and NO_COLOR turns colour off. Tests of those modes set them
# themselves.
os.environ.update(TERM="xterm-256color", COLORTERM="truecolor")
for _name in ("NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "FORCE_COLOR"):
    os.environ.pop(_name, None)
# Nor on the desktop they are started from: with no display, the system clipboard is out of
# reach (copies go to the terminal only), and no test writes to the developer's clipboard.
# Tests of the clipboard set up a display and fake clipboard commands of their own.
for _name in ("DISPLAY", "WAYLAND_DISPLAY"):
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


@pytest.fixture(autouse=True, scope="session")
def _english_by_default() -> Iterator[None]:
    """Tests read the interface in English whatever the machine's locale (LANGUAGE comes
    first for gettext); a test that wants another language asks for it."""
    saved = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = "en"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switched the interface's language leaves it in English."""
    yield
    if i18n.language().code != i18n.SOURCE_LANGUAGE:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
