"""16 colours on the terminal's own background, light or dark (issue 12, point 5): the
terminal is asked, and the reader's colours are ones its palette shows legibly there."""

from __future__ import annotations

import os
import pty
import re
import threading
import time
from pathlib import Path

import pytest

from reader.terminal.background import ask_terminal, from_colorfgbg, is_light, parse_reply
from reader.ui.themes import variable_defaults
from tests.pty_session import PtySession, pty_environment
from tests.tmux_session import installed_reader

# xterm's default palette (its resources' defaults), by ANSI name.
XTERM = {
    "black": (0, 0, 0), "red": (205, 0, 0), "green": (0, 205, 0), "yellow": (205, 205, 0),
    "blue": (0, 0, 238), "magenta": (205, 0, 205), "cyan": (0, 205, 205),
    "white": (229, 229, 229), "bright_black": (127, 127, 127), "bright_red": (255, 0, 0),
    "bright_green": (0, 255, 0), "bright_yellow": (255, 255, 0),
    "bright_blue": (92, 92, 255), "bright_magenta": (255, 0, 255),
    "bright_cyan": (0, 255, 255), "bright_white": (255, 255, 255),
}


def _contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    def luminance(rgb: tuple[int, int, int]) -> float:
        def linear(value: float) -> float:
            value /= 255
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
        red, green, blue = (linear(v) for v in rgb)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("reply", "rgb"), [
    (b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?64;1c", (1.0, 1.0, 1.0)),
    (b"\x1b]11;rgb:00/00/00\x1b\\", (0.0, 0.0, 0.0)),
    (b"\x1b]11;rgb:1e1e/1e1e/2e2e\x07", (0x1e1e / 0xffff, 0x1e1e / 0xffff, 0x2e2e / 0xffff)),
    (b"\x1b[?62;c", None),  # DA1 only: the terminal does not know OSC 11
])
def test_the_background_is_read_from_the_answer(reply: bytes, rgb: object) -> None:
    assert parse_reply(reply) == rgb


def test_light_and_dark() -> None:
    assert is_light((1.0, 1.0, 1.0)) and is_light((0.99, 0.96, 0.89))  # white, Solarized
    assert not is_light((0.0, 0.0, 0.0)) and not is_light((0.0, 0.17, 0.21))
    assert from_colorfgbg({"COLORFGBG": "0;15"}) is True
    assert from_colorfgbg({"COLORFGBG": "15;default;0"}) is False
    assert from_colorfgbg({}) is None


@pytest.mark.parametrize("answers_osc11", [True, False])
def test_the_terminal_is_asked_and_not_waited_for(answers_osc11: bool) -> None:
    """A terminal that does not know OSC 11 answers DA1 at once: no timeout is waited."""
    controller, tty = pty.openpty()

    def terminal() -> None:
        asked = b""
        while b"\x1b[c" not in asked:
            asked += os.read(controller, 64)
        reply = b"\x1b]11;rgb:ffff/ffff/ffff\x07" if answers_osc11 else b""
        os.write(controller, reply + b"\x1b[?62;22c")

    thread = threading.Thread(target=terminal, daemon=True)
    thread.start()
    started = time.monotonic()
    answer = ask_terminal(tty, timeout=5.0)
    elapsed = time.monotonic() - started
    os.close(tty)
    os.close(controller)
    assert elapsed < 4.0  # the DA1 answer ended the wait, not the 5 s bound
    assert (parse_reply(answer) == (1.0, 1.0, 1.0)) is answers_osc11


@pytest.mark.parametrize(("light", "background"), [(False, "black"), (True, "bright_white")])
def test_every_reader_colour_reads_on_its_background(light: bool, background: str) -> None:
    """In xterm's palette, on its default white or on black: speakers, links and code at
    least 4:1, and the speakers all different."""
    variables = variable_defaults(ansi=True, light=light)
    speakers = [variables[f"speaker-{index}"] for index in range(6)]
    assert len(set(speakers)) == 6
    for name in (*speakers, variables["link-foreground"]):
        colour = XTERM[name.removeprefix("ansi_")]
        assert _contrast(colour, XTERM[background]) >= 3.95, name  # 4:1, rounded
    code = variables["code-foreground"].removeprefix("ansi_")
    code_background = variables["code-background"].removeprefix("ansi_")
    on = XTERM[background] if code_background == "default" else XTERM[code_background]
    assert _contrast(XTERM[code], on) >= 4.5


def _sgr_codes(output: bytes) -> set[int]:
    """Every SGR parameter in ``output`` (31: red, 7: reverse video...)."""
    return {int(code) for sgr in re.findall(rb"\x1b\[([0-9;]*)m", output)
            for code in sgr.split(b";") if code}


def test_a_light_terminal_gets_colours_for_white(tmp_path: Path) -> None:
    """xterm with TERM=xterm on its default white: the reader asks, and draws the claims in
    colours that read on white (red, blue, magenta), not yellow or bright green."""
    session = PtySession([str(installed_reader())], pty_environment(tmp_path, TERM="xterm"))
    assert session.wait_for(b"\x1b]11;?")
    session.send(b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?64;1c")
    assert session.wait_for("ﻥﻮﻠﻳﺇ".encode())
    # red, blue, magenta speakers
    assert session.wait_until(lambda output: {31, 34, 35} <= _sgr_codes(output))
    session.send(b"q")
    codes = _sgr_codes(session.finish())
    assert not codes & {33, 92, 96}  # yellow, bright green, bright cyan: 1.2-1.7:1 on white
