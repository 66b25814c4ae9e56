"""Every piece of chrome in its own direction (issue 25): a panel entry, the title bar, a
chooser's item and a dialog's field are each laid out in their own direction (their first
strong letter, as FSI or HTML's ``dir=auto``) inside the chrome's, which puts the markers,
the indents and the alignment. And what is drawn from the document follows ``--harakat``.

Each test reads the cells the app draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from reader import i18n
from reader.state.positions import PositionStore
from reader.text import layout_paragraph
from reader.text.chrome import label_direction
from reader.text.harakat import has_harakat, hide
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.annotate_dialog import EntryDialog, Field
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.tab_bar import TabBar
from tests.waiting import panel_built, wait_until

WIDE = 10_000

# An English first paragraph, Arabic headings (a Debian handbook's translation, say).
MIXED_HEADINGS = """# Storage guide

This guide explains how to set up storage on a Linux server.

## إعداد LVM مع الزمن

نص عربي عن إعداد LVM.

### 12.1.1.1. مستويات RAID المختلفة

نص آخر عن RAID.

## Backups

English text again.
"""
ARABIC_HEADINGS = ["إعداد LVM مع الزمن", "12.1.1.1. مستويات RAID المختلفة"]


def core(text: str, direction: str = "auto") -> str:
    """The core's own layout of ``text`` on one line."""
    return layout_paragraph(text, WIDE, direction).lines[0].text


def rows(entry_list: EntryList) -> list[str]:
    """The list's rows as drawn, blank rows left out."""
    entry_list._ensure_rows()
    drawn = ["".join(segment.text for segment in entry_list.render_line(y))
             for y in range(len(entry_list._rows))]
    return [row for row in drawn if row.strip()]


def screen_rows(app: ReaderApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def drawn_in(app: ReaderApp, widget: Widget) -> list[str]:
    """The cells of ``widget``'s region, row by row, as the screen shows them."""
    region = widget.region
    strips = app.screen._compositor.render_strips()[region.y:region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


def _open(tmp_path: Path, name: str, text: str, **options: object) -> ReaderApp:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return create_app(tmp_path / name, positions=PositionStore(tmp_path / "state"),
                      **options)  # type: ignore[arg-type]


# -- 2. panel entries ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
async def test_each_heading_in_the_panel_reads_in_its_own_direction(
        tmp_path: Path, language: str) -> None:
    """The document reads left to right (its first paragraph is English); its Arabic
    headings read right to left in the panel as in the text, their indents at the chrome's
    start. Before: «ﺩﺍﺪﻋﺇ LVM ﻦﻣﺰﻟﺍ ﻊﻣ», the words out of order."""
    i18n.set_language(language)
    app = _open(tmp_path, "guide.md", MIXED_HEADINGS)
    async with app.run_test(size=(140, 30)) as pilot:
        app.panel.styles.width = 60  # each entry on one line
        await panel_built(pilot)
        await pilot.pause()
        assert app.direction == "ltr"
        drawn = rows(app.panel.query_one("#contents-list", EntryList))
        assert [row.strip() for row in drawn] == [
            "Storage guide", core(ARABIC_HEADINGS[0]), core(ARABIC_HEADINGS[1]), "Backups"]
        assert core(ARABIC_HEADINGS[0]).startswith("ﻦﻣﺰﻟﺍ")  # its first word at the right
        # aligned as the chrome is (left to right): each level's indent at the left
        indents = [len(row) - len(row.lstrip()) for row in drawn]
        assert indents[1] == indents[0] + 2 and indents[2] == indents[0] + 4


async def test_a_wrapped_heading_keeps_its_indent(tmp_path: Path) -> None:
    """A level-3 heading longer than the panel is wide: every line of it indented, its
    first words (read right to left) on the first."""
    app = _open(tmp_path, "guide.md", MIXED_HEADINGS)
    async with app.run_test(size=(120, 30)) as pilot:
        app.panel.styles.width = 26
        await panel_built(pilot)
        await pilot.pause()
        contents = app.panel.query_one("#contents-list", EntryList)
        drawn = [row for row in drawn_in(app, contents) if row.strip()]
        first = next(y for y, row in enumerate(drawn) if "12.1.1.1" in row)
        heading = drawn[first:next(y for y, row in enumerate(drawn) if "Backups" in row)]
        assert len(heading) > 1, drawn
        assert all(row.startswith(" " * 5) and row[5] != " " for row in heading), heading
        assert core("12.1.1.1. مستويات").endswith(heading[0].strip()[-9:])


DEBATE_EN = ("Some say Linux is only a kernel.\n"
             "Others say it is a distribution.\n"
             "The answer to both is the whole system.\n")
DEBATE_ANNOTATIONS = '''document = "debate.txt"

[[entity]]
id = "ahmad"
name = "أحمد"
kind = "person"

[[entity]]
id = "ben"
name = "Ben"
kind = "person"

[[claim]]
id = "c1"
speaker = "ahmad"
label = "Linux النواة فقط لا النظام"
anchor = "only a kernel"

[[claim]]
id = "c2"
speaker = "ben"
label = "توزيعة لينكس"
anchor = "a distribution"

[[rebuttal]]
id = "r1"
speaker = "ben"
label = "النظام كله"
answers = ["c1", "c2"]
anchor = "the whole system"
'''


def _debate(tmp_path: Path) -> ReaderApp:
    (tmp_path / "debate.txt").write_text(DEBATE_EN, encoding="utf-8")
    (tmp_path / "debate.toml").write_text(DEBATE_ANNOTATIONS, encoding="utf-8")
    app = create_app(tmp_path / "debate.txt", tmp_path / "debate.toml",
                     positions=PositionStore(tmp_path / "state"))
    assert app.annotations is not None and not app.found.problems, app.found.problems
    return app


def _entry(app: ReaderApp, entry_id: str) -> str:
    """A claim's or rebuttal's entry read right to left (its label is Arabic, one of them
    opened by a Latin name), the speaker's name first, whatever script the name is in."""
    annotations = app.annotations
    assert annotations is not None
    entry = annotations.entry(entry_id)
    name = annotations.entities[entry.speaker].name
    return f"{core(entry.label, 'rtl')} :{core(name)}"


async def test_claims_and_chooser_items_read_in_their_labels_direction(
        tmp_path: Path) -> None:
    app = _debate(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await panel_built(pilot)
        assert app.direction == "ltr"
        panel = app.panel
        panel.query_one(TabBar).activate(1)
        await pilot.pause()
        drawn = [row.strip() for row in rows(panel.query_one("#claim-list", EntryList))]
        # the marker at the chrome's start (the left), the entry right to left after it
        assert drawn == [f"◆ {_entry(app, 'c1')}", f"↩ {_entry(app, 'r1')}",
                         f"◆ {_entry(app, 'c2')}", f"↻ {_entry(app, 'r1')}"]  # again
        await pilot.press(*["right_square_bracket"] * 3)
        assert app.navigation.focused_entry == "r1"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChooseTarget))
        await pilot.pause()
        chooser = app.screen.query_one(EntryList)
        assert [row.strip() for row in rows(chooser)] == [_entry(app, "c1"),
                                                           _entry(app, "c2")]


def test_a_label_reads_in_the_direction_of_most_of_its_words() -> None:
    """A Latin name opening an Arabic claim (the bundled article's "OpenAI أُسست مفتوحة …")
    reads right to left; else a label reads as its first strong letter (FSI)."""
    assert label_direction("OpenAI أُسست مفتوحة وغير ربحية وصارت مغلقة تسيطر عليها "
                           "Microsoft (2023)") == "rtl"
    assert label_direction("Using الذكاء الاصطناعي in schools") == "ltr"
    assert label_direction("LVM إعداد") == "ltr" and label_direction("إعداد LVM") == "rtl"
    assert label_direction("مع OpenAI … Microsoft") == "rtl"
    assert label_direction("(2023)") == "auto"


# -- 3. the title bar ---------------------------------------------------------------------

RTL_PAGE = ("<html><head><title>x</title></head><body><h1>B.5. فضاء المستخدم</h1>"
            "<p>هذا نص عربي طويل عن فضاء المستخدم في نظام لينكس وكيف يعمل.</p>"
            "<h2>B.5.1. العمليات</h2><p>نص آخر عن العمليات في النظام.</p></body></html>")


async def test_the_title_bar_reads_in_the_titles_direction(tmp_path: Path) -> None:
    """An Arabic manual's page "B.5. فضاء المستخدم": its first strong letter is B, but the
    page (and so its title, Document.title_direction) reads right to left. Before: the title
    bar showed «B.5. ﻡﺪﺨﺘﺴﻤﻟﺍ ﺀﺎﻀﻓ», left to right."""
    app = _open(tmp_path, "page.html", RTL_PAGE)
    assert app.document.title_direction == "rtl"
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        title = app.query_one("#title")
        row = drawn_in(app, title)[0]
        assert row.strip() == core("B.5. فضاء المستخدم", "rtl")
        assert row.rstrip() == row[:-1]  # at the right, beside the padding


async def test_a_title_without_a_direction_reads_in_its_own(tmp_path: Path) -> None:
    """A Markdown title says no direction: its first strong letter gives it, whatever the
    chrome's direction (an Arabic title over an English document)."""
    app = _open(tmp_path, "doc.md", "# إعداد LVM مع الزمن\n\nThis guide is in English.\n")
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        row = drawn_in(app, app.query_one("#title"))[0]
        assert row.strip() == core("إعداد LVM مع الزمن")


# -- 4. a dialog's choices ----------------------------------------------------------------


@pytest.mark.parametrize("several", [True, False])
async def test_a_choice_in_a_dialog_is_isolated(tmp_path: Path, several: bool) -> None:
    """The rebuttal dialog's claims field in an English interface, an Arabic claim shown:
    before, «‹ ☑ (1/1)  ‹ ﺲﻜﻨﻴﻟ ﺔﻌﻳﺯﻮﺗ»: the label pulled the marks and the count into its
    right-to-left run."""
    app = _debate(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = (("c2", "توزيعة لينكس"), ("c1", "النواة فقط"))
        field = Field("answers", "choices", ["c2"], options) if several else \
            Field("speaker", "choice", "c2", options)
        app.push_screen(EntryDialog("New rebuttal", [field], rtl=False))
        await wait_until(pilot, lambda: isinstance(app.screen, EntryDialog))
        await pilot.pause()
        widget = app.screen.query_one(f"#field-{field.key}")
        row = drawn_in(app, widget)[0].strip()
        shown = core("توزيعة لينكس")
        assert row == (f"‹ ☑ {shown} ›  (1/2)" if several else f"‹ {shown} ›")


async def test_a_dialogs_text_field_reads_in_its_own_direction(tmp_path: Path) -> None:
    """Already so before issue 25 (the field lays out what is typed by its first strong
    letter): an Arabic label typed in an English dialog reads right to left."""
    app = _debate(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(EntryDialog("New claim", [Field("label", "text", "توزيعة لينكس RAID")],
                                    rtl=False))
        await wait_until(pilot, lambda: isinstance(app.screen, EntryDialog))
        await pilot.pause()
        row = drawn_in(app, app.screen.query_one("#field-label"))[0]
        assert row.strip() == core("توزيعة لينكس RAID")


# -- 6. the terminal too small ------------------------------------------------------------


async def test_the_too_small_message_reads_from_the_top(tmp_path: Path) -> None:
    """``--lang ar`` at 20×7: the sentence is wrapped by the core, its start on the first
    row (before, Textual wrapped the visual line again: it read bottom-up)."""
    i18n.set_language("ar")
    app = _open(tmp_path, "guide.md", MIXED_HEADINGS)
    async with app.run_test(size=(20, 7)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("too-small")
        message = app.query_one("#too-small")
        await wait_until(pilot, lambda: any(row.strip() for row in drawn_in(app, message)))
        text = [row for row in drawn_in(app, message) if row.strip()]
        words = i18n._("Terminal too small ({width}×{height}); reader needs at least "
                       "{min_width}×{min_height}.").split()
        assert core(words[0]) in text[0], text
        assert core(words[-1].replace("{min_width}×{min_height}", "").strip()) in text[-1]


# -- 7. the help's title ------------------------------------------------------------------


async def test_the_arabic_helps_title_is_at_the_right(tmp_path: Path) -> None:
    i18n.set_language("ar")
    app = _open(tmp_path, "guide.md", MIXED_HEADINGS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        title = app.screen.query_one("#help-title")
        row = next(row for row in drawn_in(app, title) if row.strip())
        assert row.strip() == core(i18n._("reader — keys"), "rtl")
        assert row.rstrip() == row  # its end at the dialog's right


# -- 12. harakat ----------------------------------------------------------------------------

VOCALISED = """# الفَصْلُ الأَوَّلُ

كَتَبَ الطَّالِبُ الدَّرْسَ.

## البَابُ الثَّانِي

نَصٌّ آخَرُ.
"""


async def test_hidden_harakat_are_hidden_in_the_chrome_too(tmp_path: Path) -> None:
    """``--harakat hide``: the title bar and the panel's entries lose them as the text
    does; ``H`` (to "highlight", then "show") brings them back."""
    app = _open(tmp_path, "vocalised.md", VOCALISED, harakat="hide")
    async with app.run_test(size=(100, 24)) as pilot:
        await panel_built(pilot)
        contents = app.panel.query_one("#contents-list", EntryList)
        title = app.query_one("#title")

        def chrome() -> str:
            return "\n".join([*drawn_in(app, contents), *drawn_in(app, title)])

        assert hide(core("الفَصْلُ الأَوَّلُ")) in chrome()
        assert not has_harakat(chrome())
        assert not has_harakat("".join(screen_rows(app)))
        await pilot.press("H", "H")  # hide -> highlight -> show
        await pilot.pause()
        assert has_harakat("".join(drawn_in(app, contents)))
        assert has_harakat("".join(drawn_in(app, title)))
        # a dialog: a choice drawn from the document follows; what is typed is seen whole
        await pilot.press("H")  # hidden again
        await pilot.pause()
        app.push_screen(EntryDialog("Edit", [
            Field("label", "text", "كَتَبَ"),
            Field("speaker", "choice", "a", (("a", "الطَّالِبُ"),))], rtl=False))
        await wait_until(pilot, lambda: isinstance(app.screen, EntryDialog))
        await pilot.pause()
        assert not has_harakat("".join(drawn_in(app, app.screen.query_one("#field-speaker"))))
        assert has_harakat("".join(drawn_in(app, app.screen.query_one("#field-label"))))
