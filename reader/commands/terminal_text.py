"""The command line's own messages (errors, usage, ``--help``, warnings, summaries), laid out
by the core when they go to a terminal, as the app lays out its chrome.

A terminal without bidi of its own (xterm) shows a string in the order it was written, so a
translated message written as it is comes out letter-reversed and unjoined. Every message the
command line writes passes through :func:`write_message`:

- to a pipe or a file, or in a left-to-right interface: the text as it is (logical order),
  without the isolates its values were put in (:func:`reader.text.chrome.fill`): files hold
  logical text, and tests and scripts read them;
- to a terminal, in a right-to-left interface: each line laid out by the core (shaping,
  UAX #9 levels in the interface's direction, values isolated, reordering), wrapped at the
  terminal's width (the terminal's own wrapping would cut visual lines wrongly) and
  right-aligned, then given to the terminal the way the app gives it cells
  (:func:`for_terminal`).

Content (``reader render`` lines, ``reader search`` hits) does not pass here.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from reader.i18n import _, is_rtl
from reader.text.chrome import FSI, LRI, PDI, RLI
from reader.text.safe import _TABLE as _VISIBLE

_ISOLATES = str.maketrans("", "", FSI + LRI + RLI + PDI)
_VISIBLE_KEEPING_ISOLATES = {code: shown for code, shown in _VISIBLE.items()
                             if chr(code) not in (FSI, LRI, RLI, PDI)}


def plain(text: str) -> str:
    """``text`` for a pipe or a file: logical order, the isolates of its values taken out."""
    return text.translate(_ISOLATES)


def visible_message(text: str, keep_newlines: bool = True) -> str:
    """:func:`~reader.text.safe.visible` for a whole message whose values were isolated (and
    made visible) by :func:`~reader.text.chrome.fill`: those isolates are kept."""
    safe = text.translate(_VISIBLE_KEEPING_ISOLATES)
    if not keep_newlines:
        safe = safe.replace("\n", "\u2424").replace("\t", " ")
    return safe


def write_message(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` (a message in logical order; newlines start lines) and a newline."""
    stream = sys.stdout if stream is None else stream
    if not is_rtl() or not _is_terminal(stream):
        stream.write(plain(text) + "\n")
        return
    from reader.terminals import detect_terminal

    stream.write(for_terminal(text, detect_terminal(), _width(stream)))
    stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _width(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def for_terminal(text: str, terminal: str, width: int, direction: str = "rtl") -> str:
    """The bytes (as text) that show ``text`` as laid out by the core, in ``direction``,
    wrapped and aligned at ``width`` cells, in ``terminal`` (a name from
    :func:`reader.terminals.detect_terminal`); it ends with a newline.

    - xterm and the rest, VTE: lines in visual order, between the explicit-mode sequences
      the app sends (VTE then shows them as placed; the rest ignore them);
    - Konsole: a LEFT-TO-RIGHT MARK before each cluster (its bidi then moves nothing);
    - kitty: words that start right to left reversed (kitty reverses them back);
    - mlterm: its bidi switch is screen-wide, so it gets each line (broken by the core) in
      logical order after a RIGHT-TO-LEFT MARK, and lays it out itself.
    """
    from reader.terminals import (
        ENTER_EXPLICIT,
        LEAVE_EXPLICIT,
        RLM,
        kitty_words,
        konsole_marks,
    )
    from reader.text.layout import layout_paragraph

    width = max(1, width)
    rows: list[str] = []
    for paragraph in text.split("\n"):
        layout = layout_paragraph(paragraph, width, direction)
        for line in layout.lines:
            if terminal == "mlterm":
                logical = plain(paragraph[line.start:line.end]).rstrip(" ")
                rows.append(RLM + logical if line.rtl and logical else logical)
                continue
            shown = (" " * (width - line.cells) + line.text) if line.rtl and line.text \
                else line.text.rstrip(" ")
            if terminal == "konsole":
                shown = konsole_marks(shown)
            elif terminal == "kitty":
                shown = kitty_words(shown)
            rows.append(shown)
    body = "".join(row + "\n" for row in rows)
    if terminal in ("vte", "other"):
        # The explicit mode is left after the last newline: VTE applies a change of mode
        # to the paragraph the cursor is in.
        return ENTER_EXPLICIT + body + LEAVE_EXPLICIT
    return body


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with the option strings and the usage line isolated left to right in
    a right-to-left interface (``[--lang CODE]`` must not have its brackets and dashes taken
    into the Arabic around it). Isolates take no cell, and a pipe gets them taken out: the
    columns stay where argparse put them."""

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        if not is_rtl():
            return text
        invocation = self._format_action_invocation(action)
        return text.replace(invocation, LRI + invocation + PDI, 1) if invocation else text

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # type: ignore[no-untyped-def]
        text = super()._format_usage(usage, actions, groups, prefix)
        prefix = _("usage: ") if prefix is None else prefix
        if not is_rtl() or not text.startswith(prefix):
            return text
        lines = text[len(prefix):].split("\n")
        for index, line in enumerate(lines):
            body = line.lstrip(" ")
            if body:
                lines[index] = line[:len(line) - len(body)] + LRI + body.rstrip(" ") + PDI
        return prefix + "\n".join(lines)
