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
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from reader.i18n import _, is_rtl
from reader.terminal.detect import ENTER_EXPLICIT, LEAVE_EXPLICIT, output_mode
from reader.terminal.rows import LRM, RLM, Rows
from reader.text.chrome import FSI, LRI, PDI, RLI, isolate
from reader.text.safe import visible

if TYPE_CHECKING:
    from reader.content.annotations.model import Problem

# A line break inside a paragraph: argparse's wrapping of one help text. A pipe gets a
# newline; a terminal gets the paragraph laid out whole (brackets paired, levels of the whole
# text) and wrapped again by the core in the same column.
SOFT_BREAK = "\u2028"
_ISOLATES = str.maketrans({FSI: None, LRI: None, RLI: None, PDI: None, SOFT_BREAK: "\n"})


def plain(text: str) -> str:
    """``text`` for a pipe or a file: logical order, the isolates of its values taken out,
    soft line breaks made newlines."""
    return text.translate(_ISOLATES)


def visible_message(text: str, keep_newlines: bool = True) -> str:
    """:func:`~reader.text.safe.visible` for a whole message whose values were isolated (and
    made visible) by :func:`~reader.text.chrome.fill`: those isolates are kept."""
    return visible(text, keep_newlines, keep_isolates=True)


def problem_line(problem: Problem) -> str:
    """An annotation problem as ``FILE:LINE: [ENTRY] message`` (what ``str(problem)`` gives a
    pipe, the form editors jump from), its place and entry isolated for a terminal: in a
    right-to-left line they stay whole and in order, and do not run into the message."""
    where = str(problem.file) if problem.file else "<annotations>"
    if problem.line is not None:
        where += f":{problem.line}"
    message = visible(problem.message, keep_newlines=False)  # its quotes are not isolated
    return f"{isolate(where)}: [{isolate(problem.entry)}] {message}"


def write_message(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` (a message in logical order; newlines start lines) and a newline."""
    stream = sys.stdout if stream is None else stream
    if not is_rtl() or not is_terminal(stream):
        stream.write(plain(text) + "\n")
        return
    stream.write(for_terminal(text, output_mode(), _width(stream)))
    stream.flush()


def one_row(text: str, stream: TextIO) -> str:
    """``text`` as one row of ``stream``'s terminal, for a note rewritten in place with a
    carriage return: the first row :func:`for_terminal` lays out, one cell short of the
    width so that the terminal never wraps it. In xterm and VTE the explicit mode is
    entered here and left by :func:`row_end`, once the note is cleared (VTE applies a change
    of mode to the row the cursor is on)."""
    mode = output_mode()
    shown = for_terminal(text.replace("\n", " "), mode, max(1, _width(stream) - 1))
    first = shown.removeprefix(ENTER_EXPLICIT).split("\n", 1)[0]
    return ENTER_EXPLICIT + first if mode == "explicit" else first


def row_end() -> str:
    """What ends the rows of :func:`one_row`, after the last is cleared."""
    return LEAVE_EXPLICIT if output_mode() == "explicit" else ""


def is_terminal(stream: object) -> bool:
    """True if ``stream`` is a terminal (a closed or detached one is not)."""
    try:
        # Any object: one without isatty is not a terminal (the AttributeError below).
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def terminal_rows(stream: object) -> Rows | None:
    """On a terminal, what it needs to show visual lines (``render``'s, ``search``'s hits)
    as placed (:class:`reader.terminal.rows.Rows`); in a pipe, None: lines as they are."""
    return Rows(output_mode()) if is_terminal(stream) else None


def _width(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def for_terminal(text: str, mode: str, width: int, direction: str = "rtl") -> str:
    """The bytes (as text) that show ``text`` as laid out by the core, in ``direction``,
    wrapped and aligned at ``width`` cells, in a terminal of ``mode``
    (:func:`reader.terminal.detect.output_mode`; what each gets:
    :class:`reader.terminal.rows.Rows`); it ends with a newline.

    mlterm's bidi switch is screen-wide and it ignores the explicit mode and draws isolates
    as boxes, so it gets each line with right-to-left letters (broken by the core) in
    logical order after a RIGHT-TO-LEFT MARK, its values embedded (:func:`with_marks`), and
    lays it out itself; a line without any (a usage line) as the core placed it.
    """
    width = max(1, width)
    rows = Rows(mode)
    out: list[str] = []
    for paragraph in text.split("\n"):
        if mode == "mlterm":
            for segment in paragraph.split(SOFT_BREAK):
                out.extend(_mlterm_rows(segment, width, direction))
            continue
        for shown, rtl in _visual_rows(paragraph, width, direction):
            out.append(rows.row(shown if rtl else shown.rstrip(" ")))
    return rows.begin() + "".join(row + "\n" for row in out) + rows.end()


def _mlterm_rows(paragraph: str, width: int, direction: str) -> list[str]:
    """``paragraph`` broken into lines by the core for mlterm (:class:`Rows`): a line with
    right-to-left letters in logical order after a mark of its direction (mlterm lays it out,
    right-aligned), its values embedded; a line without any as the core placed it (mlterm's
    bidi leaves it as it is)."""
    from reader.text.layout import layout_paragraph

    rows = Rows("mlterm")
    out = []
    for line in layout_paragraph(paragraph, width, direction).lines:
        shown = _aligned(line.text, line.cells, width, True) if line.rtl \
            else line.text.rstrip(" ")
        logical = with_marks(paragraph[line.start:line.end], line.rtl).rstrip(" ")
        out.append(rows.row(shown, logical, line.rtl))
    return out


LRE, RLE, PDF = "\u202a", "\u202b", "\u202c"
_INNERMOST_ISOLATE = re.compile(f"([{LRI}{RLI}{FSI}])([^{LRI}{RLI}{FSI}{PDI}]*){PDI}")


def with_marks(text: str, rtl: bool) -> str:
    """``text`` with each isolate (a value) replaced by what gives the same order in a bidi
    implementation without isolates (mlterm draws them as boxes, but honours embeddings and
    marks): a value against the line's direction embedded (LRE or RLE ... PDF: inside, its
    own direction, so "nosuch-ملف.txt" keeps its order and "--lang" its dashes), then a mark
    of the line's direction (the punctuation after it is the line's, not the value's); a
    value along it between marks of that direction."""
    from reader.text.chars import first_strong

    line = RLM if rtl else LRM

    def replace(match: re.Match[str]) -> str:
        opener, value = match.groups()
        own = {LRI: "ltr", RLI: "rtl"}.get(opener) or first_strong(value) or \
            ("rtl" if rtl else "ltr")
        if (own == "rtl") == rtl:
            return f"{line}{value}{line}"
        return f"{RLE if own == 'rtl' else LRE}{value}{PDF}{line}"

    before = None
    while before != text:
        before, text = text, _INNERMOST_ISOLATE.sub(replace, text)
    return text.translate(_ISOLATES)


def _visual_rows(paragraph: str, width: int, direction: str) -> list[tuple[str, bool]]:
    """(visual text, rtl) of each row of ``paragraph``, right-to-left rows right-aligned.

    A paragraph with soft line breaks is argparse's: a header (the indentation and an option's
    name, padded to the help's column) and a help text wrapped in that column, each line
    after the first indented to it. The help text is laid out whole by the core in the
    column, the header beside its first line."""
    from reader.text.layout import layout_paragraph

    segments = paragraph.split(SOFT_BREAK)
    column = 0
    if len(segments) > 1:
        column = min(len(s) - len(s.lstrip(" ")) for s in segments[1:])
        column = min(column, width - 1)
    header, first = _split_at_cells(segments[0], column)
    body = first if len(segments) == 1 else \
        " ".join(part.strip(" ") for part in [first, *segments[1:]])
    lines = layout_paragraph(body, max(1, width - column), direction).lines
    header_line = layout_paragraph(header, max(1, column), direction).lines[0] \
        if header.strip() else None
    rows = []
    for index, line in enumerate(lines):
        side = " " * column
        if index == 0 and header_line is not None:
            side = _aligned(header_line.text, header_line.cells, column, line.rtl)
        text = _aligned(line.text, line.cells, width - column, line.rtl)
        rows.append((text + side if line.rtl else side + text, line.rtl))
    return rows


def _aligned(text: str, cells: int, width: int, rtl: bool) -> str:
    pad = " " * max(0, width - cells)
    return pad + text if rtl else text + pad


def _split_at_cells(text: str, cells: int) -> tuple[str, str]:
    """``text`` cut after its first ``cells`` cells (zero-width characters go left)."""
    from rich.cells import get_character_cell_size

    if cells <= 0:
        return "", text  # (a leading isolate's opener is not a zero-width mark to keep left)
    used = 0
    for index, ch in enumerate(text):
        width = get_character_cell_size(ch)
        if width and used + width > cells:
            return text[:index], text[index:]
        used += width
    return text, ""


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
        lines = text.split("\n")
        # The lines of the help text are one paragraph (the first line may be the option's
        # name alone, when it is too long to have the help beside it).
        alone = lines[0].strip(" ") == invocation
        joined = lines[0]
        for index, line in enumerate(lines[1:], 1):
            soft = line.strip(" ") and not (index == 1 and alone)
            joined += (SOFT_BREAK if soft else "\n") + line
        return joined.replace(invocation, LRI + invocation + PDI, 1) if invocation else joined

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        filled = super()._fill_text(text, width, indent)
        return filled.replace("\n", SOFT_BREAK) if is_rtl() else filled

    def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup],
                      prefix: str | None) -> str:
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
