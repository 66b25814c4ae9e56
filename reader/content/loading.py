"""What the app and the commands open: a document through the formats' door, with its
annotations.

A big plain-text file opens on its head (:mod:`reader.content.formats.plain`); a document
with annotations is loaded whole, because they are anchored in all of its text.
"""

from __future__ import annotations

from pathlib import Path

from reader.content.annotation_file import annotations_path_for
from reader.content.annotation_home import find_annotations, has_state_file
from reader.content.annotations import Annotations, Problem
from reader.content.document import Document
from reader.content.formats import Progress, is_url, open_document
from reader.content.formats.plain import BIG_FILE, HEAD_BYTES, PendingText, finish_loading

__all__ = ["BIG_FILE", "HEAD_BYTES", "PendingText", "finish_loading", "open_document",
           "open_for_reading"]


def open_for_reading(
    target: str | Path | None,
    annotations: Path | None = None,
    errors: str = "strict",
    whole: bool = False,
    progress: Progress | None = None,
) -> tuple[Document, PendingText | None, Annotations | None, list[Problem]]:
    """What the app opens: the document (perhaps its head only), the rest to load, and
    its annotations. A document with annotations is loaded whole: they are anchored in all
    of its text."""
    if target is not None and not is_url(target) and annotations is None:
        path = Path(target)
        beside = annotations_path_for(path)
        whole = whole or (beside != path and beside.exists()) or has_state_file(path)
    document, pending = open_document(target, errors, whole=whole or annotations is not None,
                                      progress=progress)
    loaded, problems = find_annotations(document, annotations)
    return document, pending, loaded, problems
