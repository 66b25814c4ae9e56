"""Opening a big plain-text file for reading: the first part now, the rest after one frame.

Decoding and splitting 10 MB takes about 40 ms, which the first frame would otherwise wait
for. A plain-text file over :data:`BIG_FILE` bytes is cut after a line break near
:data:`HEAD_BYTES`; the head becomes the document at once, and :func:`finish_loading` adds
the rest in place. Because the cut falls just after a ``\\n`` (a byte that never occurs
inside a UTF-8 sequence), the head's paragraphs are the first paragraphs of the whole text:
the finished document is the one :func:`~reader.content.document.load_document` gives.

The app finishes loading right after its first frame and before it handles any key, so no
command ever sees half a document; a bad byte in the rest is then reported exactly as for a
small file. Markdown, annotated documents and forced directions are loaded whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reader.content.annotation_file import annotations_path_for
from reader.content.annotations import Annotations, Problem
from reader.content.document import (
    BOM,
    Document,
    _default_title,
    _split_lines,
    is_markdown,
    load_document,
    split_paragraphs,
)
from reader.content.source import decode_bytes, read_bytes, read_head, read_rest

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

    def read(self) -> str:
        """The rest, decoded; the file is closed."""
        data = self.prefix + read_rest(self.path, self.file)
        return decode_bytes(self.path, data, self.errors, base=self.start)

    def close(self) -> None:
        self.file.close()


def open_document(path: Path | None, errors: str = "strict",
                  whole: bool = False) -> tuple[Document, PendingText | None]:
    """The document at ``path`` (the bundled article when None), and what is left to load
    of it (None when it was loaded whole). ``whole=True`` always loads everything.

    Only the head is read now: reading 10 MB alone takes about 9 ms."""
    if path is None or whole or is_markdown(path):
        return load_document(path, errors), None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says what is wrong
    if size <= BIG_FILE:
        data = read_bytes(path)
        return Document.from_text(decode_bytes(path, data, errors).removeprefix(BOM), path), None
    data, file = read_head(path, HEAD_BYTES)
    cut = data.rfind(b"\n") + 1
    if cut == 0:  # no line break early on: a giant first paragraph, loaded whole
        data += read_rest(path, file)
        return Document.from_text(decode_bytes(path, data, errors).removeprefix(BOM), path), None
    head = decode_bytes(path, data, errors, end=cut).removeprefix(BOM)
    return Document.from_text(head, path), PendingText(path, file, data[cut:], cut, errors)


def finish_loading(document: Document, pending: PendingText) -> None:
    """Decode and split the rest of the file into ``document``, in place.

    Raises :class:`~reader.errors.ReaderError` for a bad byte in strict mode, with the
    offset in the whole file, as :func:`~reader.content.source.read_text` would."""
    rest = pending.read()
    head_length = len(document.text)
    had_title = any(paragraph.strip() for paragraph in document.paragraphs)
    if document.known_starts is None and "\r" not in rest and "\u2029" not in rest:
        # Only line feeds, like the head: offsets follow from the lengths, found on use.
        document.paragraphs.extend(_split_lines(rest))
    else:
        more, more_starts = split_paragraphs(rest)
        starts = document.starts + [head_length + start for start in more_starts]
        document.paragraphs.extend(more)
        document.known_starts = starts
    document.text += rest
    if not had_title:
        document.title = _default_title(document.paragraphs, document.path)


def open_for_reading(
    path: Path | None,
    annotations: Path | None = None,
    errors: str = "strict",
    whole: bool = False,
) -> tuple[Document, PendingText | None, Annotations | None, list[Problem]]:
    """What the app opens: the document (perhaps its head only), the rest to load, and
    its annotations. A document with annotations is loaded whole: they are anchored in all
    of its text."""
    from reader.content.annotation_home import find_annotations, has_state_file

    if path is not None and annotations is None:
        beside = annotations_path_for(path)
        whole = whole or (beside != path and beside.exists()) or has_state_file(path)
    document, pending = open_document(path, errors, whole=whole or annotations is not None)
    loaded, problems = find_annotations(document, annotations)
    return document, pending, loaded, problems
