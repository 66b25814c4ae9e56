"""The ``reader`` command: opens the app, or runs a sub-command (render, check, search).

Every failure the user can act on is a :class:`~reader.errors.ReaderError`, printed as one
line on stderr with a non-zero exit: never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from reader import __version__
from reader.commands import COMMANDS
from reader.commands.options import FILE_HELP, add_extract_argument, add_reading_arguments
from reader.errors import ReaderError
from reader.i18n import _, argparse_words
from reader.i18n.choice import LANG_HELP, choose_language, language_flag
from reader.terminal.messages import HelpFormatter, visible_message, write_message
from reader.terminal.plan import MODES
from reader.text.chrome import isolate, isolate_ltr
from reader.text.levels import check_library

argparse_words.install()


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors raised as ReaderError so they read like every other, and
    its texts in the interface's language: descriptions and help are written in English
    where the arguments are added and translated here (reader/i18n/extract.py finds them).
    Every parser takes ``--lang``."""

    def __init__(self, prog: str | None = None, description: str | None = None,
                 epilog: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(prog, description=None if description is None else _(description),
                         epilog=None if epilog is None else _(epilog), **kwargs)
        self.add_argument("--lang", metavar="CODE", help=LANG_HELP)

    def add_argument(self, *name_or_flags: str, **kwargs: Any) -> argparse.Action:
        """argparse's, with ``help`` translated (the other keywords as argparse takes them)."""
        help_text = kwargs.get("help")
        if isinstance(help_text, str):
            kwargs["help"] = _(help_text)
        return super().add_argument(*name_or_flags, **kwargs)

    def format_help(self) -> str:
        if self.epilog is not None:
            self.epilog = _(self.epilog)  # set after the parser was made (reader search)
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        raise ReaderError(_("{message} (see '{command} --help')").format(
            message=message, command=self.prog))

    def _print_message(self, message: str, file: object = None) -> None:
        """Help and version, laid out by the core on a terminal (reader.terminal.messages)."""
        if message:
            with contextlib.suppress(AttributeError, OSError):
                # argparse passes sys.stdout or sys.stderr (its stub: anything with write).
                stream: TextIO = file or sys.stderr  # type: ignore[assignment]
                write_message(message.removesuffix("\n"), stream)


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description=_("Read right-to-left and mixed-direction text in the terminal. "
                      "Sub-commands: {commands} (reader COMMAND --help).").format(
                          commands=", ".join(COMMANDS)),
    )
    parser.add_argument("file", nargs="?", help=FILE_HELP)
    parser.add_argument("--annotations", metavar="FILE", help="annotation file (TOML)")
    parser.add_argument("--direction", choices=("auto", "rtl", "ltr"), default="auto",
                        help="paragraph direction (default: auto, from the first strong letter)")
    parser.add_argument("--bidi", choices=MODES, default="auto",
                        help="how cells reach the terminal: 'auto' (default) picks by the "
                        "terminal (kitty and Konsole get their own, the rest cells as placed); "
                        "'explicit', 'kitty', 'konsole' force one")
    parser.add_argument("--screen-reader", action=argparse.BooleanOptionalAction, default=None,
                        help="write each line's source text in logical order, unshaped, in one "
                        "column, with the cursor on the focused span: for a screen reader, a "
                        "braille display or a terminal that does its own bidi (remembered; "
                        "default: as last set)")
    add_reading_arguments(parser)  # --errors, --encoding, --as
    add_extract_argument(parser)  # X switches in the app
    parser.add_argument("--theme", choices=("dark", "light"), default=None,
                        help="colours (default: the theme chosen last time, else dark; "
                        "t switches in the app)")
    parser.add_argument("--measure", type=_measure, metavar="N",
                        help="the most cells of text per line, centred (default: 80, or as "
                        "last set with < >; 0: the whole width)")
    parser.add_argument("--harakat", choices=("show", "hide", "highlight"),
                        help="show the harakat, hide them (display only), or colour the "
                        "letters that carry them (default: as last set with H)")
    parser.add_argument("--numbers", action=argparse.BooleanOptionalAction, default=None,
                        help="paragraph numbers beside the text (default: as last set with #)")
    parser.add_argument("--version", action="version", version=f"reader {__version__}",
                        help="show program's version number and exit")
    return parser


def _measure(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(_("not a width in cells (0 or more): {value}").format(
            value=isolate_ltr(repr(text))))
    return value


def _run_guarded(action: Callable[[], int]) -> int:
    try:
        return action()
    except ReaderError as error:
        write_message(f"{isolate('reader')}: "
                      f"{visible_message(error.message, keep_newlines=False)}", sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `reader render | head`).
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # The language first: every message after this, usage errors included, is in it.
    def choose() -> int:
        choose_language(language_flag(args_list))
        return 0

    failed = _run_guarded(choose)
    if failed:
        return failed
    # `reader --lang ar check` as well as `reader check --lang ar`
    while (len(args_list) >= 2 and args_list[0] == "--lang") or \
            (args_list and args_list[0].startswith("--lang=")):
        del args_list[:1 if "=" in args_list[0] else 2]
    if args_list and args_list[0] in COMMANDS:
        name = args_list[0]
        module = importlib.import_module(f"reader.commands.{name}")
        parser = _Parser(prog=f"reader {name}", description=COMMANDS[name])
        module.add_arguments(parser)

        def command() -> int:
            args = parser.parse_args(args_list[1:])
            check_library()  # a broken python-bidi: one line now, not a traceback later
            run: Callable[[argparse.Namespace], int] = module.run
            return run(args)

        return _run_guarded(command)

    def app() -> int:
        args = _app_parser().parse_args(args_list)
        from reader.ui.launch import launch

        return launch(args)

    return _run_guarded(app)


def entry() -> None:
    sys.exit(main())
