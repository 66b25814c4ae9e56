"""``--screen-reader``'s chrome and tables (issue 28): what a terminal without bidi, and the
screen reader reading its cells, get around the article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.text.chrome import ChromeStyle, chrome_line, chrome_lines, fill, join_fields
from tests.tmux_session import TmuxSession, installed_reader

# the bidi controls the chrome puts around values: on the Linux console (its zero-width
# characters are U+200B-U+200F and U+FEFF only) each is drawn as a replacement glyph, and a
# braille display shows it as an unknown character
ISOLATES = {"\u2066", "\u2067", "\u2068", "\u2069"}
MARKS = {"\u200e", "\u200f", "\u061c"}


def _unmarked(text: str) -> str:
    return text.translate(dict.fromkeys(map(ord, MARKS)))


def _controls(text: str) -> set[str]:
    return {ch for ch in text if ch in ISOLATES | MARKS}


def test_logical_chrome_has_no_isolates() -> None:
    logical = ChromeStyle.LOGICAL
    line = join_fields([fill("{name}: {label}", name="Altman", label="حكاية في ثلاثة فصول"),
                        "Top"], "rtl", style=logical)
    assert _controls(line)  # assembled with isolates, as in every mode
    for text, _cells, rtl in chrome_lines(line, 80, "rtl", style=logical):
        assert not _controls(text) and not rtl
        assert text == "Altman: حكاية في ثلاثة فصول  |  Top"  # ASCII: braille
    assert chrome_line(line, "rtl", style=logical) == "Altman: حكاية في ثلاثة فصول  |  Top"
    # a value's own controls are still shown as symbols, never obeyed nor dropped
    shown = chrome_line(fill("{v}", v="a\u202eb"), "ltr", style=logical)
    assert not _controls(shown) and shown == "a⟦RLO⟧b"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[TmuxSession]:
    session = TmuxSession([str(installed_reader()), "--screen-reader"], 100, 30,
                          env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        yield session
    finally:
        session.close()


def test_tmux_title_status_and_keys_have_no_bidi_controls(tmux: TmuxSession) -> None:
    tmux.wait_for(lambda lines: any("Quit" in line for line in lines[-2:]))
    tmux.keys("]")  # a claim's label in the status line: a value from the file
    screen = tmux.wait_for(lambda lines: any("حكاية" in line for line in lines[-3:]))
    chrome = [screen[0], *screen[-3:]]
    assert "إيلون ماسك" in chrome[0]
    for row in chrome:
        assert not _controls(row), repr(row)


def test_logical_line_names_controls_when_asked() -> None:
    from reader.text.layout import layout_paragraph, logical_line

    paragraph = "قال \u202eABC\u202c و\u2067Altman\u2069 نعم"
    for show in (False, True):
        line = layout_paragraph(paragraph, 80, shaped=False, show_controls=show).lines[0]
        row = logical_line(paragraph, line, show_controls=show)
        if not show:
            assert row.text == paragraph  # as in the source
            continue
        assert row.text == "قال ⟦RLO⟧ABC⟦PDF⟧ و⟦RLI⟧Altman⟦PDI⟧ نعم"
        assert row.cells == line.cells  # what the layout measured
        assert len(row.map) == len(row.text)
        assert row.map[row.text.index("⟦RLO⟧"):][:5] == (4,) * 5  # every cell its source
        assert row.map[row.text.index("ABC")] == 5


async def test_v_names_controls_in_logical_rows(tmp_path: Path) -> None:
    from reader.terminal.plan import LOGICAL
    from reader.ui.app import create_app

    path = tmp_path / "controls.md"
    path.write_text("قال \u202eABC\u202c و\u2067Altman\u2069 نعم\n", encoding="utf-8")
    app = create_app(path, bidi_mode=LOGICAL)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()

        def rows() -> list[str]:
            view = app.article
            return [view.render_line(y).text for y in range(view.content_region.height)]

        assert any("\u202eABC\u202c" in row for row in rows())  # the source as it is
        await pilot.press("v")
        await pilot.pause()
        assert any("قال ⟦RLO⟧ABC⟦PDF⟧ و⟦RLI⟧Altman⟦PDI⟧ نعم" in row for row in rows()), rows()
        assert not any(_controls(row) for row in rows())
        await pilot.press("slash", *"Altman", "enter")  # the cursor past the names
        await pilot.pause()
        view = app.article
        assert view.current_hit is not None
        at = app.cursor_position - view.content_region.offset
        row = view.render_line(at.y).text
        assert row[at.x:].startswith("Altman⟦PDI⟧"), (row, at)
        await pilot.press("escape", "v")
        await pilot.pause()
        assert any("\u202eABC\u202c" in row for row in rows())


TABLE = """# جدول Table

| الاسم | Name | العمر |
|---|---|---|
| سام ألتمان | Sam Altman | 39 |
| إيلون | Elon Musk | 53 |
| ستيف جوبز مؤسس شركة آبل الشهيرة | Steve Jobs, who founded Apple | 56 |

بعد الجدول.
"""


async def test_table_rows_are_cells_with_separators(tmp_path: Path) -> None:
    from reader.terminal.plan import LOGICAL
    from reader.ui.app import create_app

    path = tmp_path / "table.md"
    path.write_text(TABLE, encoding="utf-8")
    app = create_app(path, bidi_mode=LOGICAL)
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        view = app.article
        marked = [view.render_line(y).text.strip() for y in range(view.content_region.height)]
        rows = [_unmarked(row) for row in marked]
        header = rows.index("الاسم | Name | العمر")  # each cell in logical order
        assert rows[header + 1] == "--- | --- | ---"  # the header row marked, as Markdown does
        assert rows[header + 2] == "سام ألتمان | Sam Altman | 39"
        assert rows[header + 3] == "إيلون | Elon Musk | 53"
        # each line in the table's direction, each cell apart (the terminal's bidi)
        assert marked[header + 2] == "\u200fسام ألتمان\u200f | \u200fSam Altman\u200f | \u200f39"
        assert marked[header + 1].startswith("\u200f")
        # the cells' offsets still right: the cursor on a hit in the second cell
        await pilot.press("slash", *"Musk", "enter")
        await pilot.pause()
        at = app.cursor_position - view.content_region.offset
        row = view.render_line(at.y).text
        before = next(i for i in range(len(row) + 1) if cell_len(row[:i]) >= at.x)
        assert _unmarked(row[before:]).startswith("Musk | 53"), (row, at)


async def test_narrow_table_rows_wrap_as_lines(tmp_path: Path) -> None:
    from reader.terminal.plan import LOGICAL
    from reader.ui.app import create_app

    path = tmp_path / "table.md"
    path.write_text(TABLE, encoding="utf-8")
    app = create_app(path, bidi_mode=LOGICAL)
    async with app.run_test(size=(34, 20)) as pilot:
        await pilot.pause()
        view = app.article
        rows = [_unmarked(view.render_line(y).text.strip())
                for y in range(view.content_region.height)]
        joined = " ".join(" ".join(rows).split())
        long = "ستيف جوبز مؤسس شركة آبل الشهيرة | Steve Jobs, who founded Apple | 56"
        assert long in joined, rows  # wrapped, nothing lost
        assert long not in rows and "سام ألتمان | Sam Altman | 39" in rows
        assert all(len(row) <= 34 for row in rows)


def test_tmux_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "table.md"
    path.write_text(TABLE, encoding="utf-8")
    session = TmuxSession([str(installed_reader()), "--screen-reader", str(path)], 60, 16,
                          env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        screen = session.wait_for(lambda lines: any("Elon Musk" in line for line in lines))
    finally:
        session.close()
    rows = [_unmarked(row).strip() for row in screen]
    assert "الاسم | Name | العمر" in rows and "--- | --- | ---" in rows, rows
    assert "إيلون | Elon Musk | 53" in rows


def test_logical_row_maps_back_to_its_cells() -> None:
    from reader.text.table import layout_row_logical

    row = "الاسم\tName\tالعمر"
    layout = layout_row_logical(row, [0, 6, 11], 80, "rtl", header=True)
    first, rule = layout.lines
    assert first.text == "\u200fالاسم\u200f | \u200fName\u200f | \u200fالعمر"
    assert (first.start, first.end) == (0, len(row)) and len(first.map) == len(first.text)
    assert first.map[first.text.index("Name")] == 6
    assert first.map[first.text.index(" | ")] == 5  # a separator is the tab it stands for
    assert rule.text == "\u200f--- | --- | ---"
    assert layout_row_logical("Name\tالاسم", [0, 5], 80, "ltr").lines[0].text == (
        "\u200eName\u200e | \u200eالاسم")
    narrow = layout_row_logical(row, [0, 6, 11], 9, "rtl").lines
    assert [_unmarked(line.text).strip() for line in narrow] == ["الاسم |", "Name |", "العمر"]
    assert [(line.start, line.end) for line in narrow] == [(0, 6), (6, 11), (11, 16)]


@pytest.mark.parametrize("logical", [True, False])
async def test_no_scrollbar_to_mirror(logical: bool) -> None:
    """VTE mirrors a right-to-left row whole, its scrollbar cell with it: none is drawn."""
    from reader.terminal.plan import LOGICAL
    from reader.ui.app import create_app

    app = create_app(None, bidi_mode=LOGICAL if logical else "explicit")
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.article
        assert (view.scrollbar_size_vertical == 0) == logical
