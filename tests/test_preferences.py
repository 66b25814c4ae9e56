"""The theme and the search history are remembered between runs; --theme picks a theme;
the help names who each colour is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import _app_parser
from reader.state.positions import PositionStore
from reader.state.preferences import HISTORY_LIMIT, Preferences, PreferenceStore
from reader.ui.app import create_app
from reader.ui.decisions.speakers import speaker_indexes
from reader.ui.screens.help import HelpScreen
from reader.ui.themes import DARK, LIGHT


@pytest.fixture(autouse=True)
def _truecolor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's own themes (16-colour terminals get the terminal's palette instead,
    see reader.ui.terminal_output.colours), whatever TERM the tests run under."""
    monkeypatch.setenv("COLORTERM", "truecolor")


def _app(tmp_path: Path, **kwargs):
    return create_app(positions=PositionStore(tmp_path), preferences=PreferenceStore(tmp_path),
                      **kwargs)


async def test_theme_and_searches_are_remembered(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == DARK
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == LIGHT
        await pilot.press("slash", *"ماسك", "enter")
        await pilot.press("slash", *"OpenAI", "enter")
        await pilot.pause()
        await pilot.press("q")
    saved = json.loads((tmp_path / "preferences.json").read_text())
    assert saved == {"theme": LIGHT, "search_history": ["ماسك", "OpenAI"]}
    again = _app(tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == LIGHT
        await pilot.press("slash", "up")  # the last query of the last run
        await pilot.pause()
        assert again.search_bar.value == "OpenAI"
    # --theme wins over what was remembered
    assert _app(tmp_path, theme="dark").theme == DARK
    assert _app(tmp_path, theme=None).theme == LIGHT


def test_the_theme_option() -> None:
    assert _app_parser().parse_args(["--theme", "light"]).theme == "light"
    assert _app_parser().parse_args([]).theme is None


def test_a_damaged_preferences_file_gives_the_defaults(tmp_path: Path) -> None:
    store = PreferenceStore(tmp_path)
    for content in ("{not json", "[1, 2]", '{"theme": 3, "search_history": "x"}'):
        (tmp_path / "preferences.json").write_text(content)
        assert store.load() == Preferences()
    store.save(Preferences("reader-light", [str(n) for n in range(80)]))
    loaded = store.load()
    assert loaded.theme == "reader-light"
    assert loaded.search_history == [str(n) for n in range(80 - HISTORY_LIMIT, 80)]


def test_two_readers_closing_keep_each_others_changes(tmp_path: Path) -> None:
    """Two readers open at once: the one that saves last keeps what the other saved."""
    PreferenceStore(tmp_path).save(Preferences("reader-dark", ["old"], {"measure": 80}))
    first, second = PreferenceStore(tmp_path), PreferenceStore(tmp_path)
    mine, theirs = first.load(), second.load()
    mine.theme = "reader-light"
    mine.search_history.append("ماسك")
    assert first.save(mine)
    theirs.reading["harakat"] = "hide"
    theirs.search_history.append("Altman")
    assert second.save(theirs)
    saved = PreferenceStore(tmp_path).load()
    assert saved.theme == "reader-light"
    assert saved.reading == {"measure": 80, "harakat": "hide"}
    assert saved.search_history == ["old", "ماسك", "Altman"]
    # and a second save of the same store adds only what is new since its last one
    theirs.search_history.append("OpenAI")
    assert second.save(theirs)
    assert PreferenceStore(tmp_path).load().search_history == ["old", "ماسك", "Altman", "OpenAI"]


async def test_help_has_a_legend_of_speakers_in_their_colours(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        indexes = speaker_indexes(app.annotations, 6)
        # the same colour as the view gives their spans
        for marks in app.article.marks.entries.values():
            for mark in marks:
                entry = app.annotations.entry(mark.entry_id)
                assert mark.component == f"article--speaker-{indexes[entry.speaker]}"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        legend = app.screen.legend
        assert len(legend) == len(indexes) == 5
        colours = {style.color for _name, style in legend}
        assert len(colours) == 5
