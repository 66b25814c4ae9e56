"""Books made by the tools people publish with (tests/data/real/books/, made by
scripts/make_real_books.py: pandoc EPUB 2 and 3, DocBook XSL EPUB 2 and 3, Sigil's and
calibre's layouts, and pandoc's book mangled with the faults of books in the wild; and by
calibre's own ebook-convert, scripts/make_calibre_books.sh), in
Arabic, Persian and English) read whole: the words an independent
converter (pandoc, its text committed beside each book) finds are the reader's too."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.document import Document
from reader.content.formats import load_document
from tests.real_pages import measure

BOOKS = Path(__file__).parent / "data" / "real" / "books"
THRESHOLD = 0.97


def book_recall(book: Path) -> tuple[float, Document]:
    """The share of pandoc's words (counted with repeats) that the reader shows too, with
    the same counting as the web pages' (tests/real_pages.py)."""
    document = load_document(book)
    return measure(document, book.with_suffix(".txt").read_text(encoding="utf-8")).recall, \
        document


def real_books() -> list[Path]:
    return sorted(BOOKS.glob("*.epub"))


def test_every_tool_and_language_is_there() -> None:
    names = {book.name for book in real_books()}
    assert len(names) == 24
    for tool in ("pandoc-epub3", "pandoc-epub2", "docbook-epub2", "docbook-epub3", "sigil",
                 "calibre", "mangled", "ebook-convert"):
        assert {f"{tool}.{language}.epub" for language in ("ar", "fa", "en")} <= names


@pytest.mark.parametrize("book", real_books(), ids=lambda book: book.stem)
def test_a_real_book_reads_whole_with_its_contents(book: Path) -> None:
    recall, document = book_recall(book)
    assert recall >= THRESHOLD, f"{book.name}: word recall {recall:.3f}"
    assert document.problems == []
    assert len(document.headings()) >= 3  # the book's own table of contents
    rtl = document.directions.count("rtl")
    if book.stem.endswith((".ar", ".fa")):  # the book's language sets its direction
        assert rtl > len(document.directions) / 2
    else:
        assert rtl == 0
