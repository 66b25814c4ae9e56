"""Search in the installed ``reader``, in tmux at 100×30: an Arabic name, then a Latin alias,
read back from the screen."""

from __future__ import annotations

import re

from reader.content.annotations.file import load_annotations_for
from reader.content.formats import load_document
from reader.text import layout_paragraph
from reader.text.search import SearchIndex
from tests.tmux_session import TmuxSession


def _has(text: str):
    return lambda lines: any(text in line for line in lines)


def test_search_for_an_arabic_name_and_a_latin_alias(session: TmuxSession) -> None:
    document = load_document()
    annotations = load_annotations_for(document, None).annotations
    assert annotations is not None
    index = SearchIndex(document.paragraphs)
    aliases = annotations.alias_lists()
    musk = index.find("ماسك", aliases=aliases)
    tesla = index.find("Tesla", aliases=aliases)
    assert len(musk) > 2 and len(tesla) > 2
    assert {s.text(document.paragraphs) for s in tesla} >= {"تسلا", "تيسلا", "Tesla"}

    session.wait_for(_has("Quit"))
    session.keys("/")
    session.wait_for(_has("[fold]"))
    session.keys("-l", "ماسك")
    # the count, in the bar and the status line; the query shaped and right to left
    screen = session.wait_for(_has(f"1/{len(musk)}"))
    assert sum(f"1/{len(musk)}" in line for line in screen) == 2
    query = layout_paragraph("ماسك", 20).lines[0].text
    assert query != "ماسك" and any(query in line for line in screen[-4:])
    assert any("+names" in line for line in screen)

    session.keys("Enter")
    session.wait_for(lambda lines: not any("[fold" in line for line in lines))
    session.keys("n")
    session.wait_for(_has(f"2/{len(musk)}"))
    session.keys("N", "N")
    session.wait_for(lambda lines: _has(f"{len(musk)}/{len(musk)}")(lines)
                     and _has("search wrapped")(lines))

    # a Latin alias finds the Arabic spellings too
    session.keys("/")
    session.wait_for(_has("[fold]"))
    session.keys("-l", "Tesla")
    # counted from where the view is (near the end now): some hit of all of them
    count = re.compile(rf"\b([1-9][0-9]*)/{len(tesla)}\b")
    screen = session.wait_for(lambda lines: sum(bool(count.search(x)) for x in lines) == 2)
    assert any("/Tesla" in line for line in screen)
    session.keys("Escape")
    session.wait_for(lambda lines: not any(f"/{len(tesla)}" in line for line in lines))

    # and a query with no hit says so
    session.keys("/")
    session.wait_for(_has("[fold]"))
    session.keys("-l", "zqzq")
    session.wait_for(_has("no match"))
