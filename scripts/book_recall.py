"""Print the word recall of every fixture book (tests/data/real/books/) against pandoc's
independent conversion, with what the reader misses and shows besides.

    .venv/bin/python scripts/book_recall.py

Recall: the share of the words of ``pandoc BOOK -t plain`` (counted with repeats) that the
reader shows (its text and its list markers); tests/test_real_books.py asserts it is at
least 0.97 on every book.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.real_pages import document_words, words
from tests.test_real_books import book_recall, real_books


def main() -> None:
    print(f"{'book':28} {'recall':>6} {'pandoc':>6} {'reader':>6} {'toc':>4}  missing")
    worst = 1.0
    for book in real_books():
        recall, document = book_recall(book)
        expected = words(book.with_suffix(".txt").read_text(encoding="utf-8"))
        shown = document_words(document)
        missing = " ".join(f"{w}×{n}" if n > 1 else w for w, n in (expected - shown).items())
        print(f"{book.stem:28} {recall:6.3f} {sum(expected.values()):6} "
              f"{sum(shown.values()):6} {len(document.headings()):4}  {missing[:60]}")
        worst = min(worst, recall)
    print(f"lowest recall: {worst:.3f} (threshold 0.97)")


if __name__ == "__main__":
    main()
