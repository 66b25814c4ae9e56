"""Starting the app from the command line: checks, terminal modes, every exit path."""

from __future__ import annotations

import argparse
import atexit
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.i18n import _
from reader.state.preferences import SCREEN_READER, PreferenceStore
from reader.terminal.plan import TerminalPlan, plan_for

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


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
    from reader.commands.fetch_note import stderr_note
    from reader.commands.inputs import keys_from_terminal, open_input, refuse_urls
    from reader.content.formats import DEFAULT_EXTRACT, is_url
    from reader.state.positions import PositionStore
    from reader.state.trail import Trail, Visit
    from reader.text.levels import check_library
    from reader.ui.app import create_app

    check_library()  # before the first frame: a broken python-bidi is one line, not a crash

    if os.environ.get("TERM", "") == "dumb":
        raise ReaderError(_("this terminal (TERM=dumb) cannot show a full-screen reader; "
                            "use 'reader render' to print the text instead"))
    refuse_urls(args.annotations)
    if args.encoding:
        from reader.content.encodings import check_name

        check_name(args.encoding)  # an unknown name: one line, before the screen changes
    piped = open_input(args.file, args.errors, args.encoding, args.kind, args.extract)
    if not ((piped is not None or sys.stdin.isatty()) and sys.stdout.isatty()):
        raise ReaderError(_("reader needs a terminal; use 'reader render' to print the "
                            "text"))
    if piped is not None:
        keys_from_terminal()  # the text came from the pipe; keys come from the terminal
    plan = plan_for(args.bidi, screen_reader=_screen_reader(args.screen_reader, PreferenceStore()))
    # A URL is fetched before the app starts, with a note on stderr: the UI never waits on
    # the network, and a failure is one line like any other.
    target = args.file or None
    annotations = Path(args.annotations) if args.annotations else None
    extract = args.extract
    trail = Trail()  # the documents of a debate read before, for Backspace across them
    landing: Visit | None = None
    while True:
        app = create_app(
            target if piped is None else None,
            annotations,
            progress=stderr_note(target) if target is not None and is_url(target) else None,
            bidi_mode=plan.mode,
            direction=args.direction,
            positions=PositionStore(),
            errors=args.errors,
            encoding=args.encoding,
            kind=args.kind,
            terminal_warning=plan.warning,
            document=piped,
            theme=args.theme,
            preferences=PreferenceStore(),
            measure=args.measure,
            harakat=args.harakat,
            numbers=args.numbers,
            extract=extract,
            trail=trail,
            landing=landing,
        )
        _run_in_terminal(app, plan)
        crossing = app.argument_map.crossing
        if crossing is not None and app.loading.error is None:
            # Enter on an entry of another document of the debate, or Backspace back to
            # one: that document, landing where the crossing says.
            target, piped, landing = crossing.source, None, crossing
            annotations = Path(crossing.annotations) if crossing.annotations else None
            extract = DEFAULT_EXTRACT
            continue
        switch = app.loading.switch_to
        if switch is None or piped is not None:
            break
        extract = switch  # X: the page again, its article or all of it
        landing = None
    if app.loading.error is not None:
        raise ReaderError(app.loading.error)  # a bad byte late in a big file
    return app.return_code or 0


def _screen_reader(given: bool | None, store: PreferenceStore) -> bool:
    """``--screen-reader`` or ``--no-screen-reader`` (remembered for the next start), else
    as remembered (off by default)."""
    preferences = store.load()
    if given is None:
        return preferences.reading.get(SCREEN_READER) is True
    if preferences.reading.get(SCREEN_READER) is not given:
        preferences.reading[SCREEN_READER] = given
        store.save(preferences)
    return given


def _run_in_terminal(app: ReaderApp, plan: TerminalPlan) -> None:
    """Run ``app`` with the terminal's modes switched on, and off again on every exit."""
    if app.appearance.ansi and not app.no_color:
        from reader.terminal.background import terminal_is_light

        if terminal_is_light():  # 16 colours: which of them read on its background
            app.appearance.use_light_terminal()
    # Switched on start, back on every exit: q, Ctrl+C and SIGTERM end app.run(); a crash
    # goes through the finally; atexit covers an exit that skips both.
    _write_terminal(plan.enter)
    atexit.register(_write_terminal, plan.leave)
    try:
        app.run()
    finally:
        _write_terminal(plan.leave)
        atexit.unregister(_write_terminal)
