"""``reader render``: the layout core as a pipe-friendly command (fribidi, with wrapping).

``text``: one visual line per output line, RTL paragraphs right-aligned to the width.
``json``: JSON Lines, one object per visual line, with the map back to source offsets
(code-point offsets within the paragraph). Paragraphs are numbered from 1, as in ``reader
search`` and ``reader check``: for a .txt file paragraph N is line N.

A document is printed as the app shows it: the app's blank rows between paragraphs (a
plain-text file without blank lines of its own is spaced; the JSON has no object for them),
and for Markdown, list markers, quote bars and code indentation beside the text (in the
JSON: ``indent`` cells holding ``gutter``) and rules across the width.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.options import add_document_arguments, open_document
from reader.content.document import Document
from reader.content.loading import find_annotations
from reader.content.presentation import (
    RULE,
    TableLayouts,
    gutter,
    paragraph_gaps,
    paragraph_indents,
)
from reader.i18n import _
from reader.terminal.messages import problem_line, terminal_rows, write_message
from reader.text.chrome import isolate, isolate_ltr
from reader.text.chunks import layout_long_paragraph
from reader.text.layout import VisualLine
from reader.text.safe import visible

if TYPE_CHECKING:
    from reader.content.annotations.model import Annotations
    from reader.terminal.rows import Rows


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("width must be a whole number, not {value}").format(
            value=isolate_ltr(repr(value)))) from None
    if width < 1:
        raise argparse.ArgumentTypeError(_("width must be at least 1, not {width}").format(
            width=width))
    return width


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_document_arguments(parser)
    parser.add_argument("--width", "-w", type=_width, default=None,
                        help="line width in terminal cells (default: the terminal's, or 80)")
    parser.add_argument("--direction", choices=("auto", "rtl", "ltr"), default="auto",
                        help="paragraph direction (default: auto, per paragraph)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default), or JSON Lines: one object per visual line with "
                        "its map to source offsets; paragraphs numbered from 1, as in search")
    parser.add_argument("--show-controls", action="store_true",
                        help="show invisible bidi controls (RLO, LRI, ZWJ...) in place")
    parser.add_argument("--annotations", metavar="FILE",
                        help="annotation file (default: the .toml beside the document); its "
                        "problems are reported on stderr")
    parser.add_argument("--entries", action="store_true",
                        help="with --format json, add to each line the ids of the chapters, "
                        "claims and rebuttals it shows")


def run(args: argparse.Namespace) -> int:
    document = open_document(args)
    found = find_annotations(document, Path(args.annotations) if args.annotations else None)
    for problem in found.problems:
        write_message(f"{isolate('reader')}: "
                      f"{problem_line(problem)}", sys.stderr)
    marks = _entry_spans(found.annotations) if args.entries else {}
    width = args.width or _terminal_width()
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="replace")
    write = out.write
    rows = terminal_rows(out) if args.format == "text" else None
    if rows is not None:
        write(rows.begin())
    with _without_cycle_collection():
        if args.format == "text":
            _write_text(document, args, width, write, rows)
        else:
            _write_json(document, args, width, marks, write)
    if rows is not None:
        write(rows.end())
    out.flush()
    return 0


def _terminal_width() -> int:
    import shutil  # only here: it brings bz2 and lzma with it

    return shutil.get_terminal_size((80, 24)).columns


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Layout makes millions of small tuples and no reference cycles: Python's cycle
    collector would only walk them again and again (a tenth of the time of a big render).
    What is still alive at the end (the caches of shaped words, mostly) is frozen before the
    collector comes back: else its first pass walks all of it, for nothing, as the command
    ends (≈ 80 ms on 1 MB)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _write_json(document: Document, args: argparse.Namespace, width: int,
                marks: dict[int, list[tuple[int, int, str]]],
                write: Callable[[str], object]) -> None:
    """JSON Lines: one object per visual line, with its map to source offsets; a Markdown
    block's marker column as ``indent`` and ``gutter``; the first line also names the
    text's ``encoding`` (and ``encoding_guessed``) when it was read from bytes as text."""
    import json  # only here: the text format does not need it

    indents = paragraph_indents(document)
    tables = TableLayouts.of(document, args.show_controls)
    first = True
    for index in range(len(document.paragraphs)):
        direction = args.direction if args.direction != "auto" else document.direction(index)
        block = document.block(index)
        indent = min(indents[index], width - 1) if indents is not None else 0
        for line in _lines(document, tables, index, width - indent, direction,
                           args.show_controls):
            record = {
                "paragraph": index + 1,
                "start": line.start,
                "end": line.end,
                "rtl": line.rtl,
                "text": line.text,
                "map": list(line.map),
                "cells": line.cells,
            }
            if first and document.encoding:
                # The text's encoding, on the first line: a guess is never silent.
                record["encoding"] = document.encoding
                if document.encoding_guessed:
                    record["encoding_guessed"] = True
                first = False
            if indent:
                record["indent"] = indent
            side = gutter(block, indent, line.start == 0, line.rtl)
            if side.strip():
                record["gutter"] = side
            shown = _entries_on(marks.get(index, ()), line.start, line.end)
            if shown:
                record["entries"] = shown
            write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_text(document: Document, args: argparse.Namespace, width: int,
                write: Callable[[str], object], rows: Rows | None = None) -> None:
    """One visual line per output line, RTL lines right-aligned; a paragraph's lines are
    written at once, then the blank rows the app shows after it. Markdown keeps its
    markers, quote bars and rules.
    ``rows``: on a terminal, what it needs for each line (:class:`reader.terminal.rows.Rows`)."""
    show_controls = args.show_controls
    indents = paragraph_indents(document)
    gaps = paragraph_gaps(document)
    tables = TableLayouts.of(document, show_controls)
    as_placed = rows is None or rows.mode == "explicit"
    for index, paragraph in enumerate(document.paragraphs):
        direction = args.direction if args.direction != "auto" else document.direction(index)
        gap = "\n" * gaps[index]
        if indents is None and as_placed:  # plain text: no markers to place (the fast path)
            write("".join([
                (" " * (width - line.cells) + line.text + "\n") if line.rtl
                else line.text + "\n"
                for line in layout_long_paragraph(paragraph, width, direction,
                                                  show_controls=show_controls, maps=False)
            ]) + gap)
        else:
            shown = _rows(document, tables, indents, index, width, direction, show_controls)
            if rows is not None and not as_placed:
                shown = _for_terminal(shown, paragraph, rows,
                                      tables is not None and index in tables.table_of)
            write("".join(row + "\n" for row, _line, _side in shown) + gap)


Row = tuple[str, "VisualLine | None", str]  # what is written, the line it shows, its gutter


def _rows(document: Document, tables: TableLayouts | None, indents: list[int] | None,
          index: int, width: int, direction: str, show_controls: bool) -> list[Row]:
    """Paragraph ``index``'s rows as placed: RTL lines right-aligned, a Markdown block's
    marker column beside the text, a rule across the width."""
    block = document.block(index) if indents is not None else None
    if block is not None and block.kind == "rule":
        return [(RULE * width, None, "")]
    indent = min(indents[index], width - 1) if indents is not None else 0
    out: list[Row] = []
    for line in _lines(document, tables, index, width - indent, direction, show_controls):
        side = gutter(block, indent, line.start == 0, line.rtl) if block is not None else ""
        if line.rtl:
            out.append((" " * (width - indent - line.cells) + line.text + side, line, side))
        elif side:
            out.append(((side + line.text).rstrip(" "), line, side))
        else:
            out.append((line.text, line, side))
    return out


def _for_terminal(shown: list[Row], paragraph: str, rows: Rows, table: bool) -> list[Row]:
    """``shown`` as the terminal needs it (Konsole, kitty, mlterm: see
    :class:`reader.terminal.rows.Rows`). mlterm, which lays lines out itself, gets each line's
    source, its marker first; a table's row, which has no source in one piece, as placed."""
    out: list[Row] = []
    for row, line, side in shown:
        logical = None
        if line is not None and not table:
            source = visible(paragraph[line.start:line.end], keep_newlines=False).rstrip(" ")
            mark = side.strip()
            logical = (f"{mark} {source}" if mark else source) if line.rtl else \
                (side + source).rstrip(" ")
        out.append((rows.row(row, logical, line is not None and line.rtl), line, side))
    return out


def _lines(document: Document, tables: TableLayouts | None, index: int, width: int,
           direction: str, show_controls: bool) -> Sequence[VisualLine] | Iterator[VisualLine]:
    """Paragraph ``index``'s visual lines: a table row in its table's columns, like the app
    draws it (one direction for the whole table), else the paragraph laid out."""
    row = tables(index, width) if tables is not None else None
    if row is not None:
        return row.lines
    return layout_long_paragraph(document.paragraphs[index], width, direction,
                                 document.isolates(index), show_controls=show_controls)


def _entry_spans(annotations: Annotations | None) -> dict[int, list[tuple[int, int, str]]]:
    """Paragraph -> (start, end, entry id) of every anchored chapter, claim and rebuttal."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    if annotations is not None:
        for entry in annotations.anchored():
            span = entry.span
            spans.setdefault(span.paragraph, []).append((span.start, span.end, entry.id))
    return spans


def _entries_on(spans: Iterable[tuple[int, int, str]], start: int, end: int) -> list[str]:
    return [entry_id for a, b, entry_id in spans if a < end and b > start]
