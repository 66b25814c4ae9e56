"""Narrow terminals: the panel gives way to the text, and p shows it over the text."""

from __future__ import annotations

import itertools
from pathlib import Path

from reader.state.positions import PositionStore
from reader.ui.app import create_app
from reader.ui.decisions.panel_fit import MIN_ARTICLE_COLUMNS, panel_fits
from reader.ui.widgets.tab_bar import GAP, TabBar


def test_the_panel_fits_only_beside_forty_columns_of_text() -> None:
    assert panel_fits(120) and panel_fits(100)
    assert not panel_fits(40) and not panel_fits(60)


async def test_a_narrow_screen_hides_the_panel_and_p_shows_it_over_the_text(
    tmp_path: Path,
) -> None:
    app = create_app(positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.panel.display
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert not app.panel.display
        article = app.article
        assert article.text_width >= 40 - 3
        await pilot.press("p")
        await pilot.pause()
        assert app.panel.display and app.panel.has_class("-overlay")
        assert article.text_width >= 40 - 3  # over the text, not beside it
        assert app.panel.region.width > 20
        # the tabs side by side with a gap, whatever the width
        tabs = app.panel.query_one(TabBar)
        width = tabs.content_size.width
        drawn = "".join(segment.text for segment in tabs.render_line(0))
        shown = tabs.shown_labels(width)
        positions = [drawn.index(label) for label in shown]
        ends = sorted((start, start + len(label)) for start, label in zip(positions, shown,
                                                                          strict=True))
        assert all(b[0] - a[1] >= GAP for a, b in itertools.pairwise(ends))
        await pilot.press("p")
        await pilot.pause()
        assert not app.panel.display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.panel.display and not app.panel.has_class("-overlay")
        assert article.text_width < 100 - MIN_ARTICLE_COLUMNS


def test_tab_labels_are_cut_rather_than_run_together() -> None:
    bar = TabBar(["Chapters", "Claims & rebuttals"], rtl=True)
    for width in (10, 15, 20, 27, 40):
        shown = bar.shown_labels(width)
        assert sum(map(len, shown)) + GAP * (len(shown) - 1) <= max(width, 2 + GAP)
        spans = sorted(bar._spans(width))
        assert all(b[0] - (a[0] + a[1]) >= GAP for a, b in itertools.pairwise(spans)), width
