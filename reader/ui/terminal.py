"""Which terminal we run in, what it does to right-to-left text, and what it is given
(docs/DESIGN.md §4).

reader lays out bidi text itself and needs its cells shown as placed. Terminals differ
(measured under Xvfb with ``scripts/terminal_shots.py``; README, "Terminals"):

- xterm, VTE (GNOME Terminal, xfce4-terminal...), mintty, foot...: switched to the
  terminal-WG recommendation's *explicit* mode (``CSI 8 l``, ``CSI 1 SP k``, mintty's
  ``CSI ? 77096 h``); terminals without bidi ignore the sequences.
- mlterm: its own complex-text layout is switched off with ``OSC 5379 ; use_ctl=false``
  and back on with ``use_ctl=true``.
- Konsole (bidi rendering on, its default): no known switch. It runs each screen row
  through Qt's bidi algorithm, with the paragraph direction taken from the row's first
  strong character. A left-to-right mark before every cluster makes every right-to-left
  run one cluster long, so nothing moves (:class:`~reader.ui.cell_filters.KonsoleMarks`).
- kitty (default config): it shapes each space-separated word with HarfBuzz, which lays a
  word with Arabic letters out right to left, reversing it. Such words are sent reversed,
  with joiners that keep harakat on their letters
  (:class:`~reader.ui.cell_filters.KittyWords`), unless ``force_ltr`` is set in kitty.conf.

Every mode switch made on start is undone on every exit path (see :mod:`reader.ui.launch`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reader.i18n import _

# BDSM reset (explicit mode), SCP LTR presentation, mintty's own bidi off.
ENTER_EXPLICIT = "\x1b[8l\x1b[1 k\x1b[?77096h"
# mintty's bidi back on, SCP default, BDSM set (implicit mode, the usual default).
LEAVE_EXPLICIT = "\x1b[?77096l\x1b[0 k\x1b[8h"
# mlterm's complex-text layout (its bidi and shaping) off / on again.
ENTER_MLTERM = "\x1b]5379;use_ctl=false\x07"
LEAVE_MLTERM = "\x1b]5379;use_ctl=true\x07"

# What ``--bidi`` accepts. "auto" picks one of the others from the environment.
MODES = ("auto", "explicit", "kitty", "konsole")


@dataclass(frozen=True)
class TerminalPlan:
    """What the reader does for one terminal.

    ``mode`` is how cells are sent: ``explicit`` (as placed), ``kitty`` (words with Arabic
    letters reversed) or ``konsole`` (a left-to-right mark before each cluster).
    ``enter``/``leave`` are written on start and on every exit path."""

    terminal: str
    mode: str
    enter: str
    leave: str
    warning: str | None = None


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


def plan_for(requested: str = "auto", env: Mapping[str, str] | None = None) -> TerminalPlan:
    """The plan for ``--bidi requested`` in this environment."""
    env = os.environ if env is None else env
    terminal = detect_terminal(env)
    mode = requested
    if requested == "auto":
        mode = {"kitty": "explicit" if kitty_forces_ltr(env) else "kitty",
                "konsole": "konsole"}.get(terminal, "explicit")
    if terminal == "mlterm":
        # Whatever the mode, mlterm must show cells as placed.
        return TerminalPlan(terminal, mode, ENTER_EXPLICIT + ENTER_MLTERM,
                            LEAVE_MLTERM + LEAVE_EXPLICIT)
    warning = None
    if mode == "explicit" and terminal == "kitty" and not kitty_forces_ltr(env):
        warning = _("kitty reverses right-to-left words by itself: run reader without "
                    "--bidi explicit, or set 'force_ltr yes' in kitty.conf.")
    return TerminalPlan(terminal, mode, ENTER_EXPLICIT, LEAVE_EXPLICIT, warning)
