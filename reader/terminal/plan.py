"""Which terminal we run in, what it does to right-to-left text, and what it is given
(docs/DESIGN.md §4).

reader lays out bidi text itself and needs its cells shown as placed. Terminals differ
(measured under Xvfb with ``scripts/terminal_shots.py``; docs/terminals.md):

- xterm, VTE (GNOME Terminal, xfce4-terminal...), mintty, foot...: switched to the
  terminal-WG recommendation's *explicit* mode (``CSI 8 l``, ``CSI 1 SP k``, mintty's
  ``CSI ? 77096 h``); terminals without bidi ignore the sequences.
- mlterm: its own complex-text layout is switched off with ``OSC 5379 ; use_ctl=false``
  and back on with ``use_ctl=true``.
- Konsole (bidi rendering on, its default): no known switch. It runs each screen row
  through Qt's bidi algorithm, with the paragraph direction taken from the row's first
  strong character. A left-to-right mark before every cluster makes every right-to-left
  run one cluster long, so nothing moves
  (:class:`~reader.ui.terminal_output.cell_filters.KonsoleMarks`).
- kitty (default config): it shapes each space-separated word with HarfBuzz, which lays a
  word with Arabic letters out right to left, reversing it. Such words are sent reversed,
  with joiners that keep harakat on their letters
  (:mod:`reader.ui.terminal_output.kitty_output`), unless ``force_ltr`` is set in kitty.conf.

``--screen-reader`` (:func:`plan_for` with ``screen_reader``) is the ``logical`` mode: the
reader writes each row's source text in logical order, unshaped, and leaves bidi to the
terminal (VTE, mlterm, Konsole) or to no one (a console read by a screen reader or a braille
display). The terminal's bidi stays on (implicit mode) and each row's direction is detected
from its first strong letter (DECSET 2501, VTE's): without that VTE lays every row out left
to right, a right-to-left line's end punctuation and its Latin words in the wrong places
(measured by OCR: ``scripts/ocr_check.py``, docs/accessibility.md).

Every mode switch made on start is undone on every exit path (see :mod:`reader.ui.launch`).
Textual-free, like the rest of :mod:`reader.terminal`: the command line's ``--bidi`` takes
its :data:`MODES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.i18n import _
from reader.terminal.detect import (
    ENTER_AUTODETECT,
    ENTER_EXPLICIT,
    ENTER_MLTERM,
    LEAVE_AUTODETECT,
    LEAVE_EXPLICIT,
    LEAVE_MLTERM,
    cells_mode,
    detect_terminal,
    kitty_forces_ltr,
)

# What ``--bidi`` accepts. "auto" picks one of the others from the environment.
MODES = ("auto", "explicit", "kitty", "konsole")


@dataclass(frozen=True)
class TerminalPlan:
    """What the reader does for one terminal.

    ``mode`` is how cells are sent: ``explicit`` (as placed), ``kitty`` (words with Arabic
    letters reversed), ``konsole`` (a left-to-right mark before each cluster) or
    ``logical`` (each row's source text, for the terminal's own bidi or a screen reader).
    ``enter``/``leave`` are written on start and on every exit path."""

    terminal: str
    mode: str
    enter: str
    leave: str
    warning: str | None = None


LOGICAL = "logical"


def plan_for(requested: str = "auto", env: Mapping[str, str] | None = None,
             *, screen_reader: bool = False) -> TerminalPlan:
    """The plan for ``--bidi requested`` in this environment; ``screen_reader``: logical rows,
    whatever ``requested`` says, the terminal's bidi left on and told to find each row's
    direction."""
    terminal = detect_terminal(env)
    if screen_reader:
        return TerminalPlan(terminal, LOGICAL, ENTER_AUTODETECT, LEAVE_AUTODETECT)
    mode = requested
    if requested == "auto":
        mode = cells_mode(env)
    if terminal == "mlterm":
        # Whatever the mode, mlterm must show cells as placed.
        return TerminalPlan(terminal, mode, ENTER_EXPLICIT + ENTER_MLTERM,
                            LEAVE_MLTERM + LEAVE_EXPLICIT)
    warning = None
    if mode == "explicit" and terminal == "kitty" and not kitty_forces_ltr(env):
        warning = _("kitty reverses right-to-left words by itself: run reader without "
                    "--bidi explicit, or set 'force_ltr yes' in kitty.conf.")
    return TerminalPlan(terminal, mode, ENTER_EXPLICIT, LEAVE_EXPLICIT, warning)
