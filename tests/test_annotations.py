"""The annotation model, anchors, the TOML loader, and the bundled article's annotations."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from reader.content.annotations.anchors import AnchorError, AnchorResolver
from reader.content.annotations.file import (
    FoundAnnotations,
    annotations_path_for,
    document_path_for,
    load_annotations,
    load_annotations_for,
    parse_annotations,
    resolve_annotations,
)
from reader.content.annotations.model import Annotations, Problem, QuoteSelector, Span
from reader.content.document import Document
from reader.content.formats import load_document
from reader.errors import ReaderError
from reader.resources import bundled_article

# --- the bundled article ----------------------------------------------------------------


@pytest.fixture(scope="module")
def article() -> Document:
    return load_document()


@pytest.fixture(scope="module")
def bundled(article: Document) -> Annotations:
    found = load_annotations_for(article)
    annotations, problems = found.annotations, found.problems
    assert problems == []
    assert annotations is not None
    return annotations


def test_bundled_file_sits_beside_the_article() -> None:
    path = annotations_path_for(bundled_article())
    assert path.name == "article.ar.toml" and path.is_file()
    assert document_path_for(path, parse_annotations(path.read_text("utf-8"))) == (
        path.parent / "article.ar.txt")


def test_four_chapters_in_order_each_in_the_paragraph_that_tells_it(
    article: Document, bundled: Annotations
) -> None:
    chapters = bundled.chapters
    assert [c.number for c in chapters] == [1, 2, 3, 4]
    # Altman's three chapters are told in paragraph 3 (index 2), Musk's fourth in paragraph 6.
    assert [c.span.paragraph for c in chapters] == [2, 2, 2, 5]
    assert [c.teller for c in chapters] == ["altman", "altman", "altman", "musk"]
    texts = [c.span.text(article.paragraphs) for c in chapters]
    assert "يوليو 2018" in texts[0] and "45 ألف دولار" in texts[0]
    assert "50000" in texts[1]
    assert "مرتجع" in texts[2]
    assert "الفصل الرابع" in texts[3] and "24 ساعة" in texts[3]
    # Told in that order within the paragraph.
    assert chapters[0].span < chapters[1].span < chapters[2].span
    assert chapters[0].date == "2018-07"
    for chapter in chapters:
        assert chapter.title and chapter.summary and "\n" not in chapter.summary
        assert re.search("[\u0600-\u06ff]", chapter.summary), "summaries are in Arabic"


def test_entities_and_aliases_across_scripts(bundled: Annotations) -> None:
    for alias, entity in [("ماسك", "musk"), ("إيلون ماسك", "musk"), ("Musk", "musk"),
                          ("ألتمان", "altman"), ("التمان", "altman"), ("Altman", "altman"),
                          ("سام ألتمان", "altman"), ("تسلا", "tesla"), ("تيسلا", "tesla"),
                          ("Tesla", "tesla"), ("OpenAI", "openai"), ("Microsoft", "microsoft"),
                          ("Google", "google"), ("MKBHD", "mkbhd"),
                          ("Business Insider", "business-insider"), ("Joe Rogan", "joe-rogan")]:
        assert [e.id for e in bundled.entities_for_alias(alias)] == [entity], alias
    assert {"ماسك", "Musk"} <= set(bundled.aliases("musk"))
    assert bundled.alias_lists()["tesla"][0] == "تسلا"


@pytest.mark.parametrize(
    ("claim", "rebuttal"),
    [
        ("altman-three-chapters", "musk-fourth-chapter"),
        ("musk-fastest-car", "roadster-delays"),
        ("musk-fastest-car", "mkbhd-cancelled"),
        ("musk-fastest-car", "altman-seven-years"),
        ("musk-openai-closed", "openai-emails"),
        ("musk-injunction", "openai-without-merit"),
        ("musk-injunction", "openai-restructuring"),
        ("musk-lawsuit", "openai-restructuring"),
    ],
)
def test_required_pairs_are_linked_both_ways(bundled: Annotations, claim: str,
                                             rebuttal: str) -> None:
    assert rebuttal in [r.id for r in bundled.rebuttals_of(claim)]
    assert claim in [c.id for c in bundled.claims_answered_by(rebuttal)]
    assert rebuttal in [e.id for e in bundled.counterparts(claim)]
    assert claim in [e.id for e in bundled.counterparts(rebuttal)]


def test_every_pair_is_navigable_both_ways(bundled: Annotations) -> None:
    assert bundled.claims and bundled.rebuttals
    for rebuttal in bundled.rebuttals.values():
        assert rebuttal.answers
        for claim_id in rebuttal.answers:
            assert rebuttal in bundled.rebuttals_of(claim_id)
            assert bundled.claims[claim_id] in bundled.claims_answered_by(rebuttal.id)
    for claim in bundled.claims.values():
        for rebuttal in bundled.rebuttals_of(claim.id):
            assert claim.id in rebuttal.answers


def test_claim_anchors_land_on_their_words(article: Document, bundled: Annotations) -> None:
    def text(entry_id: str) -> str:
        entry = bundled.entry(entry_id)
        assert entry is not None and hasattr(entry, "span")
        return entry.span.text(article.paragraphs)  # type: ignore[union-attr]

    assert text("musk-fastest-car") == "ستكون أسرع سيارة إنتاجية على الإطلاق"
    assert "تطوير التصميم" in text("roadster-delays")
    assert "7.5" in text("altman-seven-years")
    assert "Microsoft" in text("musk-openai-closed")
    assert "لدمج OpenAI مع Tesla" in text("openai-emails")
    assert text("openai-without-merit") == "بلا أساس على الإطلاق"
    assert "OpenAI Group PBC" in text("openai-restructuring")
    assert bundled.in_paragraph(2)[0].id == "altman-three-chapters"


def _strip_harakat_and_tatweel(text: str) -> str:
    return "".join(ch for ch in text
                   if ch != "\u0640" and unicodedata.category(ch) not in ("Mn", "Me"))


def test_anchors_survive_removing_harakat_and_tatweel(article: Document) -> None:
    stripped_text = _strip_harakat_and_tatweel(article.text)
    assert stripped_text != article.text  # the article has tanween to remove
    stripped = Document.from_text(stripped_text, article.path)
    found = load_annotations_for(stripped)
    annotations, problems = found.annotations, found.problems
    assert problems == []
    assert annotations is not None
    assert len(annotations.chapters) == 4 and len(annotations.claims) >= 4
    assert annotations.chapter("ch3-bounced-email").span.text(stripped.paragraphs) == (
        "ويتلقى بريدا إلكترونيا مرتجعا")


def test_anchors_survive_added_harakat_and_tatweel(article: Document) -> None:
    edited = (article.text.replace("سيارة", "سيّارة").replace("ماسك", "مـاسـك")
              .replace("الإطلاق", "الإِطْلاقِ"))
    document = Document.from_text(edited, article.path)
    found = load_annotations_for(document)
    annotations, problems = found.annotations, found.problems
    assert problems == []
    assert annotations is not None
    span = annotations.claims["musk-fastest-car"].span
    assert span.text(document.paragraphs) == "ستكون أسرع سيّارة إنتاجية على الإِطْلاقِ"


# --- anchors ----------------------------------------------------------------------------

PARAGRAPHS = [
    "قال ماسك إن السيارة ستكون أسرع سيارة.",
    "رد ألتمان: لقد انتظرتُ طويلًا.",
    "وقال ماسك مرة أخرى إن السيارة قادمة.",
]


@pytest.fixture()
def resolver() -> AnchorResolver:
    return AnchorResolver(PARAGRAPHS)


def test_exact_quote_resolves_on_folded_text(resolver: AnchorResolver) -> None:
    span = resolver.resolve(QuoteSelector("انتظرت طويلا"))
    assert span == Span(1, 15, 29)
    assert span.text(PARAGRAPHS) == "انتظرتُ طويلًا"


def test_prefix_suffix_and_occurrence_pick_one(resolver: AnchorResolver) -> None:
    assert resolver.resolve(QuoteSelector("ماسك", prefix="وقال ")).paragraph == 2
    assert resolver.resolve(QuoteSelector("ماسك", suffix=" مرة")).paragraph == 2
    assert resolver.resolve(QuoteSelector("ماسك", occurrence=1)).paragraph == 0
    assert resolver.resolve(QuoteSelector("السيارة", suffix=" قادمة", occurrence=1)) == Span(
        2, 22, 29)


def test_ambiguous_quote_says_how_many_and_where(resolver: AnchorResolver) -> None:
    with pytest.raises(AnchorError) as caught:
        resolver.resolve(QuoteSelector("السيارة"))
    assert caught.value.code == "ambiguous-quote"
    assert "2 times" in caught.value.message and "paragraphs 1, 3" in caught.value.message
    assert caught.value.places == (0, 2)


def test_missing_quote_names_the_closest_candidate(resolver: AnchorResolver) -> None:
    with pytest.raises(AnchorError) as caught:
        resolver.resolve(QuoteSelector("لقد انتظرنا طويلا"))
    assert caught.value.code == "quote-not-found"
    assert "closest" in caught.value.message and "انتظرتُ طويلًا" in caught.value.message
    assert "paragraph 2" in caught.value.message


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (QuoteSelector("ماسك", prefix="كتب "), "never with prefix «كتب » (the text has «قال »)"),
        (QuoteSelector("قال ماسك", prefix="x"), "the quote opens its paragraph"),
        (QuoteSelector("ماسك", occurrence=3), "occurrence 3 asked"),
        (QuoteSelector("ماسك\nقال"), "line break"),
        (QuoteSelector("\u064e\u0640"), "empty"),
        (QuoteSelector("xyzzy plugh"), "nothing in the text comes close"),
    ],
)
def test_anchor_errors_explain_themselves(resolver: AnchorResolver, selector: QuoteSelector,
                                          expected: str) -> None:
    with pytest.raises(AnchorError, match=re.escape(expected)):
        resolver.resolve(selector)


def test_span_extends_over_trailing_marks() -> None:
    span = AnchorResolver(["كتبَ الدرسَ"]).resolve(QuoteSelector("كتب"))
    assert span == Span(0, 0, 4)


@pytest.mark.parametrize("indexed", [False, True], ids=["scanned", "indexed"])
def test_overlapping_occurrences_of_a_quote_are_each_counted(indexed: bool) -> None:
    """«ها ها» stands twice in «ها ها ها», the second starting inside the first: both count,
    whether the document is scanned or its words are indexed (after INDEX_AFTER lookups)."""
    resolver = AnchorResolver(["ضحك: ها ها ها!", "ثم سكت."])
    resolver.INDEX_AFTER = 0 if indexed else 10**9
    with pytest.raises(AnchorError) as caught:
        resolver.resolve(QuoteSelector("ها ها"))
    assert caught.value.code == "ambiguous-quote"
    assert "2 times" in caught.value.message and "paragraph 1 (2×)" in caught.value.message
    assert caught.value.places == (0, 0)
    assert resolver.resolve(QuoteSelector("ها ها", occurrence=1)) == Span(0, 5, 10)
    assert resolver.resolve(QuoteSelector("ها ها", occurrence=2)) == Span(0, 8, 13)
    assert resolver.resolve(QuoteSelector("ها ها", suffix="!")) == Span(0, 8, 13)
    assert resolver.resolve(QuoteSelector("ها ها", prefix=": ")) == Span(0, 5, 10)


# --- loading files ----------------------------------------------------------------------

HEADER = """\
document = "doc.txt"

[[entity]]
id = "musk"
name = "إيلون ماسك"
kind = "person"
aliases = ["ماسك", "Musk"]

[[entity]]
id = "altman"
name = "ألتمان"
kind = "organisation"
"""


def _load(tmp_path: Path, body: str, header: str = HEADER) -> tuple[Annotations, list[Problem]]:
    (tmp_path / "doc.txt").write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    path = tmp_path / "doc.toml"
    path.write_text(header + body, encoding="utf-8")
    annotations = load_annotations(path, load_document(tmp_path / "doc.txt"))
    return annotations, annotations.problems


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_a_clean_file_loads(tmp_path: Path) -> None:
    body = """
[[claim]]
id = "fast"
speaker = "musk"
label = "fastest"
anchor = "ستكون أسرع سيارة"

[[rebuttal]]
id = "waited"
speaker = "altman"
label = "waited long"
answers = "fast"
anchor = { exact = "انتظرت طويلا" }
"""
    annotations, problems = _load(tmp_path, body)
    assert problems == []
    assert annotations.rebuttals["waited"].answers == ("fast",)
    assert [r.id for r in annotations.rebuttals_of("fast")] == ["waited"]
    assert annotations.claims["fast"].line == _line_of(HEADER + body, '[[claim]]')
    assert annotations.entities["altman"].kind == "organisation"


def _problem(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert found, f"no {code} problem in {[str(p) for p in problems]}"
    return found[0]


@pytest.mark.parametrize(
    ("body", "code", "entry", "line_of", "words"),
    [
        ('\n[[claim]]\nid = "c"\nspeaker = "musk"\nlabel = "l"\nanchor = "ستكون أبطأ شاحنة"\n',
         "quote-not-found", "claim c", "[[claim]]", "closest"),
        ('\n[[claim]]\nid = "c"\nspeaker = "musk"\nlabel = "l"\nanchor = "ماسك"\n',
         "ambiguous-quote", "claim c", "[[claim]]", "2 times (paragraphs 1, 3)"),
        ('\n[[claim]]\nid = "c"\nspeaker = "nobody"\nlabel = "l"\nanchor = "قادمة"\n',
         "unknown-id", "claim c", "[[claim]]", 'unknown entity id "nobody"'),
        ('\n[[claim]]\nid = "musk"\nspeaker = "musk"\nlabel = "l"\nanchor = "قادمة"\n',
         "duplicate-id", "claim musk", "[[claim]]", "already used by the entity at line 3"),
        ('\n[[claim]]\nid = "c"\nspeaker = "musk"\nlabel = "l"\nanchor = "قادمة"\n'
         '\n[[rebuttal]]\nid = "r"\nspeaker = "altman"\nlabel = "l"\nanswers = ["altman"]\n'
         'anchor = "طويلا"\n',
         "wrong-kind", "rebuttal r", "[[rebuttal]]", '"altman" is an entity'),
        ('\n[[rebuttal]]\nid = "r"\nspeaker = "altman"\nlabel = "l"\nanswers = ["r"]\n'
         'anchor = "طويلا"\n',
         "self-reference", "rebuttal r", "[[rebuttal]]", "itself"),
        ('\n[[rebuttal]]\nid = "r"\nspeaker = "altman"\nlabel = "l"\nanswers = ["nope"]\n'
         'anchor = "طويلا"\n',
         "unknown-id", "rebuttal r", "[[rebuttal]]", 'unknown claim or rebuttal id "nope"'),
        ('\n[[claim]]\nid = "c"\nspeaker = "musk"\nlabel = "l"\nanchor = "قادمة"\nsource = 1\n',
         "unknown-key", "claim c", "[[claim]]", 'unknown key "source"'),
        ('\n[[claim]]\nid = "c"\nspeaker = "musk"\nanchor = "قادمة"\n',
         "schema", "claim c", "[[claim]]", 'missing "label"'),
        ('\n[[claim]]\nid = "c"\nspeaker = "musk"\nlabel = "l"\nanchor = "قادمة\n',
         "invalid-toml", "claim c", 'anchor = "قادمة', "invalid TOML"),
    ],
)
def test_each_problem_names_entry_and_line(tmp_path: Path, body: str, code: str, entry: str,
                                           line_of: str, words: str) -> None:
    _, problems = _load(tmp_path, body)
    problem = _problem(problems, code)
    line = _line_of(HEADER + body, line_of)
    assert problem.entry == entry
    assert problem.line == line
    assert words in problem.message
    assert str(problem).startswith(f"{tmp_path / 'doc.toml'}:{line}: [{entry}] ")


def test_a_broken_entry_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    body = """
[[claim]]
id = "broken"
speaker = "musk"
label = "l"
anchor = "not in the text at all"

[[claim]]
id = "fine"
speaker = "musk"
label = "l"
anchor = "قادمة"

[[rebuttal]]
id = "bad toml"
label = = "x"

[[rebuttal]]
id = "answer"
speaker = "altman"
label = "l"
answers = ["fine", "broken"]
anchor = "طويلا"
"""
    annotations, problems = _load(tmp_path, body)
    assert {p.code for p in problems} == {"quote-not-found", "invalid-toml"}
    assert all(p.skipped for p in problems)
    assert list(annotations.claims) == ["fine"]
    assert list(annotations.rebuttals) == ["answer"]
    # The answer to a skipped claim is kept, but only loaded claims are navigable.
    assert [c.id for c in annotations.claims_answered_by("answer")] == ["fine"]
    assert set(annotations.entities) == {"musk", "altman"}


def test_invalid_toml_anywhere_is_reported_with_its_line(tmp_path: Path) -> None:
    text = 'document = "doc.txt"\nx = [1, 2\n'
    parsed = parse_annotations(text, tmp_path / "a.toml")
    assert [(p.code, p.line) for p in parsed.problems] == [("invalid-toml", 2)]


def test_unterminated_multiline_string_points_at_its_start() -> None:
    text = '[[claim]]\nid = "c"\nlabel = """never\nclosed\n'
    problem = _problem(parse_annotations(text).problems, "invalid-toml")
    assert problem.line == 3 and problem.entry == "claim c"


def test_lines_are_found_despite_lookalikes_in_strings_and_comments(tmp_path: Path) -> None:
    body = '''
# [[claim]] in a comment is not a header
[[claim]]
id = "first"
speaker = "musk"
label = """a label
[[claim]]
that mentions a header"""
anchor = "ستكون أسرع سيارة"

[[claim]]
id = "second"
speaker = "musk"
label = "l"

[claim.anchor]
exact = "ماسك"
prefix = "الا "
'''
    annotations, problems = _load(tmp_path, body)
    text = HEADER + body
    first_line = text.split("\n").index("[[claim]]") + 1
    lines = [p.line for p in problems]
    # "first" has a two-line label (a problem) at its own header line; "second" has a
    # context miss, reported at its header with the line of [claim.anchor].
    first = next(p for p in problems if p.entry_id == "first")
    second = next(p for p in problems if p.entry_id == "second")
    assert first.line == first_line
    assert first.message == f"label (line {first_line + 3}): must be one line"
    assert second.line == _line_of(text, 'id = "second"') - 1
    assert f"anchor (line {_line_of(text, '[claim.anchor]')})" in second.message
    assert len(lines) == 2 and annotations.claims == {}


def test_entries_written_as_inline_tables_get_the_line_of_their_id(tmp_path: Path) -> None:
    body = """document = "doc.txt"
entity = [{ id = "musk", name = "ماسك", kind = "person" }]
claim = [
  { id = "a", speaker = "musk", label = "l", anchor = "قادمة" },
  { id = "b", speaker = "ghost", label = "l", anchor = "طويلا" },
]
"""
    annotations, problems = _load(tmp_path, body, header="")
    assert list(annotations.claims) == ["a"]
    assert [(p.entry, p.line) for p in problems] == [("claim b", 5)]


def test_structure_is_checked_without_a_document() -> None:
    parsed = parse_annotations('[[claim]]\nid = 5\n')
    problems = resolve_annotations(parsed, None).problems
    assert "claim #1: id (line 2): must be a string, not an integer" in [
        f"{p.entry}: {p.message}" for p in problems]
    assert {p.line for p in problems} == {1}


# --- finding the file -------------------------------------------------------------------


def test_no_annotation_file_means_a_plain_reader(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("نص\n", encoding="utf-8")
    document = load_document(tmp_path / "notes.txt")
    assert load_annotations_for(document) == FoundAnnotations()
    assert load_annotations_for(Document.from_text("نص")) == FoundAnnotations()


def test_the_file_beside_the_document_is_used(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("قال ماسك كلاما\n", encoding="utf-8")
    (tmp_path / "notes.toml").write_text(
        '[[entity]]\nid = "m"\nname = "ماسك"\nkind = "person"\n'
        '[[claim]]\nid = "c"\nspeaker = "m"\nlabel = "l"\nanchor = "كلاما"\n', encoding="utf-8")
    found = load_annotations_for(load_document(tmp_path / "notes.md"))
    annotations, problems = found.annotations, found.problems
    assert problems == [] and annotations is not None
    assert annotations.claims["c"].span == Span(0, 9, 14)


def test_an_explicit_file_that_is_missing_is_an_error(article: Document, tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        load_annotations_for(article, tmp_path / "missing.toml")


def test_an_unreadable_file_beside_the_document_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("نص\n", encoding="utf-8")
    (tmp_path / "doc.toml").mkdir()
    found = load_annotations_for(load_document(tmp_path / "doc.txt"))
    annotations, problems = found.annotations, found.problems
    assert annotations is None
    assert [p.code for p in problems] == ["unreadable"]


def test_chapter_numbers_do_not_shift_when_one_is_broken(tmp_path: Path) -> None:
    chapter = ('\n[[chapter]]\nid = "{id}"\ntitle = "t"\nsummary = "s"\nteller = "altman"\n'
               'anchor = "{quote}"\n')
    body = (chapter.format(id="one", quote="ستكون أسرع سيارة")
            + '\n[[chapter]]\nid = "two"\ntitle = "t" oops\n'
            + chapter.format(id="three", quote="انتظرت طويلا"))
    annotations, problems = _load(tmp_path, body)
    assert [(c.id, c.number) for c in annotations.chapters] == [("one", 1), ("three", 3)]
    assert [(p.entry, p.code) for p in problems] == [("chapter two", "invalid-toml")]


def test_an_alias_shared_by_two_entities_is_reported_but_both_load(tmp_path: Path) -> None:
    body = '\n[[entity]]\nid = "elon"\nname = "Elon"\nkind = "organization"\naliases = ["MUSK"]\n'
    annotations, problems = _load(tmp_path, body)
    assert [(p.entry, p.code, p.skipped) for p in problems] == [
        ("entity elon", "duplicate-alias", False)]
    assert 'alias "MUSK" also names "musk"' in problems[0].message
    assert annotations.entities["elon"].kind == "organisation"
    assert {e.id for e in annotations.entities_for_alias("musk")} == {"musk", "elon"}
