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
        # the status line names the focus in words, not with the panel's ◆
        status = app.query_one("#status").render_line(0).text
        assert "focus: " in status and "◆" not in status


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
    from reader.text.chrome import ChromeStyle, chrome_lines

    arabic = "إيلون ماسك وسام ألتمان"
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.chrome_style is ChromeStyle.LOGICAL
        assert chrome_lines(arabic, 40, "rtl", style=app.chrome_style) == [
            (arabic, len(arabic), False)]
        status = app.query_one("#status").render_line(0).text
        assert not _presentation_forms(status)
        await pilot.press("p")  # the panel, over the text: its rows logical too
        await pilot.pause()
        assert app.panel.display
        from reader.ui.widgets.bidi_text import BidiText

        texts = [widget.render_line(0).text for widget in app.panel.query(BidiText)]
        assert any("ARABIC" in unicodedata.name(ch, "") for text in texts for ch in text)
        assert not any(_presentation_forms(text) for text in texts)
    # the visual style shapes and reorders: nothing of the app's is left to switch back
    assert chrome_lines(arabic, 40, "rtl", style=ChromeStyle.VISUAL)[0][0] != arabic


def _chrome_rows(app) -> tuple[str, str, str]:
    """The title bar, the status line and the key bar as ``app`` draws them."""
    title, status, keys = (app.query_one(selector).render_line(0).text.strip()
                           for selector in ("#title", "#status", "#keys"))
    return title, status, keys


def _assert_own_chrome(app, logical: bool) -> None:
    """``app`` draws its chrome in its own style: logical (as written, ASCII bars, the
    focus in words) or visual (shaped, box-drawing rules, the focus's diamond)."""
    from reader.text.chrome import FIELD_SEPARATOR, LOGICAL_FIELD_SEPARATOR
    from reader.ui.widgets.key_bar import LOGICAL_PALETTE_RULE, PALETTE_RULE

    title, status, keys = _chrome_rows(app)
    if logical:
        assert title == app.document.title and not _presentation_forms(title)
        assert LOGICAL_FIELD_SEPARATOR in status and "◆" not in status
        assert LOGICAL_PALETTE_RULE + "^p" in keys and PALETTE_RULE not in keys
    else:
        assert _presentation_forms(title)
        assert FIELD_SEPARATOR in status and "◆" in status
        assert PALETTE_RULE + "^p" in keys


async def _focus_a_claim(pilot) -> None:
    """``]``: a claim focused, so that the status line has two fields (its separator and
    the focus's mark)."""
    from tests.waiting import wait_until

    await pilot.pause()
    await pilot.press("right_square_bracket")
    await wait_until(pilot, lambda: pilot.app.article.focused is not None,
                     what="a claim focused")
    pilot.app.update_status()


async def test_two_apps_one_after_the_other_draw_their_own_chrome() -> None:
    """The chrome's style is each app's: a visual app after a --screen-reader one, and a
    --screen-reader one after it, each draw theirs (nothing of the first is left on)."""
    for logical in (True, False, True):
        app = create_app(None, bidi_mode=LOGICAL if logical else "explicit")
        async with app.run_test(size=(100, 30)) as pilot:
            await _focus_a_claim(pilot)
            _assert_own_chrome(app, logical)


async def test_two_apps_at_once_draw_their_own_chrome() -> None:
    """A visual app started and ended while a --screen-reader one runs (a split view, the
    tests): each draws its own chrome meanwhile, and the first still draws logical chrome
    after the second has ended."""
    outer = create_app(None, bidi_mode=LOGICAL)
    async with outer.run_test(size=(100, 30)) as outer_pilot:
        await _focus_a_claim(outer_pilot)
        inner = create_app(None)
        async with inner.run_test(size=(100, 30)) as inner_pilot:
            await _focus_a_claim(inner_pilot)
            _assert_own_chrome(inner, logical=False)
            _assert_own_chrome(outer, logical=True)
        await outer_pilot.press("right_square_bracket")  # a frame after the other's end
        await outer_pilot.pause()
        _assert_own_chrome(outer, logical=True)


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
        # separators in ASCII: a box-drawing letter is an unknown sign on a braille display
        assert not any(box in row for box in "│▏"), row
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
    # a notice: the status row is the notice alone, in logical order, with the cursor at
    # its start; the next key takes the cursor back to the hit
    logical_session.keys(">")

    def cursor_on_notice(lines: list[str]) -> bool:
        x, y = map(int, logical_session.display("#{cursor_x} #{cursor_y}").split())
        return y < len(lines) and lines[y][x:].startswith("Measure: ") \
            and "│" not in lines[y] and "Roadster" not in lines[y]

    logical_session.wait_for(cursor_on_notice)
    logical_session.keys("z")
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
            widget = found.first()
            text = "".join(widget.render_line(y).text for y in range(widget.size.height))
            assert "Screen-reader mode" in text and not _presentation_forms(text)
            # first after the title, with the announcements and the screens
            assert widget.region.y <= app.screen.query_one("#help-keys").region.y
            assert "A notice takes the status" in text and "fill the screen" in text


async def test_cursor_on_the_highlighted_panel_entry() -> None:
    from reader.ui.widgets.entry_list import EntryList

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")  # over the whole text: its list has the focus
        await pilot.pause()
        assert isinstance(app.focused, EntryList)
        await pilot.press("down")
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
        # each item says what it is, as the panel's entries do
        assert all(paragraphs[0][0].startswith("rebuttal, ")
                   for _id, paragraphs in items.entries)
        at = app.cursor_position - items.region.offset
        label = _without_isolates(items.entries[1][1][0][0])
        assert items.render_line(at.y).text[at.x:].startswith(label.strip()[:10])
        assert not _presentation_forms(items.render_line(at.y).text)


async def test_cursor_on_the_active_tab() -> None:
    from reader.ui.widgets.tab_bar import TabBar

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p", "shift+tab", "right")  # the panel's tabs, one tab along
        await pilot.pause()
        tabs = app.focused
        assert isinstance(tabs, TabBar)
        at = app.cursor_position - tabs.content_region.offset
        assert at.y == 0
        row = tabs.render_line(0).text
        assert _from_cell(row, at.x).startswith(tabs.shown_labels(tabs.content_size.width)
                                                [tabs.active])


async def test_a_notice_is_announced_on_the_status_row() -> None:
    """A note (here ``>``'s measure) is the status row's whole text and takes the cursor;
    the next key gives the cursor back to the focused claim."""
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        on_claim = app.cursor_position
        status = app.query_one("#status")
        assert on_claim.y != status.region.y
        await pilot.press("greater_than_sign")
        await pilot.pause()
        row = status.render_line(0).text.strip()
        assert row.startswith("Measure: ") and "│" not in row, row  # the notice alone
        assert app.cursor_position == status.content_region.offset
        await pilot.press("z")  # any key: the cursor back on the claim, the status back
        await pilot.pause()
        # (on the claim where the wider measure put it)
        assert app.cursor_position == app.article.cursor_offset(app.article.flow)
        assert app.cursor_position.y == on_claim.y
        assert status.render_line(0).text.strip() != row


async def test_notices_are_not_announced_by_default() -> None:
    app = create_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.status.announcement is None
        assert app.cursor_position != app.query_one("#status").content_region.offset


def test_tmux_panel_and_dialogs_are_screens_of_their_own(logical_session: TmuxSession
                                                         ) -> None:
    """The panel, the chooser, the prompts, the help, the palette, the annotation dialog and
    the map fill the screen: no row of the article is left beside or around them for a
    screen reader to read, and no box is drawn."""
    from reader.content.formats import load_document

    first = load_document().paragraphs[0]
    screen = logical_session.wait_for(lambda lines: any(first[:20] in line for line in lines))
    article = [row.strip() for row in screen[1:-3] if len(row.strip()) > 10]
    assert len(article) > 8

    def alone(lines: list[str]) -> bool:
        """Nothing of the article, no box, and the cursor on a row of the screen's own
        (an entry, a field, its first line: not a stale place)."""
        x, y = map(int, logical_session.display("#{cursor_x} #{cursor_y}").split())
        return not any(row in line for line in lines for row in article) \
            and not any(box in line for line in lines for box in "╭╮╰╯│") \
            and y < len(lines) and lines[y].strip() != "" and x <= len(lines[y].rstrip()) + 2

    def article_back(lines: list[str]) -> bool:
        return sum(row in line for line in lines for row in article) > 8

    for keys in (["p"], ["]", "Enter"], [":"], ["?"], ["C-p"], ["M"], ["m"],
                 ["/", "Roadster", "Enter", "a"]):
        if keys[0] == "/":  # the search bar takes what is typed once it is there
            logical_session.keys("/")
            logical_session.wait_for(lambda lines: any("[fold]" in line
                                                       for line in lines[-4:]))
            logical_session.keys("Roadster", "Enter")
            logical_session.wait_for(lambda lines: any("Roadster" in line
                                                       for line in lines[-3:]))
            keys = keys[3:]
        logical_session.keys(*keys)
        logical_session.wait_for(alone)
        logical_session.keys("p" if keys == ["p"] else "Escape")
        logical_session.wait_for(article_back)


async def test_map_nodes_say_their_role_and_hold_the_cursor() -> None:
    """``M``: each node a row starting with its role and level, no tree lines; the
    terminal's cursor on the highlighted node, following the arrows."""
    from reader.ui.screens.map_screen import MapScreen

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        tree = app.screen.map_tree
        rows = [tree.render_line(y).text for y in range(tree.region.height)]
        assert not any(box in row for row in rows for box in "├└│┤┘◆↩")
        assert rows[0].strip().startswith("claim, ")
        assert any(row.strip().startswith("rebuttal, level 2, ") for row in rows)
        # no isolates either: the console draws them as glyphs (docs/accessibility.md)
        assert not any(ch in row for row in rows for ch in "\u2066\u2067\u2068\u2069")
        for steps in (1, 2):
            await pilot.press("down")
            await pilot.pause()
            assert tree.highlighted == steps
            at = app.cursor_position - tree.region.offset
            node = tree.nodes[steps]
            row = tree.render_line(at.y).text
            assert row[at.x:].startswith("rebuttal, level ") and node.name in row
    app = create_app(None)  # the default mode draws the tree
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        tree = app.screen.query_one("#map-full")
        assert "◆" in tree.render_line(0).text


def test_tmux_typed_fields_are_logical_with_the_cursor_at_the_caret(
        logical_session: TmuxSession) -> None:
    """The search field and the annotation dialog's fields are drawn in logical order,
    unshaped, and the terminal's cursor is at the caret; Tab takes it to the next field."""
    from reader.content.formats import load_document

    first = load_document().paragraphs[0]
    logical_session.wait_for(lambda lines: any(first[:20] in line for line in lines))

    def cursor() -> tuple[int, int]:
        x, y = map(int, logical_session.display("#{cursor_x} #{cursor_y}").split())
        return x, y

    query = "ألتمان"
    logical_session.keys("/")
    logical_session.wait_for(lambda lines: any("[fold]" in line for line in lines[-4:]))
    logical_session.keys(query)

    def at_caret(offset: int):
        def check(lines: list[str]) -> bool:
            x, y = cursor()
            row = lines[y] if y < len(lines) else ""
            start = row.find(query)  # the query as typed: logical order, no forms
            return start >= 0 and "[fold" in row and x == cell_len(row[:start]) + offset
        return check

    logical_session.wait_for(at_caret(len(query)))  # after the end
    logical_session.keys("Home")
    logical_session.wait_for(at_caret(0))  # on its first letter
    logical_session.keys("Escape")
    logical_session.wait_for(lambda lines: any("q Quit" in line for line in lines[-2:]))
    # the annotation dialog: the cursor in the label's field, then (Tab) on the speaker
    logical_session.keys("/")
    logical_session.wait_for(lambda lines: any("[fold]" in line for line in lines[-4:]))
    logical_session.keys("Roadster", "Enter")
    logical_session.wait_for(lambda lines: any("Roadster" in line for line in lines[-3:]))
    logical_session.keys("a")
    logical_session.wait_for(lambda lines: any("claim" in line for line in lines))
    logical_session.keys("c")

    def in_field(text: str):
        def check(lines: list[str]) -> bool:
            x, y = cursor()
            row = lines[y] if y < len(lines) else ""
            return text in row and x == cell_len(row[: row.find(text) + len(text)]) \
                and row.strip().startswith("label: ")  # the field's name on its row
        return check

    logical_session.wait_for(in_field("Roadster"))
    logical_session.keys("Tab")

    def on_speaker(lines: list[str]) -> bool:  # on the option chosen, after its "‹ "
        x, y = cursor()
        return y < len(lines) and _from_cell(lines[y], x - 2).startswith("‹ ") \
            and lines[y].strip().startswith("speaker: ")

    logical_session.wait_for(on_speaker)
    logical_session.keys("Escape")


async def test_start_up_warnings_are_announced_until_a_key() -> None:
    """A warning given at start takes the cursor (its first line) and stays, whatever its
    time, until a key gives the cursor back to the reading place."""
    warning = "This terminal cannot be told to stop its own bidi."
    app = create_app(None, bidi_mode=LOGICAL, terminal_warning=warning)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = app.query_one("#notices")
        assert lines.display and warning in lines.render_line(0).text
        assert app.cursor_position == lines.content_region.offset
        app.notices._drop(0)  # its time is up: still there while announced
        await pilot.pause()
        assert lines.display
        await pilot.press("j")
        await pilot.pause()
        assert not lines.display
        assert app.cursor_position == app.article.cursor_offset(app.article.flow)


async def test_cursor_on_the_palette_command_the_arrows_highlight() -> None:
    from textual.command import CommandList

    from reader.ui.screens.command_palette import ReaderCommandPalette

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, ReaderCommandPalette)
        field = app.screen.query_one("ShapedCommandInput")
        await pilot.press("g", "o")
        await pilot.pause()
        assert app.cursor_position == field.cursor_screen_offset  # typing: at the caret
        await pilot.press("down", "down")
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        at = app.cursor_position - commands.region.offset
        option = commands.get_option_at_index(commands.highlighted)
        first_line = str(option.prompt).split("\n")[0].strip()
        assert commands.highlighted >= 1 and at.y > 0
        assert commands.render_line(at.y).text.strip()[:20] == first_line[:20]
        await pilot.press("backspace")  # typing again: the caret again
        await pilot.pause()
        assert app.cursor_position == field.cursor_screen_offset


async def test_ctrl_g_says_the_last_notice_again() -> None:
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = app.query_one("#status")
        await pilot.press("ctrl+g")  # no notice yet: the status line itself, announced
        await pilot.pause()
        assert app.cursor_position == status.content_region.offset
        assert "Top" in status.render_line(0).text
        await pilot.press("greater_than_sign", "z")  # a notice, read, then gone
        await pilot.pause()
        assert not status.render_line(0).text.strip().startswith("Measure: ")
        assert app.cursor_position != status.content_region.offset
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert status.render_line(0).text.strip().startswith("Measure: ")
        assert app.cursor_position == status.content_region.offset
    app = create_app(None)  # the default mode: the note shown again in the status line
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("less_than_sign")
        await pilot.pause()
        app.notices.note.clear()
        await pilot.pause()
        status = app.query_one("#status")
        assert "Measure: " not in status.render_line(0).text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Measure: " in status.render_line(0).text


async def test_a_note_with_a_move_leaves_the_cursor_on_the_new_place() -> None:
    """``[`` from the top wraps to the last claim: "wrapped" is the status row's text
    until the next key, but the cursor is on the claim, what the key was pressed for."""
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        status = app.query_one("#status")
        assert status.render_line(0).text.strip() == "wrapped"
        assert app.article.attention is not None
        assert app.cursor_position == app.article.cursor_offset(app.article.flow)
        await pilot.press("z")
        await pilot.pause()
        row = status.render_line(0).text
        assert row.strip() != "wrapped" and "|" in row  # the status again, the note a field


async def test_a_right_to_left_interface_is_not_mirrored_in_the_mode() -> None:
    """An Arabic interface: the key bar, the help's keys and the go-to prompt start at the
    left edge, each item in logical order (the key, then what it does), as all chrome in
    the mode; the terminal, or the screen reader, places the lines."""
    from reader import i18n

    i18n.set_language("ar")
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = app.query_one("#keys").render_line(0).text
        assert keys.strip().startswith("q ") and not _presentation_forms(keys)
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help-keys")
        rows = [table.render_line(y).text for y in range(table.region.height)]
        assert rows[0].strip().startswith("j / ↓"), rows[0]
        await pilot.press("escape", "colon")
        await pilot.pause()
        prompt = app.screen.query_one("Static").region
        assert prompt.x <= 1


async def test_cursor_on_the_chosen_option_of_a_dialog_choice() -> None:
    """A choice field's row is ``‹ option ›`` (several: ``‹ ☐ option ›  (n/m)``): the
    cursor on the option's first cell (a several's mark, as dialog/whiptail's
    checklists do), not the row's start, and it follows ``→``."""
    from reader.ui.screens.annotate_dialog import ChoiceField, EntryDialog, Field

    speakers = (("altman", "سام ألتمان"), ("musk", "Elon Musk"))
    answers = (("c1", "الادعاء الأول"), ("c2", "the second claim"))
    fields = [Field("label", "text", "x"), Field("speaker", "choice", "altman", speakers),
              Field("answers", "choices", ["c2"], answers)]
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(EntryDialog("New rebuttal", fields, rtl=False))
        await pilot.pause()

        async def cursor_row() -> tuple[ChoiceField, str]:
            await pilot.pause()
            field = app.focused
            assert isinstance(field, ChoiceField)
            at = app.cursor_position - field.content_region.offset
            return field, _from_cell(field.render_line(at.y).text, at.x)

        await pilot.press("tab")
        field, shown = await cursor_row()
        assert field.id == "field-speaker" and shown.startswith("سام ألتمان ›")
        await pilot.press("right")
        _field, shown = await cursor_row()
        assert shown.startswith("Elon Musk ›")
        await pilot.press("tab")
        field, shown = await cursor_row()
        assert field.id == "field-answers" and shown.startswith("☑ the second claim ›")
        await pilot.press("right")
        _field, shown = await cursor_row()
        assert shown.startswith("☐ الادعاء الأول ›")


async def test_help_wrapped_descriptions_keep_their_key() -> None:
    """Each key is one logical row: the key, then what it does; the rows a long
    description wraps onto are indented, so that a braille reader going row by row sees
    they continue the key above (a table left them under an empty key column)."""
    from reader.ui.screens.help import KEYS

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(70, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys")
        height = keys.virtual_size.height if keys.virtual_size.height else keys.size.height
        rows = [keys.render_line(y).text.rstrip() for y in range(height)]
        rows = [row for row in rows if row]
        entries: list[list[str]] = []
        for row in rows:
            if row.startswith(" "):  # a continuation: indented, under its key's row
                assert entries and row.startswith("  ") and not row.startswith("     "), row
                entries[-1].append(row.strip())
            else:
                entries.append([row])
        assert len(entries) == len(KEYS)
        assert any(len(lines) > 1 for lines in entries)  # some did wrap at this width
        for lines, (key, what) in zip(entries, KEYS, strict=True):
            assert lines[0].startswith(f"{key} — "), (lines[0], key)
            assert " ".join(lines) == f"{key} — {what}"


async def test_the_panel_over_the_text_closes_on_an_entry_esc_and_search() -> None:
    """The panel fills the screen in this mode: Enter on an entry takes the reader to its
    place and closes the panel over it (the cursor then on the text, not on a hidden row);
    Esc closes it; ``/`` too, since the hits are in the text."""
    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        top = app.article.place()
        await pilot.press("p")
        await pilot.pause()
        assert app.panel.display and app.panel.has_focus_within
        await pilot.press("end", "enter")  # the last chapter, further down the text
        await pilot.pause()
        assert not app.panel.display and app.focused is app.article
        assert app.article.place() > top
        for key in ("escape", "slash"):
            await pilot.press("p")
            await pilot.pause()
            assert app.panel.display
            await pilot.press(key)
            await pilot.pause()
            assert not app.panel.display, key
        assert app.searching.bar.display  # / still opened the search bar


async def test_cursor_on_the_rebuttal_enter_jumps_to() -> None:
    """``]`` then Enter (the claim's answers, in the chooser) and Enter again: the text at
    the rebuttal, the terminal's cursor on its first letter (issue 28: after ``]``, ``n``
    and Enter)."""
    from reader.ui.screens.chooser import ChooseTarget

    app = create_app(None, bidi_mode=LOGICAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChooseTarget)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChooseTarget)
        view = app.article
        span = view.attention
        assert span is not None and app.annotations is not None
        rebuttals = set(app.annotations.rebuttals)
        assert view.focused in rebuttals
        at = app.cursor_position - view.content_region.offset
        row = view.render_line(at.y).text
        text = app.document.paragraphs[span.paragraph][span.start:span.end]
        assert _from_cell(row, at.x).startswith(text[:15])
