"""``reader import FILE.json --document DOC [-o OUT.toml]``: annotations made elsewhere, as
an annotation file.

FILE is a W3C Web Annotation export (an ``AnnotationCollection``, an ``AnnotationPage`` or
a list of ``Annotation``\\ s; ``reader export`` writes one) or a Hypothesis export
(``{"export_date": …, "annotations": […]}``), or ``-`` for standard input. Each quote is
anchored on DOC's text as shown (:mod:`reader.content.annotations.interchange`); those that do not
resolve are reported on stderr, one line each, and left out. The annotation file goes to
OUT (written atomically) or to standard output. Exit status: 0 when every annotation was
brought in, 1 when some were left out (the file holds the rest), 2 when FILE or DOC cannot
be read or FILE is not an annotation export.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.commands.inputs import refuse_urls
from reader.commands.options import add_annotated_document_arguments
from reader.content.annotations.interchange import NotAnExport, import_annotations, load_json
from reader.content.formats import load_document
from reader.errors import ReaderError
from reader.i18n import N_, _, ngettext
from reader.state.files import replace_text
from reader.terminal.messages import visible_message, write_message
from reader.text.chrome import isolate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = N_("Annotations whose quote is not found in the document are reported on "
                       "stderr and left out. Exit 0 when every annotation was brought in, 1 "
                       "when some were left out, 2 when a file cannot be read.")
    parser.add_argument("file", metavar="FILE",
                        help="W3C Web Annotation JSON(-LD) or a Hypothesis export (JSON); "
                        "- for standard input")
    parser.add_argument("--document", metavar="DOC", required=True,
                        help="the document the annotations are about (a file or URL)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="write the annotation file (TOML) here (default: standard output)")
    add_annotated_document_arguments(parser)


def _read(argument: str) -> str:
    if argument == "-":
        data = sys.stdin.buffer.read()
        name = _("standard input")
    else:
        try:
            data = Path(argument).read_bytes()
        except OSError as error:
            raise ReaderError(_("{file}: cannot read ({error})").format(
                file=isolate(argument), error=error.strerror or error)) from None
        name = argument
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReaderError(_("{file}: not UTF-8 text").format(file=isolate(name))) from None


def _relative(path: str | Path, output: str | None) -> str:
    """A key naming a file (``document``, ``debate``): relative to where the annotation
    file is written; for standard output, relative to the working directory (DOC as
    given); a URL as it is."""
    if "://" in str(path):
        return str(path)
    if output is None and not Path(path).is_absolute():
        return str(path)
    base = Path(output).resolve().parent if output else Path.cwd()
    try:
        return os.path.relpath(Path(path).resolve(), base)
    except ValueError:  # another drive
        return str(Path(path).resolve())


def run(args: argparse.Namespace) -> int:
    refuse_urls(args.file, args.output)
    text = _read(args.file)
    document = load_document(args.document, errors=args.errors, extract=args.extract)
    try:
        result = import_annotations(load_json(text), document.paragraphs)
    except NotAnExport as error:
        raise ReaderError(f"{isolate(args.file)}: {error}") from None
    debate = _relative(result.debate, args.output) if result.debate else None
    toml = result.toml(_relative(args.document, args.output), debate)
    for unresolved in result.unresolved:
        write_message(visible_message(f"{isolate('reader')}: {isolate(args.file)}: "
                                      f"{unresolved}", keep_newlines=False), sys.stderr)
    brought = result.total - len(result.unresolved)
    if result.unresolved:
        write_message(isolate("reader") + ": " + ngettext(
            "{count} of {total} annotation anchored", "{count} of {total} annotations anchored",
            result.total).format(count=brought, total=result.total), sys.stderr)
    if args.output:
        try:
            replace_text(Path(args.output), toml)
        except OSError as error:
            raise ReaderError(_("{file}: cannot write ({error})").format(
                file=isolate(args.output), error=error.strerror or error)) from None
    else:
        out = sys.stdout
        if hasattr(out, "reconfigure"):
            out.reconfigure(encoding="utf-8", errors="replace")
        out.write(toml)
        out.flush()
    return 1 if result.unresolved else 0
