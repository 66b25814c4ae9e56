"""Whether the terminal's own background is light or dark (for 16 colours only).

With 16 colours the reader draws on the terminal's own background
(reader/ui/terminal_output/colours.py), and which of its colours can be read depends on it: xterm's
yellow is 12:1 on black and
1.7:1 on its default white. The terminal is asked (``OSC 11 ; ?``, answered by xterm, VTE,
kitty, Konsole, mlterm, foot, tmux...), with a Device Attributes request behind it that
every terminal answers, so that one which does not know OSC 11 costs no wait: its DA1
answer comes first. ``COLORFGBG`` (rxvt, Konsole) is the fallback; unknown means dark,
like the Linux console.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import termios
import time
from collections.abc import Mapping

QUERY = b"\x1b]11;?\x07\x1b[c"
_BACKGROUND = re.compile(
    rb"\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})")
_DEVICE_ATTRIBUTES = re.compile(rb"\x1b\[\?[0-9;]*c")


def parse_reply(data: bytes) -> tuple[float, float, float] | None:
    """The background in an OSC 11 reply, each channel from 0 to 1 (``rgb:RRRR/GGGG/BBBB``
    with one to four hex digits a channel); None if ``data`` holds none."""
    match = _BACKGROUND.search(data)
    if match is None:
        return None
    return tuple(int(part, 16) / (16 ** len(part) - 1)
                 for part in match.groups())


def is_light(rgb: tuple[float, float, float]) -> bool:
    """True for a background whose relative luminance (WCAG) is over that of mid grey: black
    text reads better on it than white."""
    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.18


def from_colorfgbg(env: Mapping[str, str]) -> bool | None:
    """``COLORFGBG="15;0"`` (foreground;background, as palette indexes): True if the
    background is light (white, 7 or 15), False if another colour, None if not set."""
    value = env.get("COLORFGBG", "")
    background = value.rsplit(";", 1)[-1].strip()
    if not background.isdigit():
        return None
    return int(background) in (7, 15)


def ask_terminal(fd: int, timeout: float = 0.5) -> bytes:
    """Ask the terminal on ``fd`` (a tty, read and written) for its background; what it
    answered, up to its DA1 answer or ``timeout`` seconds. The tty's settings are restored."""
    saved = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~(termios.ICANON | termios.ECHO)  # answers are not echoed or line-buffered
    quiet[6][termios.VMIN] = 0
    quiet[6][termios.VTIME] = 0
    answer = b""
    try:
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        os.write(fd, QUERY)
        deadline = time.monotonic() + timeout
        while not _DEVICE_ATTRIBUTES.search(answer):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                break
            chunk = os.read(fd, 1024)
            if not chunk:
                break
            answer += chunk
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)
    return answer


def terminal_is_light(env: Mapping[str, str] | None = None, timeout: float = 0.5) -> bool:
    """True if the terminal's background is light: its OSC 11 answer, else ``COLORFGBG``,
    else False (dark)."""
    env = os.environ if env is None else env
    rgb = None
    with contextlib.suppress(OSError, termios.error):
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        try:
            rgb = parse_reply(ask_terminal(fd, timeout))
        finally:
            os.close(fd)
    if rgb is not None:
        return is_light(rgb)
    return bool(from_colorfgbg(env))
