"""What a FILE argument names: a file, standard input (``-`` or a pipe), or a URL.

Every command (the app, ``render``, ``search``) asks :func:`open_input` first, so ``reader -``
and ``cmd | reader`` read standard input everywhere, and a URL gets the same message
everywhere. An ``http(s)://`` document is fetched by the formats' door
(:mod:`reader.content.formats`); another kind of URL, and a URL for an annotation file, get a
one-line message here.
"""

from __future__ import annotations

import os
import re
import stat
import sys

from reader.content.document import Document
from reader.errors import ReaderError
from reader.i18n import _

STDIN = "-"
STDIN_NAME = "<stdin>"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def refuse_url(argument: str) -> None:
    """A URL where a file is expected (an annotation file): say so, rather than "no such
    file"."""
    if _URL.match(argument):
        raise ReaderError(
            _("{file}: reader opens annotation files, not URLs; download it first, e.g. "
              "'curl -sLO URL'").format(file=argument))


def refuse_document_url(argument: str) -> None:
    """A document URL reader cannot fetch (only http and https are fetched)."""
    if _URL.match(argument) and not argument.lower().startswith(("http://", "https://")):
        raise ReaderError(
            _("{file}: reader opens files and http(s) URLs, not this kind of URL; download it "
              "first, e.g. 'curl -sL URL | reader -'").format(file=argument))


def refuse_urls(*arguments: str | None) -> None:
    """:func:`refuse_url` for each file argument given (annotation files too)."""
    for argument in arguments:
        if argument:
            refuse_url(argument)


def stdin_is_piped() -> bool:
    """Standard input is a pipe or a redirected file (``cmd | reader``, ``reader < f``): it
    is read when no FILE is given. A terminal or /dev/null is not."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def wants_stdin(argument: str | None) -> bool:
    return argument == STDIN or (argument is None and stdin_is_piped())


def read_stdin(errors: str = "strict", encoding: str = "", kind: str = "",
               extract: str = "article") -> Document:
    """Standard input, whole, as the document its bytes show (an EPUB, an HTML page,
    Markdown, else plain text), or as the format ``kind`` (``--as``) names."""
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
    try:
        data = stream.read()
    except OSError as error:
        raise ReaderError(_("{path}: cannot read: {reason}").format(
            path=STDIN_NAME, reason=error.strerror or error)) from None
    if isinstance(data, str):  # a text stream without a buffer (tests)
        data = data.encode("utf-8", "surrogateescape")
    from reader.content.formats import named_format, read_data, sniff

    found = named_format(kind) if kind else sniff(data[:8192])
    if not found.binary and b"\x00" in data[:8192] and not _wide_text(data, encoding):
        raise ReaderError(_("{file}: looks like binary data (it contains NUL bytes)").format(
            file=STDIN_NAME))
    return read_data(data, STDIN_NAME, errors, encoding=encoding, kind=kind, extract=extract)


def _wide_text(data: bytes, encoding: str) -> bool:
    """UTF-16 or UTF-32 (marked so, or named with --encoding): its NUL bytes are text."""
    from reader.content.encodings import bom_encoding

    named = encoding.lower().replace("_", "-")
    return (bom_encoding(data[:4]) or named).startswith(("utf-16", "utf-32", "utf16", "utf32"))


def open_input(argument: str | None, errors: str = "strict", encoding: str = "",
               kind: str = "", extract: str = "article") -> Document | None:
    """The document read from standard input when ``argument`` asks for it, else None
    (the caller opens the file or fetches the http(s) URL). Any other URL is refused here."""
    if argument is not None:
        refuse_document_url(argument)
    if wants_stdin(argument):
        return read_stdin(errors, encoding, kind, extract)
    return None


def keys_from_terminal() -> None:
    """After reading a piped standard input, give the app its keys from the terminal:
    Textual's driver reads file descriptor 0, so the terminal is put there."""
    if sys.stdin is not None and sys.stdin.isatty():
        return
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise ReaderError(_("reader needs a terminal for its keys; use 'reader render' to "
                            "print the text")) from None
    os.dup2(tty, 0)  # sys.__stdin__ (fd 0) now reads the terminal
    os.close(tty)
