"""Run the installed ``reader`` in a real terminal (tmux) and read its screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest


def installed_reader() -> Path:
    """The console script installed beside this interpreter (what a user runs)."""
    script = Path(sys.executable).parent / "reader"
    if not script.exists():
        raise AssertionError(f"reader is not installed beside {sys.executable}; "
                             "run the README's set-up command first")
    return script


class TmuxSession:
    """A detached tmux server of our own, so nothing else on the machine is touched."""

    def __init__(self, command: list[str], width: int = 100, height: int = 30,
                 env: dict[str, str] | None = None) -> None:
        if shutil.which("tmux") is None:
            # Where tmux is absent the test cannot run (not: it fails): say so, and skip.
            pytest.skip("tmux is not installed: this test runs the reader in a real terminal")
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"
        self.name = "reader"
        environment = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
        env_args = [arg for key, value in environment.items() for arg in ("-e", f"{key}={value}")]
        shell_command = " ".join(_quote(part) for part in command)
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   *env_args, shell_command)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            capture_output=True, text=True, timeout=20,
            env={**_without_fixed_size(os.environ), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
        )
        if result.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> list[str]:
        """The lines on screen; none once the program (and so the session) has ended."""
        try:
            return self._tmux("capture-pane", "-p", "-t", self.name).split("\n")
        except AssertionError as error:
            if "no server running" in str(error) or "can't find" in str(error):
                return []
            raise

    def display(self, format_string: str) -> str:
        """A tmux format about the pane, e.g. ``#{alternate_on}`` (1 in the alternate screen)."""
        return self._tmux("display-message", "-p", "-t", self.name, format_string).strip()

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, predicate, timeout: float = 15.0) -> list[str]:
        """Poll the screen until ``predicate(lines)`` holds; fail with the last screen."""
        deadline = time.monotonic() + timeout
        lines = self.screen()
        while time.monotonic() < deadline:
            lines = self.screen()
            if predicate(lines):
                return lines
            time.sleep(0.2)
        raise AssertionError("screen never matched:\n" + "\n".join(lines))

    def settle(self, pause: float = 0.4, timeout: float = 10.0) -> list[str]:
        """Wait until the screen stops changing: the same in two captures ``pause`` s apart
        (the condition, bounded by ``timeout``), for a screen whose last frame cannot be
        named (the scroll bar's arrival that narrows the text; a warning that must not
        come). Where the awaited screen can be named, :meth:`wait_for` it instead."""
        deadline = time.monotonic() + timeout
        previous = self.screen()
        while time.monotonic() < deadline:
            time.sleep(pause)
            current = self.screen()
            if current == previous:
                return current
            previous = current
        return previous

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=20)


def _without_fixed_size(environment) -> dict[str, str]:
    """The environment less ``COLUMNS`` and ``LINES``: the tmux server hands its environment to
    the program, and Python's ``shutil.get_terminal_size`` (so Textual) believes them before
    the pane. pytest-xdist sets them (80x24) in its workers, which made the app lay itself out
    at 80 columns in a 100-column pane."""
    return {key: value for key, value in environment.items() if key not in ("COLUMNS", "LINES")}


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)
