"""The app driven the way a person drives it: keys through Textual's pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.formats import load_document
from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.help import HelpScreen

SIZE = (100, 30)


def _app(tmp_path: Path, **kwargs) -> ReaderApp:
    return create_app(positions=PositionStore(tmp_path / "state"), **kwargs)


def _top_paragraph(app: ReaderApp) -> int:
    return app.article.place()[0]


async def test_first_screen_shows_the_first_paragraph(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.article.top == 0
        assert _top_paragraph(app) == 0
        # the first visual line is the start of the article, right-aligned (RTL)
        paragraph, line = app.article.flow.line_at(0)
        assert paragraph == 0 and line is not None and line.rtl and line.start == 0


async def test_scrolling_keys(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article
        await pilot.press("j", "j", "down")
        assert article.top == 3
        await pilot.press("k", "up")
        assert article.top == 1
        page = article.scrollable_content_region.height - 1
        await pilot.press("space")
        assert article.top == 1 + page
        await pilot.press("b")
        assert article.top == 1
        await pilot.press("pagedown")
        assert article.top == 1 + page
        await pilot.press("G")
        assert article.top == article.max_scroll_y > 0
        assert _top_paragraph(app) > 10
        await pilot.press("g")
        assert article.top == 0
        await pilot.press("end")
        assert article.top == article.max_scroll_y
        await pilot.press("home")
        assert article.top == 0


async def test_g_and_G_are_jumps_that_back_undoes(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j")
        start = app.article.place()
        await pilot.press("G")
        assert app.navigation.history.depth == 1
        await pilot.press("backspace")
        assert app.article.place() == start
        assert app.navigation.history.depth == 0
        await pilot.press("alt+right")
        assert app.article.top == app.article.max_scroll_y
        await pilot.press("alt+left")
        assert app.article.place() == start


async def test_help_screen_opens_and_closes(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # q closes the help, it does not quit
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


async def test_panel_moves_and_hides(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel
        assert app.placement.side == "right"
        assert panel.region.x > app.article.region.x
        await pilot.press("backslash")
        await pilot.pause()
        assert app.placement.side == "left"
        assert panel.region.x < app.article.region.x
        await pilot.press("p")
        await pilot.pause()
        assert not panel.display
        width_without = app.article.text_width
        await pilot.press("p")
        await pilot.pause()
        assert panel.display
        assert app.article.text_width < width_without


async def test_resize_keeps_the_place_and_rewraps(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["j"] * 12)
        place = app.article.place()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert app.article.flow.width == app.article.text_width
        paragraph, _offset = app.article.place()
        assert paragraph == place[0]
        for line in app.article.flow.layout(paragraph).lines:
            assert line.cells <= app.article.text_width


async def test_too_small_terminal_shows_a_message(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("too-small")
        message = app.query_one("#too-small")
        assert message.display
        assert "too small" in str(message.render())
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.has_class("too-small")


async def test_position_is_remembered(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["space"] * 2)
        place = app.article.place()
        await pilot.press("q")
    assert place[0] > 0
    again = _app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.article.place() == place


@pytest.mark.parametrize("content", ["{not json", "", "[1, 2]", "\x00\x01"])
async def test_corrupt_position_file_is_ignored_with_a_notice(tmp_path: Path,
                                                              content: str) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "positions.json").write_text(content)
    app = create_app(positions=PositionStore(state))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.article.top == 0
        await pilot.press("j", "q")
    # the damaged file was replaced by a good one
    assert PositionStore(state).get(app._doc_key) is not None or content == ""


def test_document_without_paragraphs_opens(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    document = load_document(empty)
    assert document.paragraphs == []


async def test_empty_document_runs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    app = _app(tmp_path, path=empty)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "G", "g", "space", "right_square_bracket", "enter", "1")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.document.paragraphs == [] and app.article.flow.height == 0
        assert app.article.top == 0 and app.article.place() == (0, 0)
        assert app.article.render_line(0).text.strip() == ""  # nothing drawn, nothing broken
        assert "empty.txt" in app.query_one("#title").render_line(0).text
        assert app.query_one("#status").render_line(0).text.strip().startswith("Top")


async def test_the_key_bar_follows_focus_and_runs_a_clicked_key(tmp_path: Path) -> None:
    from reader.ui.widgets.key_bar import KeyBar

    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        descriptions = [item.description for item in bar.items]
        assert descriptions[:3] == ["Quit", "Help", "Next claim"]
        assert descriptions[-1] == "palette"
        line = bar.render_line(0).text
        assert line.startswith(" q Quit  ? Help ") and line.rstrip().endswith("▏^p palette")
        await pilot.press("slash")  # the search field has its own keys, and only those
        await pilot.pause()
        shown = {item.description for item in bar.items}
        assert {"Keep hits", "Clear", "Exact", "Regex", "Mode", "palette"} == shown
        assert "Quit" not in bar.render_line(0).text  # q types a q here
        await pilot.press("escape")
        await pilot.pause()
        assert "Keep hits" not in {item.description for item in bar.items}
        # a click on "? Help" runs the key
        x = bar.render_line(0).text.index("? Help")
        await pilot.click(bar, offset=(x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_key_under_the_mouse_is_highlighted(tmp_path: Path) -> None:
    from reader.ui.widgets.key_bar import KeyBar

    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        plain = bar.render_line(0)
        x = plain.text.index("? Help")
        await pilot.hover(bar, offset=(x + 2, 0))
        await pilot.pause()
        hovered = bar.render_line(0)
        assert hovered.text == plain.text
        changed = [segment.text for segment, before in zip(hovered, plain, strict=False)
                   if segment.style != before.style]
        assert changed and all(text.strip() in ("?", "Help") for text in changed)
        await pilot.hover(bar, offset=(plain.text.index("Search") + 1, 0))
        await pilot.pause()
        assert [segment.text for segment, before in zip(bar.render_line(0), plain,
                                                        strict=False)
                if segment.style != before.style] != changed


async def test_the_status_line_follows_a_scroll_before_the_next_frame(tmp_path: Path) -> None:
    """What follows the top (the status line) changes as the view scrolls, not in a
    message handled after the frame that shows the scroll: that needed a second frame,
    which waited for Textual's next frame tick, and a quarter of the keys took over 16 ms
    (benchmarks/bench_look_up.py part 3)."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = app.query_one("#status")
        assert status.render_line(0).text.strip().startswith("Top")
        app.article.scroll_to(y=app.article.max_scroll_y, animate=False, immediate=True)
        # (no await: nothing else has run, no frame has been drawn)
        assert status.render_line(0).text.strip().endswith("100%")
