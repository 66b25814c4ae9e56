"""Annotating in the app, driven by keys: search, `a`, the dialog, `e`, `x`, `u`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.keys import _character_to_key

from reader.cli import main
from reader.content.annotations.model import Span
from reader.resources import bundled_article
from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.annotate_dialog import ConfirmDialog, EntryDialog, KindDialog
from reader.ui.screens.help import HelpScreen, speaker_legend
from reader.ui.widgets.entry_list import EntryList

SIZE = (100, 30)
CLAIM = "ثلاثة فصول"
REBUTTAL = "نسيت أن تذكر"


@pytest.fixture()
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


def _app(state: Path, document: Path | None = None) -> ReaderApp:
    return create_app(document, positions=PositionStore(state))


async def _type(pilot, text: str) -> None:
    await pilot.press(*[_character_to_key(ch) for ch in text])


async def _search(pilot, text: str) -> None:
    await pilot.press("slash", "ctrl+u")
    await _type(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def _screen(pilot, kind: type) -> None:
    for _ in range(50):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause()
    raise AssertionError(f"no {kind.__name__} on screen, but {pilot.app.screen}")


async def _annotate(pilot, phrase: str, key: str) -> None:
    await _search(pilot, phrase)
    await pilot.press("a")
    await _screen(pilot, KindDialog)
    await pilot.press(key)
    await _screen(pilot, EntryDialog)


async def _saved(pilot) -> None:
    await pilot.press("enter")
    for _ in range(50):
        if not isinstance(pilot.app.screen, EntryDialog | ConfirmDialog):
            break
        await pilot.pause()
    await pilot.pause()


def _render_entries(document: Path, capsys) -> set[str]:
    capsys.readouterr()
    assert main(["render", str(document), "--width", "80", "--format", "json",
                 "--entries"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return {entry for line in lines for entry in line.get("entries", ())}


async def test_claim_and_rebuttal_then_edit_remove_undo(tmp_path: Path, state: Path, capsys):
    document = tmp_path / "article.txt"
    shutil.copy(bundled_article(), document)
    annotations = tmp_path / "article.toml"
    app = _app(state, document)
    async with app.run_test(size=SIZE) as pilot:
        assert app.annotations is None
        # the claim: a new speaker, named in the dialog (there is nobody yet)
        await _annotate(pilot, CLAIM, "c")
        # label, speaker (none said; → new…), the new speaker's name
        await pilot.press("down", "right", "down")
        await _type(pilot, "سام ألتمان")
        await _saved(pilot)
        assert app.annotations is not None and len(app.annotations.claims) == 1
        claim = next(iter(app.annotations.claims.values()))
        assert claim.label == CLAIM and app.annotations.entities[claim.speaker].name \
            == "سام ألتمان"
        assert app.navigation.focused_entry == claim.id and app.article.entry_at(
            claim.span.paragraph, claim.span.start) == claim.id
        # the rebuttal: its speaker is new too (→ moves on in the English interface's
        # left-to-right list); it answers the focused claim by default
        await _annotate(pilot, REBUTTAL, "r")
        await pilot.press("down", "right", "down")
        await _type(pilot, "إيلون ماسك")
        await _saved(pilot)
        assert len(app.annotations.rebuttals) == 1
        rebuttal = next(iter(app.annotations.rebuttals.values()))
        assert rebuttal.answers == (claim.id,) and rebuttal.label == REBUTTAL
        assert [r.id for r in app.annotations.rebuttals_of(claim.id)] == [rebuttal.id]
        assert app.annotations.entities[rebuttal.speaker].name == "إيلون ماسك"
        await pilot.pause()
        assert rebuttal.id in app.panel.query_one("#claim-list").entry_ids

        assert main(["check", str(annotations)]) == 0

        # e edits the focused rebuttal's label
        await pilot.press("escape")  # clear the search
        await pilot.press("e")
        await _screen(pilot, EntryDialog)
        await pilot.press("ctrl+u")
        await _type(pilot, "الفصل الرابع")
        await _saved(pilot)
        assert app.annotations.rebuttals[rebuttal.id].label == "الفصل الرابع"

        # x on the claim names the rebuttal that goes with it
        await pilot.press("left_square_bracket")
        assert app.navigation.focused_entry == claim.id
        await pilot.press("x")
        await _screen(pilot, ConfirmDialog)
        shown = " ".join(line for line in app.screen.lines)
        assert rebuttal.id in shown and "removed too" in shown
        await _saved(pilot)
        assert not app.annotations.claims and not app.annotations.rebuttals
        assert main(["check", str(annotations)]) == 0
        assert app.article.entry_at(claim.span.paragraph, claim.span.start) is None

        # u puts them back
        await pilot.press("u")
        await pilot.pause()
        assert set(app.annotations.claims) == {claim.id}
        assert set(app.annotations.rebuttals) == {rebuttal.id}
    # (after the app: inside it, Textual captures what is printed)
    assert main(["check", str(annotations)]) == 0
    assert _render_entries(document, capsys) == {claim.id, rebuttal.id}


async def test_bundled_article_is_annotated_in_the_state_directory(state: Path):
    bundled = bundled_article().with_suffix(".toml")
    before = bundled.read_bytes()
    app = _app(state)
    async with app.run_test(size=SIZE) as pilot:
        chapters = len(app.annotations.chapters)
        # the mouse selection, when the app has one, comes before the search hit
        await _search(pilot, "تيسلا رودستر")
        hit = app.annotating.annotation_target()
        assert hit is not None and hit.text(app.document.paragraphs) == "تيسلا رودستر"
        selection = app.annotating.selection
        app.annotating.selection = lambda: Span(0, 0, 5)
        assert app.annotating.annotation_target() == Span(0, 0, 5)
        app.annotating.selection = selection
        await _annotate(pilot, "تيسلا رودستر", "e")
        await _saved(pilot)
        assert "tysl-rwdstr" in app.annotations.entities
        # e on a chapter highlighted in the panel edits it
        await pilot.press("escape", "tab", "tab")
        assert isinstance(app.focused, EntryList)
        assert app.annotating.entry_in_focus() == "ch1-reservation"
        await pilot.press("e")
        await _screen(pilot, EntryDialog)
        await pilot.press("ctrl+u")
        await _type(pilot, "الحجز الأول")
        await _saved(pilot)
        assert app.annotations.chapter("ch1-reservation").title == "الحجز الأول"
    assert bundled.read_bytes() == before  # the installation's own file is untouched
    kept = list((state / "annotations").glob("*.toml"))
    assert len(kept) == 1
    assert main(["check", str(kept[0])]) == 0
    app = _app(state)  # found again by itself, with everything the bundled file had
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "tysl-rwdstr" in app.annotations.entities
        assert len(app.annotations.chapters) == chapters


async def test_enter_saves_a_claim_without_a_speaker_on_a_fresh_document(
        tmp_path: Path, state: Path, capsys):
    """Issue 25, point 13: no entities yet, ``a`` ``c`` Enter saves the claim as the dialog
    offers it, its speaker unsaid; ``reader check`` and the panel take it as it is."""
    document = tmp_path / "article.txt"
    shutil.copy(bundled_article(), document)
    annotations = tmp_path / "article.toml"
    app = _app(state, document)
    async with app.run_test(size=SIZE) as pilot:
        await _annotate(pilot, CLAIM, "c")
        await _saved(pilot)
        assert not isinstance(app.screen, EntryDialog)
        assert annotations.is_file()
        claim = next(iter(app.annotations.claims.values()))
        assert claim.label == CLAIM and claim.speaker is None
        assert not app.annotations.entities and not app.found.problems
        await pilot.pause()
        assert claim.id in app.panel.query_one("#claim-list").entry_ids
        # a rebuttal without a speaker answers it
        await _annotate(pilot, REBUTTAL, "r")
        await _saved(pilot)
        rebuttal = next(iter(app.annotations.rebuttals.values()))
        assert rebuttal.speaker is None and rebuttal.answers == (claim.id,)
        # the help's legend names the spans' colour: the same for both, "no speaker"
        legend = speaker_legend(app.annotations, app.article)
        assert [name.strip("\u2066\u2067\u2068\u2069") for name, _style in legend] == [
            "no speaker"]
        assert app.article.entry_at(claim.span.paragraph, claim.span.start) == claim.id
        await pilot.press("question_mark")
        await _screen(pilot, HelpScreen)
    assert "speaker" not in annotations.read_text(encoding="utf-8")
    assert main(["check", str(annotations)]) == 0
    assert _render_entries(document, capsys) == {claim.id, rebuttal.id}


async def test_a_dialog_stays_open_with_what_was_typed_and_says_what_is_missing(
        tmp_path: Path, state: Path):
    document = tmp_path / "article.txt"
    shutil.copy(bundled_article(), document)
    annotations = tmp_path / "article.toml"
    app = _app(state, document)
    async with app.run_test(size=SIZE) as pilot:
        await _annotate(pilot, CLAIM, "c")
        dialog = app.screen
        # a new speaker chosen (→ past "no speaker"), no name typed: Enter keeps the dialog
        await pilot.press("ctrl+u")
        await _type(pilot, "حكاية")
        await pilot.press("down", "right")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and not annotations.exists()
        assert dialog.values()["label"] == "حكاية"
        problem = dialog.query_one("#annotate-problem")
        assert problem.display and "name the new speaker" in problem.paragraphs[0][0]
        assert app.focused is dialog.query_one("#field-new_name")  # where it is missing
        await _type(pilot, "سام ألتمان")
        await _saved(pilot)
        claim = next(iter(app.annotations.claims.values()))
        assert claim.label == "حكاية"
        assert app.annotations.entities[claim.speaker].name == "سام ألتمان"
        # an empty label: said in the dialog, which stays
        await _annotate(pilot, REBUTTAL, "r")
        dialog = app.screen
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        assert app.screen is dialog and "label" in dialog.query_one(
            "#annotate-problem").paragraphs[0][0]
        assert app.focused is dialog.query_one("#field-label")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntryDialog) and not app.annotations.rebuttals
