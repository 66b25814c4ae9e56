"""Fuzzing: arbitrary Unicode and bytes through the loaders, the layout core, search folding,
search and the annotation loader. No exception escapes but the documented ones
(:class:`ReaderError`, :class:`SearchError`), and the layout invariants hold
(:func:`tests.text_helpers.check_layout`).

Text comes from ``st.text()`` (any code point but surrogates) and from a mix of what hostile
content is made of: bidi controls (Trojan Source), ESC/CSI/OSC/DCS sequences, C0 and C1
controls, lone marks, ZWJ/ZWNJ, presentation forms, the highest code points, line breaks of
every kind. Bytes are arbitrary, or such text encoded with broken UTF-8 spliced in.

Defects found here are pinned at the end with their minimal inputs.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.cli import main
from reader.content.annotations.file import parse_annotations, resolve_annotations
from reader.content.annotations.model import Annotations, Problem
from reader.content.document import split_paragraphs
from reader.content.formats import TEXT, load_document, sniff
from reader.content.source import ERROR_MODES, decode_text, read_bytes, read_text
from reader.errors import ReaderError
from reader.resources import bundled_article
from reader.terminal.messages import plain
from reader.text import ParagraphLayout, VisualLine, count_lines, layout_paragraph
from reader.text.chars import BIDI_CONTROLS
from reader.text.fold import FoldedText, fold, fold_query, to_source_span
from reader.text.search import SearchError, SearchIndex
from tests.text_helpers import check_layout, is_raw

# READER_FUZZ_SCALE=10 runs ten times the examples (a long run now and then, not every run).
SCALE = float(os.environ.get("READER_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """Settings for one fuzz test: no deadline (slow machines), a bounded example count
    (sized so that the whole suite stays well under two minutes)."""
    return settings(max_examples=max(1, round(examples * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- what hostile text is made of ---------------------------------------------------------

ESCAPES = [
    "\x1b[31m", "\x1b[2J\x1b[H", "\x1b[?1049h", "\x1b[6n",  # CSI: colour, clear, alt screen, query
    "\x1b]0;title\x07", "\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\",  # OSC: title, link
    "\x1b]52;c;aGk=\x07",  # OSC 52: write the clipboard
    "\x1bP1$r\x1b\\", "\x1bPq#0;2;0;0;0\x1b\\",  # DCS: status request, sixel
    "\x1bc", "\x1b7", "\x1b(0",  # reset, save cursor, line drawing
    "\x9b2J", "\x9d0;title\x9c", "\x90q\x9c", "\x85", "\x8d", "\x9f",  # C1 forms
    "\x00", "\x07", "\x08", "\x7f", "\x0b", "\x0c", "\x0e", "\x1a",
]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c",
        # Trojan Source (CVE-2021-42574): an RLO ... LRI that hides code in a comment
        "/*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */"]
JOINERS = ["\u200d", "\u200c", "\u200b", "\u2060", "\u00ad", "\ufeff", "\u034f",
           "\ufe0f", "\ufe0e", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f44d\U0001f3fd"]
MARKS = ["\u064e", "\u0651", "\u0670", "\u0301", "\u20dd", "\u0903", "\u0f73", "\u0344"]
FORMS = ["\ufefb", "\ufef5", "\ufe8d", "\ufe8e", "\ufdf2", "\ufdfa", "\ufdfd", "\ufb50", "ﬁ",
         "\uff21", "\u3000", "\u00a0"]
HIGH = ["\U0010ffff", "\U0010fffd", "\U000e0001", "\U000e007f", "\U0001d400", "\U0001f9ff",
        "\uffff", "\ufffd"]
BREAKS = ["\n", "\r\n", "\r", "\u2029", "\u2028", "\x85", "\t", " ", "  "]
WORDS = ["كتبَ", "مُدَرِّس", "لا", "الأول", "ـ", "می\u200cخواهم", "שלום", "Tesla", "abc",
         "١٢٣", "2024", "50%", "(", ")", "«", "»", "你好", "ﻻ", "ß", "İ"]
PIECES = ESCAPES + BIDI + JOINERS + MARKS + FORMS + HIGH + BREAKS + WORDS

hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)),
                   max_size=40).map("".join)
texts = st.one_of(st.text(max_size=200), hostile)
widths = st.integers(min_value=1, max_value=120)
directions = st.sampled_from(["auto", "ltr", "rtl"])

BROKEN_UTF8 = [b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80", b"\xff",
               b"\x80", b"\xf8\x88\x80\x80\x80", b"\x00"]
raw_bytes = st.one_of(
    st.binary(max_size=300),
    texts.map(lambda t: t.encode("utf-8")),
    texts.map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    texts.map(lambda t: t.encode("utf-16")),
    st.tuples(texts, st.sampled_from(BROKEN_UTF8) | st.binary(max_size=4), texts).map(
        lambda p: p[0].encode("utf-8") + p[1] + p[2].encode("utf-8")),
)


def _paragraphs(text: str) -> list[str]:
    return split_paragraphs(text)[0] or [""]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# -- loaders ------------------------------------------------------------------------------


@fuzz(500)
@given(data=raw_bytes, errors=st.sampled_from(ERROR_MODES))
def test_read_text_gives_the_text_or_a_reader_error(folder: Path, data: bytes,
                                                    errors: str) -> None:
    path = folder / "any.txt"
    path.write_bytes(data)
    try:
        strict = data.decode("utf-8")
    except UnicodeDecodeError:
        strict = None
    binary = b"\x00" in data[:8192]
    try:
        text = read_text(path, errors)
    except ReaderError as error:
        shown = plain(error.message)  # as a pipe gets it: the file name's isolates out
        assert "\n" not in shown and shown.startswith(f"{path}: ")
        assert binary or (strict is None and errors == "strict"), error.message
        return
    assert not binary
    assert text == (strict if strict is not None else data.decode("utf-8", "replace"))


@fuzz(300)
@given(data=raw_bytes, suffix=st.sampled_from([".txt", ".md", ".markdown", ""]),
       errors=st.sampled_from(ERROR_MODES), width=widths, direction=directions,
       show_controls=st.booleans())
def test_load_document_gives_paragraphs_or_a_reader_error(
    folder: Path, data: bytes, suffix: str, errors: str, width: int, direction: str,
    show_controls: bool
) -> None:
    path = folder / f"document{suffix}"
    path.write_bytes(data)
    try:
        document = load_document(path, errors)
    except ReaderError:
        with pytest.raises(ReaderError):
            decode_text(path, read_bytes(path, wide=True), errors)
        return
    # UTF-8, a byte order mark's encoding, or the one guessed (tests/test_encodings.py)
    text = decode_text(path, data, errors).text
    assert len(document.starts) == len(document.paragraphs)
    for start, paragraph in zip(document.starts, document.paragraphs):
        assert document.text[start : start + len(paragraph)] == paragraph
        assert "\n" not in paragraph
        if suffix in (".txt", ""):
            assert "\u2029" not in paragraph
    if suffix == ".txt" or (suffix == "" and sniff(data[:8192]) is TEXT):
        assert document.paragraphs == split_paragraphs(text)[0]
        assert document.text == text
    else:
        assert len(document.blocks) == len(document.directions) == len(document.paragraphs)
    for index, paragraph in enumerate(document.paragraphs[:12]):
        chosen = document.direction(index) if direction == "auto" else direction
        layout = layout_paragraph(paragraph, width, chosen, show_controls=show_controls)
        check_layout(layout, width, show_controls)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@fuzz(200)
@given(data=raw_bytes, width=st.integers(1, 60), show_controls=st.booleans(),
       output=st.sampled_from(["text", "json"]))
def test_reader_render_prints_nothing_raw(folder: Path, data: bytes, width: int,
                                          show_controls: bool, output: str) -> None:
    path = folder / "render.txt"
    path.write_bytes(data)
    options = ["--width", str(width), "--format", output, "--errors", "replace"]
    code, out, err = _run("render", str(path), *options,
                          *(["--show-controls"] if show_controls else []))
    if code != 0:  # only a binary file is refused with --errors replace
        assert code == 2 and b"\x00" in data[:8192]
        assert err.count("\n") == 1 and err.startswith("reader: ")
        return
    # Nothing on stderr, or the one line saying that the encoding guessed is unsure.
    assert err == "" or (err.count("\n") == 1 and "encoding guessed as" in err), err
    for line in out.split("\n"):
        if output == "json" and line:
            line = json.loads(line)["text"]
        assert not any(is_raw(ch) for ch in line), line


# -- the layout core ----------------------------------------------------------------------


@fuzz(600)
@given(text=texts, width=widths, direction=directions, show_controls=st.booleans())
def test_layout_invariants_for_any_text(text: str, width: int, direction: str,
                                        show_controls: bool) -> None:
    for paragraph in _paragraphs(text):
        layout = layout_paragraph(paragraph, width, direction, show_controls=show_controls)
        check_layout(layout, width, show_controls)
        assert count_lines(paragraph, width, show_controls) == len(layout.lines)
        if show_controls:  # every bidi control is shown where it acts
            drawn = {offset for line in layout.lines for offset in line.map}
            hidden = [i for i, ch in enumerate(paragraph) if ch in BIDI_CONTROLS
                      and i not in drawn]
            assert not hidden, [paragraph[i] for i in hidden]


@fuzz(30)
@given(text=hostile)
def test_layout_invariants_at_every_width(text: str) -> None:
    for paragraph in _paragraphs(text)[:3]:
        for width in range(1, 121):
            for direction in ("auto", "ltr", "rtl"):
                check_layout(layout_paragraph(paragraph, width, direction), width)
            check_layout(layout_paragraph(paragraph, width, show_controls=True), width, True)


BROKEN_LAYOUTS = {
    # name: (paragraph, lines as (start, end, text, map, cells), width)
    "raw ESC drawn": ("a\x1bb", [(0, 3, "a\x1bb", (0, 1, 2), 2)], 10),
    "raw RLO drawn": ("a\u202eb", [(0, 3, "a\u202eb", (0, 1, 2), 2)], 10),
    "raw line separator": ("a\u2028b", [(0, 3, "a\u2028b", (0, 1, 2), 3)], 10),
    "wider than the width": ("abc", [(0, 3, "abc", (0, 1, 2), 3)], 2),
    "cells miscounted": ("ab", [(0, 2, "ab", (0, 1), 1)], 10),
    "map too short": ("ab", [(0, 2, "ab", (0,), 2)], 10),
    "gap between lines": ("ab cd", [(0, 2, "ab", (0, 1), 2), (3, 5, "cd", (3, 4), 2)], 10),
    "not to the end": ("ab cd", [(0, 3, "ab", (0, 1), 2)], 10),
    "offset outside its line": ("ab cd", [(0, 3, "ad", (0, 4), 2),
                                          (3, 5, "c", (3,), 1)], 10),
    "drawn twice": ("ab cd", [(0, 3, "ab", (0, 1), 2), (3, 5, "cdb", (3, 4, 1), 3)], 10),
    "a letter left out": ("ab", [(0, 2, "a", (0,), 1)], 10),
    "a mark left out": ("a\u0651", [(0, 2, "a", (0,), 1)], 10),
    "the wrong character": ("ab", [(0, 2, "ax", (0, 1), 2)], 10),
}


@pytest.mark.parametrize("case", BROKEN_LAYOUTS.values(), ids=BROKEN_LAYOUTS.keys())
def test_the_layout_check_rejects_broken_layouts(case: tuple) -> None:
    paragraph, lines, width = case
    layout = ParagraphLayout(paragraph, width, 0, tuple(
        VisualLine(start, end, text, mapping, cells, False)
        for start, end, text, mapping, cells in lines))
    with pytest.raises(AssertionError):
        check_layout(layout, width)


# -- search folding and search ------------------------------------------------------------


@fuzz(400)
@given(text=texts, data=st.data())
def test_folding_maps_every_folded_character_back(text: str, data: st.DataObject) -> None:
    folded, index = fold(text)
    assert folded == fold_query(text)
    assert len(index) == len(folded)
    assert all(0 <= offset < len(text) for offset in index)
    assert all(a <= b for a, b in itertools.pairwise(index))
    whole = FoldedText(text)
    assert whole.folded == folded
    assert [whole.source_offset(i) for i in range(len(folded))] == list(index)
    assume(folded)
    start = data.draw(st.integers(0, len(folded) - 1), label="start")
    end = data.draw(st.integers(start + 1, min(len(folded), start + 40)), label="end")
    source_start, source_end = to_source_span(text, index, start, end)
    assert 0 <= source_start < source_end <= len(text)
    assert unicodedata.category(text[source_start]) not in ("Mn", "Me")
    assert folded[start:end] in fold_query(text[source_start:source_end])
    assert whole.to_source(start, end) == (source_start, source_end)
    hits = whole.find_all(folded[start:end], overlapping=True)
    assert (source_start, source_end) in hits
    for a, b in [*hits, *whole.find_all(folded[start:end])]:
        assert 0 <= a < b <= len(text)
    with pytest.raises(ValueError):
        to_source_span(text, index, end, start)


@fuzz(400)
@given(text=texts, data=st.data(), mode=st.sampled_from(["fold", "exact"]),
       regex=st.booleans())
def test_search_never_fails_on_any_query(text: str, data: st.DataObject, mode: str,
                                         regex: bool) -> None:
    paragraphs = split_paragraphs(text)[0]
    queries = st.one_of(st.text(max_size=8), st.sampled_from(PIECES))
    if paragraphs and any(paragraphs):
        piece = st.sampled_from([p for p in paragraphs if p]).flatmap(
            lambda p: st.integers(0, len(p) - 1).flatmap(
                lambda a: st.integers(a + 1, len(p)).map(lambda b: p[a:b])))
        queries = queries | piece
    query = data.draw(queries, label="query")
    index = SearchIndex(paragraphs)
    try:
        spans = index.find(query, mode, regex=regex)
    except SearchError as error:
        assert regex and "\n" not in error.message
        return
    for span in spans:
        assert 0 <= span.paragraph < len(paragraphs)
        assert 0 <= span.start <= span.end <= len(paragraphs[span.paragraph])
    if regex or not query or "\n" in query or not any(query in p for p in paragraphs):
        return
    # A piece of the text is found where it is.
    if mode == "exact":
        assert spans
        assert all(query in span.text(paragraphs) for span in spans)
    elif fold_query(query).strip() and "  " not in fold_query(query):
        assert spans


# -- the annotation loader ----------------------------------------------------------------

ARTICLE_TOML = bundled_article().with_suffix(".toml").read_text("utf-8")
ARTICLE = load_document()
TOML_PIECES = ['"', "'", '"""', "'''", "[", "]", "[[", "]]", "{", "}", "=", ",", "\n", "#",
               "\\", "\\u", "\\U0010FFFF", "\\ud800", "1979-05-27T07:32:00Z", "inf", "nan",
               "[[claim]]", "[[rebuttal]]", "[entity]", "[chapter.anchor]", "id", "answers",
               'answers = ["musk-2017"]', "anchor = 5", "occurrence = 0", "occurrence = 99",
               'id = "x y"', "\r", "\x00", *ESCAPES[:4], *BIDI[:5], "\ufeff"]


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    """The bundled annotation file with a few cuts, insertions, copies and swaps."""
    text = ARTICLE_TOML
    for _ in range(draw(st.integers(1, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 300)))
        operation = draw(st.sampled_from(["cut", "insert", "copy", "replace", "swap"]))
        if operation == "cut":
            text = text[:a] + text[b:]
        elif operation == "insert":
            text = text[:a] + draw(st.sampled_from(TOML_PIECES) | st.text(max_size=6)) + text[a:]
        elif operation == "copy":
            text = text[:b] + text[a:b] + text[b:]
        elif operation == "replace":
            text = text[:a] + draw(st.sampled_from(TOML_PIECES)) + text[b:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


annotation_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TOML_PIECES) | st.text(max_size=4), max_size=60).map("".join),
    mutated_article(),
)

CODES = {"invalid-toml", "unreadable", "schema", "unknown-key", "unknown-id", "duplicate-id",
         "wrong-kind", "self-reference", "cycle", "quote-not-found", "ambiguous-quote",
         "duplicate-alias"}


def _check_annotations(annotations: Annotations, paragraphs: list[str] | None) -> None:
    for problem in annotations.problems:
        assert isinstance(problem, Problem) and problem.code in CODES, problem
        assert str(problem)
    for entry in annotations.anchored():
        assert paragraphs is not None
        span = entry.span
        assert 0 <= span.start < span.end <= len(paragraphs[span.paragraph])
        assert fold_query(entry.anchor.exact).strip()
    for entry_id in [*annotations.claims, *annotations.rebuttals]:
        for other in annotations.counterparts(entry_id):
            assert other.id != entry_id
            assert other.id in annotations.rebuttals or entry_id in annotations.rebuttals
            assert entry_id in [back.id for back in annotations.counterparts(other.id)]


@fuzz(300)
@given(text=annotation_texts)
def test_annotation_files_give_problems_not_exceptions(text: str) -> None:
    parsed = parse_annotations(text)
    assert all(isinstance(p, Problem) for p in parsed.problems)
    for paragraphs in (ARTICLE.paragraphs, None, ["", "ماسك"]):
        _check_annotations(resolve_annotations(parsed, paragraphs), paragraphs)


@fuzz(200)
@given(toml=annotation_texts, data=raw_bytes)
def test_annotations_against_any_document(folder: Path, toml: str, data: bytes) -> None:
    document_path = folder / "annotated.txt"
    document_path.write_bytes(data)
    try:
        document = load_document(document_path, "replace")
    except ReaderError:
        return
    paragraphs = document.paragraphs
    _check_annotations(resolve_annotations(parse_annotations(toml), paragraphs), paragraphs)


@fuzz(100)
@given(toml=annotation_texts, query=st.sampled_from(PIECES) | st.text(max_size=6))
def test_reader_check_and_search_print_nothing_raw(folder: Path, toml: str,
                                                   query: str) -> None:
    (folder / "checked.txt").write_text("\n".join(ARTICLE.paragraphs), encoding="utf-8")
    (folder / "checked.toml").write_text(toml, encoding="utf-8")
    code, out, err = _run("check", str(folder / "checked.toml"),
                          "--document", str(folder / "checked.txt"))
    binary = b"\x00" in toml.encode("utf-8")[:8192]  # refused: it cannot be read at all
    assert code == 2 if binary else code in (0, 1)
    printed = out + err
    code, out, err = _run("search", query, str(folder / "checked.txt"),
                          "--annotations", str(folder / "checked.toml"))
    assert code in (0, 1, 2)
    printed += out + err
    for line in printed.split("\n"):
        assert not any(is_raw(ch) for ch in line.replace("\t", " ")), line


# -- defects found by fuzzing, now fixed: the minimal inputs hypothesis found ---------------


def test_a_lone_mark_after_a_space_fits_the_width() -> None:
    layout = layout_paragraph("a \u0651", 1)
    assert all(line.cells <= 1 for line in layout.lines), [
        (line.text, line.cells) for line in layout.lines]


def test_a_lone_variation_selector_does_not_widen_what_precedes_it() -> None:
    layout = layout_paragraph("\ufe0f0", 5, "rtl")
    assert [(line.text, line.cells) for line in layout.lines] == [
        (line.text, cell_len(line.text)) for line in layout.lines]


def test_a_mark_lies_in_the_range_of_the_line_that_draws_it() -> None:
    layout = layout_paragraph("\u4f60\u200e\u0301", 1)  # 你, LRM, combining acute
    holder = next(line for line in layout.lines if line.start <= 2 < line.end)
    assert holder.text, [(line.text, line.start, line.end) for line in layout.lines]


def test_a_mark_on_hanging_white_space_is_drawn() -> None:
    layout = layout_paragraph("a\u2028\u0651", 10)
    assert any(2 in line.map for line in layout.lines), [
        (line.text, line.map) for line in layout.lines]


def test_show_controls_reveals_a_zwj_in_arabic() -> None:
    layout = layout_paragraph("\u0628\u200d\u0628", 20, show_controls=True)
    assert "\u27e6ZWJ\u27e7" in layout.lines[0].text, layout.lines[0].text
