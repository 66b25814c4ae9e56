"""Navigation keeps its promises: back restores the focus, ] and [ start from what is on
screen and say when they wrap, the chooser closes on Esc and Backspace, the status line is
right after a resize."""

from __future__ import annotations

from pathlib import Path

from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.decisions import status_line
from reader.ui.screens.chooser import ChooseTarget
from tests.waiting import wait_until


def _app(tmp_path: Path) -> ReaderApp:
    return create_app(positions=PositionStore(tmp_path / "state"))


def _status(app: ReaderApp) -> str:
    return app.query_one("#status").paragraphs[0][0]


async def test_back_and_forward_restore_the_focus_too(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 14)) as pilot:
        await pilot.pause()
        annotations = app.annotations
        claim = next(c for c in annotations.claims.values()
                     if len(annotations.rebuttals_of(c.id)) == 1)
        rebuttal = annotations.rebuttals_of(claim.id)[0]
        app.go_to_entry(claim.id)
        await pilot.pause()
        at_claim = app.article.place()
        await pilot.press("enter")  # follow to the rebuttal
        await pilot.pause()
        assert app.navigation.focused_entry == rebuttal.id
        await pilot.press("backspace")
        await pilot.pause()
        assert app.article.place() == at_claim
        assert app.navigation.focused_entry == claim.id  # the focus came back with the place
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.navigation.focused_entry == rebuttal.id


async def test_backspace_and_escape_close_the_chooser(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        claim = next(c for c in app.annotations.claims.values()
                     if len(app.annotations.rebuttals_of(c.id)) > 1)
        for key in ("backspace", "escape"):
            app.go_to_entry(claim.id)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ChooseTarget)
            place = app.article.place()
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, ChooseTarget), key
            assert app.navigation.focused_entry == claim.id and app.article.place() == place


async def test_brackets_start_from_the_view_and_say_when_they_wrap(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 14)) as pilot:
        await pilot.pause()
        order = app.article.linked_entries()
        await pilot.press(*["right_square_bracket"] * 3)
        assert app.navigation.focused_entry == order[2][1]
        await pilot.press("G")  # the focus is now off screen: ] starts from the view
        await pilot.pause()
        top = app.article.place()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        after = [entry_id for span, entry_id in order if (span.paragraph, span.start) >= top]
        if after:
            assert app.navigation.focused_entry == after[0]
        else:
            assert app.navigation.focused_entry == order[0][1]
            assert "wrapped" in _status(app)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("left_square_bracket")  # nothing above the top: wraps to the end
        await pilot.pause()
        assert app.navigation.focused_entry == order[-1][1]
        assert "wrapped" in _status(app)
        await pilot.press("left_square_bracket")  # on screen now: from the focus
        await pilot.pause()
        assert app.navigation.focused_entry == order[-2][1]
        assert "wrapped" not in _status(app)


async def test_status_is_right_after_a_resize(tmp_path: Path) -> None:
    # The status is written after a frame (call_after_refresh): waited for, not paused for.
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "Top" in _status(app), what="Top in the status")
        await pilot.press("G")
        await wait_until(pilot, lambda: "100%" in _status(app), what="100% in the status")
        for size in ((200, 50), (60, 20)):
            await pilot.resize_terminal(*size)

            def shown_matches() -> bool:
                shown = status_line.position(app.status.inputs().view)
                return _status(app).split("│")[0].strip("\u2066\u2067\u2068\u2069 ") == shown

            await wait_until(pilot, shown_matches, what=f"the status at {size}")
        await pilot.press("g")
        await wait_until(pilot, lambda: "Top" in _status(app), what="Top in the status")
