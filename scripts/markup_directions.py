"""How much a site's markup decides its paragraphs' directions (docs/documents.md#web-pages).

    python scripts/markup_directions.py [DIR ...] [--width N] [--dump FILE]

For every ``.html`` page under each DIR (default: the Debian handbook's Arabic, Persian and
English editions, ``/usr/share/doc/debian-handbook/html/{ar-MA,fa-IR,en-US}``, from the
``debian-handbook`` package), prints the paragraphs and headings, how many read in another
direction than their first strong letter's because the markup says so (UAX #9 HL1), and the
spans the markup isolates or overrides inline (``dir`` on a ``<span>``, ``<bdi>``, ``<bdo>``).
``--dump FILE`` writes each paragraph's direction and visual lines at ``--width`` as JSON:
two dumps made by two checkouts (``PYTHONPATH=OTHER python scripts/markup_directions.py
--dump before.json``) tell which paragraphs a change moves (``--compare BEFORE AFTER``).
Not part of the test suite (it reads a few hundred pages);
tests/test_markup_directions.py holds the rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's reader, unless PYTHONPATH says
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from reader.content.formats import load_document
from reader.text.chars import first_strong
from reader.text.chunks import layout_long_paragraph

HANDBOOK = Path("/usr/share/doc/debian-handbook/html")


def measure(directory: Path, width: int) -> tuple[Counter[str], dict[str, list[object]]]:
    counts: Counter[str] = Counter()
    dump: dict[str, list[object]] = {}
    for page in sorted(directory.glob("*.html")):
        document = load_document(page)
        counts["pages"] += 1
        isolates = getattr(document, "isolates", None)  # an older checkout has none
        rows: list[object] = []
        for index, text in enumerate(document.paragraphs):
            heading = bool(document.blocks) and document.blocks[index].kind == "heading"
            spans = isolates(index) if isolates else document.ltr_spans(index)
            lines = list(layout_long_paragraph(text, width, document.direction(index), spans))
            rtl = bool(lines) and lines[0].rtl
            counts["paragraphs"] += 1
            counts["headings"] += heading
            letter = first_strong(text)
            if letter is not None and rtl != (letter == "rtl"):
                counts["markup direction, not first letter's"] += 1
                counts["  of them headings"] += heading
            for style in document.blocks[index].spans if document.blocks else ():
                if style.style.startswith(("dir-", "bdo-")):
                    counts[f"inline {style.style}"] += 1
            rows.append([rtl, ["".join(text[m] for m in line.map) for line in lines]])
        dump[f"{directory.name}/{page.name}"] = rows
    return counts, dump


def compare(before: dict[str, list[list[object]]], after: dict[str, list[list[object]]]) -> None:
    """The paragraphs whose direction or visual lines differ between two dumps."""
    for name in sorted(after):
        for index, (old, new) in enumerate(zip(before.get(name, []), after[name])):
            if old != new:
                what = "direction" if old[0] != new[0] else "lines"
                print(f"{name} paragraph {index + 1}: {what}")
                for line_old, line_new in zip(old[1], new[1]):  # type: ignore[call-overload]
                    if line_old != line_new:
                        print(f"  before: {line_old}\n  after:  {line_new}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="*", type=Path,
                        default=[HANDBOOK / name for name in ("ar-MA", "fa-IR", "en-US")])
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(path.read_text("utf-8")) for path in args.compare)
        compare(before, after)
        return 0
    dumps: dict[str, list[object]] = {}
    for directory in args.directories:
        if not directory.is_dir():
            print(f"{directory}: not a directory (install debian-handbook?)", file=sys.stderr)
            return 2
        counts, dump = measure(directory, args.width)
        dumps.update(dump)
        print(f"{directory}: " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    if args.dump:
        args.dump.write_text(json.dumps(dumps, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
