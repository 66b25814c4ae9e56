"""What the screen shows, compared with snapshots that were looked at (as PNG) and accepted.

Update with ``pytest tests/test_snapshots.py --snapshot-update`` after checking the new
pictures by eye: the Arabic must read right to left, marks on their letters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.state.positions import PositionStore
from reader.ui.app import create_app


@pytest.fixture
def app(tmp_path: Path):
    return create_app(positions=PositionStore(tmp_path / "state"))


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
def test_main_screen_with_panel(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
def test_main_screen_without_panel(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size, press=["p"])


def test_focused_claim_and_chapter_jump(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(100, 30), press=["3", "right_square_bracket"])


def test_help_screen(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(100, 30), press=["question_mark"])


def test_markdown_document(snap_compare, tmp_path: Path) -> None:
    """Headings, a list and a quote on the reading side, code left to right."""
    sample = Path(__file__).parent / "data" / "samples" / "mixed.md"
    app = create_app(sample, positions=PositionStore(tmp_path / "state"))
    assert snap_compare(app, terminal_size=(100, 30))


def test_web_page_article(snap_compare, tmp_path: Path) -> None:
    """An Arabic news page: its article only, a list, a quote and a right-to-left table
    (first column on the right), the panel listing its headings."""
    page = Path(__file__).parent / "data" / "formats" / "news.ar.html"
    app = create_app(page, positions=PositionStore(tmp_path / "state"))
    assert snap_compare(app, terminal_size=(100, 34))


def test_argument_map_full_screen(snap_compare, app) -> None:
    """M: the bundled article's map, right to left (docs/map.png is made from it); the
    focused claim's node highlighted."""
    from reader.ui.screens.map_screen import MapScreen
    from reader.ui.widgets.argument_map import MapTree
    from tests.waiting import panel_built, wait_until

    async def focus_and_open(pilot) -> None:
        await panel_built(pilot)
        await pilot.press("G", "left_square_bracket", "M")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen)
                         and app.screen.query_one(MapTree).highlighted_node is not None
                         and app.screen.query_one(MapTree).highlighted_node.row.entry_id
                         == app.navigation.focused_entry, what="the focused claim's node")

    assert snap_compare(app, terminal_size=(100, 30), run_before=focus_and_open)
