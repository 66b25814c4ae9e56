"""How much of real web pages the reader keeps: the figures behind docs/web-pages.md.

    python benchmarks/bench_web_recall.py

For every page of tests/data/real/ (made by Sphinx, MkDocs, DocBook XSL, pandoc, Hugo and a
WordPress-shaped news page, in Arabic, Persian and English: scripts/make_real_pages.py),
prints word recall against pandoc's plain text of the page's content and the share of
boilerplate (words shown that are not in that content), for the reader's article
(``--extract article``, the default) and, when trafilatura is installed (it is no longer a
dependency), for trafilatura's article as the reader used it before (its XML walked by the
same walker), so the choice can be checked again. "page recall" is ``--extract page``
against pandoc's text of the whole body. Times are the median of a few runs, in
milliseconds, measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.document import Document
from reader.content.formats import load_document
from reader.content.formats.markup import MarkupWalker
from tests.real_pages import DOCUMENTATION, expected, measure, pages

RUNS = 3


def trafilatura_document(page: Path) -> Document | None:
    """The page as the reader read it with trafilatura (None: not installed)."""
    try:
        import logging

        import lxml.html
        import trafilatura
    except ImportError:
        return None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from reader.content.formats.html import decode_page

    # Decoded first, as the reader did: lxml alone takes some UTF-8 pages for Latin-1.
    tree = lxml.html.document_fromstring(decode_page(page.read_bytes(), str(page)))
    xml = trafilatura.extract(tree, output_format="xml", include_comments=False,
                              include_tables=True, include_images=True,
                              include_formatting=True, include_links=True,
                              with_metadata=True, deduplicate=False)
    walker = MarkupWalker(tei=True)
    if xml:
        for child in ElementTree.fromstring(xml):
            if child.tag == "main":
                walker.walk(child)
    walker.flush()
    return Document.from_blocks(walker.content)


def timed(read) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _run in range(RUNS):
        start = time.perf_counter()
        result = read()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> int:
    load_document(pages()[0][2])  # imports paid once, outside the figures
    have_trafilatura = trafilatura_document(pages()[0][2]) is not None
    header = (f"{'page':<18} {'kind':<5} {'reader recall':>13} {'boiler':>7} {'ms':>6} "
              f"{'page recall':>11}")
    if have_trafilatura:
        header += f" {'trafilatura recall':>18} {'boiler':>7} {'ms':>6}"
    print(header)
    worst: dict[str, float] = {}
    worst_boilerplate = 0.0
    for tool, language, page in pages():
        kind = "doc" if tool in DOCUMENTATION else "news"
        text = expected(page)
        ours_ms, ours = timed(lambda page=page: load_document(page))
        figures = measure(ours, text)  # type: ignore[arg-type]
        worst[kind] = min(worst.get(kind, 1.0), figures.recall)
        if kind == "news":
            worst_boilerplate = max(worst_boilerplate, figures.boilerplate)
        whole = measure(load_document(page, extract="page"), expected(page, "page"))
        worst["page"] = min(worst.get("page", 1.0), whole.recall)
        line = (f"{tool + '.' + language:<18} {kind:<5} {figures.recall:>13.3f} "
                f"{figures.boilerplate:>7.3f} {ours_ms:>6.1f} {whole.recall:>11.3f}")
        if have_trafilatura:
            theirs_ms, theirs = timed(lambda page=page: trafilatura_document(page))
            them = measure(theirs, text)  # type: ignore[arg-type]
            line += f" {them.recall:>18.3f} {them.boilerplate:>7.3f} {theirs_ms:>6.1f}"
        print(line)
    print(f"\nlowest recall: documentation {worst.get('doc', 0):.3f}, news "
          f"{worst.get('news', 0):.3f}, whole pages (--extract page) {worst['page']:.3f} "
          f"(target >= 0.97); most boilerplate on a news page {worst_boilerplate:.3f} "
          "(target <= 0.10)")
    if not have_trafilatura:
        print("(trafilatura is not installed: pip install trafilatura to compare)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
