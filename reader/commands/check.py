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
from typing import TextIO

from reader.commands.inputs import refuse_document_url, refuse_urls
from reader.commands.options import add_annotated_document_arguments
from reader.content.annotations.debate import (
    LinkError,
    circle_problems,
    is_debate_file,
    link_problems,
    load_debate,
)
from reader.content.annotations.file import (
    ParsedAnnotations,
    annotations_path_for,
    document_path_for,
    read_annotations,
    resolve_annotations,
)
from reader.content.annotations.model import Annotations, Problem
from reader.content.document import Document
from reader.content.formats import load_document
from reader.errors import ReaderError
from reader.i18n import _, ngettext
from reader.resources import bundled_article
from reader.terminal.messages import problem_line, visible_message, write_message
from reader.text.chrome import isolate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("annotations", nargs="?", metavar="ANNOTATIONS",
                        help="annotation file (TOML); default: the bundled article's")
    parser.add_argument("--document", metavar="FILE",
                        help="the document the annotations are about, a file or URL "
                        "(default: the file's 'document' key, else a .txt or .md file "
                        "beside it with its name)")
    add_annotated_document_arguments(parser)


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it (shorter reports)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _problems(count: int) -> str:
    return ngettext("{count} problem", "{count} problems", count).format(count=count)


def _contents(annotations: Annotations) -> str:
    entities, chapters = len(annotations.entities), len(annotations.chapters)
    claims, rebuttals = len(annotations.claims), len(annotations.rebuttals)
    return _(", ").join([
        ngettext("{count} entity", "{count} entities", entities).format(count=entities),
        ngettext("{count} chapter", "{count} chapters", chapters).format(count=chapters),
        ngettext("{count} claim", "{count} claims", claims).format(count=claims),
        ngettext("{count} rebuttal", "{count} rebuttals", rebuttals).format(count=rebuttals),
    ])


def _document(args: argparse.Namespace, path: Path, parsed: ParsedAnnotations
              ) -> tuple[Document | None, Problem | None]:
    """The document to check against, or the problem that stands in its way."""
    if args.document:
        return load_document(args.document, errors=args.errors, extract=args.extract), None
    document_path = document_path_for(path, parsed)
    if document_path is None:
        return None, Problem(
            _('no document to check against: add document = "FILE" to the annotation file, '
              "or use --document FILE"), "unreadable", file=path)
    try:
        return load_document(document_path, errors=args.errors, extract=args.extract), None
    except ReaderError as error:
        return None, Problem(_("document: {error}").format(error=error.message), "unreadable",
                             line=parsed.document_line, file=path)


def _check_debate(path: Path, out: TextIO) -> int:
    """``reader check DEBATE.toml``: every document's annotations, and every link between
    them. Exit 0 when clean, 1 when not."""
    debate = load_debate(path)  # ReaderError (exit 2) when unreadable
    problems = list(debate.problems)
    for problem in debate.problems:
        write_message(problem_line(problem), out)
    links = 0
    for name, member in debate.members.items():
        try:
            annotations = debate.annotations(name)
        except LinkError as error:
            problem = Problem(_("document {name} ({where}) cannot be read: {error}").format(
                name=name, where=error.where or member.source, error=error.detail),
                "unreadable", "document", name, member.line, path)
            problems.append(problem)
            write_message(problem_line(problem), out)
            continue
        links += sum(1 for _link in annotations.cross_links())
        own = [p for p in [*annotations.problems, *link_problems(annotations)]
               if p not in debate.problems]
        problems += own
        for problem in sorted(own, key=lambda p: (p.line is None, p.line or 0)):
            write_message(problem_line(problem), out)
    circles = circle_problems(debate)  # closed across documents: only the debate sees them
    problems += circles
    for problem in circles:
        write_message(problem_line(problem), out)
    documents = ngettext("{count} document", "{count} documents", len(debate.members)
                         ).format(count=len(debate.members))
    if not problems:
        write_message(visible_message(ngettext(
            "{file}: OK: {documents}, {count} cross-document link, all resolved",
            "{file}: OK: {documents}, {count} cross-document links, all resolved",
            links).format(file=isolate(path), documents=documents, count=links)), out)
        return 0
    write_message(visible_message(_("{file}: {problems} in {documents}").format(
        file=isolate(path), problems=_problems(len(problems)), documents=documents)), out)
    return 1


def load_checked(args: argparse.Namespace) -> tuple[Path, Document, Annotations]:
    """What ``export`` works from: the annotation file ``args`` names (default: the bundled
    article's), its document, and the entries that load. :class:`ReaderError` when either
    cannot be read."""
    refuse_urls(args.annotations)
    if args.document:
        refuse_document_url(args.document)
    given = Path(args.annotations) if args.annotations else annotations_path_for(bundled_article())
    path = _shown(given)
    parsed = read_annotations(path)
    document, missing = _document(args, path, parsed)
    if document is None:
        assert missing is not None
        raise ReaderError(str(missing))
    annotations = resolve_annotations(parsed, document.paragraphs)
    annotations.document_path = document.path
    return path, document, annotations


def run(args: argparse.Namespace) -> int:
    refuse_urls(args.annotations)
    if args.document:
        refuse_document_url(args.document)
    given = Path(args.annotations) if args.annotations else annotations_path_for(bundled_article())
    path = _shown(given)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="replace")
    if args.annotations and is_debate_file(path):
        return _check_debate(path, out)
    parsed = read_annotations(path)  # ReaderError (exit 2) when unreadable
    document, missing = _document(args, path, parsed)
    if document is None:
        assert missing is not None
        problems = [*resolve_annotations(parsed, None).problems, missing]
        for problem in problems:
            write_message(problem_line(problem), out)
        write_message(visible_message(_("{file}: {problems}; anchors not checked").format(
            file=isolate(path), problems=_problems(len(problems)))), out)
        return 1
    annotations = resolve_annotations(parsed, document.paragraphs)
    annotations.problems.extend(link_problems(annotations))
    annotations.problems.sort(key=lambda p: (p.line is None, p.line or 0))
    for problem in annotations.problems:
        write_message(problem_line(problem), out)
    against = isolate(_shown(document.path)) if document.path else _("the document")
    if not annotations.problems:
        write_message(visible_message(
            _("{file}: OK: {contents}, all resolved in {document}").format(
                file=isolate(path), contents=_contents(annotations), document=against)), out)
        return 0
    skipped = {(p.kind, p.entry_id, p.line) for p in annotations.problems
               if p.skipped and p.kind != "file"}
    write_message(visible_message(ngettext(
        "{file}: {problems}, {count} entry skipped; loaded {contents} from {document}",
        "{file}: {problems}, {count} entries skipped; loaded {contents} from {document}",
        len(skipped)).format(file=isolate(path), problems=_problems(len(annotations.problems)),
                             count=len(skipped), contents=_contents(annotations),
                             document=against)), out)
    return 1
