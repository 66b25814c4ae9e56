"""Terminals that reorder text by themselves, and how to stop them (docs/DESIGN.md §4).

reader lays out bidi text itself, so the terminal must show cells exactly as placed
("explicit" mode of the terminal-WG BiDi recommendation). On start we switch it there and on
every exit path we switch it back. Terminals that cannot be switched are detected from their
environment so the reader can say so once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# BDSM reset (explicit mode), SCP LTR presentation, mintty's own bidi off.
ENTER_EXPLICIT = "\x1b[8l\x1b[1 k\x1b[?77096h"
# mintty's bidi back on, SCP default, BDSM set (implicit mode, the usual default).
LEAVE_EXPLICIT = "\x1b[?77096l\x1b[0 k\x1b[8h"


def reordering_terminal(env: Mapping[str, str] | None = None) -> str | None:
    """A warning for terminals known to reorder RTL text that no escape can switch off."""
    env = os.environ if env is None else env
    term = env.get("TERM", "")
    if "KONSOLE_VERSION" in env:
        return ("Konsole reorders right-to-left text itself: turn off 'Bi-Directional text "
                "rendering' in the profile, or run reader with --bidi terminal.")
    if "MLTERM" in env or term.startswith("mlterm"):
        return ("mlterm reorders right-to-left text itself: turn its bidi off, or run reader "
                "with --bidi terminal.")
    if "KITTY_WINDOW_ID" in env or term == "xterm-kitty":
        return ("kitty reverses right-to-left words: set 'force_ltr yes' in kitty.conf, or run "
                "reader with --bidi terminal.")
    return None
