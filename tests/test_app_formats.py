"""The app on the new formats, driven through the pilot: a book's contents and footnotes,
a table on screen, plain text as written, and a place remembered per URL."""

from __future__ import annotations

from pathlib import Path

from reader.state.positions import PositionStore, document_key
from reader.text import layout_paragraph
from reader.ui.app import create_app
from reader.ui.widgets.entry_list import EntryList
from tests.epub_helpers import write_epub
from tests.waiting import panel_built, wait_until

SIZE = (90, 24)


def _screen(app) -> list[str]:
    article = app.article
    return ["".join(s.text for s in article.render_line(y))
            for y in range(article.scrollable_content_region.height)]


async def test_a_book_lists_its_contents_and_follows_a_footnote(tmp_path: Path) -> None:
    app = create_app(write_epub(tmp_path / "book.epub"),
                     positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        contents = app.query_one("#contents-list", EntryList)
        toc = app.document.headings()
        assert contents.entry_ids == [f"heading:{h.index}" for h in toc]
        # Click the footnote reference "١" (a link into the notes chapter).
        article = app.article
        note = next(i for i, b in enumerate(app.document.blocks) if b.spans)
        span = app.document.blocks[note].spans[0]
        where = next((x, y) for y in range(article.scrollable_content_region.height)
                     for x in range(article.text_width)
                     if article.source_at(x, y) == (note, span.start))
        await pilot.click(article, offset=(where[0] + 1, where[1]))  # +1: left padding
        # A click acts once it cannot be the first of a double click: wait for it, bounded.
        target = app.document.targets[span.url]
        await wait_until(pilot, lambda: article.flash is not None
                         and article.flash.paragraph == target, what="the jump to the note")
        assert article.flash is not None and article.flash.paragraph == target
        y = article.flow.locate(target, 0)
        assert article.top <= y < article.top + article.scrollable_content_region.height
        await pilot.press("backspace")
        await pilot.pause()
        assert article.top == 0
        # The keyboard way: ] focuses the first link, Enter follows it inside the book.
        article.focus()
        await pilot.press("right_square_bracket", "enter")
        await pilot.pause()
        assert article.flash is not None and article.flash.paragraph == target


async def test_plain_text_shows_its_blank_lines_and_invents_none(tmp_path: Path) -> None:
    path = tmp_path / "poem.txt"
    path.write_text("بيت أول\nبيت ثان\n\nبيت ثالث\n", encoding="utf-8")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [row.strip() for row in _screen(app)[:5]]
        assert [bool(row) for row in rows] == [True, True, False, True, False]


async def test_a_table_is_drawn_in_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("| الاسم | العمر |\n|---|---|\n| سارة | ٣٠ |\n", encoding="utf-8")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = _screen(app)[:3]
        assert "│" in rows[0] and "┼" in rows[1] and "│" in rows[2]
        assert rows[0].index("│") == rows[2].index("│")  # the columns line up
        # Right to left: the rows end at one column, the first column (الاسم) on the right.
        assert len(rows[0].rstrip()) == len(rows[2].rstrip())
        name = layout_paragraph("سارة", 10, "rtl").lines[0].text
        age = layout_paragraph("٣٠", 10, "rtl").lines[0].text
        assert rows[2].index(age) < rows[2].index(name)


def test_a_fetched_document_is_remembered_by_its_url() -> None:
    url = "https://example.org/news"
    assert document_key(None, "text", url) == url
    assert document_key(None, "text") != document_key(None, "text", url)


async def test_code_spans_read_left_to_right_on_screen(tmp_path: Path) -> None:
    """Issue 25, point 8, in the app: a code span in an Arabic paragraph and in a
    right-to-left table cell is shown left to right («comm="syslogd"», not
    «"comm="syslogd»)."""
    path = tmp_path / "code.md"
    path.write_text("| الحقل | المعنى |\n|---|---|\n| `comm=\"syslogd\"` | اسم البرنامج |\n\n"
                    "يطابق الشرط `comm=\"syslogd\"` العملية.\n", "utf-8")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        shown = [row for row in _screen(app) if "syslogd" in row]
        assert len(shown) == 2, _screen(app)
        assert all('comm="syslogd"' in row for row in shown), shown
async def test_x_reads_a_web_page_again_whole_or_as_its_article(tmp_path: Path) -> None:
    """Issue 23: a key switches between the article and the whole page. The app ends with
    the extraction asked for; reader.ui.launch opens the page again with it."""
    page = Path(__file__).parent / "data" / "real" / "wordpress" / "news.en.html"
    app = create_app(page, positions=PositionStore(tmp_path / "state"))
    assert app.document.extraction == "article" and "Recent Posts" not in app.document.text
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await pilot.press("X")
        await wait_until(pilot, lambda: app.loading.switch_to is not None, what="the switch")
    assert app.loading.switch_to == "page"
    whole = create_app(page, positions=PositionStore(tmp_path / "state"), extract="page")
    assert "Recent Posts" in whole.document.text
    async with whole.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await pilot.press("X")
        await wait_until(pilot, lambda: whole.loading.switch_to is not None, what="the switch")
    assert whole.loading.switch_to == "article"
    text = tmp_path / "notes.txt"
    text.write_text("نص عادي\n", encoding="utf-8")
    plain = create_app(text, positions=PositionStore(tmp_path / "state"))
    async with plain.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await pilot.press("X")
        await pilot.pause()
        assert plain.loading.switch_to is None and plain.is_running
