"""Opening each format through the one door: how long until the document model is ready.

    python benchmarks/bench_formats.py

Times (median of a few runs, after one warm-up that pays the imports) opening the bundled
article (plain text), the Arabic news page fixture (lxml and the reader's article rules), a
generated book of 100 chapters (EPUB, about 2 MB of text), a Markdown file with a table of
2,000 rows, and laying out that table's first screen (column widths from every row). The
first web page, lxml's import included, is printed on its own: it is paid once, and only
by a web page.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.formats import load_document
from reader.content.presentation import TableLayouts
from tests.epub_helpers import PACKAGE, write_epub

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "tests" / "data" / "formats" / "news.ar.html"
RUNS = 5


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def book(folder: Path) -> Path:
    paragraph = "<p>" + "كلمة عربية في فقرة من فصل طويل، " * 30 + "</p>"
    chapter = ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" dir="rtl">'
               "<body><h1>فصل</h1>" + paragraph * 20 + "</body></html>")
    manifest = "".join(f'<item id="x{i}" href="text/x{i}.xhtml" '
                       'media-type="application/xhtml+xml"/>' for i in range(100))
    spine = "".join(f'<itemref idref="x{i}"/>' for i in range(100))
    package = PACKAGE.replace("<manifest>", "<manifest>" + manifest).replace(
        '<itemref idref="notes"/>', '<itemref idref="notes"/>' + spine)
    files = {"OEBPS/content.opf": package}
    files.update({f"OEBPS/text/x{i}.xhtml": chapter for i in range(100)})
    return write_epub(folder / "book.epub", files)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        load_document(NEWS)
        print(f"first web page, imports included: {1000 * (time.perf_counter() - start):.0f} ms")
        epub = book(folder)
        table = folder / "table.md"
        rows = "".join(f"| سطر {i} | قيمة {i * 7} | ملاحظة رقم {i} |\n" for i in range(2000))
        table.write_text("| أ | ب | ج |\n|---|---|---|\n" + rows, encoding="utf-8")
        for name, target in [("plain text (bundled article)", None), ("web page", NEWS),
                             ("EPUB, 100 chapters", epub), ("Markdown, 2,000-row table", table)]:
            load_document(target)  # warm-up
            document = load_document(target)
            print(f"{name}: {median_ms(lambda t=target: load_document(t)):.1f} ms "
                  f"({len(document.text):,} characters, {len(document.paragraphs):,} "
                  "paragraphs)")
        document = load_document(table)

        def first_screen() -> None:
            tables = TableLayouts.of(document)
            assert tables is not None
            for index in range(30):
                tables(index, 80)

        print(f"2,000-row table, first screen of rows: {median_ms(first_screen):.1f} ms")


if __name__ == "__main__":
    main()
