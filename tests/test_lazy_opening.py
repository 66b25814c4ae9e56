"""Opening costs what the first screen needs (issue 23), and nothing is lost for it: a book
opens on its first chapters and a text of a megabyte is not counted whole before its first
frame; the rest, added after, is the very document that reading it whole gives, reachable,
searchable and copyable."""

from __future__ import annotations

import zipfile
from dataclasses import fields
from pathlib import Path

import pytest

from reader.content.formats import epub, load_document, open_document
from reader.content.loading import finish_loading
from reader.state.positions import PositionStore, document_key
from reader.text.flow import EAGER_COUNT_CHARS, TextFlow
from reader.ui.app import create_app
from reader.ui.widgets.entry_list import EntryList
from tests.epub_helpers import NAV, ONE, write_epub
from tests.waiting import panel_built, wait_until

SENTENCE = "قال ماسك إن Tesla Roadster ستكون أسرع سيارة، وردّ ألتمان بلقطة شاشة."


def _same_document(head, whole) -> None:
    for field in fields(whole):
        assert getattr(head, field.name) == getattr(whole, field.name), field.name


def _big_book(path: Path, chapters: int = 40) -> Path:
    """A book of ``chapters`` chapters of about 2,000 characters each, its last words only
    in its last chapter."""
    names = [f"text/c{n}.xhtml" for n in range(chapters)]
    files: dict[str, str | None] = {
        "OEBPS/text/one.xhtml": None, "OEBPS/text/two.xhtml": None,
        "OEBPS/text/notes.xhtml": None,
    }
    for n, name in enumerate(names):
        last = "<p>خاتمة الكتاب الفريدة هنا.</p>" if n == chapters - 1 else ""
        files[f"OEBPS/{name}"] = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar" dir="rtl"><body>'
            f"<h1>الفصل {n + 1}</h1>" + f"<p>{SENTENCE}</p>" * 30 + last + "</body></html>")
    files["OEBPS/content.opf"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x'
        "</dc:identifier><dc:title>كتاب كبير</dc:title><dc:language>ar</dc:language>"
        '</metadata><manifest><item id="nav" href="nav.xhtml" '
        'media-type="application/xhtml+xml" properties="nav"/>'
        + "".join(f'<item id="c{n}" href="{name}" media-type="application/xhtml+xml"/>'
                  for n, name in enumerate(names))
        + '</manifest><spine page-progression-direction="rtl">'
        + "".join(f'<itemref idref="c{n}"/>' for n in range(chapters)) + "</spine></package>")
    files["OEBPS/nav.xhtml"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
        + "".join(f'<li><a href="{name}">الفصل {n + 1}</a></li>' for n, name in enumerate(names))
        + "</ol></nav></body></html>")
    return write_epub(path, files)


def test_a_book_opens_on_its_first_chapters_and_finishes_as_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(epub, "HEAD_CHARS", 1)  # the first chapter is enough
    path = write_epub(tmp_path / "book.epub")
    whole = load_document(path)
    head, pending = open_document(path)
    assert pending is not None
    assert 0 < len(head.paragraphs) < len(whole.paragraphs)
    assert head.paragraphs == whole.paragraphs[: len(head.paragraphs)]
    assert head.blocks == whole.blocks[: len(head.blocks)]
    assert head.title == whole.title
    # the contents list what has been read: the first chapter and its section
    assert [h.text for h in head.headings()] == ["الفصل الأول: البداية", "قسم ثان"]
    finish_loading(head, pending)
    _same_document(head, whole)
    assert len(head.headings()) == 4
    # a link from the first chapter into the notes, read later, lands on its note
    assert head.targets["OEBPS/text/notes.xhtml#n1"] == whole.targets["OEBPS/text/notes.xhtml#n1"]


def test_a_big_book_is_read_whole_only_when_asked(tmp_path: Path) -> None:
    path = _big_book(tmp_path / "big.epub")
    whole = load_document(path)  # what render, search and check read
    assert len(whole.text) > epub.HEAD_CHARS
    head, pending = open_document(path)
    assert pending is not None and epub.HEAD_CHARS <= len(head.text) < len(whole.text)
    assert open_document(path, whole=True)[1] is None
    _small, rest = open_document(write_epub(tmp_path / "small.epub"))
    assert rest is None  # a small book is read at once
    finish_loading(head, pending)
    _same_document(head, whole)


def test_a_broken_later_chapter_is_reported_when_the_rest_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(epub, "HEAD_CHARS", 1)
    path = write_epub(tmp_path / "book.epub", {"OEBPS/text/two.xhtml": "<html><body><p>x"})
    with zipfile.ZipFile(path) as book:
        assert "OEBPS/text/two.xhtml" in book.namelist()
    try:
        expected = load_document(path)
    except Exception as error:  # the book as a whole is refused: so is its rest
        head, pending = open_document(path)
        assert pending is not None
        with pytest.raises(type(error)) as raised:
            finish_loading(head, pending)
        assert str(raised.value) == str(error)
    else:  # read tolerantly: the rest gives the same document
        head, pending = open_document(path)
        if pending is not None:
            finish_loading(head, pending)
        _same_document(head, expected)


async def test_a_book_opened_on_its_head_is_all_there_in_the_app(tmp_path: Path) -> None:
    """Contents, search, End and copying reach the last chapter, read after the first
    frame."""
    path = _big_book(tmp_path / "big.epub")
    whole = load_document(path)
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    assert app.pending is not None  # the first frame shows the head only
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the book")
        _same_document(app.document, whole)
        await panel_built(pilot)
        await wait_until(pilot, lambda: len(app.query_one("#contents-list", EntryList)
                                             .entry_ids) == len(whole.headings()),
                         what="every chapter in the contents")
        contents = app.query_one("#contents-list", EntryList)
        assert contents.entry_ids == [f"heading:{h.index}" for h in whole.headings()]
        # search finds words only the last chapter has
        await pilot.press("slash", *"الفريدة", "enter")
        await wait_until(pilot, lambda: app.search.total == 1, what="the hit")
        last = len(whole.paragraphs) - 1
        assert app.article.current_hit is not None
        assert app.article.current_hit.paragraph == last
        await pilot.press("y")  # copies the hit's sentence, from the source
        await pilot.pause()
        assert app.clipboard == "خاتمة الكتاب الفريدة هنا."
        await pilot.press("escape")
        # End shows the book's last line; copying its paragraph gives its source
        await pilot.press("G")
        await pilot.pause()
        article = app.article
        height = article.scrollable_content_region.height
        paragraph, line = article.flow.line_at(article.top + height - 1)
        assert paragraph == last and line is not None
        assert line.end == len(whole.paragraphs[last])


def test_a_text_of_a_megabyte_is_not_counted_before_its_first_frame() -> None:
    """Counting every line of a 1.5 MB text held its first frame long after the bundled
    article's; the screen's own paragraphs are counted when drawn, the rest in slices."""
    paragraphs = [SENTENCE * 3] * (1_500_000 // len(SENTENCE * 3))
    assert sum(map(len, paragraphs)) > EAGER_COUNT_CHARS
    flow = TextFlow(paragraphs, 80, gaps=[1] * len(paragraphs))
    assert not flow.complete and flow.layouts_made == 0
    flow.count_lines(0, 29)  # what a first frame does for its screen
    exact = TextFlow(paragraphs[:20], 80, gaps=[1] * 20)
    assert flow.first_line(8) == exact.first_line(8) and flow.line_at(29) == exact.line_at(29)
    assert not flow.complete


async def test_a_book_reopens_at_its_place_in_a_later_chapter(tmp_path: Path) -> None:
    path = _big_book(tmp_path / "big.epub")
    whole = load_document(path)
    target = len(whole.paragraphs) - 40  # in a late chapter: not in the head
    PositionStore(tmp_path / "state").put(document_key(path, whole.text), target, 0)
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    assert app.pending is not None and target >= len(app.document.paragraphs)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article.place()[0] == target,
                         what=f"paragraph {target} at the top")
        assert app.pending is None


async def test_a_panel_hidden_for_a_head_without_headings_shows_the_books_contents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first chapter has no heading and no entry in the contents: the panel starts
    hidden, and shows once the later chapters bring theirs (as reading it whole would)."""
    monkeypatch.setattr(epub, "HEAD_CHARS", 1)
    nav = NAV.replace('<li><a href="text/one.xhtml">الفصل الأول: البداية</a>\n'
                      '    <ol><li><a href="text/one.xhtml#s2">قسم ثان</a></li></ol></li>', "")
    one = ONE.replace("<h1>الفصل الأول: البداية</h1>", "").replace(
        '<h2 id="s2">قسم ثان</h2>', "")
    assert nav != NAV and one != ONE
    path = write_epub(tmp_path / "book.epub",
                      {"OEBPS/nav.xhtml": nav, "OEBPS/text/one.xhtml": one})
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    assert app.pending is not None and not app.document.headings()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the book")
        await panel_built(pilot)
        await wait_until(pilot, lambda: app.panel.display, what="the panel")
        contents = app.query_one("#contents-list", EntryList)
        await wait_until(pilot, lambda: contents.entry_ids == [
            f"heading:{h.index}" for h in load_document(path).headings()],
            what="the book's contents")
        assert contents.entry_ids


def test_a_screen_of_a_giant_paragraph_counts_only_its_pieces() -> None:
    """A text that is one paragraph of megabytes: the first screen counted every piece of
    it (seconds for 10 MB); only the pieces on screen need exact counts."""
    paragraph = " ".join([SENTENCE] * 8_000)  # about 560,000 characters: dozens of pieces
    flow = TextFlow([paragraph], 80)
    counted: list[int] = []
    count = flow._count
    flow._count = lambda unit: counted.append(unit) or count(unit)  # type: ignore[method-assign]
    units = len(flow._index)
    assert units > 20
    flow.count_lines(0, 30)
    assert counted and max(counted) < 3  # the first piece or two, and the one after
    exact = TextFlow([paragraph], 80, eager=True)
    assert flow.line_at(29) == exact.line_at(29)
    counted.clear()
    flow.count_lines(flow.height - 30, flow.height - 1)  # End: the last screen
    assert counted and min(counted) >= units - 3
    while not flow.count_some(budget=1.0):
        pass
    assert flow.height == exact.height
