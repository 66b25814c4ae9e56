"""``reader search QUERY [FILE]``: every hit of a query, one per line, then the count.

Each hit is printed as ``PARAGRAPH:START-END<TAB>TEXT``: ``PARAGRAPH`` counts from 1 (for a
.txt file it is the line number), ``START``-``END`` are code-point offsets within that
paragraph (from 0, end excluded: Python's ``paragraph[START:END]``), and ``TEXT`` is the
matched source text, harakat included, with control characters shown as symbols. The last
line is ``N matches``. Exit status: 0 with hits, 1 without, 2 for an invalid pattern, a
file that cannot be read, an unknown mode, or ``--forms``/``--root`` on text they cannot
analyse (Persian, Hebrew: those keep fold and exact search) or without the Arabic lexicon.

Search folds spelling variants (docs/DESIGN.md §5) unless ``--exact``; a query that is a name in
the annotations finds all its spellings (``Musk`` finds ماسك); ``--regex`` takes a Python
regular expression (matched against the folded text, or the source with ``--exact``).
``--forms`` and ``--root`` take one Arabic word and find its forms or its root's words
(docs/arabic-search.md); each hit is a whole word.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.options import add_document_arguments, open_document
from reader.content.loading import find_annotations
from reader.errors import ReaderError
from reader.i18n import N_, _, ngettext
from reader.terminal.messages import terminal_rows, write_message
from reader.text.chrome import isolate
from reader.text.safe import control_pictures
from reader.text.search import ALL_MODES, WORD_MODES, SearchError, SearchIndex


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = N_("Output: one line per hit, PARAGRAPH:START-END<TAB>TEXT (paragraphs from 1, "
                     "for a .txt file the line number; offsets in code points from 0, end "
                     "excluded), then 'N matches'. Exit 0 with hits, 1 without.")
    parser.add_argument("query", metavar="QUERY", help="what to look for")
    add_document_arguments(parser)
    parser.add_argument("--annotations", metavar="FILE",
                        help="annotation file whose names expand a query (default: the one "
                        "beside the document, if any)")
    # Not a mutually exclusive group: its arguments' help would miss the translation that
    # the reader's parser gives (search_mode says when more than one is given).
    parser.add_argument("--exact", action="store_true",
                        help="match the text as typed: no folding of harakat, hamza, digits "
                        "or case, and no names")
    parser.add_argument("--forms", action="store_true",
                        help="Arabic: find every form of one word, clitics and inflections "
                        "set aside (وبالسيارات finds سيارة and السيارة)")
    parser.add_argument("--root", action="store_true",
                        help="Arabic: find every word of the root of one word (نشر finds "
                        "لنشره and ونشرت)")
    parser.add_argument("--mode", choices=ALL_MODES,
                        help="the search mode by name (fold is the default)")
    parser.add_argument("--regex", action="store_true",
                        help="QUERY is a regular expression (on the folded text; on the source "
                        "with --exact)")


def _laid_out(text: str) -> str:
    """A hit's text shaped and in visual order, in its own direction, on one line."""
    from rich.cells import cell_len

    from reader.text.layout import layout_paragraph

    lines = layout_paragraph(text, cell_len(text) + 1, "auto").lines
    return " ".join(line.text for line in lines)


def _plural(count: int) -> str:
    return ngettext("{count} match", "{count} matches", count).format(count=count)


def search_mode(args: argparse.Namespace) -> str:
    """The mode the options ask for; :class:`ReaderError` for ``--regex`` with a word
    mode."""
    if sum(bool(x) for x in (args.exact, args.forms, args.root, args.mode)) > 1:
        raise ReaderError(_("--exact, --forms, --root and --mode choose the mode: give one"))
    if args.mode is not None:
        mode = str(args.mode)  # one of ALL_MODES: argparse says so in one line otherwise
    else:
        mode = ("exact" if args.exact else "forms" if args.forms else "root" if args.root
                else "fold")
    if args.regex and mode in WORD_MODES:
        raise ReaderError(_("--regex searches in fold or exact mode, not {mode}").format(
            mode=mode))
    return mode


def run(args: argparse.Namespace) -> int:
    mode = search_mode(args)
    document = open_document(args)
    aliases = None
    if mode == "fold" and not args.regex:
        explicit = Path(args.annotations) if args.annotations else None
        found = find_annotations(document, explicit)
        problems = found.problems
        if problems:
            where = problems[0].file or explicit or _("the annotations")
            write_message(isolate("reader") + ": " + ngettext(
                "{count} annotation problem in {file}; run 'reader check' for the list",
                "{count} annotation problems in {file}; run 'reader check' for the list",
                len(problems)).format(count=len(problems), file=isolate(where)), sys.stderr)
        if found.annotations is not None:
            aliases = found.annotations.alias_lists()
    elif args.annotations and not Path(args.annotations).is_file():
        raise ReaderError(_("{file}: no such annotation file").format(file=args.annotations))
    try:
        hits = SearchIndex(document.paragraphs).search(
            args.query, mode, regex=args.regex, aliases=aliases)
    except SearchError as error:
        raise ReaderError(error.message) from None
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="replace")
    paragraphs = document.paragraphs
    write = out.write
    rows = terminal_rows(out)
    if rows is not None:
        write(rows.begin())
    count = 0
    for hit in hits:
        span = hit.span
        text = control_pictures(paragraphs[span.paragraph][span.start : span.end])
        where = f"{span.paragraph + 1}:{span.start}-{span.end}\t"
        if rows is None:
            write(f"{where}{text}\n")
        else:
            write(rows.row(where + _laid_out(text), where + text) + "\n")
        count += 1
    if rows is not None:
        write(rows.end())
    out.flush()
    write_message(_plural(count), out)
    out.flush()
    return 0 if count else 1
