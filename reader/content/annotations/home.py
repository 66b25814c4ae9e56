"""Where a document's annotations are written, and found again.

Beside the document (``article.toml`` for ``article.txt``) when that can be: the file is
there already, or the folder takes new files. Otherwise (no file behind the document, such as
text from stdin or a page fetched from a URL, a read-only folder, or the bundled article,
whose own file is part of the installation) in the state directory, under a name made from
the document's key (its resolved path, or a hash of its text): the loader looks there after
the file beside the document, so the reader finds it by itself next time.

``--annotations FILE`` overrides both, for writing as for reading.

This module only names paths and checks that files exist: it imports none of the annotation
loader (TOML, anchors, the checker), so ``reader render`` on a document without annotations
never pays for it. :func:`reader.content.loading.find_annotations` loads what it finds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from reader.resources import bundled_article

if TYPE_CHECKING:
    from reader.content.annotations.model import Annotations, Problem
    from reader.content.document import Document

STATE_FOLDER = "annotations"


@dataclass(frozen=True)
class FoundAnnotations:
    """What looking for a document's annotations gave. The problems are kept in one place:
    a loaded file's are its :attr:`Annotations.problems`; ``unreadable`` is why a file
    beside the document could not be read at all (then ``annotations`` is None). No file:
    both None."""

    annotations: Annotations | None = None
    unreadable: Problem | None = None

    @property
    def problems(self) -> list[Problem]:
        if self.annotations is not None:
            return self.annotations.problems
        return [self.unreadable] if self.unreadable is not None else []


def annotations_path_for(document_path: Path) -> Path:
    """Where a document's annotations live: beside it, its last suffix replaced by .toml
    (``article.ar.txt`` → ``article.ar.toml``)."""
    return document_path.with_suffix(".toml")


def beside_file(document_path: Path | None) -> Path | None:
    """The annotation file beside the document, when there is one."""
    if document_path is None:
        return None
    candidate = annotations_path_for(document_path)
    if candidate == document_path or not candidate.exists():
        return None
    return candidate


def state_annotations_path(path: Path | None, text: str) -> Path:
    """The annotation file kept in the state directory for this document."""
    import hashlib

    from reader.state.positions import default_state_dir, document_key

    digest = hashlib.sha1(document_key(path, text).encode("utf-8", "replace")).hexdigest()
    stem = path.stem if path is not None else "stdin"
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in stem)[:40]
    return default_state_dir() / STATE_FOLDER / f"{safe}-{digest[:16]}.toml"


def _is_bundled(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return path.resolve() == bundled_article().resolve()
    except (OSError, FileNotFoundError):
        return False


def writable_beside(path: Path | None) -> TypeGuard[Path]:
    """Whether the annotation file beside ``path`` can be written (made, or replaced)."""
    if path is None or _is_bundled(path):
        return False
    beside = annotations_path_for(path)
    if beside == path:
        return False
    folder = beside.parent
    # The write is a new file renamed over the old one: the folder must take new files.
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) and (
        not beside.exists() or os.access(beside, os.W_OK))


def annotation_target(document: Document, explicit: Path | None = None) -> Path:
    """The file new annotations of ``document`` go to."""
    if explicit is not None:
        return explicit
    if writable_beside(document.path):
        return annotations_path_for(document.path)
    return state_annotations_path(document.path, document.text)


def state_file_for(document: Document) -> Path | None:
    """The state-directory annotation file of ``document``, when there is one and it is
    where annotating writes: the file beside the document cannot be written (a read-only
    folder, the bundled article), or there is no file behind the document. Such a copy
    starts from the file beside, so it holds everything that file had."""
    path = document.path
    if path is not None and writable_beside(path):
        return None
    try:
        candidate = state_annotations_path(path, document.text)
    except OSError:
        return None
    return candidate if candidate.is_file() else None


def has_state_file(path: Path) -> bool:
    """Whether a document at ``path`` has annotations in the state directory (the loader
    then reads it whole, as for a file beside it). Keyed by path only: for a file."""
    if _is_bundled(path):
        return False
    try:
        return state_annotations_path(path, "").is_file()
    except OSError:
        return False
