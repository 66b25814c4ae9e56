"""Starting the app from the command line: checks, terminal modes, every exit path."""

from __future__ import annotations

import argparse
import atexit
import os
import sys
from pathlib import Path

from reader.errors import ReaderError
from reader.ui.terminal import ENTER_EXPLICIT, LEAVE_EXPLICIT, reordering_terminal


def _write_terminal(sequence: str) -> None:
    stream = sys.__stdout__
    if stream is None:
        return
    try:
        stream.write(sequence)
        stream.flush()
    except (OSError, ValueError):
        pass


def launch(args: argparse.Namespace) -> int:
    from reader.content.annotation_file import load_annotations_for
    from reader.content.document import load_document
    from reader.ui.app import ReaderApp
    from reader.ui.positions import PositionStore

    if os.environ.get("TERM", "") == "dumb":
        raise ReaderError("this terminal (TERM=dumb) cannot show a full-screen reader; "
                          "use 'reader render' to print the text instead")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ReaderError("reader needs a terminal; use 'reader render' to print the text")
    document = load_document(Path(args.file) if args.file else None, errors=args.errors)
    if args.direction != "auto":
        document.directions = [args.direction] * len(document.paragraphs)
    annotations, problems = load_annotations_for(
        document, Path(args.annotations) if args.annotations else None
    )
    explicit = args.bidi == "explicit"
    app = ReaderApp(
        document,
        annotations,
        problems,
        bidi_mode=args.bidi,
        positions=PositionStore(),
        terminal_warning=reordering_terminal() if explicit else None,
    )
    if explicit:
        _write_terminal(ENTER_EXPLICIT)
        atexit.register(_write_terminal, LEAVE_EXPLICIT)
    try:
        app.run()
    finally:
        if explicit:
            _write_terminal(LEAVE_EXPLICIT)
            atexit.unregister(_write_terminal)
    return app.return_code or 0
