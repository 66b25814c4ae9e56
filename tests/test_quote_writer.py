"""The anchors the annotator writes: shortest, unique, and resolved back to their range."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.content.annotations.anchors import AnchorResolver
from reader.content.annotations.model import QuoteSelector, Span
from reader.content.annotations.quotes import QuoteWriter
from reader.content.formats import load_document
from reader.text.search import SearchIndex

# Letters that fold together (أ/ا, ة/ه), harakat, a ligature that folds to two letters, a
# format character, Latin case: the places where source and folded text differ.
_ALPHABET = st.sampled_from([*"اأبةه ـَُّ\u200cﻻلaAب ", "ماسك", "قال "])
_PARAGRAPH = st.lists(_ALPHABET, max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5), st.data())
def test_written_selector_resolves_to_its_range(paragraphs, data):
    index_ = data.draw(st.integers(0, len(paragraphs) - 1))
    paragraph = paragraphs[index_]
    if not paragraph:
        return
    start = data.draw(st.integers(0, len(paragraph) - 1))
    end = data.draw(st.integers(start + 1, len(paragraph)))
    writer = QuoteWriter(paragraphs)
    canon = writer.canonical(Span(index_, start, end))
    if canon is None:
        return
    selector, resolved = writer.selector(Span(index_, start, end))
    assert resolved == canon
    # canonical: it covers every letter of the range and is a fixed point
    assert canon.start >= start or paragraph[canon.start:start].strip() == ""
    assert writer.canonical(canon) == canon
    assert AnchorResolver(paragraphs).resolve(selector) == canon
    index = SearchIndex(paragraphs)  # the app's search index, reused: the same selector
    assert QuoteWriter(paragraphs, (index.folded, index.folded_starts)).selector(
        Span(index_, start, end)) == (selector, canon)
    # shortest: no context at all when the quote alone is unique
    if selector.prefix or selector.suffix or selector.occurrence:
        bare = QuoteSelector(selector.exact)
        try:
            AnchorResolver(paragraphs).resolve(bare)
            unique = True
        except Exception:
            unique = False
        assert not unique


def test_article_quotes():
    document = load_document()
    writer = QuoteWriter(document.paragraphs)
    resolver = AnchorResolver(document.paragraphs)
    # a phrase found once needs nothing else
    paragraph = next(i for i, p in enumerate(document.paragraphs) if "حكاية في ثلاثة فصول" in p)
    start = document.paragraphs[paragraph].index("حكاية في ثلاثة فصول")
    selector, span = writer.selector(Span(paragraph, start, start + len("حكاية في ثلاثة فصول")))
    assert selector == QuoteSelector("حكاية في ثلاثة فصول")
    # a name said many times gets the few letters around it that set it apart
    spans = [Span(i, p.index("ماسك"), p.index("ماسك") + 4)
             for i, p in enumerate(document.paragraphs) if "ماسك" in p]
    assert len(spans) > 3
    for target in spans:
        selector, span = writer.selector(target)
        assert span == target
        assert selector.exact == "ماسك"
        assert selector.prefix or selector.suffix or selector.occurrence
        assert len(selector.prefix) + len(selector.suffix) < 20
        assert resolver.resolve(selector) == target


def test_repeated_paragraph_takes_an_occurrence():
    paragraphs = ["نص مكرر", "بين", "نص مكرر"]
    selector, _span = QuoteWriter(paragraphs).selector(Span(2, 0, 7))
    assert selector == QuoteSelector("نص مكرر", occurrence=2)
    assert AnchorResolver(paragraphs).resolve(selector) == Span(2, 0, 7)
