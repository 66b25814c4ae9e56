"""Excerpts of a document to copy: the source text of a range, plain or as a quote.

What is copied is always the *source*: logical order, original letters (no presentation
forms), harakat, both letters of a lam-alef, invisible bidi controls as they stand, and
paragraphs separated by newlines. Paragraphs are numbered from 1 here, as everywhere the
reader shows a paragraph number (``reader search``, ``reader check``, ``render --format
json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.i18n import N_, _, ngettext
from reader.text.selection import LogicalRange, letter_count, sentence_around


@dataclass(frozen=True)
class Excerpt:
    """``text`` from paragraphs ``first`` to ``last`` (0-based indices); ``what`` names it
    in the status line ("the selection", "the claim"...)."""

    text: str
    first: int
    last: int
    what: str

    @property
    def letters(self) -> int:
        return letter_count(self.text)


def excerpt_of(paragraphs: list[str], chosen: LogicalRange, what: str) -> Excerpt:
    last = chosen.end[0]
    if chosen.end[1] == 0 and last > chosen.start[0]:
        last -= 1  # a range ending at the start of a paragraph holds none of it
    return Excerpt(chosen.text(paragraphs), chosen.start[0], last, what)


def sentence_excerpt(paragraphs: list[str], paragraph: int, start: int, end: int) -> Excerpt:
    """The whole sentence(s) holding ``[start, end)`` of a paragraph (a search hit)."""
    text = paragraphs[paragraph]
    begin, stop = sentence_around(text, start, end)
    return Excerpt(text[begin:stop], paragraph, paragraph, N_("the sentence"))


def as_quote(excerpt: Excerpt, title: str) -> str:
    """``«text» — title, paragraph N``: ready to paste into a message."""
    single = excerpt.first == excerpt.last
    numbers = f"{excerpt.first + 1}" if single else f"{excerpt.first + 1}–{excerpt.last + 1}"
    where = ngettext("paragraph {numbers}", "paragraphs {numbers}", 1 if single else 2).format(
        numbers=numbers)
    source = f"{title}{_(', ')}{where}" if title else where
    return f"«{excerpt.text}» — {source}"
