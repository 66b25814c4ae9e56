"""Run the installed ``reader`` on a pseudo-terminal and keep every byte it writes.

tmux shows what a terminal *displays*; this shows what the program *sends*, which is what
matters for escape sequences smuggled in content.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable
from pathlib import Path


def pty_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A small, fixed environment for the reader on a pty: UTF-8, a 256-colour xterm, its
    home and state under ``tmp_path``; ``extra`` adds or replaces variables."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "READER_STATE_DIR": str(tmp_path / "state"),
    }
    env.update(extra)
    return env


class PtySession:
    def __init__(self, argv: list[str], env: dict[str, str], width: int = 100,
                 height: int = 30) -> None:
        self.output = bytearray()
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.status: int | None = None

    def _pump(self, timeout: float) -> bool:
        """Take what the program wrote within ``timeout`` s (at most one read); False once
        the pty has nothing more to give (every writer closed it, or it was closed)."""
        try:
            ready, _, _ = select.select([self.fd], [], [], timeout)
        except (OSError, ValueError):
            return False
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program and all it started have closed the terminal
            return False
        self.output.extend(chunk)
        return bool(chunk)

    def wait_until(self, condition: Callable[[bytes], object], timeout: float = 15.0) -> bool:
        """Read until ``condition(output)`` holds (True), or ``timeout`` s pass or the
        program's output ends without it (False). Never a fixed wait."""
        deadline = time.monotonic() + timeout
        while not condition(bytes(self.output)):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._pump(min(remaining, 0.05)):
                return bool(condition(bytes(self.output)))  # the time is up, or the output
        return True

    def wait_for(self, needle: bytes, timeout: float = 15.0) -> bool:
        """Read until ``needle`` has been written."""
        return self.wait_until(lambda output: needle in output, timeout)

    def wait_for_more(self, timeout: float = 15.0) -> bool:
        """Read until the program writes something after what it has written so far (its
        answer to what was just sent: a key, a mouse report)."""
        seen = len(self.output)
        return self.wait_until(lambda output: len(output) > seen, timeout)

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def quit(self, how: str) -> None:
        """End the reader as a person does: "q", "ctrl+c", or "SIGTERM" (a ``kill``)."""
        if how == "q":
            self.send(b"q")
        elif how == "ctrl+c":
            self.send(b"\x03")
        else:
            self.signal(signal.SIGTERM)

    def exited(self) -> bool:
        if self.status is not None:
            return True
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.status = status
            return True
        return False

    def finish(self, timeout: float = 10.0) -> bytes:
        """Read until the program ends and its output is all taken; kill it if it does not
        end within ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while not self.exited() and time.monotonic() < deadline:
            self._pump(0.05)
        if not self.exited():
            self.signal(signal.SIGKILL)
            os.waitpid(self.pid, 0)
        # What it wrote before it ended, up to the end of the pty's output (bounded).
        while time.monotonic() < deadline + 2 and self._pump(0.05):
            pass
        os.close(self.fd)
        return bytes(self.output)
