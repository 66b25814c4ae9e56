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
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app

    if os.environ.get("TERM", "") == "dumb":
        raise ReaderError("this terminal (TERM=dumb) cannot show a full-screen reader; "
                          "use 'reader render' to print the text instead")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ReaderError("reader needs a terminal; use 'reader render' to print the text")
    explicit = args.bidi == "explicit"
    app = create_app(
        Path(args.file) if args.file else None,
        Path(args.annotations) if args.annotations else None,
        bidi_mode=args.bidi,
        direction=args.direction,
        positions=PositionStore(),
        errors=args.errors,
        terminal_warning=reordering_terminal() if explicit else None,
        measure=args.measure,
        harakat=args.harakat,
        numbers=args.numbers,
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
    if app.load_error is not None:
        raise ReaderError(app.load_error)  # a bad byte late in a big file
    return app.return_code or 0
