"""What the reader tells (issue 25, point 11): a notice never covers the status line or the
text. A key's notice (H, <, v, X...) is a short-lived note in the status line; the warnings
given at start (annotation problems, a book's skipped chapters, the terminal) are lines above
the status line that take their room from the view instead of covering it. The screen is
read cell by cell from the pilot."""

from __future__ import annotations

from pathlib import Path

from reader import i18n
from reader.state.positions import PositionStore
from reader.state.preferences import PreferenceStore
from reader.ui.app import ReaderApp, create_app
from tests.waiting import wait_until

SIZE = (100, 24)
LINES = [f"Line {n} of a plain note, long enough to reach the right side of a wide view, "
         f"where a notice used to sit." for n in range(1, 60)]


def _rows(app: ReaderApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return ["".join(strip.text for strip in row) for row in update.strips]


def _text(rows: list[str]) -> list[str]:
    """The rows without their last cells (the scrollbar comes and goes)."""
    return [row[:-3] for row in rows]


def _app(tmp_path: Path, text: str = "\n\n".join(LINES), toml: str | None = None) -> ReaderApp:
    path = tmp_path / "note.txt"
    path.write_text(text + "\n", encoding="utf-8")
    if toml is not None:
        path.with_suffix(".toml").write_text(toml, encoding="utf-8")
    state = tmp_path / "state"
    return create_app(path, positions=PositionStore(state), preferences=PreferenceStore(state))


def _status_row(app: ReaderApp) -> int:
    return app.query_one("#status").region.y


async def test_a_keys_notice_is_in_the_status_line_and_covers_nothing(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "Top" in _rows(app)[_status_row(app)], what="status")
        status_y = _status_row(app)
        before = _rows(app)
        for key, words in (("H", "(H changes it)"), ("less_than_sign", "(< > change it)"),
                           ("v", "(v toggles)")):
            await pilot.press(key)
            await wait_until(pilot, lambda w=words: w in _rows(app)[status_y], what=words)
            after = _rows(app)
            # the text rows above the status line, the one beside it first, are untouched
            # (v and < change nothing in the first lines of this plain, short-lined note)
            if key == "H":
                assert _text(after[:status_y]) == _text(before[:status_y])
            assert _text(after)[status_y - 1] == _text(before)[status_y - 1], key
            assert after[status_y].lstrip().startswith("Top"), after[status_y]  # its place
            assert after[status_y + 1:] == before[status_y + 1:]  # the key bar
        assert app.notices.shown() and "(v toggles)" in app.notices.shown()[0]


async def test_a_notice_is_drawn_in_the_interfaces_direction(tmp_path: Path) -> None:
    """An Arabic notice reads right to left in the status line: laid out once, by the
    status line (a message laid out twice would come out reversed)."""
    i18n.set_language("ar")
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await wait_until(pilot, lambda: bool(app.notices.shown()), what="the notice")
        message = app.notices.shown()[0]
        assert "\u202e" not in message and "\u202b" not in message
        row = _rows(app)[_status_row(app)]
        # "v" is isolated in the message: it stands in the row as its own letter
        assert "v" in row and any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff"
                                  for ch in row), row


async def test_start_up_warnings_are_lines_above_the_status_line(tmp_path: Path) -> None:
    toml = ('[[entity]]\nid = "m"\nname = "Musk"\nkind = "person"\n\n'
            '[[claim]]\nid = "c"\nspeaker = "m"\nlabel = "x"\nanchor = "not in the text"\n')
    app = _app(tmp_path, toml=toml)
    assert app.found.problems
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: any("reader check" in row for row in _rows(app)),
                         what="the warning")
        rows = _rows(app)
        status_y = _status_row(app)
        assert rows[status_y].lstrip().startswith("Top"), rows[status_y]
        warning_rows = [y for y, row in enumerate(rows) if "reader check" in row]
        assert warning_rows and max(warning_rows) < status_y
        # the text is not covered: its first lines are whole on screen, above the warning
        shown = "\n".join(rows[:min(warning_rows)])
        assert "Line 1 of a plain note" in shown and "Line 2 of a plain note" in shown
        assert any("reader check" in text for text in app.notices.shown())


async def test_textuals_own_notifications_are_told_in_the_status_line(tmp_path: Path) -> None:
    """What Textual itself notifies (a screenshot saved...) is no toast either."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.notify("Saved [b]screenshot[/b] to shot.svg")
        await wait_until(pilot, lambda: "Saved screenshot to shot.svg"
                         in _rows(app)[_status_row(app)], what="the note")
        assert not app._notifications  # no toast
