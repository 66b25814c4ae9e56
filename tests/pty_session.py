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

    def read(self, seconds: float) -> bytes:
        """Collect output for ``seconds`` (or until the program ends)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.output.extend(chunk)
            elif self.exited():
                break
        return bytes(self.output)

    def wait_for(self, needle: bytes, timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.output:
                return True
            self.read(0.1)
        return needle in self.output

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
        """Read until the program ends; kill it if it does not."""
        deadline = time.monotonic() + timeout
        while not self.exited() and time.monotonic() < deadline:
            self.read(0.1)
        self.read(0.2)
        if not self.exited():
            self.signal(signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
        return bytes(self.output)
