"""Options shared by several sub-commands, so they read and behave the same everywhere."""

from __future__ import annotations

import argparse

from reader.content.document import Document
from reader.content.fetch import stderr_note
from reader.content.formats import is_url, load_document
from reader.content.source import ERROR_MODES

FILE_HELP = ("a file (.txt, .md, .html, .epub...) or an http(s):// URL (default: the bundled "
             "article)")


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help=FILE_HELP)
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8: refuse the file (default) or show U+FFFD")


def open_document(args: argparse.Namespace) -> Document:
    """The document the command names, through the formats' one door (a URL is fetched,
    with a note on stderr meanwhile)."""
    target = args.file or None
    progress = stderr_note(target) if is_url(target) else None
    return load_document(target, errors=args.errors, progress=progress)
