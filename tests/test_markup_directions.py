"""A paragraph's direction from the document's markup (UAX #9 HL1), not its first letter.

The defect (a real document: the Arabic Debian handbook, Publican/DocBook HTML): a heading
such as "B.5.1. العمليات" starts with a Latin letter, so its first strong letter makes it
left to right, while a browser lays it out right to left because the page says
``dir="rtl"`` and the heading inherits it. HTML's ``dir`` (``rtl``, ``ltr``, ``auto``),
``<bdi>`` and ``<bdo>`` are honoured the way a browser honours them; without any, a
paragraph keeps its first strong letter's direction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.content.document import Document
from reader.content.formats import load_document
from reader.content.formats.epub import book_direction
from reader.text.layout import layout_paragraph
from reader.text.levels import Isolate, level_runs, paragraph_levels

HANDBOOK = Path("/usr/share/doc/debian-handbook/html")
PAGE = """<!DOCTYPE html>
<html dir="rtl" lang="ar"><head><meta charset="utf-8"><title>الإدارة</title></head><body>
<h2>B.5.1. العمليات</h2>
<p>RAID تعني مصفوفة الأقراص المستقلة.</p>
<pre>$ cat /proc/mdstat
Personalities : [raid1]</pre>
<p dir="ltr">ملاحظة: this note reads left to right.</p>
</body></html>"""


def _lines(document: Document, index: int, width: int = 60) -> list[tuple[bool, list[int]]]:
    """Paragraph ``index`` laid out by the core as the app and ``render`` lay it out:
    (is the line right to left, its visual map to source offsets) per line."""
    layout = layout_paragraph(document.paragraphs[index], width, document.direction(index),
                              isolates=document.isolates(index))
    return [(line.rtl, list(line.map)) for line in layout.lines]


def _visual(document: Document, index: int, width: int = 60) -> str:
    """Paragraph ``index``'s first visual line as source characters, left to right."""
    text = document.paragraphs[index]
    _rtl, mapping = _lines(document, index, width)[0]
    return "".join(text[offset] for offset in mapping)


def test_the_page_direction_is_the_paragraphs_base_level(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    document = load_document(page)
    assert document.paragraphs[:2] == ["B.5.1. العمليات", "RAID تعني مصفوفة الأقراص المستقلة."]
    heading, raid = 0, 1
    code = document.paragraphs.index("$ cat /proc/mdstat")
    note = document.paragraphs.index("ملاحظة: this note reads left to right.")
    assert [document.direction(i) for i in (heading, raid, code, note)] == [
        "rtl", "rtl", "ltr", "ltr"]
    # Through the core: right to left, the section number at the right end of the line
    # (where a browser puts it; its last dot, between it and the Arabic, goes the
    # paragraph's way, to its left), "RAID" at the right end of its sentence.
    rtl, mapping = _lines(document, heading)[0]
    assert rtl and mapping[-6:] == [5, 0, 1, 2, 3, 4]
    rtl, mapping = _lines(document, raid)[0]
    assert rtl and mapping[-4:] == [0, 1, 2, 3]
    assert _lines(document, code)[0] == (False, list(range(18)))
    rtl, mapping = _lines(document, note)[0]
    assert not rtl and mapping[-1] == len(document.paragraphs[note]) - 1


def test_render_lays_out_the_heading_right_to_left(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    assert main(["render", "--format", "json", "--width", "60", str(page)]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["paragraph"] == 1 and first["rtl"] is True
    assert first["map"][-6:] == [5, 0, 1, 2, 3, 4]


def test_without_markup_direction_the_first_strong_letter_decides(tmp_path: Path) -> None:
    page = tmp_path / "plain.html"
    page.write_text("<html><body><h2>B.5.1. العمليات</h2><p>نص عربي</p></body></html>",
                    "utf-8")
    document = load_document(page)
    assert document.directions == ["auto", "auto"]
    assert not _lines(document, 0)[0][0] and _lines(document, 1)[0][0]
    markdown = tmp_path / "notes.md"
    markdown.write_text("## B.5.1. العمليات\n\nRAID فقرة\n", "utf-8")
    assert not _lines(load_document(markdown), 0)[0][0]  # Markdown has no dir


def test_dir_auto_takes_the_first_strong_letter_of_the_whole_element(tmp_path: Path) -> None:
    """HTML's auto directionality: the element's first strong letter, leaving out what
    elements with a direction of their own hold, inherited by the paragraphs inside."""
    page = tmp_path / "auto.html"
    page.write_text(
        '<html dir="rtl"><body><div dir="auto"><p><span dir="rtl">عربي</span> 12</p>'
        "<p>Linux نواة</p><p>نواة Linux</p></div>"
        '<div dir="auto"><p>123</p></div></body></html>', "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["عربي 12", "Linux نواة", "نواة Linux", "123"]
    # "Linux" is the first strong letter outside the span: the whole div is left to right.
    assert document.directions == ["ltr", "ltr", "ltr", "rtl"]  # no letter: as around it


def test_inline_dir_bdi_and_bdo_are_isolates(tmp_path: Path) -> None:
    """An inline element's ``dir`` isolates its text in that direction (the handbook's
    "<em dir="ltr">Now wait for suid shell...</em>" in an Arabic sentence keeps its dots at
    its end), ``<bdi>`` in its own direction, ``<bdo>`` overrides; the text is the source's
    (copying and search unchanged)."""
    page = tmp_path / "inline.html"
    page.write_text(
        '<html dir="rtl"><body><p>مثل <em dir="ltr">Now wait...</em> هنا</p>'
        '<p>نص <bdo dir="rtl">abc</bdo> نهاية</p>'
        "<p>Name: <bdi>إيان</bdi> 90</p>"
        '<p><span dir="ltr">left<br>still</span> عربي</p></body></html>', "utf-8")
    document = load_document(page)
    assert document.paragraphs[:3] == ["مثل Now wait... هنا", "نص abc نهاية",
                                       "Name: إيان 90"]
    assert "Now wait..." in _visual(document, 0)  # not "...Now wait"
    assert "cba" in _visual(document, 1)  # overridden: drawn reversed, copied as "abc"
    # <bdi>: the name does not pull " 90" into its run; without it, "90" would stand
    # right after the name, "Name: 90 إيان" in a left-to-right paragraph.
    assert _visual(document, 2) == "Name: " + "إيان"[::-1] + " 90"
    # A break inside an inline dir: the paragraphs stay in the page's direction.
    assert document.direction(3) == document.direction(4) == "rtl"
    assert document.isolates(3) == (Isolate(0, 4, "ltr"),)


def test_text_before_a_block_keeps_the_direction_around_it(tmp_path: Path) -> None:
    page = tmp_path / "mixed.html"
    page.write_text('<html><body><div dir="rtl">مقدمة <p dir="ltr">English.</p></div>'
                    "</body></html>", "utf-8")
    document = load_document(page)
    assert list(zip(document.paragraphs, document.directions)) == [
        ("مقدمة", "rtl"), ("English.", "ltr")]


def test_a_markdown_html_block_gives_its_dir_to_the_blocks_inside(tmp_path: Path) -> None:
    """A README wrapped in ``<div dir="rtl">`` (common for Persian and Arabic READMEs on
    GitHub, which honours it): the Markdown blocks up to ``</div>`` read right to left,
    a nested element's own ``dir`` and the code inside keep theirs; the markup's lines are
    shown as written."""
    page = tmp_path / "README.md"
    page.write_text('<div dir="rtl" align="right">\n\n## B.5.1. العمليات\n\nRAID فقرة\n\n'
                    '| a | ب |\n|---|---|\n| x | ي |\n\n```\nls -l\n```\n\n'
                    '<div dir="ltr">\n\nLTR فقرة\n\n</div>\n\nRAID أيضا\n\n</div>\n\n'
                    "RAID بعد\n", "utf-8")
    document = load_document(page)
    read = dict(zip(document.paragraphs, document.directions))
    assert read['<div dir="rtl" align="right">'] == "auto"  # markup, as written
    assert read["B.5.1. العمليات"] == read["RAID فقرة"] == read["a\tب"] == "rtl"
    assert read["ls -l"] == "ltr" and read["LTR فقرة"] == "ltr"
    assert read["RAID أيضا"] == "rtl"  # the inner div closed, the outer still open
    assert read["RAID بعد"] == "auto"  # after </div>: its first strong letter


@pytest.mark.parametrize(("text", "direction", "isolates", "marked"), [
    ("abc def", "ltr", (Isolate(0, 3, "override-rtl"),), "\u202eabc\u202c def"),
    ("نص abc و x ب", "rtl", (Isolate(3, 6, "override-rtl"), Isolate(9, 12, "ltr")),
     "نص \u202eabc\u202c و \u2066x ب\u2069"),
    ("a b c", "rtl", (Isolate(0, 5, "auto"), Isolate(2, 3, "rtl")),
     "\u2068a \u2067b\u2069 c\u2069"),
    ("x عربي y", "ltr", (Isolate(0, 8, "rtl"), Isolate(2, 10, "ltr")),  # cut at the outer end
     "\u2067x \u2066عربي y\u2069\u2069"),
])
def test_isolates_of_every_kind_resolve_as_their_controls(
        text: str, direction: str, isolates: tuple[Isolate, ...], marked: str) -> None:
    expected, expected_para = paragraph_levels(marked, direction)
    controls = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    ends, run_levels, para = level_runs(text, direction, isolates)
    levels = [level for end, level, start in zip(ends, run_levels, [0, *ends])
              for _ in range(end - start)]
    assert para == expected_para
    assert levels == [level for level, ch in zip(expected, marked) if ch not in controls]


_CONTROLS = {"ltr": ("\u2066", "\u2069"), "rtl": ("\u2067", "\u2069"),
             "auto": ("\u2068", "\u2069"), "override-ltr": ("\u202d", "\u202c"),
             "override-rtl": ("\u202e", "\u202c")}


@st.composite
def _nested(draw: st.DrawFn) -> tuple[str, tuple[Isolate, ...]]:
    """A text of Latin and Arabic letters, digits and neutrals, and isolates nested as
    elements are (each inside or beside the others)."""
    text = draw(st.text(alphabet="ab عم 12.-(),", min_size=1, max_size=24))
    isolates: list[Isolate] = []

    def fill(start: int, end: int, depth: int) -> None:
        at = start
        while at < end and depth < 3 and draw(st.booleans()):
            left = draw(st.integers(at, end))
            right = draw(st.integers(left, end))
            isolates.append(Isolate(left, right, draw(st.sampled_from(sorted(_CONTROLS)))))
            fill(left, right, depth + 1)
            at = right

    fill(0, len(text), 0)
    return text, tuple(isolates)


@settings(max_examples=150, deadline=None)
@given(_nested(), st.sampled_from(["auto", "ltr", "rtl"]))
def test_nested_isolates_resolve_as_the_controls_would(
        case: tuple[str, tuple[Isolate, ...]], direction: str) -> None:
    text, isolates = case
    opening: dict[int, str] = {}
    closing: dict[int, str] = {}
    for start, end, kind in isolates:
        if start < end:
            opening[start] = opening.get(start, "") + _CONTROLS[kind][0]
            closing[end] = _CONTROLS[kind][1] + closing.get(end, "")
    marked = "".join(closing.get(i, "") + opening.get(i, "") + ch for i, ch in enumerate(text))
    marked += closing.get(len(text), "")
    expected, expected_para = paragraph_levels(marked, direction)
    ends, run_levels, para = level_runs(text, direction, isolates)
    levels = [level for end, level, start in zip(ends, run_levels, [0, *ends])
              for _ in range(end - start)]
    controls = set("".join(a + b for a, b in _CONTROLS.values()))
    assert para == expected_para
    # The same order on screen (rule L2; an all-left-to-right text's fast path gives its
    # isolates level 0 rather than 2, which reverses nothing either way).
    assert _order(levels) == _order([level for level, ch in zip(expected, marked)
                                     if ch not in controls])


def _order(levels: list[int]) -> list[int]:
    """Rule L2: from the highest level to the lowest odd one, reverse every run at least
    that high."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels, default=0), min(odd, default=1) - 1, -1):
        at = 0
        while at < len(order):
            if levels[order[at]] >= level:
                end = at
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[at:end] = reversed(order[at:end])
                at = end
            else:
                at += 1
    return order


def test_a_book_takes_its_language_and_progression_as_a_hint() -> None:
    """Readium CSS's rule: right to left for a book in a right-to-left language unless its
    pages turn left to right; a manga's right-to-left progression is no text direction."""
    assert book_direction("", "ar") == "rtl"
    assert book_direction("rtl", "fa-IR") == "rtl"
    assert book_direction("rtl", "ja") == "auto"
    assert book_direction("rtl", "") == "rtl"
    assert book_direction("ltr", "he") == "ltr"
    assert book_direction("", "en") == "auto"


def test_the_committed_handbook_page_reads_right_to_left() -> None:
    page = Path(__file__).parent / "data" / "real" / "publican" / "guide.ar.html"
    document = load_document(page)
    headings = [i for i, block in enumerate(document.blocks) if block.kind == "heading"]
    numbered = [i for i in headings if document.paragraphs[i][:1].isdigit()]
    assert numbered and all(document.direction(i) == "rtl" for i in numbered)
    assert all(_lines(document, i)[0][0] for i in numbered)


@pytest.mark.skipif(not (HANDBOOK / "ar-MA").is_dir(),
                    reason="the debian-handbook package is not installed")
def test_the_installed_arabic_handbook_reads_as_a_browser_shows_it() -> None:
    chapter = load_document(HANDBOOK / "ar-MA" / "advanced-administration.html")
    headings = [i for i, block in enumerate(chapter.blocks) if block.kind == "heading"]
    for index in headings:
        rtl, _mapping = _lines(chapter, index, 200)[0]
        assert rtl, chapter.paragraphs[index]
    # "12.1.1.\xa0\u200fSoftware RAID": the number at the right end, the English after it
    software = next(i for i in headings if chapter.paragraphs[i].endswith("Software RAID"))
    assert _lines(chapter, software, 200)[0][1][-6:] == list(range(6))
    shell = load_document(HANDBOOK / "ar-MA" / "sect.dealing-with-compromised-machine.html")
    index = next(i for i, text in enumerate(shell.paragraphs)
                 if "Now wait for suid shell..." in text)
    assert "Now wait for suid shell..." in _visual(shell, index, 10_000)


async def test_the_app_shows_the_markup_directions(tmp_path: Path) -> None:
    """On screen as in a browser: the heading right-aligned with its number at the right
    end, "RAID" at the right end of its sentence, a ``dir="ltr"`` path whole (not
    "dev/sdc/"), a ``<bdo>`` reversed."""
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app

    page = tmp_path / "page.html"
    page.write_text(PAGE.replace(
        "</body>", '<p>استبدل <span dir="ltr">/dev/sdc</span> بالاسم و<bdo dir="rtl">abc</bdo>'
        "</p></body>"), "utf-8")
    app = create_app(page, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        article = app.article
        rows = ["".join(s.text for s in article.render_line(y)).rstrip()
                for y in range(article.scrollable_content_region.height)]
        assert any(row.endswith(".B.5.1") for row in rows), rows
        assert any(row.endswith(" RAID") for row in rows), rows
        path_row = next(row for row in rows if "dev/sdc" in row)
        assert "/dev/sdc" in path_row and "dev/sdc/" not in path_row
        assert "cba" in path_row


def test_a_paragraph_all_in_a_directed_span_takes_its_direction(tmp_path: Path) -> None:
    """A page with no ``dir`` whose paragraph is all in a ``<span dir="rtl">``: the span's
    direction (a browser would fall back to left to right; the reader, where the markup
    gives the paragraph none, goes by what it says of its text); a letter outside the
    spans decides as before."""
    page = tmp_path / "spans.html"
    page.write_text('<html><body><p><span dir="rtl">B.5 عنوان</span></p>'
                    "<p><bdi>نص</bdi> 12</p>"
                    '<p>Linux <span dir="rtl">نواة</span></p></body></html>', "utf-8")
    document = load_document(page)
    assert document.directions == ["rtl", "rtl", "auto"]
    assert not _lines(document, 2)[0][0]
