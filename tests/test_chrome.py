"""Chrome text (status line, panel, chooser, palette) is drawn as the core lays out each
field: values isolated, fields in the document's direction, markers on one side."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.state.positions import PositionStore
from reader.text import layout_paragraph
from reader.text.chrome import (
    ChromeStyle,
    chrome_line,
    fill,
    isolate_field,
    join_fields,
    text_direction,
)
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.screens.command_palette import ShapedCommandInput
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.tab_bar import TabBar
from tests.waiting import panel_built

WIDE = 10_000
VISUAL = ChromeStyle.VISUAL
# Pieces of labels: Arabic words, Latin names, digits, punctuation.
PIECES = ["رسائل", "ماسك", "دفع سابقًا", "مع", "OpenAI", "Microsoft", "Sam Altman", "45",
          "2018", "50,000", ":", "…", "«", "»", "(", ")", "—", "%", "!", "؟", "،"]
LABELS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join)


def core(text: str, direction: str = "auto") -> str:
    """The core's own layout of one field or value, on one line."""
    return layout_paragraph(text, WIDE, direction).lines[0].text


@settings(max_examples=150, deadline=None)
@given(name=LABELS, label=LABELS, number=st.integers(0, 999))
def test_an_entry_lays_out_as_its_values_side_by_side(name: str, label: str,
                                                      number: int) -> None:
    text = fill("◆ {name}: {label} {number}", name=name, label=label, number=number)
    # right to left: the marker at the right, then the name, then the label, whatever
    # script each value is in
    assert chrome_line(text, "rtl", style=VISUAL) == f"{number} {core(label)} :{core(name)} ◆"
    assert chrome_line(text, "ltr", style=VISUAL) == f"◆ {core(name)}: {core(label)} {number}"


@settings(max_examples=150, deadline=None)
@given(fields=st.lists(LABELS, min_size=1, max_size=4), direction=st.sampled_from(["rtl",
                                                                                   "ltr"]))
def test_status_fields_keep_their_order(fields: list[str], direction: str) -> None:
    parts = [fill("◆ {label}", label=field) for field in fields]
    line = chrome_line(join_fields(parts, direction, style=VISUAL), direction, style=VISUAL)
    drawn = [core(fill("◆ {label}", label=field), direction) for field in fields]
    assert line == "  │  ".join(reversed(drawn) if direction == "rtl" else drawn)


def test_a_field_with_words_of_its_own_keeps_its_direction() -> None:
    field = fill("back: {n}", n=3)
    assert isolate_field(field, "rtl").startswith("\u2068")  # FSI: its English words lead
    assert isolate_field(fill("{n}%", n=52), "rtl").startswith("\u2067")  # RLI: no words
    joined = join_fields(["52%", field], "rtl", style=VISUAL)
    assert chrome_line(joined, "rtl", style=VISUAL) == "back: 3  │  52%"


def test_document_direction_is_its_first_strong_text() -> None:
    assert text_direction(["", "2024", "«مرحبا» hello"]) == "rtl"
    assert text_direction(["hello مرحبا"]) == "ltr"
    assert text_direction(["", "123"]) == "ltr"


DOCUMENT = ("رسائل ماسك إلى OpenAI تكشف ما دفعه سابقًا.\n"
            "قالت Microsoft إن الصفقة تمت في 2019 بمبلغ 1,000,000 دولار.\n"
            "ورد ألتمان: «لا شيء من هذا صحيح» (في 3 رسائل).\n")
ANNOTATIONS = '''document = "doc.txt"
title = "القصة كاملة"

[[entity]]
id = "openai"
name = "OpenAI"
kind = "organisation"

[[entity]]
id = "microsoft"
name = "Microsoft"
kind = "organisation"

[[entity]]
id = "altman"
name = "سام ألتمان"
kind = "person"

[[claim]]
id = "c1"
speaker = "openai"
label = "رسائل ماسك: دفع سابقًا"
anchor = "رسائل ماسك إلى OpenAI"

[[claim]]
id = "c2"
speaker = "microsoft"
label = "مع OpenAI … Microsoft"
anchor = "الصفقة تمت في 2019"

[[rebuttal]]
id = "r1"
speaker = "altman"
label = "«لا شيء» (3 رسائل)"
answers = ["c1", "c2"]
anchor = "لا شيء من هذا صحيح"
'''


def _app(tmp_path: Path) -> ReaderApp:
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "doc.toml").write_text(ANNOTATIONS, encoding="utf-8")
    app = create_app(tmp_path / "doc.txt", tmp_path / "doc.toml",
                     positions=PositionStore(tmp_path / "state"))
    assert app.annotations is not None and not app.found.problems, app.found.problems
    return app


def _row_text(strip) -> str:
    return "".join(segment.text for segment in strip)


def _entry_rows(entry_list: EntryList) -> list[str]:
    entry_list._ensure_rows()
    return [_row_text(entry_list.render_line(y)).strip()
            for y in range(len(entry_list._rows))]


async def test_drawn_chrome_matches_the_core_layout_of_each_field(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await panel_built(pilot)
        await pilot.pause()
        assert app.direction == "rtl"
        panel = app.panel
        assert _row_text(panel.query_one("#panel-title").render_line(0)).strip() == \
            core("القصة كاملة")
        panel.query_one(TabBar).activate(1)
        await pilot.pause()
        claims = panel.query_one("#claim-list", EntryList)
        rows = [row for row in _entry_rows(claims) if row]
        annotations = app.annotations
        width = claims._text_width()
        expected = []
        composed = []  # the entries short enough for one line, field by field
        listed: set[str] = set()  # a rebuttal listed again is marked ↻, as in the map
        entries = []
        for claim in annotations.claims.values():
            entries.append((claim, "◆"))
            for rebuttal in annotations.rebuttals_of(claim.id):
                entries.append((rebuttal, "↻" if rebuttal.id in listed else "↩"))
                listed.add(rebuttal.id)
        assert any(mark == "↻" for _entry, mark in entries)
        for entry, mark in entries:
            name = annotations.entities[entry.speaker].name
            text = fill("{mark} {name}: {label}", mark=mark, name=name, label=entry.label)
            lines = [line.text for line in layout_paragraph(text, width, "rtl").lines]
            expected.extend(line.strip() for line in lines)
            if len(lines) == 1:
                composed.append((lines[0], f"{core(entry.label)} :{core(name)} {mark}"))
        assert rows == expected
        assert len(composed) >= 3
        for drawn, by_fields in composed:
            assert drawn == by_fields
        # every marker on the same side: the right, where right-to-left text starts
        for y in claims._first_rows:
            assert claims._rows[y][3]  # rtl
            assert _row_text(claims.render_line(y)).rstrip()[-1] in "◆↩↻"
        # tabs: side by side with a gap, never run together
        tabs = panel.query_one(TabBar)
        drawn = _row_text(tabs.render_line(0))
        for label in tabs.labels:
            assert label in drawn

        # the status line with a claim focused: position, chapter-less, the label
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        claim = annotations.claims["c2"]
        assert app.navigation.focused_entry == "c2"
        status = app.query_one("#status")
        drawn = _row_text(status.render_line(0)).strip()
        # fields of markers, digits and values take the document's direction; one with
        # words of its own ("back: 1") keeps theirs
        fields = [core("Top", "rtl"), core(fill("◆ {label}", label=claim.label), "rtl")]
        if app.navigation.history.depth:
            fields.append(core(fill("back: {n}", n=app.navigation.history.depth)))
        assert drawn == "  │  ".join(reversed(fields))

        # the chooser: every item laid out right to left, aligned right
        await pilot.press("right_square_bracket")  # the rebuttal answering both claims
        await pilot.pause()
        assert app.navigation.focused_entry == "r1"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChooseTarget)
        chooser = app.screen.query_one(EntryList)
        rows = [row for row in _entry_rows(chooser) if row]
        assert rows == [f"{core(c.label)} :{core(annotations.entities[c.speaker].name)}"
                        for c in (annotations.claims["c1"], annotations.claims["c2"])]
        await pilot.press("backspace")


async def test_palette_input_shows_arabic_shaped_in_visual_order(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        field = app.screen.query_one(ShapedCommandInput)
        await pilot.press(*"ماسك OpenAI")
        await pilot.pause()
        assert field.value == "ماسك OpenAI"
        drawn = _row_text(field.render_line(0)).strip()
        assert drawn == core("ماسك OpenAI")  # joined letters, Arabic at the right
        assert "ﻚﺳﺎﻣ" in drawn and "ماسك" not in drawn
        await pilot.press("escape")  # close it before the app goes: its search may still run
        await pilot.pause()


def _arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text)


async def test_a_hebrew_document_gets_no_arabic_chrome(tmp_path: Path) -> None:
    (tmp_path / "he.md").write_text("# כותרת ראשית\n\nשלום עולם, זה מסמך.\n\n## פרק שני\n\n"
                                    "עוד טקסט.\n", encoding="utf-8")
    app = create_app(tmp_path / "he.md", positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.direction == "rtl"
        title = _row_text(app.panel.query_one("#panel-title").render_line(0))
        assert title.strip() == "Contents"
        status = _row_text(app.query_one("#status").render_line(0))
        assert status.strip() == "Top"
        strips = app.screen._compositor.render_strips()
        chrome = "".join(strip.text for strip in strips[1:])  # all but the title line
        assert not _arabic(chrome)


def test_the_annotation_file_names_its_panel(tmp_path: Path) -> None:
    from reader.content.annotations.file import parse_annotations
    from reader.content.loading import open_for_reading

    _document, _pending, found = open_for_reading(None, None, "strict")
    annotations, problems = found.annotations, found.problems
    assert annotations.title == "الفصول الأربعة" and not problems
    parsed = parse_annotations('title = 3\n')
    assert parsed.title == "" and "title must be one line" in str(parsed.problems[0])
    assert parse_annotations('title = "Story"\n').title == "Story"


async def test_palette_entries_keep_each_label_whole(tmp_path: Path) -> None:
    from reader.ui.screens.palette_commands import GoToProvider

    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        entries = {entry_id: shown for entry_id, _plain, shown in
                   GoToProvider(app.screen)._entries()}
        annotations = app.annotations
        for claim in annotations.claims.values():
            name = annotations.entities[claim.speaker].name
            # the English command left to right, then the entry as one right-to-left field
            assert entries[claim.id] == f"go to claim: {core(claim.label)} :{core(name)}"
