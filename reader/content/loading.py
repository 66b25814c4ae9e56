"""What the app and the commands open: a document through the formats' door, with its
annotations.

A big plain-text file opens on its head (:mod:`reader.content.formats.plain`), a book on its
first chapters (:mod:`reader.content.formats.epub`); a document with annotations is loaded
whole, because they are anchored in all of its text.
"""

from __future__ import annotations

from pathlib import Path

from reader.content.annotations.home import (
    FoundAnnotations,
    beside_file,
    has_state_file,
    state_file_for,
)
from reader.content.document import Document
from reader.content.formats import DEFAULT_EXTRACT, Pending, Progress, is_url, open_document
from reader.content.formats.plain import BIG_FILE, HEAD_BYTES, PendingText

__all__ = ["BIG_FILE", "HEAD_BYTES", "Pending", "PendingText", "find_annotations",
           "finish_loading", "open_document", "open_for_reading"]


def finish_loading(document: Document, pending: Pending) -> None:
    """Add the rest of a document opened on its head, in place (see :class:`Pending`).

    Raises :class:`~reader.errors.ReaderError` when the rest cannot be read (a bad byte, a
    broken chapter), as reading it whole would have."""
    pending.finish(document)


def find_annotations(document: Document, explicit: Path | None = None) -> FoundAnnotations:
    """Load the annotations of ``document``: ``--annotations FILE``, else the file beside
    it, else the one kept in the state directory. The loader (TOML, anchors, the checker) is
    imported only when there is a file to load: a plain ``reader render`` never pays for it."""
    if explicit is None:
        explicit = state_file_for(document)
        if explicit is None and beside_file(document.path) is None:
            return FoundAnnotations()
    from reader.content.annotations.file import load_annotations_for

    return load_annotations_for(document, explicit)


def open_for_reading(
    target: str | Path | None,
    annotations: Path | None = None,
    errors: str = "strict",
    whole: bool = False,
    progress: Progress | None = None,
    encoding: str = "",
    kind: str = "",
    extract: str = DEFAULT_EXTRACT,
) -> tuple[Document, Pending | None, FoundAnnotations]:
    """What the app opens: the document (perhaps its head only), the rest to load, and
    its annotations. A document with annotations is loaded whole: they are anchored in all
    of its text. ``encoding`` and ``kind`` are ``--encoding`` and ``--as``; ``extract``:
    what of a web page is read (its article or all of it)."""
    if target is not None and not is_url(target) and annotations is None:
        path = Path(target)
        whole = whole or beside_file(path) is not None or has_state_file(path)
    document, pending = open_document(target, errors, whole=whole or annotations is not None,
                                      progress=progress, encoding=encoding, kind=kind,
                                      extract=extract)
    return document, pending, find_annotations(document, annotations)
