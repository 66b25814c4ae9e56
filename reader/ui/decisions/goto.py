"""What ``:`` understands: a percentage of the document (``50%``) or a paragraph number
(``120``, numbered as ``reader search`` prints them). Arabic-Indic digits and the Arabic
percent sign (٥٠٪) work too. No Textual here: the prompt is in :mod:`reader.ui.screens.prompts`."""

from __future__ import annotations

from dataclasses import dataclass

from reader.i18n import _
from reader.ui.decisions import paragraph_numbers

_PERCENT_SIGNS = "%\u066a\ufe6a\uff05"


@dataclass(frozen=True)
class Target:
    """Where to go: ``percent`` of the document's lines, or the paragraph at ``index``."""

    percent: float | None = None
    index: int | None = None


def _number(text: str) -> int | None:
    text = text.strip()
    if not text or not all(ch.isdecimal() for ch in text) or len(text) > 12:
        return None
    return int(text)  # int() reads every decimal digit: ١٢٠ is 120


def parse_target(text: str, paragraphs: int) -> Target:
    """The target ``text`` names in a document of ``paragraphs`` paragraphs.

    Raises ValueError with a one-line message for anything else, or a paragraph past the end.
    """
    text = text.strip()
    if text and text[-1] in _PERCENT_SIGNS:
        number = _number(text[:-1])
        if number is None or number > 100:
            raise ValueError(_("not a percentage from 0% to 100%: {value}").format(
                value=repr(text)))
        return Target(percent=float(number))
    number = _number(text)
    if number is None:
        raise ValueError(_("type a paragraph number or a percentage (50%), not {value}").format(
            value=repr(text)))
    first = paragraph_numbers.FIRST
    last = paragraph_numbers.shown_number(paragraphs - 1)
    if not first <= number <= last:
        raise ValueError(_("no paragraph {number}: they are numbered {first} to {last}").format(
            number=number, first=first, last=last))
    return Target(index=paragraph_numbers.index_of(number))
