"""``reader export [ANNOTATIONS] [--document FILE] --format w3c|argdown``: the annotations
for other tools, on standard output.

``w3c``: a W3C Web Annotation ``AnnotationCollection`` (JSON-LD) whose annotations carry a
TextQuoteSelector and a TextPositionSelector (code points of the document's text as shown:
its paragraphs joined by line feeds), the reader's kinds, ids, speakers and answers under
the ``reader:`` extension and as tags (docs/argument-exchange.md). ``argdown``: the argument
as Argdown text, chapters as sections, claims and rebuttals as statements, answers as
attacks. Exit status: 0 when every entry was exported, 1 when entries with problems were
left out (each reported on stderr, as ``reader check`` does), 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.commands.check import load_checked
from reader.commands.options import add_annotated_document_arguments
from reader.content.annotations.interchange import argdown_text, w3c_collection
from reader.i18n import N_, ngettext
from reader.terminal.messages import problem_line, write_message
from reader.text.chars import control_picture
from reader.text.chrome import isolate

FORMATS = ("w3c", "argdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = N_("Offsets of TextPositionSelector count code points of the document's "
                       "text as shown: its paragraphs joined by line feeds. Exit 0 when every "
                       "entry was exported, 1 when entries with problems were left out.")
    parser.add_argument("annotations", nargs="?", metavar="ANNOTATIONS",
                        help="annotation file (TOML); default: the bundled article's")
    parser.add_argument("--document", metavar="FILE",
                        help="the document the annotations are about (default: the file's "
                        "'document' key, else a .txt or .md file beside it with its name)")
    parser.add_argument("--format", choices=FORMATS, default="w3c",
                        help="w3c: W3C Web Annotation JSON-LD (default); argdown: Argdown text")
    add_annotated_document_arguments(parser)


def json_text(data: object) -> str:
    """JSON with the text readable (not ASCII-escaped), but every character that is not
    printable (controls, bidi controls) escaped: output that cannot act on a terminal.
    Such characters only stand inside strings, where ``\\uXXXX`` means the same."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if text.replace("\n", "").isprintable():
        return text
    return "".join(ch if ch == "\n" or ch.isprintable() else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    value = ord(ch)
    if value < 0x10000:
        return f"\\u{value:04x}"
    value -= 0x10000
    return f"\\u{0xD800 + (value >> 10):04x}\\u{0xDC00 + (value & 0x3FF):04x}"


def _safe(text: str) -> str:
    """Argdown text with control characters shown as symbols (lines kept)."""
    if text.replace("\n", "").isprintable():
        return text
    return "".join(ch if ch == "\n" or ch.isprintable() else control_picture(ch) or "\ufffd"
                   for ch in text)


def source_iri(document_path: Path | None, url: str = "") -> str:
    """What the annotations' targets name: the document's URL, else its file's URI."""
    if url:
        return url
    return document_path.resolve().as_uri() if document_path else "urn:x-reader:stdin"


def run(args: argparse.Namespace) -> int:
    path, document, annotations = load_checked(args)
    for problem in annotations.problems:
        write_message(problem_line(problem), sys.stderr)
    skipped = {(p.kind, p.entry_id, p.line) for p in annotations.problems
               if p.skipped and p.kind != "file"}
    if skipped:
        write_message(isolate("reader") + ": " + ngettext(
            "{file}: {count} entry with problems left out of the export",
            "{file}: {count} entries with problems left out of the export",
            len(skipped)).format(file=isolate(path), count=len(skipped)), sys.stderr)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="replace")
    source = source_iri(document.path, document.url)
    if args.format == "argdown":
        out.write(_safe(argdown_text(annotations, source)))
    else:
        out.write(json_text(w3c_collection(annotations, document.paragraphs, source)) + "\n")
    out.flush()
    return 1 if skipped else 0

