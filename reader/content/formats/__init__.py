"""Opening a document: the one door every format goes through.

:func:`open_document` takes what the user named (a path, a URL, or nothing for the bundled
article), gets its bytes (a file, or :mod:`reader.content.fetch` for a URL), picks the
format (:func:`detect`: the suffix, else the server's media type, else the first bytes),
and lets that format's reader make the one :class:`~reader.content.document.Document` model
everything else uses. Plain text and EPUB books may come back as their head only, the rest
:class:`Pending` (:mod:`reader.content.formats.plain`, :mod:`reader.content.formats.epub`):
the app shows the head and adds the rest after its first frame.

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from reader.content.document import Document
from reader.content.formats import plain
from reader.content.source import peek, read_bytes
from reader.resources import bundled_article

Progress = Callable[[int, int | None], None]


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
             charset: str = "") -> Document:
        module, function = self.reader.split(":")
        read = getattr(importlib.import_module(f"reader.content.formats.{module}"), function)
        return read(data, path, name, errors, charset)

    def open(self, data: bytes, path: Path | None, name: str,
             errors: str = "strict") -> tuple[Document, Pending | None]:
        """The document's head and the rest, pending (the whole document at once for a
        format without a ``head_reader``)."""
        if not self.head_reader:
            return self.read(data, path, name, errors), None
        module, function = self.head_reader.split(":")
        head = getattr(importlib.import_module(f"reader.content.formats.{module}"), function)
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


def is_url(target: str | Path | None) -> bool:
    return isinstance(target, str) and target.lower().startswith(("http://", "https://"))


def _by_suffix(name: str) -> Format | None:
    suffix = Path(name).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def sniff(head: bytes) -> Format:
    """The format the first bytes of a document show: an EPUB's zip, an HTML page's tags,
    else plain text."""
    if head.startswith(b"PK\x03\x04"):
        return _named("epub")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return _named("html")
    return TEXT


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


def open_document(target: str | Path | None = None, errors: str = "strict",
                  whole: bool = False,
                  progress: Progress | None = None) -> tuple[Document, Pending | None]:
    """The document ``target`` names (a path, an ``http(s)://`` URL, or None for the
    bundled article), and what is left to load of it (a big plain-text file's rest, a
    book's later chapters), unless ``whole``. ``progress(received, total)`` is told how a
    download goes."""
    if is_url(target):
        return _open_url(str(target), errors, progress), None
    path = bundled_article() if target is None else Path(target)
    kind = detect(path.name, b"" if _by_suffix(path.name) else peek(path))
    if kind is TEXT:
        return plain.open_text(path, errors, whole=whole)
    data = read_bytes(path, binary=kind.binary)
    if whole:
        return kind.read(data, path, str(path), errors, ""), None
    return kind.open(data, path, str(path), errors)


def _open_url(url: str, errors: str, progress: Progress | None) -> Document:
    from reader.content.fetch import fetch  # httpx is loaded only for a URL

    fetched = fetch(url, progress)
    kind = detect(urlsplit(fetched.url).path, fetched.data[:1024], fetched.media_type)
    document = kind.read(fetched.data, None, url, errors, fetched.charset)
    document.url = url
    if not document.title:
        document.title = url
    return document


def load_document(target: str | Path | None = None, errors: str = "strict",
                  progress: Progress | None = None) -> Document:
    """The whole document ``target`` names (see :func:`open_document`)."""
    return open_document(target, errors, whole=True, progress=progress)[0]
