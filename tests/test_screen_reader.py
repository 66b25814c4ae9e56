"""``--screen-reader`` (issue 28): the article's rows are the source text of their lines, in
logical order and unshaped, and the terminal's cursor sits on the span the attention is on."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.state.preferences import SCREEN_READER, PreferenceStore
from reader.terminal.plan import LOGICAL, plan_for
from reader.text.layout import layout_paragraph, logical_line
from reader.ui.app import create_app
from reader.ui.launch import _screen_reader
from tests.tmux_session import TmuxSession, installed_reader

MIXED = """# قراءة النصوص Reading texts

هذا نصٌّ عربيٌّ مُشَكَّلٌ فيه كلمات English words وأرقام 2024 و(أقواس) لا تنتهي، \
ويستمر السطر طويلاً حتى يلتفّ على أكثر من سطر واحد في العرض الضيق للاختبار.

A paragraph in English with an Arabic phrase — السلام عليكم — in the middle of it, long \
enough to wrap onto a second line at the width of the test.

- عنصر أول في القائمة
- second item with لا and لأن
"""


@pytest.fixture(autouse=True)
def _chrome_back_to_visual():
    """The chrome's logical switch is the process's: never left on for the next test, even
    when an app of this file ends without unmounting."""
    from reader.text.chrome import set_logical

    yield
    set_logical(False)


def _presentation_forms(text: str) -> list[str]:
    return [ch for ch in text if "ARABIC" in unicodedata.name(ch, "") and "FORM" in
            unicodedata.name(ch, "")]


def test_logical_line_is_the_source_slice() -> None:
    paragraph = "هذا نصٌّ عربيٌّ\tمُشَكَّلٌ فيه لا\u200f English كلمات"
    layout = layout_paragraph(paragraph, 12, shaped=False)
    rows = [logical_line(paragraph, line) for line in layout.lines]
    # every row its stretch of source (a tab as one space), and the rows make the whole
    assert "".join(paragraph[line.start:line.end] for line in layout.lines) == paragraph
    for row, line in zip(rows, layout.lines, strict=True):
        assert row.text == paragraph[line.start:line.end].replace("\t", " ")
        assert row.map == tuple(range(line.start, line.end))
        assert row.cells <= 12 or row.text.endswith(" ")
        assert not _presentation_forms(row.text)
    assert "\u200f" in "".join(row.text for row in rows)  # controls as in the source


def test_unshaped_lines_fit_their_unshaped_width() -> None:
    # lam-alef is one cell shaped, two unshaped: measured unshaped, no row overflows
    paragraph = " ".join(["لا"] * 60)
    for line in layout_paragraph(paragraph, 20, shaped=False).lines:
        assert cell_len(paragraph[line.start:line.end].rstrip()) <= 20


async def _rows_are_source_lines(app, size: tuple[int, int]) -> int:
    """Check every article row on screen against its line's source; how many had text."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert not app.panel.display  # one column
        view = app.article
        flow = view._ensure_flow()
        checked = 0
        for y in range(view.content_region.height):
            paragraph, line = flow.line_at(view.top + y)
            row = view.render_line(y).text
            assert not _presentation_forms(row)
            if line is None or app.document.block(paragraph).kind in ("rule", "table_row"):
                continue
            source = app.document.paragraphs[paragraph][line.start:line.end]
            left = view._text_left(paragraph, view.shown_line(flow, view.top + y)[1])
            assert row[left:].rstrip() == source.rstrip(), (row, source)
            checked += bool(source.strip())
        return checked


async def test_bundled_article_rows_are_its_source_lines() -> None:
    assert await _rows_are_source_lines(create_app(None, bidi_mode=LOGICAL), (100, 30)) > 15


async def test_mixed_markdown_rows_are_its_source_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_text(MIXED, encoding="utf-8")
    checked = await _rows_are_source_lines(create_app(path, bidi_mode=LOGICAL), (50, 24))
    assert checked >= 6


async def test_cursor_on_the_focused_claim() -> None:
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        view = app.article
        span = view.attention
        assert span is not None and view.focused is not None
        at = app.cursor_position - view.content_region.offset
        row = view.render_line(at.y).text
        claim = app.document.paragraphs[span.paragraph][span.start:span.end]
        assert _from_cell(row, at.x).startswith(claim[:15])


async def test_cursor_on_the_current_hit() -> None:
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Roadster", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        view = app.article
        hit = view.current_hit
        assert hit is not None and view.attention == hit and view.has_focus
        at = app.cursor_position - view.content_region.offset
        assert _from_cell(view.render_line(at.y).text, at.x).startswith("Roadster")


def _without_isolates(text: str) -> str:
    """``text`` as the chrome writes it in this mode: no isolates (docs/accessibility.md)."""
    return text.translate(dict.fromkeys(range(0x2066, 0x206A)))


def _from_cell(row: str, x: int) -> str:
    """``row`` from cell ``x`` on."""
    for index in range(len(row) + 1):
        if cell_len(row[:index]) >= x:
            return row[index:]
    return ""


async def test_chrome_is_logical_while_the_app_runs() -> None:
    from reader.text.chrome import chrome_lines, is_logical

    arabic = "إيلون ماسك وسام ألتمان"
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert is_logical()
        assert chrome_lines(arabic, 40, "rtl") == [(arabic, len(arabic), False)]
        status = app.query_one("#status").render_line(0).text
        assert not _presentation_forms(status)
        await pilot.press("p")  # the panel, over the text: its rows logical too
        await pilot.pause()
        assert app.panel.display
        from reader.ui.widgets.bidi_text import BidiText

        texts = [widget.render_line(0).text for widget in app.panel.query(BidiText)]
        assert any("ARABIC" in unicodedata.name(ch, "") for text in texts for ch in text)
        assert not any(_presentation_forms(text) for text in texts)
    assert not is_logical()  # set back when the app ends
    assert chrome_lines(arabic, 40, "rtl")[0][0] != arabic


def test_plan_asks_for_each_rows_own_direction() -> None:
    """The terminal's bidi stays on (implicit mode), with each row's direction detected
    (DECSET 2501): VTE otherwise lays every row out left to right (tests/test_ocr.py)."""
    plan = plan_for("auto", {"TERM": "xterm-256color"}, screen_reader=True)
    assert (plan.mode, plan.enter, plan.leave) == (LOGICAL, "\x1b[8h\x1b[?2501h",
                                                   "\x1b[?2501l")
    default = plan_for("auto", {"TERM": "xterm-256color"})
    assert "\x1b[8l" in default.enter  # the default turns the terminal's bidi off


def test_setting_is_remembered(tmp_path: Path) -> None:
    store = PreferenceStore(tmp_path)
    assert _screen_reader(None, store) is False
    assert _screen_reader(True, store) is True
    assert PreferenceStore(tmp_path).load().reading[SCREEN_READER] is True
    assert _screen_reader(None, PreferenceStore(tmp_path)) is True
    assert _screen_reader(False, PreferenceStore(tmp_path)) is False
    assert _screen_reader(None, PreferenceStore(tmp_path)) is False


def _phonemes(text: str) -> str:
    result = subprocess.run(["espeak-ng", "-v", "ar", "-q", "-x", text], capture_output=True,
                            text=True, timeout=20, check=True)
    return " ".join(result.stdout.split())


def _captured_paragraphs_sound_like_their_source(screen: list[str], paragraphs: list[str],
                                                  width: int) -> None:
    """espeak-ng reads each paragraph captured from the screen (its rows joined) with the
    same phonemes as the source paragraph; the default mode's visual rows would not."""
    if shutil.which("espeak-ng") is None:
        return  # (Debian's espeak-ng: the rows are still checked as text above)
    rows = [row.strip() for row in screen]
    for paragraph in paragraphs:
        lines = layout_paragraph(paragraph, width, shaped=False).lines
        first = rows.index(paragraph[lines[0].start:lines[0].end].strip())
        captured = " ".join(rows[first : first + len(lines)])
        assert _phonemes(captured) == _phonemes(paragraph), captured
    visual = " ".join(line.text.strip() for line in layout_paragraph(paragraphs[0], width).lines)
    assert _phonemes(visual) != _phonemes(paragraphs[0])  # what the default mode gives


@pytest.fixture
def logical_session(tmp_path: Path):
    tmux = TmuxSession([str(installed_reader()), "--screen-reader"], 100, 30,
                       env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        yield tmux
    finally:
        tmux.close()


def test_tmux_screen_gives_source_lines_and_cursor(logical_session: TmuxSession) -> None:
    from reader.content.annotations.file import load_annotations_for
    from reader.content.formats import load_document

    document = load_document()
    first = document.paragraphs[0]
    logical_session.wait_for(lambda lines: any(first[:20] in line for line in lines))
    screen = logical_session.settle()
    rows = [row.strip() for row in screen]
    # the width the article was laid out at: the one whose every line is a row (of the
    # first three paragraphs, all on screen)
    widths = [w for w in range(99, 39, -1)
              if all(paragraph[line.start:line.end].strip() in rows
                     for paragraph in document.paragraphs[:3]
                     for line in layout_paragraph(paragraph, w, shaped=False).lines)]
    assert widths, "\n".join(screen)
    # every row, the title bar, the status line and the key bar too
    for row in screen:
        assert not _presentation_forms(row), row
    title = document.title or first.split("\n")[0]
    assert any(title[:20] in row for row in screen[:2]), screen[:2]
    _captured_paragraphs_sound_like_their_source(screen, document.paragraphs[:3], widths[0])
    # ] focuses the first claim: the cursor on its first letter
    logical_session.keys("]")
    annotations = load_annotations_for(document, None).annotations
    assert annotations is not None
    first_claim = min(annotations.claims.values(), key=lambda claim: claim.span).span
    claim = document.paragraphs[first_claim.paragraph][first_claim.start:first_claim.end]

    def cursor_on_claim(lines: list[str]) -> bool:
        x, y = map(int, logical_session.display("#{cursor_x} #{cursor_y}").split())
        return y < len(lines) and _from_cell(lines[y], x).startswith(claim[:15])

    logical_session.wait_for(cursor_on_claim)
    # n: the cursor on the current search hit
    logical_session.keys("/")
    logical_session.wait_for(lambda lines: any("[fold]" in line for line in lines[-4:]))
    logical_session.keys("Roadster", "Enter")
    logical_session.wait_for(lambda lines: any("Roadster" in line for line in lines[-3:]))
    logical_session.keys("n")

    def cursor_on_hit(lines: list[str]) -> bool:
        x, y = map(int, logical_session.display("#{cursor_x} #{cursor_y}").split())
        return y < len(lines) and _from_cell(lines[y], x).startswith("Roadster")

    logical_session.wait_for(cursor_on_hit)


@pytest.mark.parametrize("mode", [LOGICAL, "explicit"])
async def test_help_says_how_the_mode_works(mode: str) -> None:
    app = create_app(None, bidi_mode=mode)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        found = app.screen.query("#help-screen-reader")
        assert bool(found) == (mode == LOGICAL)
        if found:
            text = "".join(found.first().render_line(y).text for y in range(3))
            assert "Screen-reader mode" in text and not _presentation_forms(text)


async def test_cursor_on_the_highlighted_panel_entry() -> None:
    from reader.ui.widgets.entry_list import EntryList

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p", "tab", "tab", "down")  # the panel, its tabs, its list
        await pilot.pause()
        entries = app.focused
        assert isinstance(entries, EntryList) and entries.highlighted == 1
        at = app.cursor_position - entries.region.offset
        label = _without_isolates(entries.entries[1][1][0][0])  # written without them
        assert entries.render_line(at.y).text[at.x:].startswith(label.strip())


def test_tmux_mixed_markdown_gives_source_lines(tmp_path: Path) -> None:
    from reader.content.formats import load_document

    path = tmp_path / "mixed.md"
    path.write_text(MIXED, encoding="utf-8")
    paragraphs = [p for p in load_document(path).paragraphs if p.strip()]
    tmux = TmuxSession([str(installed_reader()), "--screen-reader", str(path)], 60, 24,
                       env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        tmux.wait_for(lambda lines: any(paragraphs[-1] in line for line in lines))
        screen = tmux.settle()
    finally:
        tmux.close()
    rows = [row.strip() for row in screen]

    def shown(width: int) -> bool:
        # each line a row of its own (a list item's bullet before it)
        return all(any(row.endswith(paragraph[line.start:line.end].strip()) for row in rows)
                   for paragraph in paragraphs
                   for line in layout_paragraph(paragraph, width, shaped=False).lines)

    assert any(shown(width) for width in range(59, 29, -1)), "\n".join(screen)
    for row in screen:
        assert not _presentation_forms(row), row


async def test_panel_entries_say_their_role() -> None:
    from reader.ui.widgets.entry_list import EntryList

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        claims = app.panel.query_one("#claim-list", EntryList)
        firsts = [paragraphs[0][0] for _id, paragraphs in claims.entries]
        assert firsts[0].startswith("claim, ") and "◆" not in firsts[0]
        assert any(text.startswith("rebuttal, ") for text in firsts)
        chapters = app.panel.query_one("#chapter-list", EntryList)
        assert chapters.entries[0][1][0][0].startswith("chapter ")
    app = create_app(None)  # the default mode keeps the markers
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        claims = app.panel.query_one("#claim-list", EntryList)
        assert claims.entries[0][1][0][0].startswith("◆ ")


async def test_cursor_on_the_chooser_item() -> None:
    from reader.ui.screens.chooser import ChooseTarget
    from reader.ui.widgets.entry_list import EntryList

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "enter")  # a claim's links: the chooser
        await pilot.pause()
        assert isinstance(app.screen, ChooseTarget)
        await pilot.press("down")
        await pilot.pause()
        items = app.screen.query_one(EntryList)
        assert items.has_focus and items.highlighted == 1
        at = app.cursor_position - items.region.offset
        label = _without_isolates(items.entries[1][1][0][0])
        assert items.render_line(at.y).text[at.x:].startswith(label.strip()[:10])
        assert not _presentation_forms(items.render_line(at.y).text)


async def test_cursor_on_the_active_tab() -> None:
    from reader.ui.widgets.tab_bar import TabBar

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p", "tab", "right")  # the panel's tabs, one tab along
        await pilot.pause()
        tabs = app.focused
        assert isinstance(tabs, TabBar)
        at = app.cursor_position - tabs.content_region.offset
        assert at.y == 0
        row = tabs.render_line(0).text
        assert _from_cell(row, at.x).startswith(tabs.shown_labels(tabs.content_size.width)
                                                [tabs.active])
