"""Which terminal emulator we run in, how it is given visual lines, and the sequences that
switch its bidi (docs/DESIGN.md §4; docs/terminals.md). Textual-free: the app
(:mod:`reader.terminal.plan`) and the command line (:mod:`reader.terminal.messages`) both
use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

# BDSM reset (explicit mode), SCP LTR presentation, mintty's own bidi off.
ENTER_EXPLICIT = "\x1b[8l\x1b[1 k\x1b[?77096h"
# mintty's bidi back on, SCP default, BDSM set (implicit mode, the usual default).
LEAVE_EXPLICIT = "\x1b[?77096l\x1b[0 k\x1b[8h"
# mlterm's complex-text layout (its bidi and shaping) off / on again.
ENTER_MLTERM = "\x1b]5379;use_ctl=false\x07"
LEAVE_MLTERM = "\x1b]5379;use_ctl=true\x07"
# --screen-reader: the terminal-WG recommendation's implicit mode (BDSM, the usual default)
# with each paragraph's direction detected from its first strong letter (DECSET 2501, VTE);
# without it VTE lays every row out left to right. Terminals without bidi ignore both.
ENTER_AUTODETECT = "\x1b[8h\x1b[?2501h"
LEAVE_AUTODETECT = "\x1b[?2501l"


def detect_terminal(env: Mapping[str, str] | None = None) -> str:
    """The terminal emulator named by the environment: "kitty", "mlterm", "konsole", "vte",
    or "other" (xterm and the rest). The most specific variables win: a terminal started
    from another inherits that one's variables, but not its TERM."""
    env = os.environ if env is None else env
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "").lower()
    if term == "xterm-kitty" or program == "kitty":
        return "kitty"
    if term.startswith("mlterm") or program == "mlterm":
        return "mlterm"
    if program == "konsole":
        return "konsole"
    if "KITTY_WINDOW_ID" in env:
        return "kitty"
    if "MLTERM" in env:
        return "mlterm"
    if "KONSOLE_VERSION" in env:
        return "konsole"
    if "VTE_VERSION" in env:
        return "vte"
    return "other"


_FORCE_LTR = re.compile(r"^\s*force_ltr\s+(\S+)", re.MULTILINE)


def kitty_forces_ltr(env: Mapping[str, str] | None = None) -> bool:
    """True if kitty.conf sets ``force_ltr yes``: kitty then shows cells as placed."""
    env = os.environ if env is None else env
    base = env.get("KITTY_CONFIG_DIRECTORY") or os.path.join(
        env.get("XDG_CONFIG_HOME") or os.path.join(env.get("HOME", ""), ".config"), "kitty")
    try:
        text = (Path(base) / "kitty.conf").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    values = _FORCE_LTR.findall(text)
    return bool(values) and values[-1].lower() in ("yes", "y", "true")


def cells_mode(env: Mapping[str, str] | None = None) -> str:
    """How visual lines are given to this terminal (the app's ``--bidi auto``): "kitty"
    (kitty without ``force_ltr``), "konsole", else "explicit" (cells as placed, in the
    explicit mode; mlterm gets them so once its complex-text layout is off)."""
    env = os.environ if env is None else env
    terminal = detect_terminal(env)
    if terminal == "kitty":
        return "explicit" if kitty_forces_ltr(env) else "kitty"
    return "konsole" if terminal == "konsole" else "explicit"


def output_mode(env: Mapping[str, str] | None = None) -> str:
    """How the command line's output (messages, ``render`` and ``search`` lines) is given to
    this terminal: as :func:`cells_mode`, except "mlterm": its complex-text layout can only
    be switched for the whole screen, so it gets logical lines and lays them out itself."""
    env = os.environ if env is None else env
    return "mlterm" if detect_terminal(env) == "mlterm" else cells_mode(env)

