"""Options shared by several sub-commands, so they read and behave the same everywhere."""

from __future__ import annotations

import argparse
import sys

from reader.commands.inputs import open_input, refuse_urls
from reader.content.document import Document
from reader.content.encodings import check_name
from reader.content.formats import (
    AS_CHOICES,
    DEFAULT_EXTRACT,
    EXTRACT_MODES,
    is_url,
    load_document,
)
from reader.content.source import ERROR_MODES
from reader.i18n import N_

FILE_HELP = N_("a file (.txt, .md, .html, .epub...), an http(s):// URL, or - for standard input "
               "(default: standard input when it is a pipe, else the bundled article)")


ENCODING_HELP = N_("the text's encoding (e.g. utf-8, windows-1256, iso-8859-6, windows-1255, "
                   "utf-16); default: UTF-8, a byte order mark's, or a guess that says when "
                   "it is unsure")
AS_HELP = N_("read the document as this format, whatever its name or first bytes say "
             "(standard input is sniffed: EPUB, HTML, Markdown, else text)")


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """How the document is read: ``--errors``, ``--encoding``, ``--as`` (the app's and the
    sub-commands')."""
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8: refuse the file (default) or show U+FFFD")
    parser.add_argument("--encoding", metavar="NAME", default="", help=ENCODING_HELP)
    parser.add_argument("--as", dest="kind", choices=tuple(AS_CHOICES), default="",
                        help=AS_HELP)


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help=FILE_HELP)
    add_reading_arguments(parser)
    add_extract_argument(parser)


EXTRACT_HELP = N_("what of a web page to read: its article (default; menus, comments and "
                  "footers left out) or the whole page")


def add_annotated_document_arguments(parser: argparse.ArgumentParser) -> None:
    """How the document an annotation file is about is read (``check``, ``export``,
    ``import``): ``--errors``, and ``--extract`` (a web page's article or all of it, as the
    app read it when the annotations were made)."""
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8 in the document: refuse it (default) or read "
                        "U+FFFD")
    add_extract_argument(parser)


def add_extract_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extract", choices=EXTRACT_MODES, default=DEFAULT_EXTRACT,
                        help=EXTRACT_HELP)


def open_document(args: argparse.Namespace) -> Document:
    """The document the command names: standard input, else a file or URL through the
    formats' one door (a URL is fetched, with a note on stderr meanwhile)."""
    refuse_urls(getattr(args, "annotations", None))
    if args.encoding:
        check_name(args.encoding)  # an unknown name: one line, before anything is read
    piped = open_input(args.file, args.errors, args.encoding, args.kind, args.extract)
    if piped is not None:
        report_problems(piped)
        return piped
    target = args.file or None
    progress = None
    if is_url(target):
        from reader.commands.fetch_note import stderr_note  # sockets and TLS only for a URL

        progress = stderr_note(target)
    document = load_document(target, errors=args.errors, progress=progress,
                             encoding=args.encoding, kind=args.kind, extract=args.extract)
    report_problems(document)
    return document


def report_problems(document: Document) -> None:
    """What could not be read of the document (a book's missing chapter), one line each on
    stderr: the rest is shown, the loss is not silent."""

    from reader.terminal.messages import visible_message, write_message
    from reader.text.chrome import isolate

    for problem in [*document.problems, *filter(None, [document.notice])]:
        write_message(f"{isolate('reader')}: {visible_message(problem, keep_newlines=False)}",
                      sys.stderr)
