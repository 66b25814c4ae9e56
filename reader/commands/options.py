"""Options shared by several sub-commands, so they read and behave the same everywhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.content.document import Document, load_document
from reader.content.source import ERROR_MODES


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="a .txt or .md file (default: the bundled article)")
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8: refuse the file (default) or show U+FFFD")


def open_document(args: argparse.Namespace) -> Document:
    return load_document(Path(args.file) if args.file else None, errors=args.errors)
