"""Odd terminal sizes: tiny ones get a message, a burst of resizes leaves a sound layout."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.events import Resize
from textual.geometry import Size

from reader.state.positions import PositionStore
from reader.ui.app import create_app


@pytest.mark.parametrize("size", [(20, 6), (10, 3), (29, 30), (100, 7)])
async def test_small_terminals_show_a_message_instead_of_a_broken_layout(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = create_app(positions=PositionStore(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.has_class("too-small")
        assert not app.query_one("#body").display
        await pilot.press("j", "G", "space")  # keys do no harm meanwhile
        assert app.is_running


async def test_a_burst_of_100_resizes(tmp_path: Path) -> None:
    rng = random.Random(7)
    app = create_app(positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*["j"] * 10)
        place = app.article.place()
        for count in range(1, 101):
            # as a window being dragged sends them: several before the app gets a turn
            size = Size(rng.randint(10, 200), rng.randint(3, 60))
            app._driver._size = size  # the headless driver's size, as resize_terminal sets it
            app.post_message(Resize(size, size))
            if count % 10 == 0:
                await pilot.pause()
        await pilot.resize_terminal(90, 28)
        await pilot.pause()
        await pilot.pause()
        article = app.article
        assert not app.screen.has_class("too-small")
        assert article.flow.width == article.text_width
        for y in range(article.scrollable_content_region.height):
            _paragraph, line = article.flow.line_at(article.top + y)
            assert line is None or line.cells <= article.text_width
        assert article.place()[0] == place[0]  # still reading the same paragraph
        await pilot.press("j")
        assert app.is_running
