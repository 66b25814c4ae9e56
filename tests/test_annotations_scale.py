"""Annotations at scale and in error: 10,000 entries that all resolve, the word index that
makes that fast finds exactly what a scan finds, and links that cannot loop.

Speed is measured by ``benchmarks/bench_annotations.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.content.annotations.anchors import AnchorError, AnchorResolver
from reader.content.annotations.file import (
    load_annotations,
    parse_annotations,
    resolve_annotations,
)
from reader.content.annotations.model import Annotations, QuoteSelector, Rebuttal, Span
from reader.content.formats import load_document
from reader.text.fold import fold_query
from tests.text_helpers import generated_annotations

COUNT = 10_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str, Annotations]:
    paragraphs, toml = generated_annotations(COUNT)
    folder = tmp_path_factory.mktemp("generated")
    (folder / "generated.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    (folder / "generated.toml").write_text(toml, encoding="utf-8")
    document = load_document(folder / "generated.txt")
    assert document.paragraphs == paragraphs
    annotations = load_annotations(folder / "generated.toml", document)
    problems = annotations.problems
    assert problems == [], [str(p) for p in problems[:5]]
    return paragraphs, toml, annotations


def test_ten_thousand_entries_all_load(generated: tuple[list[str], str, Annotations]) -> None:
    _, toml, annotations = generated
    assert len(annotations) == COUNT
    assert len(annotations.entities) == 20
    assert len(annotations.chapters) == 50
    assert len(annotations.claims) == len(annotations.rebuttals) == (COUNT - 70) // 2
    assert [c.number for c in annotations.chapters] == list(range(1, 51))
    # Every header in the file became an entry, each on its own line.
    headers = [n for n, line in enumerate(toml.split("\n"), 1) if line.startswith("[[")]
    lines = sorted(e.line for e in (*annotations.entities.values(), *annotations.anchored()))
    assert lines == headers


def test_every_anchor_lands_on_its_own_sentence(
    generated: tuple[list[str], str, Annotations]
) -> None:
    paragraphs, _, annotations = generated
    entries = list(annotations.anchored())
    assert len(entries) == COUNT - 20
    for entry in entries:
        n = int(entry.id.lstrip("chr"))
        span = entry.span
        # Anchored entry n quotes sentence n; five sentences to a paragraph.
        assert span.paragraph == n // 5, entry.id
        text = span.text(paragraphs)
        assert fold_query(text) == fold_query(entry.anchor.exact), (entry.id, text)
        sentence_start = paragraphs[span.paragraph].find("قالَ المتحدثُ رقم", 0)
        for _ in range(n % 5):
            sentence_start = paragraphs[span.paragraph].find("قالَ", sentence_start + 1)
        sentence_end = paragraphs[span.paragraph].find(".", sentence_start)
        assert sentence_start <= span.start < span.end <= sentence_end, entry.id
        if entry.anchor.occurrence == 2:  # the sentence says it twice: the second one
            assert "كرّر" in paragraphs[span.paragraph][sentence_start : span.start]


def test_links_of_ten_thousand_entries(generated: tuple[list[str], str, Annotations]) -> None:
    _, _, annotations = generated
    for rebuttal in annotations.rebuttals.values():
        assert 1 <= len(rebuttal.answers) <= 2
        assert annotations.counterparts(rebuttal.id) == annotations.answered_by(rebuttal.id)
        for claim in annotations.counterparts(rebuttal.id):
            assert rebuttal in annotations.counterparts(claim.id)
    _assert_links_alternate(annotations)


def test_the_same_file_checked_without_a_document(
    generated: tuple[list[str], str, Annotations]
) -> None:
    _, toml, _ = generated
    checked = resolve_annotations(parse_annotations(toml), None)
    assert checked.problems == []
    assert len(checked.entities) == 20  # nothing anchored loads without a document


# -- the word index finds what a scan finds ----------------------------------------------

WORDS = ["قال", "قالت", "المتحدث", "متحدث", "رقم", "12", "123", "1", "ان", "انه", "الامر",
         "ab", "abc", "b", "bc", "."]
paragraph_texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
documents = st.lists(paragraph_texts, min_size=1, max_size=12)


@st.composite
def quotes(draw: st.DrawFn, paragraphs: list[str]) -> str:
    """A quote: a piece of the text (cut anywhere), or words that may not be there."""
    text = "\n".join(paragraphs)
    if text and draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 30)))
        return text[start:end]
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))


def _outcome(resolver: AnchorResolver, selector: QuoteSelector) -> Span | tuple[str, str]:
    try:
        return resolver.resolve(selector)
    except AnchorError as error:
        return error.code, error.message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.data())
def test_indexed_lookups_agree_with_scanning(paragraphs: list[str], data: st.DataObject) -> None:
    scanning = AnchorResolver(paragraphs)
    scanning.INDEX_AFTER = 10**9
    indexed = AnchorResolver(paragraphs)
    indexed.INDEX_AFTER = 0
    looked_up = False
    for _ in range(5):
        quote = data.draw(quotes(paragraphs))
        needle = fold_query(quote)
        if needle:
            looked_up = True
            found = scanning._find(needle)
            assert found == indexed._find(needle), needle
            folded = scanning._text.folded
            assert all(folded.startswith(needle, m.start) for m in found)
        occurrence = data.draw(st.none() | st.integers(1, 3))
        prefix = data.draw(st.sampled_from(["", "قال ", "رقم "]))
        selector = QuoteSelector(quote, prefix=prefix, occurrence=occurrence)
        assert _outcome(scanning, selector) == _outcome(indexed, selector)
    assert (indexed._words is not None) == looked_up
    assert scanning._words is None


def test_the_index_is_built_only_for_many_lookups() -> None:
    paragraphs = ["قال المتحدث رقم 1 انه", "قال المتحدث رقم 12 ان الامر"]
    resolver = AnchorResolver(paragraphs)
    for _ in range(resolver.INDEX_AFTER):
        resolver.resolve(QuoteSelector("رقم 12 ان"))
    assert resolver._words is None
    assert resolver.resolve(QuoteSelector("رقم 12 ان")) == Span(1, 12, 21)
    assert resolver._words is not None
    # Found through a whole word, the end of a word, the beginning of one; or scanned.
    assert resolver.resolve(QuoteSelector("المتحدث رقم 12")) == Span(1, 4, 18)
    assert resolver.resolve(QuoteSelector("حدث رقم 1 ا")) == Span(0, 8, 19)
    assert resolver.resolve(QuoteSelector("حدث رقم", occurrence=2)) == Span(1, 8, 15)
    assert resolver.resolve(QuoteSelector("12 ا")) == Span(1, 16, 20)
    assert resolver.resolve(QuoteSelector("ه")) == Span(0, 20, 21)
    with pytest.raises(AnchorError, match="2 times"):
        resolver.resolve(QuoteSelector("قال المتحدث"))


# -- self-references and cycles ----------------------------------------------------------

LINKS = """
[[entity]]
id = "musk"
name = "إيلون ماسك"
kind = "person"

[[claim]]
id = "c1"
speaker = "musk"
label = "first"
anchor = "الأول"

[[claim]]
id = "c2"
speaker = "musk"
label = "second"
anchor = "الثاني"

[[rebuttal]]
id = "itself"
speaker = "musk"
label = "answers itself"
answers = ["itself"]
anchor = "الثالث"

[[rebuttal]]
id = "ping"
speaker = "musk"
label = "answers pong"
answers = ["pong"]
anchor = "الرابع"

[[rebuttal]]
id = "pong"
speaker = "musk"
label = "answers ping and a claim"
answers = ["c2", "ping"]
anchor = "الخامس"

[[rebuttal]]
id = "fine"
speaker = "musk"
label = "answers both claims"
answers = ["c1", "c2", "c1"]
anchor = "السادس"
"""

LINK_PARAGRAPHS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس"]


def _assert_links_alternate(annotations: Annotations) -> None:
    """Following a link is one jump: from an entry to the rebuttals that answer it, from a
    rebuttal to what it answers, each a loaded claim or rebuttal; no jump leads from an
    entry to itself, and a link is followed both ways."""
    ids = [*annotations.claims, *annotations.rebuttals, *annotations.entities,
           *(c.id for c in annotations.chapters), "no-such-id"]
    for entry_id in ids:
        other = annotations.counterparts(entry_id)
        if entry_id in annotations.claims:
            assert all(isinstance(o, Rebuttal) and o.id in annotations.rebuttals
                       for o in other)
        elif entry_id in annotations.rebuttals:
            assert all(o.id in annotations.claims or o.id in annotations.rebuttals
                       for o in other)
        else:
            assert other == []
        assert entry_id not in [o.id for o in other]
        assert len({o.id for o in other}) == len(other)
        for o in other:
            assert entry_id in [back.id for back in annotations.counterparts(o.id)]


def test_self_references_and_cycles_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("\n".join(LINK_PARAGRAPHS) + "\n", encoding="utf-8")
    (tmp_path / "doc.toml").write_text(LINKS, encoding="utf-8")
    annotations = load_annotations(tmp_path / "doc.toml", load_document(tmp_path / "doc.txt"))
    problems = annotations.problems
    found = {(p.entry, p.code): p for p in problems}
    # A rebuttal may answer a rebuttal; ping and pong answering each other go round in a
    # circle: one line naming the circle, on its first entry in the file, which is skipped.
    assert set(found) == {("rebuttal itself", "self-reference"), ("rebuttal ping", "cycle")}
    assert all(p.skipped for p in problems)
    assert '"itself" is this rebuttal itself' in found["rebuttal itself", "self-reference"].message
    assert "ping → pong → ping" in found["rebuttal ping", "cycle"].message
    assert "\n" not in found["rebuttal ping", "cycle"].message
    assert set(annotations.claims) == {"c1", "c2"}
    assert set(annotations.rebuttals) == {"fine", "pong"}
    assert annotations.rebuttals["fine"].answers == ("c1", "c2")  # the repeat is dropped
    # The same problems without a document (reader check --structure).
    checked = resolve_annotations(parse_annotations(LINKS), None)
    assert {(p.entry, p.code) for p in checked.problems} == set(found)


def test_following_links_in_such_a_file_never_loops(tmp_path: Path) -> None:
    annotations = resolve_annotations(parse_annotations(LINKS), LINK_PARAGRAPHS)
    _assert_links_alternate(annotations)
    assert [r.id for r in annotations.counterparts("c1")] == ["fine"]
    assert [c.id for c in annotations.counterparts("fine")] == ["c1", "c2"]
    assert [r.id for r in annotations.counterparts("c2")] == ["pong", "fine"]
    assert [c.id for c in annotations.counterparts("pong")] == ["c2"]  # ping: skipped
    for skipped in ("itself", "ping"):
        assert annotations.counterparts(skipped) == []
    # Jumping back and forth from any entry only ever visits loaded claims and rebuttals.
    seen: set[str] = set()
    frontier = list(annotations.claims)
    while frontier:
        entry_id = frontier.pop()
        if entry_id in seen:
            continue
        seen.add(entry_id)
        frontier.extend(o.id for o in annotations.counterparts(entry_id))
    assert seen == {"c1", "c2", "fine", "pong"}


# the chain of tests/data/samples/rebuttal-chain.toml, and a circle of three
CHAIN = (Path(__file__).parent / "data" / "samples" / "rebuttal-chain.toml").read_text(
    encoding="utf-8") + """
[[rebuttal]]
id = "a"
label = "first of a circle of three"
answers = ["b"]
anchor = "الخامس"

[[rebuttal]]
id = "b"
label = "second"
answers = ["c", "z"]
anchor = "السادس"

[[rebuttal]]
id = "z"
label = "closes the circle"
answers = ["a"]
anchor = "الأول"
"""


def test_rebuttals_of_rebuttals_load_and_link_both_ways() -> None:
    annotations = resolve_annotations(parse_annotations(CHAIN), LINK_PARAGRAPHS)
    cycles = [p for p in annotations.problems if p.code == "cycle"]
    assert [(p.entry, p.message.count("→")) for p in cycles] == [("rebuttal a", 3)]
    assert "a → b → z → a" in cycles[0].message
    assert set(annotations.rebuttals) == {"r1", "r2", "r3", "b", "z"}
    assert [e.id for e in annotations.answered_by("r3")] == ["r2", "c"]
    assert [r.id for r in annotations.rebuttals_of("r1")] == ["r2"]
    assert [e.id for e in annotations.counterparts("r2")] == ["r1", "r3"]
    assert [e.id for e in annotations.counterparts("z")] == ["b"]  # a: skipped
    _assert_links_alternate(annotations)


def test_a_rebuttal_answers_claims_and_rebuttals_only() -> None:
    text = CHAIN + '\n[[entity]]\nid = "who"\nname = "x"\nkind = "person"\n' \
        '\n[[rebuttal]]\nid = "odd"\nlabel = "answers a person"\nanswers = ["who"]\n' \
        'anchor = "الثاني"\n'
    annotations = resolve_annotations(parse_annotations(text), LINK_PARAGRAPHS)
    wrong = [p for p in annotations.problems if p.code == "wrong-kind"]
    assert [p.entry for p in wrong] == ["rebuttal odd"]
    assert "not a claim or a rebuttal" in wrong[0].message


@pytest.mark.parametrize("order", ["table first", "array first"])
def test_a_table_and_an_array_of_tables_of_one_kind(order: str) -> None:
    # Invalid TOML ("declared twice"): salvaged section by section. The [entity] table used
    # to make the salvage raise AttributeError when it came first.
    table = '[entity]\nid = "lone"\nname = "x"\nkind = "person"\n'
    array = '[[entity]]\nid = "musk"\nname = "إيلون ماسك"\nkind = "person"\n'
    text = table + array if order == "table first" else array + table
    parsed = parse_annotations(text)
    assert [p.code for p in parsed.problems] == ["invalid-toml"]
    assert [e.data["id"] for e in parsed.entries] == ["musk"]  # type: ignore[index]
    annotations = resolve_annotations(parsed, ["إيلون ماسك"])
    assert list(annotations.entities) == ["musk"]
