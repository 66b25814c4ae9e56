"""Documents: plain text and Markdown to paragraphs, blocks and directions; RTL samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.cli import main
from reader.content.document import (
    BLOCK_KINDS,
    INLINE_STYLES,
    Block,
    Document,
    Heading,
    StyleSpan,
)
from reader.content.formats import load_document
from reader.content.formats.markdown import markdown_document, parse_markdown
from reader.text import layout_paragraph
from tests.text_helpers import visual_lines

SAMPLES = Path(__file__).parent / "data" / "samples"


def md(source: str) -> Document:
    return markdown_document(source)


def kinds(document: Document) -> list[tuple[str, int, str, str]]:
    return [
        (block.kind, block.level, block.marker, text)
        for block, text in zip(document.blocks, document.paragraphs, strict=True)
    ]


def styled(document: Document, index: int) -> list[tuple[str, str, str]]:
    """(style, styled text, url) for every span of paragraph ``index``."""
    text = document.paragraphs[index]
    return [(s.style, text[s.start : s.end], s.url) for s in document.blocks[index].spans]


def assert_consistent(document: Document) -> None:
    """The model's invariants, whatever the format."""
    count = len(document.paragraphs)
    assert len(document.starts) == count
    assert len(document.directions) in (0, count)
    assert len(document.blocks) in (0, count)
    for i, paragraph in enumerate(document.paragraphs):
        start = document.starts[i]
        assert document.text[start : start + len(paragraph)] == paragraph
        assert document.locate(start) == (i, 0)
        assert document.direction(i) in ("auto", "ltr", "rtl")
        block = document.block(i)
        assert block.kind in BLOCK_KINDS
        for span in block.spans:
            assert 0 <= span.start < span.end <= len(paragraph)
            assert span.style in INLINE_STYLES
            assert bool(span.url) <= (span.style == "link")


# --- plain text -----------------------------------------------------------------------------


def test_plain_text_one_paragraph_per_line_blank_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("سطر أول\n\nthird line\n", encoding="utf-8")
    document = load_document(path)
    assert document.paragraphs == ["سطر أول", "", "third line"]
    assert document.starts == [0, 8, 9]
    assert document.blocks == []
    assert document.block(1) == Block("paragraph")
    assert document.headings() == []
    assert document.direction(0) == "auto"
    assert document.title == "سطر أول"
    assert_consistent(document)


def test_plain_text_crlf_and_paragraph_separator(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes("one\r\ntwo\r\n\r\nthree\u2029four".encode())
    document = load_document(path)
    assert document.paragraphs == ["one", "two", "", "three", "four"]
    assert all("\r" not in paragraph for paragraph in document.paragraphs)
    assert_consistent(document)


def test_plain_text_byte_order_mark_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "مرحبا\nhello".encode())
    document = load_document(path)
    assert document.paragraphs == ["مرحبا", "hello"]
    assert document.text.startswith("مرحبا")
    assert document.title == "مرحبا"


def test_markdown_byte_order_mark_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Heading\n\ntext\n")
    document = load_document(path)
    assert kinds(document)[0] == ("heading", 1, "", "Heading")
    assert document.title == "Heading"


def test_suffix_decides_the_format(tmp_path: Path) -> None:
    source = "# Title\n\n*text*\n"
    for name in ("a.md", "b.markdown", "c.MD"):
        (tmp_path / name).write_text(source, encoding="utf-8")
        assert load_document(tmp_path / name).paragraphs == ["Title", "text"]
    (tmp_path / "d.txt").write_text(source, encoding="utf-8")
    assert load_document(tmp_path / "d.txt").paragraphs == ["# Title", "", "*text*"]


def test_bundled_article_still_loads_as_plain_text() -> None:
    document = load_document()
    assert document.paragraphs and document.blocks == []
    assert_consistent(document)


# --- Markdown structure ---------------------------------------------------------------------


def test_headings_levels_title_and_table_of_contents() -> None:
    document = md("Intro text.\n\n# First\n\ntext\n\n## Second *part*\n\nSetext\n------\n")
    assert document.title == "First"
    assert document.headings() == [
        Heading(1, 1, "First"),
        Heading(3, 2, "Second part"),
        Heading(4, 2, "Setext"),
    ]
    assert styled(document, 3) == [("em", "part", "")]
    assert_consistent(document)


def test_title_without_headings_is_the_first_sentence() -> None:
    assert md("Hello there. More text.\n").title == "Hello there"
    assert md("# \n\n## Real title\n").title == "Real title"


def test_nested_lists_with_markers() -> None:
    document = md(
        "- one\n"
        "- two\n"
        "  - two a\n"
        "    - deep\n"
        "  - two b\n"
        "- three\n"
        "\n"
        "7. seven\n"
        "8. eight\n"
        "\n"
        "1) paren\n"
    )
    assert kinds(document) == [
        ("list_item", 1, "•", "one"),
        ("list_item", 1, "•", "two"),
        ("list_item", 2, "◦", "two a"),
        ("list_item", 3, "▪", "deep"),
        ("list_item", 2, "◦", "two b"),
        ("list_item", 1, "•", "three"),
        ("list_item", 1, "7.", "seven"),
        ("list_item", 1, "8.", "eight"),
        ("list_item", 1, "1)", "paren"),
    ]
    assert_consistent(document)


def test_list_item_marker_only_on_its_first_paragraph() -> None:
    document = md("- first para\n\n  second para\n- \n- - nested first\n")
    assert kinds(document) == [
        ("list_item", 1, "•", "first para"),
        ("list_item", 1, "", "second para"),
        ("list_item", 1, "•", ""),  # an empty item keeps its marker
        ("list_item", 1, "•", ""),  # an item that starts with a nested list
        ("list_item", 2, "◦", "nested first"),
    ]


def test_code_in_a_list_item_keeps_its_lines_aligned() -> None:
    document = md("1. ```\n   x = 1\n   ```\n")
    assert kinds(document) == [("list_item", 1, "1.", ""), ("code", 1, "", "x = 1")]


def test_block_quotes_and_nesting() -> None:
    document = md("> قال الكاتب.\n>\n> > nested *quote*\n\n> - item in a quote\n")
    assert kinds(document) == [
        ("quote", 1, "", "قال الكاتب."),
        ("quote", 2, "", "nested quote"),
        ("list_item", 1, "•", "item in a quote"),
    ]
    assert styled(document, 1) == [("em", "quote", "")]
    assert document.directions == ["auto", "auto", "auto"]


def test_fenced_code_one_ltr_paragraph_per_line() -> None:
    document = md("Text\n\n```python\ndef f():\n\n\treturn 'مرحبا'  \n```\n\nAfter\n")
    assert kinds(document)[1:4] == [
        ("code", 0, "", "def f():"),
        ("code", 0, "", ""),
        ("code", 0, "", "\treturn 'مرحبا'  "),  # tabs and trailing spaces kept
    ]
    assert document.directions == ["auto", "ltr", "ltr", "ltr", "auto"]
    assert [block.line for block in document.blocks] == [1, 4, 5, 6, 9]
    # Code is LTR even when it starts with an Arabic word.
    code = md("```\nمرحبا = 1\n```\n")
    assert code.directions == ["ltr"]
    assert not layout_paragraph(code.paragraphs[0], 40, code.direction(0)).rtl


def test_indented_code_and_markup_inside_code_kept_verbatim() -> None:
    document = md("    *not emphasis*\n    <b>raw</b>\n\n`` a `b` ``\n")
    assert kinds(document)[:2] == [
        ("code", 0, "", "*not emphasis*"),
        ("code", 0, "", "<b>raw</b>"),
    ]
    assert document.direction(0) == "ltr"
    assert document.paragraphs[2] == "a `b`"
    assert styled(document, 2) == [("code", "a `b`", "")]
    assert document.direction(2) == "auto"


def test_links_keep_their_text_and_put_the_url_in_a_span() -> None:
    document = md(
        "See [the *docs*](https://example.com/docs \"Title\") and <https://a.example/x>.\n\n"
        "[ref link][r] and ![an image](pic.png)\n\n"
        "[r]: https://ref.example/\n"
    )
    assert document.paragraphs[0] == "See the docs and https://a.example/x."
    assert styled(document, 0) == [
        ("link", "the docs", "https://example.com/docs"),
        ("em", "docs", ""),
        ("link", "https://a.example/x", "https://a.example/x"),
    ]
    assert document.paragraphs[1] == "ref link and an image"
    assert styled(document, 1) == [
        ("link", "ref link", "https://ref.example/"),
        ("link", "an image", "pic.png"),
    ]
    assert_consistent(document)


def test_emphasis_spans_have_code_point_offsets() -> None:
    document = md("كلمة *مائلة* و**عريضة** و`code` ***كلاهما***\n")
    text = document.paragraphs[0]
    assert text == "كلمة مائلة وعريضة وcode كلاهما"
    spans = document.blocks[0].spans
    assert StyleSpan(5, 10, "em") in spans
    assert text[5:10] == "مائلة"
    assert styled(document, 0) == [
        ("em", "مائلة", ""),
        ("strong", "عريضة", ""),
        ("code", "code", ""),
        ("em", "كلاهما", ""),
        ("strong", "كلاهما", ""),
    ]
    # Offsets count code points: harakat and astral characters are one each.
    marked = md("😀 مُدَرِّس *كَتَبَ*\n")
    assert styled(marked, 0) == [("em", "كَتَبَ", "")]
    assert marked.blocks[0].spans[0].start == len("😀 مُدَرِّس ")


def test_soft_breaks_become_spaces_hard_breaks_split() -> None:
    document = md("one\ntwo  \nthree *four\\\nfive* six\n\n- item  \n  continued\n")
    assert kinds(document) == [
        ("paragraph", 0, "", "one two"),
        ("paragraph", 0, "", "three four"),
        ("paragraph", 0, "", "five six"),
        ("list_item", 1, "•", "item"),
        ("list_item", 1, "", "continued"),
    ]
    # An emphasis across the hard break is cut in two, one part on each side.
    assert styled(document, 1) == [("em", "four", "")]
    assert styled(document, 2) == [("em", "five", "")]
    assert [block.line for block in document.blocks] == [1, 3, 4, 6, 7]
    assert all("\n" not in paragraph for paragraph in document.paragraphs)


def test_rules_html_and_entities() -> None:
    document = md("a\n\n---\n\n<div dir=\"rtl\">\nمرحبا\n</div>\n\nx <b>y</b> &amp; &copy;\n")
    assert kinds(document) == [
        ("paragraph", 0, "", "a"),
        ("rule", 0, "", ""),
        ("paragraph", 0, "", '<div dir="rtl">'),
        ("paragraph", 0, "", "مرحبا"),
        ("paragraph", 0, "", "</div>"),
        ("paragraph", 0, "", "x <b>y</b> & ©"),
    ]
    assert_consistent(document)


def test_control_characters_are_kept_as_text_never_interpreted() -> None:
    document = md("bell \x07 esc \x1b[31m red &#27; end\n\n```\n\x1b[2J\n```\n")
    # Raw controls stay as they are; a numeric reference to one is U+FFFD (CommonMark).
    assert document.paragraphs[0] == "bell \x07 esc \x1b[31m red \ufffd end"
    assert document.paragraphs[1] == "\x1b[2J"
    for index, paragraph in enumerate(document.paragraphs):
        layout = layout_paragraph(paragraph, 80, document.direction(index))
        assert not any("\x1b" in line.text or "\x07" in line.text for line in layout.lines)
    assert "\u241b" in layout_paragraph(document.paragraphs[0], 80).lines[0].text


def test_line_break_references_stay_inside_their_paragraph() -> None:
    document = md("one&#10;two&#13;three\u2029four\n")
    assert document.paragraphs == ["one\ntwo\rthree\u2029four"]
    (line,) = layout_paragraph(document.paragraphs[0], 80).lines
    assert line.text == "one\u240atwo\u240dthree\u23cefour"  # shown, not obeyed


MARKDOWN_PIECES = st.sampled_from([
    "# ", "## ", "- ", "* ", "1. ", "2) ", "> ", "    ", "```", "~~~", "---", "***", "**",
    "*", "_", "`", "[", "]", "(", ")", "<", ">", "!", "\\", "&amp;", "&#10;", "http://x.y",
    "\n", "\n\n", "  \n", " ", "\t", "\x1b", "\u2029", "\u200c", "word", "مرحبا", "שלום",
    "کتاب", "َ", "😀",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_any_markdown_gives_a_consistent_document(source: str) -> None:
    document = md(source)
    assert_consistent(document)
    assert len(document.blocks) == len(document.paragraphs) == len(document.directions)
    for index, block in enumerate(document.blocks):
        # Code is always LTR; a table or a paragraph cut by hard breaks takes one direction
        # for all its parts; everything else finds its own.
        if block.kind == "code":
            assert document.direction(index) == "ltr"
        elif block.kind != "table_row" and not block.joined and not (
                index + 1 < len(document.blocks) and document.blocks[index + 1].joined):
            assert document.direction(index) == "auto"
        assert block.kind != "heading" or 1 <= block.level <= 6
        assert block.kind != "list_item" or block.level >= 1


def test_tables_are_rows_of_cells() -> None:
    document = md("| a | b |\n|---|---|\n| 1 | *2* |\n")
    assert document.paragraphs == ["a\tb", "1\t2"]
    assert [(b.kind, b.level, b.cells, b.joined) for b in document.blocks] == [
        ("table_row", 1, (0, 2), False), ("table_row", 0, (0, 2), True)]
    assert styled(document, 1) == [("em", "2", "")]
    assert document.directions == ["ltr", "ltr"]


def test_empty_markdown() -> None:
    document = md("")
    assert document.paragraphs == [] and document.blocks == [] and document.headings() == []
    assert document.locate(0) == (0, 0)
    assert parse_markdown("\n\n").paragraphs == []


def test_markdown_text_joins_paragraphs_and_locate_maps_back() -> None:
    document = md("# عنوان\n\nفقرة *أولى*\n\n- بند\n")
    assert document.text == "عنوان\nفقرة أولى\nبند"
    assert document.starts == [0, 6, 16]
    assert document.locate(document.text.index("أولى")) == (1, 5)
    assert document.blocks[1].line == 3


# --- the samples ----------------------------------------------------------------------------


def test_structure_sample() -> None:
    document = load_document(SAMPLES / "structure.md")
    assert_consistent(document)
    assert document.title == "The Reader Manual"
    assert [(h.level, h.text) for h in document.headings()] == [
        (1, "The Reader Manual"),
        (2, "Lists"),
        (2, "Quotes"),
        (2, "Code"),
        (3, "A third-level heading"),
    ]
    assert styled(document, 1) == [
        ("em", "emphasis", ""),
        ("strong", "strong words", ""),
        ("code", "inline code", ""),
        ("link", "link to the project", "https://example.com/reader"),
    ]
    items = [(b.level, b.marker, p) for b, p in zip(document.blocks, document.paragraphs)
             if b.kind == "list_item"]
    assert items == [
        (1, "•", "First item"),
        (1, "•", "Second item"),
        (2, "◦", "Nested item with bold text"),
        (2, "◦", "Another nested item"),
        (1, "•", "Third item"),
        (1, "3.", "Open the file."),
        (1, "4.", "Read the text."),
    ]
    quotes = [(b.level, p) for b, p in zip(document.blocks, document.paragraphs)
              if b.kind == "quote"]
    assert quotes == [(1, "A quoted paragraph."), (2, "A nested quote.")]
    code = [p for b, p in zip(document.blocks, document.paragraphs) if b.kind == "code"]
    assert code == ["def greet(name):", "", '    return f"Hello, {name}"']
    assert "Soft line breaks become spaces." in document.paragraphs
    assert "A hard break starts a new paragraph." in document.paragraphs
    assert [b.kind for b in document.blocks].count("rule") == 1
    assert document.paragraphs[-1] == "<p>Raw <b>HTML</b> stays as text.</p>"


def test_mixed_direction_document() -> None:
    document = load_document(SAMPLES / "mixed.md")
    assert_consistent(document)
    by_text = {p: i for i, p in enumerate(document.paragraphs)}

    def rtl(text: str) -> bool:
        index = by_text[text]
        return layout_paragraph(text, 40, document.direction(index)).rtl

    assert not rtl("This paragraph is written in English, so it reads from left to right.")
    assert rtl("هذه فقرة مكتوبة بالعربية، وتُقرأ من اليمين إلى اليسار.")
    assert not rtl("John Smith قال إن الكتاب ممتع جدًا.")  # a Latin name first: LTR
    assert rtl("قائمة مختلطة")  # an Arabic heading
    assert not rtl("The first point is in English.")
    assert rtl("النقطة الثانية بالعربية.")
    assert rtl("قال الكاتب: «القراءة غذاء العقل».")
    assert not rtl('print("مرحبا بالعالم")')  # code stays LTR
    assert document.direction(by_text['print("مرحبا بالعالم")']) == "ltr"
    # The English heading mixes in Arabic; it reads LTR with the Arabic part reversed.
    assert document.title == "Reading notes — ملاحظات القراءة"
    title = layout_paragraph(document.title, 80)
    assert not title.rtl
    (line,) = title.lines
    assert line.map[:16] == tuple(range(16))  # "Reading notes — " in logical order
    arabic = list(line.map[16:])
    assert arabic == sorted(arabic, reverse=True) and arabic[-1] == 16


def test_persian_sample_visual_order_and_zwnj() -> None:
    document = load_document(SAMPLES / "persian.txt")
    assert_consistent(document)
    assert document.paragraphs[0] == "می\u200cخواهم کتاب بخوانم."
    assert document.paragraphs[2] == ""
    for paragraph in document.paragraphs:
        if paragraph:
            assert layout_paragraph(paragraph, 80).rtl
    layout = layout_paragraph(document.paragraphs[0], 80)
    (line,) = layout.lines
    # The first word is at the right end, the final full stop at the left end.
    assert line.map[-1] == 0 and line.map[0] == len(document.paragraphs[0]) - 1
    assert visual_lines(layout) == [".مناوخب باتک مهاوخیم"]
    # ZWNJ is not drawn, and it stops joining: YEH takes its final form, KHAH its initial.
    assert "\u200c" not in line.text
    assert line.text.endswith("\ufbfd\ufee3")  # ﯽ ﻣ : YEH final, MEEM initial
    assert "\ufea7" in line.text  # ﺧ KHAH initial
    assert line.cells == len(document.paragraphs[0]) - 1
    # Persian digits are European numbers: they keep left-to-right order inside RTL text.
    year = layout_paragraph(document.paragraphs[3], 80)
    assert visual_lines(year) == [".دوب یبوخ لاس ۱۴۰۳ لاس"]


def test_hebrew_sample_visual_order() -> None:
    document = load_document(SAMPLES / "hebrew.txt")
    assert_consistent(document)
    assert document.title == "שלום עולם, זה טקסט בעברית"
    first = layout_paragraph(document.paragraphs[0], 80)
    assert first.rtl
    assert first.lines[0].text == ".תירבעב טסקט הז ,םלוע םולש"  # no shaping for Hebrew
    assert first.lines[0].map[-1] == 0
    assert visual_lines(layout_paragraph(document.paragraphs[3], 80)) == [
        ".םירפס הרשע יתארק 2024 תנשב"
    ]
    # Wrapped: the first words come first, on the first line, at its right end.
    narrow = layout_paragraph(document.paragraphs[0], 12)
    assert visual_lines(narrow) == [",םלוע םולש", "טסקט הז", ".תירבעב"]
    assert all(line.rtl and line.map[-1] == line.start for line in narrow.lines)


# --- the commands ---------------------------------------------------------------------------


def test_render_json_on_the_markdown_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLES / "structure.md"), "--width", "40",
                 "--format", "json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    document = load_document(SAMPLES / "structure.md")
    assert {record["paragraph"] for record in records} == set(
        range(1, len(document.paragraphs) + 1))  # numbered from 1, as in reader search
    first = records[0]
    assert first["paragraph"] == 1 and first["text"] == "The Reader Manual"
    assert {"• ", "▌ ▌ "} <= {record.get("gutter") for record in records}
    code = next(record for record in records if record["text"] == "def greet(name):")
    assert code["indent"] == 2 and "gutter" not in code
    assert not any("**" in record["text"] or "](" in record["text"] for record in records)
    assert all(record["cells"] <= 40 for record in records)


def test_render_text_on_the_mixed_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLES / "mixed.md"), "--width", "80"]) == 0
    lines = capsys.readouterr().out.splitlines()
    english = next(k for k, line in enumerate(lines) if "This paragraph" in line)
    assert lines[english].startswith("This paragraph")  # LTR: left-aligned
    arabic = lines[english + 2]  # after the blank line the app leaves between paragraphs
    assert arabic.startswith(" ") and cell_len(arabic) == 80  # RTL: right-aligned
    assert lines[-1].startswith('  print("')  # code indented as in the app
    assert any(line.endswith(" •") for line in lines)  # an RTL item's marker on its right
    assert any(line.endswith(" ▌") for line in lines)  # an RTL quote's bar on its right


def test_render_text_shows_markers_bars_code_and_rules(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLES / "structure.md"), "--width", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "• First item" in lines and "  ◦ Nested item with bold text" in lines
    assert "3. Open the file." in lines
    assert "▌ A quoted paragraph." in lines and "▌ ▌ A nested quote." in lines
    assert "  def greet(name):" in lines
    assert "─" * 50 in lines


def test_render_persian_and_hebrew(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("persian.txt", "hebrew.txt"):
        assert main(["render", str(SAMPLES / name), "--width", "30", "--format", "json"]) == 0
        records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert all(record["rtl"] for record in records if record["text"])
