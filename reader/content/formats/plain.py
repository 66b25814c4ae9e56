"""Plain text: one paragraph per line, blank lines kept; big files open on their head.

Decoding and splitting 10 MB takes about 40 ms, which the first frame would otherwise wait
for. A plain-text file over :data:`BIG_FILE` bytes is cut after a line break near
:data:`HEAD_BYTES`; the head becomes the document at once, and :func:`finish_loading` adds
the rest in place. Because the cut falls just after a ``\\n`` (a byte that never occurs
inside a UTF-8 sequence), the head's paragraphs are the first paragraphs of the whole text:
the finished document is the one reading the file whole gives.

The app finishes loading right after its first frame and before it handles any key, so no
command ever sees half a document; a bad byte in the rest is then reported exactly as for a
small file. Plain text and EPUB books (a chapter at a time) are read head first: the
others need the whole file to know their structure (a Markdown list, a page's article).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reader.content.document import (
    Document,
    default_title,
    split_lines,
    split_paragraphs,
)
from reader.content.encodings import bom_encoding
from reader.content.source import (
    Decoded,
    decode_bytes,
    decode_text,
    read_bytes,
    read_head,
    read_rest,
)

BIG_FILE = 4 << 20
HEAD_BYTES = 256 << 10


@dataclass
class PendingText:
    """The rest of a document's file: still open, not read yet."""

    path: Path
    file: BinaryIO  # open just after the bytes already read
    prefix: bytes  # bytes already read that belong to the rest
    start: int  # the rest's first byte in the file, just after a line break
    errors: str
    encoding: str = "utf-8"  # the head's: UTF-8 or a one-byte encoding, never UTF-16/32

    def read(self) -> str:
        """The rest, decoded; the file is closed."""
        data = self.prefix + read_rest(self.path, self.file)
        return decode_bytes(self.path, data, self.errors, base=self.start,
                            encoding=self.encoding)

    def finish(self, document: Document) -> None:
        """Add the rest to ``document``, the head (see :func:`finish_loading`)."""
        finish_loading(document, self)

    def close(self) -> None:
        self.file.close()


def text_document(data: bytes, path: Path | None, errors: str = "strict",
                  name: str = "", encoding: str = "") -> Document:
    """The document of a whole plain-text file's bytes (a byte order mark dropped), in
    ``encoding`` if given, else UTF-8 or the encoding guessed (:func:`decode_text`).
    ``name`` stands for the file in messages when there is no path (a URL)."""
    where = path if path is not None else Path(name or "-")
    decoded = decode_text(where, data, errors, encoding)
    document = Document.from_text(decoded.text, path)
    _note_encoding(document, decoded)
    return document


def _note_encoding(document: Document, decoded: Decoded) -> None:
    document.encoding = decoded.encoding
    document.encoding_guessed = decoded.guessed
    if decoded.doubt:
        document.problems.append(decoded.doubt)


def read_text(data: bytes, path: Path | None, name: str, errors: str = "strict",
              charset: str = "") -> Document:
    """The format's reader (see :class:`~reader.content.formats.Format`): ``charset`` is
    an encoding named by the user (``--encoding``), else UTF-8 or a guess."""
    return text_document(data, path, errors, name, charset)


def open_text(path: Path, errors: str = "strict", whole: bool = False,
              encoding: str = "") -> tuple[Document, PendingText | None]:
    """The plain-text document at ``path``, perhaps its head only, and what is left to load
    of it (None when it was loaded whole). Only the head is read now: reading 10 MB alone
    takes about 9 ms. The head's encoding (named, or guessed on the head) is the rest's;
    UTF-16 and UTF-32, whose line breaks are not one byte, are read whole."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says what is wrong
    wide = encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16",
                                                          "utf32"))
    if whole or size <= BIG_FILE or wide:
        return text_document(read_bytes(path, binary=wide, wide=True), path, errors,
                             encoding=encoding), None
    data, file = read_head(path, HEAD_BYTES, wide=True)
    cut = data.rfind(b"\n") + 1
    if cut == 0 or (bom_encoding(data) or "").startswith(("utf-16", "utf-32")):
        # no line break early on (a giant first paragraph), or a wide encoding: whole
        data += read_rest(path, file)
        return text_document(data, path, errors, encoding=encoding), None
    decoded = decode_text(path, data[:cut], errors, encoding)
    document = Document.from_text(decoded.text, path)
    _note_encoding(document, decoded)
    codec = codecs.lookup(decoded.encoding).name
    return document, PendingText(path, file, data[cut:], cut, errors, codec)


def finish_loading(document: Document, pending: PendingText) -> None:
    """Decode and split the rest of the file into ``document``, in place.

    Raises :class:`~reader.errors.ReaderError` for a bad byte in strict mode, with the
    offset in the whole file, as reading it whole would."""
    rest = pending.read()
    head_length = len(document.text)
    had_title = any(paragraph.strip() for paragraph in document.paragraphs)
    if document.known_starts is None and "\r" not in rest and "\u2029" not in rest:
        # Only line feeds, like the head: offsets follow from the lengths, found on use.
        document.paragraphs.extend(split_lines(rest))
    else:
        more, more_starts = split_paragraphs(rest)
        starts = document.starts + [head_length + start for start in more_starts]
        document.paragraphs.extend(more)
        document.known_starts = starts
    document.text += rest
    if not had_title:
        document.title = default_title(document.paragraphs, document.path)
