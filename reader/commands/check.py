"""``reader check``: load an annotation file against its document and report every problem.

One line per problem, ``FILE:LINE: [kind id] message`` (the line of the entry; a key on
another line is named in the message), then a summary. Paragraphs in messages are numbered
from 1: for a .txt document, paragraph N is line N. Exit status: 0 when clean, 1 when there
are problems, 2 when a file cannot be read at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.inputs import refuse_urls
from reader.content.annotation_file import (
    ParsedAnnotations,
    annotations_path_for,
    document_path_for,
    read_annotations,
    resolve_annotations,
)
from reader.content.annotations import Annotations, Problem
from reader.content.document import Document, load_document
from reader.content.source import ERROR_MODES
from reader.errors import ReaderError
from reader.resources import bundled_article
from reader.text.safe import visible


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("annotations", nargs="?", metavar="ANNOTATIONS",
                        help="annotation file (TOML); default: the bundled article's")
    parser.add_argument("--document", metavar="FILE",
                        help="the text the annotations are about (default: the file's "
                        "'document' key, else a .txt or .md file beside it with its name)")
    parser.add_argument("--errors", choices=ERROR_MODES, default="strict",
                        help="invalid UTF-8 in the document: refuse it (default) or read "
                        "U+FFFD")


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it (shorter reports)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _contents(annotations: Annotations) -> str:
    return ", ".join([
        _plural(len(annotations.entities), "entity", "entities"),
        _plural(len(annotations.chapters), "chapter"),
        _plural(len(annotations.claims), "claim"),
        _plural(len(annotations.rebuttals), "rebuttal"),
    ])


def _document(args: argparse.Namespace, path: Path, parsed: ParsedAnnotations
              ) -> tuple[Document | None, Problem | None]:
    """The document to check against, or the problem that stands in its way."""
    if args.document:
        return load_document(Path(args.document), errors=args.errors), None
    document_path = document_path_for(path, parsed)
    if document_path is None:
        return None, Problem(
            'no document to check against: add document = "FILE" to the annotation file, '
            "or use --document FILE", "unreadable", file=path)
    try:
        return load_document(document_path, errors=args.errors), None
    except ReaderError as error:
        return None, Problem(f"document: {error.message}", "unreadable",
                             line=parsed.document_line, file=path)


def run(args: argparse.Namespace) -> int:
    refuse_urls(args.annotations, args.document)
    given = Path(args.annotations) if args.annotations else annotations_path_for(bundled_article())
    path = _shown(given)
    parsed = read_annotations(path)  # ReaderError (exit 2) when unreadable
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="replace")
    document, missing = _document(args, path, parsed)
    if document is None:
        assert missing is not None
        problems = [*resolve_annotations(parsed, None).problems, missing]
        for problem in problems:
            print(visible(str(problem), keep_newlines=False), file=out)
        print(visible(f"{path}: {_plural(len(problems), 'problem')}; anchors not checked"),
              file=out)
        return 1
    annotations = resolve_annotations(parsed, document.paragraphs)
    for problem in annotations.problems:
        print(visible(str(problem), keep_newlines=False), file=out)
    against = _shown(document.path) if document.path else "the document"
    if not annotations.problems:
        print(visible(f"{path}: OK: {_contents(annotations)}, all resolved in {against}"),
              file=out)
        return 0
    skipped = {(p.kind, p.entry_id, p.line) for p in annotations.problems
               if p.skipped and p.kind != "file"}
    print(visible(f"{path}: {_plural(len(annotations.problems), 'problem')}, "
                  f"{_plural(len(skipped), 'entry', 'entries')} skipped; "
                  f"loaded {_contents(annotations)} from {against}"), file=out)
    return 1
