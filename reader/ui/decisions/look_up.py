"""The word look-up (issue 26), without Textual: the word cursor's steps in reading order,
the word a look-up is about, and what its popup says, as chrome strings for the core to lay
out (:mod:`reader.text.chrome`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reader.i18n import _, number
from reader.text.chrome import ChromeStyle, fill, isolate, join_fields
from reader.text.search import LookUp
from reader.text.selection import word_at
from reader.text.span import Span

# How many readings of a word the popup shows (the likeliest first) and glosses per reading.
READINGS_SHOWN = 4
GLOSSES_SHOWN = 4

_JOINERS = {"\u200c", "\u200d", "\u0640"}


def _word_char(ch: str) -> bool:
    """A letter, mark or digit (what :func:`reader.text.selection.word_at` joins), or a
    joiner."""
    return ch in _JOINERS or unicodedata.category(ch)[0] in "LMN"


def _starts_word(text: str, offset: int) -> bool:
    return (unicodedata.category(text[offset])[0] == "L"
            and (offset == 0 or not _word_char(text[offset - 1])))


def next_word(paragraphs: Sequence[str], place: tuple[int, int], direction: int
              ) -> Span | None:
    """The word that starts after ``place`` (``direction`` 1) or the last one that starts
    before it (-1), in reading order (logical order: the next word of an Arabic line is on
    its left). A word begins with a letter and runs over letters, marks and digits, as a
    double-click selects it. ``None`` past the document's end (start)."""
    paragraph, offset = place
    if direction > 0:
        offset += 1
        while paragraph < len(paragraphs):
            text = paragraphs[paragraph]
            for index in range(offset, len(text)):
                if _starts_word(text, index):
                    return Span(paragraph, *word_at(text, index))
            paragraph, offset = paragraph + 1, 0
        return None
    paragraph = min(paragraph, len(paragraphs) - 1)
    offset = min(offset, len(paragraphs[paragraph]) if paragraphs else 0)
    while paragraph >= 0:
        text = paragraphs[paragraph]
        for index in range(min(offset, len(text)) - 1, -1, -1):
            if _starts_word(text, index):
                return Span(paragraph, *word_at(text, index))
        paragraph -= 1
        offset = len(paragraphs[paragraph]) if paragraph >= 0 else 0
    return None


def word_in(paragraphs: Sequence[str], span: Span) -> Span | None:
    """The word a look-up on ``span`` is about: the word around its start (a selection of
    one word, a search hit, the cursor); ``None`` when no letter is there."""
    text = paragraphs[span.paragraph]
    if not text:
        return None
    offset = span.start
    # a selection may begin on the space before the word
    while offset < min(span.end, len(text)) - 1 and not _word_char(text[offset]):
        offset += 1
    start, end = word_at(text, offset)
    if not any(unicodedata.category(ch)[0] == "L" for ch in text[start:end]):
        return None
    return Span(span.paragraph, start, end)


def segmentation(segments: Sequence[str]) -> str:
    """``و + ال + سيارة``: each part isolated, so they keep their order in any base
    direction (the ``+`` between them is neutral)."""
    return " + ".join(isolate(part) for part in segments)


def reading_lines(look: LookUp, direction: str, style: ChromeStyle) -> list[tuple[str, str]]:
    """The popup's text above the list of other words: the word, then for each reading its
    segmentation, lemma and root, and its English glosses. (text, Rich style) paragraphs of
    chrome, each laid out by the core in ``direction``."""
    lines: list[tuple[str, str]] = [(join_fields([fill("{word}", word=look.word)], direction,
                                                 style=style), "bold")]
    if not look.readings:
        lines.append((join_fields([_("not in the lexicon (a name, a loanword or a typo)")],
                                  direction, style=style), "italic"))
        return lines
    for count, reading in enumerate(look.readings[:READINGS_SHOWN], 1):
        # (the segments are isolated one by one: not isolated again, which would show
        # their isolates as controls)
        head = _("{number}. {segments}").format(number=isolate(number(count)),
                                                segments=segmentation(reading.segments))
        lemma = fill(_("lemma {lemma}"), lemma=reading.lemma)
        root = (fill(_("root {root}"), root=" ".join(reading.root)) if reading.root
                else _("no root"))
        lines.append((join_fields([head, lemma, root], direction, style=style), ""))
        glosses = "; ".join(reading.glosses[:GLOSSES_SHOWN])
        if glosses:
            lines.append((join_fields([(glosses, "ltr")], direction, style=style), "italic"))
    hidden = len(look.readings) - READINGS_SHOWN
    if hidden > 0:
        lines.append((join_fields([_("{count} more readings").format(
            count=number(hidden))], direction, style=style), "dim"))
    return lines


def others_title(look: LookUp, direction: str, style: ChromeStyle) -> str:
    """The heading of the list of the root's other words in this document."""
    if look.others:
        text = _("Other words of its root in this text:")
    else:
        text = _("No other word of its root in this text.")
    if not look.complete:
        text += " " + _("(the text is still being analysed)")
    return join_fields([text], direction, style=style)


def other_entry(word: str, span: Span, direction: str, style: ChromeStyle) -> str:
    """One of the other words: the word and its paragraph (its first place), two fields in
    ``direction``, so the number stays with its word whatever the languages."""
    return join_fields([fill("{word}", word=word),
                        fill(_("paragraph {number}"), number=number(span.paragraph + 1))],
                       direction, separator="  ", style=style)
