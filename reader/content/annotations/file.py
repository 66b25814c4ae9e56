"""Annotation files (TOML): finding, reading and loading them against a document.

Schema (``content/article.ar.toml`` is a full example)::

    document = "article.ar.txt"     # optional: the text, relative to this file
    title = "الفصول الأربعة"          # optional: the side panel's title (one line)

    [[entity]]                      # people and organisations
    id = "musk"
    name = "إيلون ماسك"
    kind = "person"                 # person | organisation
    aliases = ["ماسك", "Musk"]      # optional; the name is always one

    [[chapter]]                     # in story order
    id = "reservation"
    title = "…"                     # one line
    summary = "…"                   # one line
    teller = "altman"               # an entity id
    date = "2018-07"                # optional: YYYY, YYYY-MM or YYYY-MM-DD
    anchor = { exact = "…", prefix = "…", suffix = "…", occurrence = 1 }

    [[claim]]                       # id, label, anchor; speaker (entity) when said
    [[rebuttal]]                    # id, label, answers = ["claim id", …], anchor; speaker

An anchor may be written as a plain string (the exact quote). Ids are unique across kinds.
Rebuttals answer claims only, so references cannot form cycles; a rebuttal naming another
rebuttal, or itself, is reported.

Every problem is reported at once, each with its entry and line. A broken entry is skipped
(``Problem.skipped``) and the rest loads; unknown keys and shared aliases are reported but do
not skip their entry. Even a file that is not valid TOML loads what it can: each
``[[table]]`` section is then parsed on its own.

This module finds and loads the files. The work is done in three steps, one module each:
:mod:`reader.content.annotations.toml_lines` (where each header and key is: ``tomllib`` gives no
positions), :mod:`reader.content.annotations.parse` (TOML to raw entries with their lines)
and :mod:`reader.content.annotations.check` (the schema, and anchors resolved in the text).
"""

from __future__ import annotations

from pathlib import Path

from reader.content.annotations.check import resolve_annotations
from reader.content.annotations.home import FoundAnnotations, annotations_path_for, beside_file
from reader.content.annotations.model import Annotations, Problem
from reader.content.annotations.parse import ParsedAnnotations, RawEntry, parse_annotations
from reader.content.document import Document
from reader.content.source import read_text, replace_hint
from reader.errors import ReaderError
from reader.i18n import _
from reader.text.chrome import isolate

__all__ = [
    "FoundAnnotations",
    "ParsedAnnotations",
    "RawEntry",
    "annotations_path_for",
    "document_path_for",
    "load_annotations",
    "load_annotations_for",
    "parse_annotations",
    "resolve_annotations",
]


def document_path_for(annotations_path: Path, parsed: ParsedAnnotations | None = None
                      ) -> Path | None:
    """The document an annotation file is about: its ``document`` key (relative to the
    file), else a .txt or .md file beside it with the same name."""
    if parsed is not None and parsed.document:
        return annotations_path.parent / parsed.document
    for suffix in (".txt", ".md", ".markdown"):
        candidate = annotations_path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_annotations(path: Path) -> ParsedAnnotations:
    """Read and parse an annotation file; :class:`ReaderError` when it cannot be read."""
    try:
        text = read_text(path)
    except ReaderError as error:
        # --errors replace is for documents: an annotation file has to be valid UTF-8.
        message = error.message.replace(replace_hint(), _(": annotation files are UTF-8"))
        raise ReaderError(message, error.exit_code) from None
    return parse_annotations(text.removeprefix("\ufeff"), path)


def load_annotations(path: Path, document: Document) -> Annotations:
    """Load the annotation file ``path`` against ``document``: the entries that hold up,
    and the problems (``.problems``). :class:`ReaderError` only when the file cannot be read
    at all."""
    annotations = resolve_annotations(read_annotations(path), document.paragraphs)
    annotations.document_path = document.path
    return annotations


def load_annotations_for(document: Document, path: Path | None = None) -> FoundAnnotations:
    """What the app and ``reader render`` call. With ``path`` (``--annotations FILE``) that
    file is loaded, and a missing or unreadable one is a :class:`ReaderError`. Without it,
    the file beside the document is used if there is one; no file gives an empty
    :class:`FoundAnnotations`: a plain reader, not an error."""
    if path is not None:
        return FoundAnnotations(load_annotations(path, document))
    candidate = beside_file(document.path)
    if candidate is None:
        return FoundAnnotations()
    try:
        return FoundAnnotations(load_annotations(candidate, document))
    except ReaderError as error:
        message = error.message.removeprefix(f"{isolate(candidate)}: ").removeprefix(
            f"{candidate}: ")
        return FoundAnnotations(unreadable=Problem(
            _("cannot read the annotations: {error}").format(error=message), "unreadable",
            file=candidate))
