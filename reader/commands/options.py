"""Options shared by several sub-commands, so they read and behave the same everywhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands.inputs import open_input, refuse_urls
from reader.content.document import Document, load_document
from reader.content.source import ERROR_MODES
from reader.i18n import N_

FILE_HELP = N_("a .txt or .md file, or - for standard input (default: standard input when it is "
             "a pipe, else the bundled article)")


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help=FILE_HELP)
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8: refuse the file (default) or show U+FFFD")


def open_document(args: argparse.Namespace) -> Document:
    refuse_urls(getattr(args, "annotations", None))
    piped = open_input(args.file, args.errors)
    if piped is not None:
        return piped
    return load_document(Path(args.file) if args.file else None, errors=args.errors)
