"""The pages of tests/data/real/ (made by scripts/make_real_pages.py) and how much of their
content a document keeps: word recall against pandoc's plain text of the same content, and
the share of the document's words that are not in that content (boilerplate)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from reader.content.document import Document

REAL = Path(__file__).parent / "data" / "real"
DOCUMENTATION = ("pandoc", "sphinx", "mkdocs", "docbook", "publican", "hugo")
NEWS = ("wordpress",)
LANGUAGES = ("ar", "fa", "en")
# regex's \w takes marks and the joiners in: a Persian word that lost its ZERO WIDTH
# NON-JOINER is not the same word (NFKC: pandoc writes a footnote's number as ¹).
_WORD = regex.compile(r"\w+")


def pages() -> list[tuple[str, str, Path]]:
    """(tool, language, page) for every committed page."""
    found = []
    for tool in (*DOCUMENTATION, *NEWS):
        for language in LANGUAGES:
            name = "news" if tool in NEWS else "guide"
            page = REAL / tool / f"{name}.{language}.html"
            if page.exists():
                found.append((tool, language, page))
    return found


def words(text: str) -> Counter[str]:
    return Counter(word.casefold()
                   for word in _WORD.findall(unicodedata.normalize("NFKC", text)))


def document_words(document: Document) -> Counter[str]:
    """The words a reader sees: each paragraph with its list marker (an ordered list's
    number is a word in pandoc's text too)."""
    return words("\n".join(f"{document.block(i).marker} {text}"
                           for i, text in enumerate(document.paragraphs)))


@dataclass(frozen=True)
class Recall:
    recall: float  # the share of the expected words the document has
    boilerplate: float  # the share of the document's words that are not expected
    expected: int  # words in pandoc's text
    shown: int  # words in the document


def measure(document: Document, expected_text: str) -> Recall:
    expected = words(expected_text)
    shown = document_words(document)
    common = sum((expected & shown).values())
    total_expected = sum(expected.values())
    total_shown = sum(shown.values())
    return Recall(common / max(total_expected, 1),
                  (total_shown - common) / max(total_shown, 1), total_expected, total_shown)


def expected(page: Path, mode: str = "article") -> str:
    """pandoc's plain text of the page's content (``article``) or of its whole body."""
    suffix = ".page.txt" if mode == "page" else ".txt"
    return page.with_suffix(suffix).read_text("utf-8")
