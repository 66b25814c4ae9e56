"""Text inputs in a right-to-left interface: the command palette, the go-to prompt, the
search bar and the annotation dialog's fields read from the right (what is typed ends at
the field's right edge, beside its prompt or icon), laid out by the core."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.style import Style
from textual.command import CommandList, SearchIcon
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Static

from reader import i18n
from reader.i18n import _
from reader.state.positions import PositionStore
from reader.text import layout_paragraph
from reader.text.chrome import ChromeStyle, ui_line
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.annotate_dialog import EntryDialog
from reader.ui.screens.command_palette import ShapedCommandInput
from reader.ui.screens.prompts import GoToPrompt, KeyPrompt
from reader.ui.widgets.search_bar import QueryField
from reader.ui.widgets.shaped_field import offset_at
from reader.ui.widgets.shaped_input import ShapedInput
from tests.waiting import wait_until

SIZE = (100, 30)


def _ar_app(tmp_path: Path) -> ReaderApp:
    i18n.set_language("ar")
    return create_app(positions=PositionStore(tmp_path / "state"))


def _keys(text: str) -> list[str]:
    return [_character_to_key(ch) for ch in text]


def _text(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def _core(text: str) -> str:
    return layout_paragraph(text, 10_000).lines[0].text


def _cursor_cells(strip: Strip, cursor: Style) -> list[int]:
    """The columns drawn in the cursor's style (a background of its own, or reverse)."""
    cells, x = [], 0
    for segment in strip:
        style = segment.style or Style()
        if (style.reverse if cursor.reverse else style.bgcolor == cursor.bgcolor):
            cells.extend(range(x, x + segment.cell_length))
        x += segment.cell_length
    return cells


async def _palette(pilot: Pilot) -> ShapedCommandInput:
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: app.screen.id == "--command-palette"
                     and app.screen.query(ShapedCommandInput)
                     and app.screen.query_one(ShapedCommandInput).has_focus,
                     what="the palette's input focused")
    return app.screen.query_one(ShapedCommandInput)


async def test_arabic_palette_reads_from_the_right(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        field = await _palette(pilot)
        icon = app.screen.query_one(SearchIcon)
        await pilot.pause()
        # the icon at the right of the field, at the mirror image of where Textual puts it
        assert icon.region.x >= field.region.right
        assert app.size.width - icon.region.right == 2
        cursor = field.get_component_rich_style("input--cursor")
        field._cursor_visible = True
        width = field.scrollable_content_region.width
        prompt = _text(field.render_line(0))
        assert len(prompt) == width
        assert prompt.lstrip() == ui_line(_("Search for commands…"),  # ends at the right edge
                                         style=app.chrome_style)
        assert _cursor_cells(field.render_line(0), cursor) == [width - 1]  # on its first letter

        # what is typed, shaped and in visual order, ends at the right edge too
        await pilot.press(*_keys("ماسك"))
        await wait_until(pilot, lambda: field.value == "ماسك")
        drawn = _text(field.render_line(0))
        assert drawn.rstrip() == drawn and drawn.strip() == _core("ماسك")
        # the cursor after the last letter: at the word's left end
        assert _cursor_cells(field.render_line(0), cursor) == [width - 5]
        # the arrows move it the way they point: Right onto the last letter, Left back
        await pilot.press("right")
        assert field.cursor_position == 3
        assert _cursor_cells(field.render_line(0), cursor) == [width - 4]
        await pilot.press("left")
        assert field.cursor_position == 4

        # a Latin command name is right-aligned as well, the cursor after it at the edge
        await pilot.press(*["backspace"] * 4, *"Quit")
        await wait_until(pilot, lambda: field.value == "Quit")
        drawn = _text(field.render_line(0))
        assert drawn.rstrip().endswith("Quit") and drawn.endswith("Quit ")
        assert _cursor_cells(field.render_line(0), cursor) == [width - 1]
        # a click left of the text puts the cursor at its start, as the text reads
        assert field._cell_offset_to_index(0) == 0
        assert field._cell_offset_to_index(width - 2) == 3

        # the entries, and their help lines, end at the right as well
        results = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: results.option_count >= 1, what="Quit listed")
        rows = [_text(results.render_line(y)) for y in range(2)]
        title, help_line = (row.rstrip() for row in rows)
        assert title.endswith(ui_line(_("Quit"), style=app.chrome_style))
        assert help_line.endswith(ui_line(_("Quit the reader (your place is remembered)"),
                                          style=app.chrome_style))
        assert cell_len(title) == cell_len(help_line) >= results.scrollable_content_region.width - 2
        await pilot.press("escape")


def test_a_click_on_a_mirrored_field_names_the_letter_drawn_there() -> None:
    # "ماسك" right-aligned in 10 cells: drawn ﻚﺳﺎﻣ at 6-9, its first letter at the right
    visual = ChromeStyle.VISUAL
    assert [offset_at("ماسك", 4, x, 10, True, chrome=visual) for x in (0, 5, 6, 9)] == [4, 4, 3, 0]
    # "Quit" right-aligned: left of it is its start, its letters are their own offsets
    assert [offset_at("Quit", 4, x, 10, True, chrome=visual) for x in (0, 5, 6, 8)] == [0, 0, 1, 3]
    # left-aligned, as Textual draws it: past its end is the end
    assert [offset_at("Quit", 0, x, 10, False, chrome=visual) for x in (0, 3, 7)] == [0, 3, 4]


async def test_arabic_go_to_and_mark_prompts_read_from_the_right(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")  # "mark: type a letter", at the right edge
        await wait_until(pilot, lambda: isinstance(app.screen, KeyPrompt)
                         and app.screen.query(Static))
        await pilot.pause()
        prompt = app.screen.query_one(Static)
        assert prompt.region.x > SIZE[0] // 2 and prompt.region.right == SIZE[0] - 1
        await pilot.press("escape")

        await pilot.press("colon", "5", "0")
        await wait_until(pilot, lambda: isinstance(app.screen, GoToPrompt)
                         and app.screen.query_one(ShapedInput).value == "50")
        field = app.screen.query_one(ShapedInput)
        label = app.screen.query_one(Static)
        assert field.region.right <= label.region.x  # the label at the right
        field._cursor_visible = True
        drawn = _text(field.render_line(0))
        # the digits then the cursor's cell at the right edge, next to the label
        assert drawn.endswith("50 ") and drawn[:-3].strip() == ""
        cursor = field.get_component_rich_style("input--cursor")
        assert _cursor_cells(field.render_line(0), cursor) == [len(drawn) - 1]
        await pilot.press("escape")


async def test_arabic_search_and_dialog_fields_end_at_the_right(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        field = app.query_one("#search-query", QueryField)
        await wait_until(pilot, lambda: field.has_focus)
        empty = field.render_line(0)
        width = len(_text(empty))
        assert _cursor_cells(empty, Style(reverse=True)) == [width - 1]  # beside the "/"
        await pilot.press(*"Open")
        await wait_until(pilot, lambda: field.value == "Open")
        assert _text(field.render_line(0)).endswith("Open ")
        await pilot.press("escape")

        # the annotation dialog's text field, emptied, then a Latin title typed
        await pilot.press("right_square_bracket", "a", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, EntryDialog)
                         and isinstance(app.screen.focused, QueryField))
        title = app.screen.focused
        assert isinstance(title, QueryField)
        await pilot.press("ctrl+u", *"Abc")
        await wait_until(pilot, lambda: title.value == "Abc")
        assert _text(title.render_line(0)).endswith("Abc ")
        await pilot.press("escape")


def test_snapshot_of_the_arabic_palette_with_a_query(snap_compare, tmp_path: Path) -> None:
    """The icon at the right, the Arabic query shaped and ending beside it, the entries
    that match right-aligned. Looked at as PNG before accepting."""
    app = _ar_app(tmp_path)

    async def typed(pilot: Pilot) -> None:
        field = await _palette(pilot)
        await pilot.press(*_keys("ماسك"))
        results = pilot.app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: field.value == "ماسك" and results.option_count >= 5
                         and not pilot.app.screen._show_busy, what="the entries found")

    assert snap_compare(app, terminal_size=SIZE, run_before=typed)
