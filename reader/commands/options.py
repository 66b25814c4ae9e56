"""Options shared by several sub-commands, so they read and behave the same everywhere."""

from __future__ import annotations

import argparse
import sys

from reader.commands.inputs import open_input, refuse_urls
from reader.content.document import Document
from reader.content.formats import DEFAULT_EXTRACT, EXTRACT_MODES, is_url, load_document
from reader.content.source import ERROR_MODES
from reader.i18n import N_

FILE_HELP = N_("a file (.txt, .md, .html, .epub...), an http(s):// URL, or - for standard input "
               "(default: standard input when it is a pipe, else the bundled article)")


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help=FILE_HELP)
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8: refuse the file (default) or show U+FFFD")
    add_extract_argument(parser)


EXTRACT_HELP = N_("what of a web page to read: its article (default; menus, comments and "
                  "footers left out) or the whole page")


def add_extract_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extract", choices=EXTRACT_MODES, default=DEFAULT_EXTRACT,
                        help=EXTRACT_HELP)


def open_document(args: argparse.Namespace) -> Document:
    """The document the command names: standard input, else a file or URL through the
    formats' one door (a URL is fetched, with a note on stderr meanwhile)."""
    refuse_urls(getattr(args, "annotations", None))
    piped = open_input(args.file, args.errors)
    if piped is not None:
        return piped
    target = args.file or None
    progress = None
    if is_url(target):
        from reader.commands.fetch_note import stderr_note  # sockets and TLS only for a URL

        progress = stderr_note(target)
    document = load_document(target, errors=args.errors, progress=progress,
                             extract=args.extract)
    if document.notice:
        # Said on stderr, so the text on stdout stays the document's.
        from reader.commands.terminal_text import visible_message, write_message
        from reader.text.chrome import isolate

        write_message(f"{isolate('reader')}: "
                      f"{visible_message(document.notice, keep_newlines=False)}", sys.stderr)
    return document
