"""Opening a document: the one door every format goes through.

:func:`open_document` takes what the user named (a path, a URL, or nothing for the bundled
article), gets its bytes (a file, or :mod:`reader.content.fetch` for a URL), picks the
format (:func:`detect`: the suffix, else the server's media type, else the first bytes;
``--as`` overrides them), and lets that format's reader make the one
:class:`~reader.content.document.Document` model everything else uses. Standard input has
no name: :func:`read_data` sniffs its bytes (:func:`sniff`: a zip is an EPUB, tags an HTML
page, two kinds of Markdown marks Markdown), as for a file without a suffix. Plain text and
EPUB books may come back as their head only, the rest :class:`Pending`
(:mod:`reader.content.formats.plain`, :mod:`reader.content.formats.epub`): the app shows the
head and adds the rest after its first frame.

==========  =====================================  =======================================
format      suffixes                               reader
==========  =====================================  =======================================
text        anything else                          :mod:`~reader.content.formats.plain`
markdown    ``.md`` ``.markdown``                  :mod:`~reader.content.formats.markdown`
html        ``.html`` ``.htm`` ``.xhtml``          :mod:`~reader.content.formats.html`
epub        ``.epub``                              :mod:`~reader.content.formats.epub`
==========  =====================================  =======================================
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeGuard
from urllib.parse import urlsplit

from reader.content.document import Document
from reader.content.formats import plain
from reader.content.formats.page_content import DEFAULT_EXTRACT, EXTRACT_MODES
from reader.content.source import peek, read_bytes
from reader.resources import bundled_article

Progress = Callable[[int, int | None], None]
__all__ = ["DEFAULT_EXTRACT", "EXTRACT_MODES", "Format", "detect", "is_url", "load_document",
           "open_document", "sniff"]


class Pending(Protocol):
    """The rest of a document opened on its head: :meth:`finish` adds it to the document
    in place (giving the very document that reading it whole gives), or :meth:`close`
    lets it go unread."""

    def finish(self, document: Document) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Format:
    """A format: how it is recognised, and which function makes a document of its bytes.

    ``reader`` names that function (``module:function``), imported on first use, so that
    opening a text file never loads an HTML parser. It is called as ``read(data, path,
    name, errors, charset)``: ``path`` is the file (None for a URL), ``name`` what messages
    call the document, ``charset`` the one a server declared. ``head_reader``, when the
    format has one, is called as ``open(data, path, name)`` and gives the document's head
    and its :class:`Pending` rest (or None)."""

    name: str
    suffixes: tuple[str, ...]
    media_types: tuple[str, ...]
    binary: bool
    reader: str
    head_reader: str = ""

    def read(self, data: bytes, path: Path | None, name: str, errors: str = "strict",
             charset: str = "", extract: str = DEFAULT_EXTRACT) -> Document:
        """The document in ``data``; ``extract`` (a web page's: its article or the whole
        page) is given only to the formats that take it."""
        module, function = self.reader.split(":")
        read: Callable[..., Document] = getattr(
            importlib.import_module(f"reader.content.formats.{module}"), function)
        if self.name == "html":
            return read(data, path, name, errors, charset, extract=extract)
        return read(data, path, name, errors, charset)

    def open(self, data: bytes, path: Path | None, name: str, errors: str = "strict",
             charset: str = "") -> tuple[Document, Pending | None]:
        """The document's head and the rest, pending (the whole document at once for a
        format without a ``head_reader``)."""
        if not self.head_reader:
            return self.read(data, path, name, errors, charset), None
        module, function = self.head_reader.split(":")
        head: Callable[[bytes, Path | None, str], tuple[Document, Pending | None]] = getattr(
            importlib.import_module(f"reader.content.formats.{module}"), function)
        return head(data, path, name)


TEXT = Format("text", (".txt", ".text"), ("text/plain",), False, "plain:read_text")
FORMATS = (
    Format("markdown", (".md", ".markdown"), ("text/markdown", "text/x-markdown"), False,
           "markdown:read_markdown"),
    # A page may be UTF-16 (NUL bytes): html.py refuses binary files itself.
    Format("html", (".html", ".htm", ".xhtml"), ("text/html", "application/xhtml+xml"),
           True, "html:read_html"),
    Format("epub", (".epub",), ("application/epub+zip",), True, "epub:read_epub",
           "epub:open_epub"),
    TEXT,
)


def is_url(target: str | Path | None) -> TypeGuard[str]:
    return isinstance(target, str) and target.lower().startswith(("http://", "https://"))


def _by_suffix(name: str) -> Format | None:
    suffix = Path(name).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


# A page's first tag, whole: "<title" alone, or "<htmlx", is text that starts with "<".
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)(?:\s[^<]*)?/?>")
_COMMENT = re.compile(rb"\A(?:\s*<!--.*?-->)+", re.S)


def sniff(head: bytes) -> Format:
    """The format the first bytes of a document show: an EPUB's zip, an HTML page's tags,
    Markdown's marks, else plain text."""
    if head.startswith(b"PK\x03\x04"):
        return _named("epub")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    start = _COMMENT.sub(b"", start).lstrip().lower()
    if _HTML_START.match(start) or (start.startswith(b"<?xml")
                                    and b"<html" in head.lower()):
        return _named("html")
    if looks_like_markdown(head):
        return _named("markdown")
    return TEXT


_MARKDOWN_SIGNS = (
    re.compile(rb"^#{1,6}[ \t]+\S", re.M),  # an ATX heading
    re.compile(rb"^(?:```|~~~)", re.M),  # a fenced code block
    re.compile(rb"\[[^\]\n]+\]\([^)\s]+\)"),  # a link
    re.compile(rb"^\S[^\n]*\n(?:=+|-+)[ \t]*$", re.M),  # a setext heading
    re.compile(rb"^[ \t]{0,3}(?:[-*+]|\d+\.)[ \t]+\S", re.M),  # a list item
    re.compile(rb"(?:\*\*|__)\S[^\n]*?\S(?:\*\*|__)"),  # strong emphasis
    re.compile(rb"^\|.*\|[ \t]*\n\|[ \t]*:?-{3,}", re.M),  # a table
)


def looks_like_markdown(head: bytes) -> bool:
    """Markdown by its marks, for a document without a suffix (standard input): at least
    two kinds of them (a heading and a list, a link and emphasis...) in its first bytes,
    so a plain text with one line that starts with ``#`` or ``-`` stays plain."""
    sample = head[:8192]
    return sum(1 for sign in _MARKDOWN_SIGNS if sign.search(sample)) >= 2


def _named(name: str) -> Format:
    return next(f for f in FORMATS if f.name == name)


def detect(name: str, head: bytes, media_type: str = "") -> Format:
    """The format of a document called ``name`` (a path or a URL's path) whose first bytes
    are ``head``: its suffix says, else the media type a server gave, else the bytes."""
    found = _by_suffix(name)
    if found is not None:
        return found
    media_type = media_type.split(";")[0].strip().lower()
    found = next((f for f in FORMATS if media_type in f.media_types), None) \
        if media_type else None
    if found is not None and found is not TEXT:
        return found
    return sniff(head)


# What ``--as`` names: a format by its usual suffix.
AS_CHOICES = {"txt": "text", "md": "markdown", "html": "html", "epub": "epub"}


def named_format(choice: str) -> Format:
    """The format ``--as`` names (``txt``, ``md``, ``html``, ``epub``)."""
    return _named(AS_CHOICES[choice])


def open_document(target: str | Path | None = None, errors: str = "strict",
                  whole: bool = False, progress: Progress | None = None, *,
                  encoding: str = "", kind: str = "",
                  extract: str = DEFAULT_EXTRACT) -> tuple[Document, Pending | None]:
    """The document ``target`` names (a path, an ``http(s)://`` URL, or None for the
    bundled article), and what is left to load of it (a big plain-text file's rest, a
    book's later chapters), unless ``whole``. ``progress(received, total)`` is told how a
    download goes. ``encoding`` (``--encoding``) is the text's, ``kind`` (``--as``) the
    format, instead of what the name and the bytes say; ``extract`` (one of
    :data:`EXTRACT_MODES`) is what of a web page is read."""
    if is_url(target):
        return _open_url(str(target), errors, progress, encoding, kind, extract), None
    path = bundled_article() if target is None else Path(target)
    if kind:
        found = named_format(kind)
    else:
        found = detect(path.name, b"" if _by_suffix(path.name) else peek(path))
    if found is TEXT:
        return plain.open_text(path, errors, whole=whole, encoding=encoding)
    data = read_bytes(path, binary=found.binary, wide=True)
    if whole or found.name == "html":
        return found.read(data, path, str(path), errors, encoding, extract), None
    return found.open(data, path, str(path), errors, encoding)


def read_data(data: bytes, name: str, errors: str = "strict", *, encoding: str = "",
              kind: str = "", extract: str = DEFAULT_EXTRACT) -> Document:
    """The document in ``data`` that has no name to tell its format by (standard input):
    sniffed like a file without a suffix, or the format ``kind`` (``--as``)."""
    found = named_format(kind) if kind else sniff(data[:8192])
    return found.read(data, None, name, errors, encoding, extract)


def _open_url(url: str, errors: str, progress: Progress | None, encoding: str = "",
              kind: str = "", extract: str = DEFAULT_EXTRACT) -> Document:
    from reader.content.fetch import fetch  # httpx is loaded only for a URL

    fetched = fetch(url, progress)
    found = named_format(kind) if kind else detect(urlsplit(fetched.url).path,
                                                   fetched.data[:1024], fetched.media_type)
    # Plain text: the server's charset is often a default, not the file's: a guess reads
    # it better (reader/content/encodings.py); --encoding is always the user's word.
    declared = encoding or ("" if found is TEXT else fetched.charset)
    document = found.read(fetched.data, None, url, errors, declared, extract)
    document.url = url
    if not document.title:
        document.title = url
    return document


def load_document(target: str | Path | None = None, errors: str = "strict",
                  progress: Progress | None = None, *, encoding: str = "",
                  kind: str = "", extract: str = DEFAULT_EXTRACT) -> Document:
    """The whole document ``target`` names (see :func:`open_document`)."""
    return open_document(target, errors, whole=True, progress=progress, encoding=encoding,
                         kind=kind, extract=extract)[0]
