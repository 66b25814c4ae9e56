"""Reading comfort and less's habits (issue 19): the measure, go to, '' and marks, harakat
on demand, paragraph numbers. Pure pieces first, then the app driven by keys and clicks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual import events

from reader.cli import main
from reader.state import measure as steps
from reader.state.history import History
from reader.state.measure import STEP
from reader.state.positions import FILE_NAME, PositionStore
from reader.state.preferences import FILE_NAME as PREFERENCES_FILE
from reader.state.preferences import Preferences, PreferenceStore
from reader.text import layout_paragraph
from reader.text.harakat import HARAKAT, hide, vocalised_ranges
from reader.ui.app import ReaderApp, create_app
from reader.ui.decisions import measure
from reader.ui.decisions.goto import Target, parse_target
from reader.ui.screens.help import KEYS
from reader.ui.screens.palette_commands import MarksProvider
from tests.waiting import wait_until

WIDE = (160, 30)
VOCALISED = "كَتَبَ الطَّالِبُ الدَّرْسَ فِي المَدْرَسَةِ"
ENGLISH = "The first paragraph of an English note, long enough to wrap at a narrow measure."


def _app(tmp_path: Path, path: Path | None = None, **kwargs) -> ReaderApp:
    state = tmp_path / "state"
    return create_app(path, positions=PositionStore(state), preferences=PreferenceStore(state),
                      **kwargs)


def _shown(app: ReaderApp, y: int) -> str:
    return app.article.render_line(y).text


# -- pure pieces --------------------------------------------------------------------------


def test_the_column_is_centred_at_most_the_measure() -> None:
    col = measure.column(157, 80)
    assert (col.left, col.text, col.right) == (38, 80, 39)
    assert measure.column(60, 80).text == 60  # never wider than the view
    assert measure.column(157, 0).text == 157  # 0: the whole width
    numbered = measure.column(157, 80, gutter=3, gutter_right=True)
    assert numbered.text == 80 and numbered.text_left == numbered.left
    assert numbered.left + 80 + 3 + numbered.right == 157
    assert measure.column(157, 80, gutter=3, gutter_right=False).text_left == numbered.left + 3
    assert measure.column(21, 80, gutter=3).gutter == 0  # no room: the text comes first


def test_narrower_and_wider_steps() -> None:
    assert steps.narrower(80, 80) == 80 - steps.STEP
    assert steps.narrower(0, 150) == 148  # from the full width shown, onto the grid
    assert steps.narrower(80, 61) == 60  # from what is on screen
    assert steps.narrower(80, 79) == 76  # the grid through the default, not 75
    assert steps.narrower(steps.MIN_MEASURE, 100) == steps.MIN_MEASURE
    assert steps.narrower(80, steps.MIN_MEASURE) == 80  # as narrow as it goes: no change
    assert steps.wider(80, 150) == 80 + steps.STEP
    assert steps.wider(148, 150) == 152  # the last step may pass the room a little
    assert steps.wider(150, 150) == 150  # never the whole width by steps
    assert steps.wider(0, 150) == 0
    assert steps.wider(70, 150) == 72  # an odd measure (--measure 70) joins the grid
    assert steps.wider(56, 60) == 80  # fills a narrow view: the default, not its width


@pytest.mark.parametrize("room", [60, 79, 81, 83, 84, 120, 150])
def test_measure_steps_come_back_and_stop_at_the_default(room: int) -> None:
    """Issue 25, point 10: at 120x36 with the panel shown (about 79 cells of room) ``>``
    then ``<`` saved 75, three ``<`` then three ``>`` saved 0 (the whole width)."""

    def press(measure: int, *keys: str) -> int:
        for key in keys:
            shown = room if measure <= 0 else min(measure, room)
            measure = steps.step(measure, key, shown, room)
        return measure

    narrow, wide = "narrower", "wider"
    default = steps.DEFAULT_MEASURE
    if room > default:
        assert press(default, wide, narrow) == default
    assert press(default, narrow, wide) == default  # in a narrow view too: not its width
    assert press(default, narrow, narrow, narrow, wide, wide, wide) == default
    assert press(default, *[wide] * 40) == max(default, steps._above(room - 1))  # never 0
    # from above or below, a step does not jump over the default
    if room > 81:
        assert press(81, narrow) == default and press(79, wide) == default
    assert press(0, *[narrow] * 40) == steps.MIN_MEASURE
    assert press(64, "default") == default and press(64, "whole") == 0
    with pytest.raises(ValueError):
        steps.step(80, "wide", 80, 80)


def test_hiding_harakat_keeps_letters_cells_and_the_map() -> None:
    assert hide(VOCALISED) == "كتب الطالب الدرس في المدرسة"
    assert hide("آأإ") == "آأإ"  # maddah and hamza are spelling, not vocalisation
    # At the layout level: the visual line still maps every source haraka, and hiding
    # them from the drawn string takes no cell.
    line = layout_paragraph(VOCALISED, 80, "auto").lines[0]
    mapped = {VOCALISED[i] for i in line.map}
    assert HARAKAT & set(VOCALISED) <= mapped
    assert {i for i, ch in enumerate(VOCALISED) if ch in HARAKAT} <= set(line.map)
    from rich.cells import cell_len

    assert cell_len(hide(line.text)) == cell_len(line.text) == line.cells


def test_vocalised_ranges_cover_each_letter_with_its_marks() -> None:
    text = "بَيت لاََ قمر"
    assert vocalised_ranges(text) == [(0, 2), (5, 9)]  # lam-alef: from the lam
    assert vocalised_ranges("كَتَبَ") == [(0, 6)]  # a vocalised word is one range
    assert vocalised_ranges("بلا حركات") == []


@pytest.mark.parametrize(("typed", "target"), [
    ("50%", Target(percent=50.0)), (" ٥٠٪ ", Target(percent=50.0)), ("0%", Target(percent=0.0)),
    ("12", Target(index=11)), ("١٢", Target(index=11)), ("1", Target(index=0)),
])
def test_go_to_targets(typed: str, target: Target) -> None:
    assert parse_target(typed, 20) == target


@pytest.mark.parametrize("typed", ["", "0", "21", "101%", "%", "1.5", "x", "5%5"])
def test_go_to_refuses_with_a_reason(typed: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_target(typed, 20)


def test_history_remembers_the_place_before_the_last_jump() -> None:
    history = History()
    assert history.previous is None
    history.push((1, 0))
    assert history.previous == (1, 0)
    assert history.back((5, 0)) == (1, 0)
    assert history.previous == (5, 0)  # back is a jump too: '' undoes it


def test_marks_and_settings_round_trip_in_the_state_files(tmp_path: Path) -> None:
    store = PositionStore(tmp_path)
    store.put("/a.txt", 3, 4, marks={"a": (1, 2), "Z": (7, 0)})
    PreferenceStore(tmp_path).save(
        Preferences(reading={"measure": 64, "harakat": "hide", "numbers": True}))
    store.put("/a.txt", 5, 6)  # marks given before are kept
    again = PositionStore(tmp_path)
    assert again.get("/a.txt") == (5, 6)
    assert again.marks("/a.txt") == {"a": (1, 2), "Z": (7, 0)}
    assert PreferenceStore(tmp_path).load().reading == {
        "measure": 64, "harakat": "hide", "numbers": True}
    # damaged marks and settings are left out, the position kept
    data = json.loads((tmp_path / FILE_NAME).read_text())
    data["/a.txt"]["marks"] = {"a": [1], "bb": [1, 2], "c": [-1, 0], "d": [2, 3]}
    (tmp_path / FILE_NAME).write_text(json.dumps(data))
    preferences = json.loads((tmp_path / PREFERENCES_FILE).read_text())
    preferences["reading"] = {"measure": [1], "harakat": "hide"}
    (tmp_path / PREFERENCES_FILE).write_text(json.dumps(preferences))
    damaged = PositionStore(tmp_path)
    assert damaged.marks("/a.txt") == {"d": (2, 3)}
    assert PreferenceStore(tmp_path).load().reading == {"harakat": "hide"}
    assert damaged.get("/a.txt") == (5, 6)


def test_bad_measure_flag_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--measure", "wide"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--measure" in err


def test_help_names_every_new_key() -> None:
    keys = " ".join(key for key, _what in KEYS)
    for key in (":", "''", "m", "'", "<", ">", "=", "W", "H", "#"):
        assert key in keys


# -- the app ------------------------------------------------------------------------------


async def test_measure_centres_the_text_and_keys_change_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")  # no panel: the whole width for the view
        await pilot.pause()
        article = app.article
        col = article.column
        assert article.text_width == 80 and col.left > 20 and abs(col.left - col.right) <= 1
        first = _shown(app, 0)
        # right to left: the line ends at the right edge of the column, margins blank
        assert first[: col.left].strip() == "" and first[col.left + 80 :].strip() == ""
        assert first[col.left + 79] != " "
        await pilot.press("j", "j", "j")
        place = article.place()
        await pilot.press("less_than_sign", "minus")
        await pilot.pause()
        assert article.text_width == 80 - 2 * STEP == article.flow.width
        assert article.place()[0] == place[0]  # the same paragraph at the top
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert article.text_width == 80 - STEP
    again = _app(tmp_path)  # remembered
    assert again.comfort.settings.measure == 80 - STEP
    full = _app(tmp_path, measure=0)  # --measure 0: the whole width
    async with full.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert full.article.text_width == full.article.column.width


async def test_measure_keys_keep_a_measure_that_means_the_same_later(tmp_path: Path) -> None:
    """Issue 25, point 10: at 120x36 with the panel shown, ``>`` then ``<`` saved 75 and
    three ``<`` then three ``>`` saved 0; ``=`` brings the default back, ``W`` alone chooses
    the whole width."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.article.column.width - app.article.column.gutter < 80  # the panel is shown
        await pilot.press("greater_than_sign", "less_than_sign")
        await pilot.pause()
        assert app.comfort.settings.measure < 80
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.comfort.settings.measure == 80
        await pilot.press(*["less_than_sign"] * 3, *["greater_than_sign"] * 3)
        await pilot.pause()
        assert app.comfort.settings.measure == 80
        await pilot.press("less_than_sign", "less_than_sign", "equals_sign")
        await pilot.pause()
        assert app.comfort.settings.measure == 80
        await pilot.press("W")
        await pilot.pause()
        assert app.comfort.settings.measure == 0
        assert app.article.text_width == app.article.column.width - app.article.column.gutter
        await pilot.press("equals_sign")
        await pilot.pause()
    assert _app(tmp_path).comfort.settings.measure == 80  # remembered


async def test_clicks_and_hits_land_on_the_right_letters_within_the_measure(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, measure=44)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        article = app.article
        claim = next(c for c in app.annotations.claims.values()
                     if len(app.annotations.rebuttals_of(c.id)) == 1)
        app.go_to_entry(claim.id)
        await pilot.pause()
        col = article.column
        assert article.source_at(col.left - 1, 0) is None  # the margin holds no text
        spot = next(((x, y) for y in range(article.scrollable_content_region.height)
                     for x in range(col.width)
                     if (found := article.source_at(x, y)) and claim.span.contains(*found)),
                    None)
        assert spot is not None and col.left <= spot[0] < col.left + 44
        # a search hit is styled on its own letters within the column
        article.set_hits([claim.span], claim.span)
        hit = article.painter.style("article--hit-current").bgcolor
        x, cells = 0, []
        for segment in article.render_line(spot[1]):
            if segment.style is not None and segment.style.bgcolor == hit:
                cells.extend(range(x, x + segment.cell_length))
            x += segment.cell_length
        assert spot[0] in cells and all(col.left <= x < col.left + 44 for x in cells)
        # a click on the claim follows it (once it cannot be the first of a double click)
        await pilot.click(article, offset=(spot[0] + 1, spot[1]))  # +1: the view's padding
        target = app.annotations.rebuttals_of(claim.id)[0].id
        await wait_until(pilot, lambda: app.navigation.focused_entry == target,
                         what="the rebuttal focused")


async def test_go_to_percent_and_paragraph_and_quote_quote(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        article = app.article
        await pilot.press("colon", "5", "0", "percent_sign", "enter")
        await pilot.pause()
        middle = article.top
        assert abs(middle - article.flow.height // 2) <= 1
        await pilot.press("apostrophe", "apostrophe")  # back to the start
        assert article.top == 0
        await pilot.press("apostrophe", "apostrophe")  # and again: '' swaps
        assert article.top == middle
        await pilot.press("colon", "1", "2", "enter")
        await pilot.pause()
        assert article.place() == (11, 0)  # paragraph 12, as `reader search` counts
        await pilot.press("backspace")  # the history knows these jumps too
        assert article.top == middle
        await pilot.press("colon", "9", "9", "9", "enter")  # no such paragraph: stays
        await pilot.pause()
        assert article.top == middle
        assert any("no paragraph 999" in n for n in app.notices.shown())
        await pilot.press("colon", "escape")
        assert article.top == middle and app.screen is app.screen_stack[0]


async def test_marks_are_set_used_kept_and_listed(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        article = app.article
        hits = [hit async for hit in MarksProvider(app.screen).search("marks")]
        assert [hit.text for hit in hits] == ["Marks… (none yet)"]
        await pilot.press("colon", "9", "enter", "m", "a")
        assert app.marks == {"a": (8, 0)}
        await pilot.press("g", "apostrophe", "a")
        assert article.place() == (8, 0)
        await pilot.press("apostrophe", "b")  # no mark b: nothing moves
        assert article.place() == (8, 0)
        hits = [hit async for hit in MarksProvider(app.screen).search("marks")]
        assert len(hits) == 1 and "a: ¶9" in hits[0].text
        await pilot.press("g")
        hits[0].command()
        assert article.place() == (8, 0)
    again = _app(tmp_path)
    assert again.marks == {"a": (8, 0)}


async def test_keys_typed_in_one_breath_reach_the_prompts(tmp_path: Path) -> None:
    """`:12⏎mq` arriving in one read: the digits go to the go-to field, q is a mark's name
    (it does not quit)."""
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, character in [("colon", ":"), ("1", "1"), ("2", "2"), ("enter", None),
                               ("m", "m"), ("q", "q")]:
            app.post_message(events.Key(key, character))
        await wait_until(pilot, lambda: "q" in app.marks, what="the mark q")
        assert app.marks == {"q": (11, 0)} and app.is_running
        assert app.article.place() == (11, 0) and app.screen is app.screen_stack[0]


async def test_harakat_hidden_highlighted_and_copied_from_the_source(tmp_path: Path) -> None:
    path = tmp_path / "vocalised.txt"
    path.write_text(VOCALISED + "\n", encoding="utf-8")
    app = _app(tmp_path, path)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        article = app.article
        assert HARAKAT & set(_shown(app, 0))
        await pilot.press("H")
        assert app.comfort.settings.harakat == "hide"
        shown = _shown(app, 0)
        assert not HARAKAT & set(shown)
        assert hide(VOCALISED) in shown[::-1] or "ﻛ" in shown  # shaped, still the letters
        # Search, anchors and copy read the source: the line and its map are untouched.
        line = article.flow.line_at(0)[1]
        assert HARAKAT & set(line.text)
        # the text under the first and last letters on screen, as a copy takes it
        cells = [x for x in range(article.column.width) if article.source_at(x, 0)]
        first, last = (article.source_at(x, 0)[1] for x in (cells[-1], cells[0]))
        assert VOCALISED[min(first, last): max(first, last) + 1] == VOCALISED[:-1]
        await pilot.press("H")
        assert app.comfort.settings.harakat == "highlight"
        strip = article.render_line(0)
        colour = article.painter.style("article--harakat").color
        styled = [seg.text for seg in strip if seg.style and seg.style.color == colour]
        assert styled and HARAKAT & set("".join(styled))
        await pilot.press("H", "H")
        assert app.comfort.settings.harakat == "hide"
    assert _app(tmp_path, path).comfort.settings.harakat == "hide"  # remembered
    assert _app(tmp_path, path, harakat="show").comfort.settings.harakat == "show"  # the flag wins


async def test_copy_under_hidden_harakat_gives_the_source(tmp_path: Path) -> None:
    """A word double-clicked within the measure, harakat hidden on screen: `y` copies the
    source word, harakat and all."""
    path = tmp_path / "vocalised.txt"
    path.write_text(VOCALISED + "\n", encoding="utf-8")
    app = _app(tmp_path, path, harakat="hide", measure=30)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        article = app.article
        assert not HARAKAT & set(_shown(app, 0)) and article.column.left > 0
        word = VOCALISED.split()[1]
        start = VOCALISED.index(word)
        x = next(x for x in range(article.column.width)
                 if (found := article.source_at(x, 0)) and found[1] == start + 2)
        await pilot.click(article, offset=(x + 1, 0), times=2)  # +1: the view's padding
        await pilot.press("y")
        assert app.clipboard == word and HARAKAT & set(app.clipboard)
        await pilot.click(article, offset=(x + 1, 0), times=3)  # the paragraph
        await pilot.press("y")
        assert app.clipboard == VOCALISED


async def test_paragraph_numbers_on_the_reading_side_match_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("colon", "1", "2", "enter", "number_sign")
        await pilot.pause()
        article = app.article
        col = article.column
        assert col.gutter and col.gutter_right  # an Arabic document: on the right
        shown = _shown(app, 0)
        number = shown[col.left + col.text :].strip()
        assert number == "12"
    # `reader search` prints the same number for a hit in that paragraph
    paragraph = app.document.paragraphs[11]
    word = paragraph.split()[0]
    assert main(["search", "--exact", word]) == 0
    printed = {line.split(":")[0] for line in capsys.readouterr().out.splitlines()[:-1]}
    assert "12" in printed
    english = tmp_path / "note.txt"
    english.write_text(ENGLISH + "\n\n" + ENGLISH + "\n", encoding="utf-8")
    app = _app(tmp_path, english, numbers=True, measure=30)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        col = app.article.column
        assert not col.gutter_right  # left to right: on the left
        assert _shown(app, 0)[col.left : col.left + col.gutter] == "1 "
        assert _shown(app, 1)[col.left : col.left + col.gutter].strip() == ""
