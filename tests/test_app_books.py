"""The app on books and texts read from real-world files: a book's chapters by 1-9 and the
palette, its skipped parts shown, and the encoding a text was read in on the status line."""

from __future__ import annotations

from pathlib import Path

from reader.state.positions import PositionStore
from reader.ui.app import create_app
from reader.ui.screens.palette_commands import GoToProvider
from reader.ui.widgets.bidi_text import BidiText
from tests.epub_helpers import write_epub
from tests.waiting import wait_until

SIZE = (90, 24)
BOOKS = Path(__file__).parent / "data" / "real" / "books"


def _status(app) -> str:
    """The status line's text, its values' isolates taken out."""
    text = app.query_one("#status", BidiText).paragraphs[0][0]
    return text.replace("\u2068", "").replace("\u2069", "")


def _shows(app, y: int) -> bool:
    article = app.article
    return article.top <= y < article.top + article.scrollable_content_region.height


async def test_keys_1_to_9_go_to_a_books_chapters(tmp_path: Path) -> None:
    app = create_app(BOOKS / "docbook-epub3.ar.epub", positions=PositionStore(tmp_path / "s"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chapters = app.document.chapter_headings()
        assert len(chapters) >= 3
        for key in ("3", "2"):
            await pilot.press(key)
            target = chapters[int(key) - 1].index
            y = app.article.flow.locate(target, 0)
            await wait_until(pilot, lambda y=y: _shows(app, y), what=f"chapter {key} on screen")


async def test_the_palette_offers_a_books_contents(tmp_path: Path) -> None:
    app = create_app(BOOKS / "pandoc-epub3.en.epub", positions=PositionStore(tmp_path / "s"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = GoToProvider(app.screen)._entries()
        plain = [text for _key, text, _shown in entries]
        assert "go to chapter 1: About this guide" in plain
        assert "go to section: Who is this book for?" in plain
        assert "go to chapter 3: Reading and moving around" in plain
        key = next(k for k, text, _s in entries if text.startswith("go to chapter 3"))
        app.go_to_entry(key)
        await pilot.pause()
        paragraph = int(key.split(":")[1])
        assert app.document.paragraphs[paragraph] == "Reading and moving around"


async def test_a_books_skipped_chapter_is_shown_as_a_warning(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "b.epub", {"OEBPS/text/two.xhtml": None})
    app = create_app(path, positions=PositionStore(tmp_path / "s"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.notices.shown()), what="the warning")
        messages = app.notices.shown()
        assert any("two.xhtml' is missing: skipped" in m for m in messages), messages


async def test_the_status_line_names_a_guessed_encoding(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    article = (Path(__file__).parent.parent / "content" / "article.ar.txt").read_text(
        encoding="utf-8")
    path.write_bytes(article.encode("windows-1256"))
    app = create_app(path, positions=PositionStore(tmp_path / "s"))
    async with app.run_test(size=(120, 24)) as pilot:
        await wait_until(pilot, lambda: "windows-1256" in _status(app), what="the encoding")
        assert "encoding windows-1256 (guessed)" in _status(app)
        assert app.document.paragraphs[0] == article.splitlines()[0]
    app = create_app(path, positions=PositionStore(tmp_path / "s"), encoding="windows-1256")
    async with app.run_test(size=(120, 24)) as pilot:
        await wait_until(pilot, lambda: "windows-1256" in _status(app), what="the encoding")
        assert "guessed" not in _status(app)
