"""Selection and copy in the app, driven with the mouse and keys through Textual's pilot.

What reaches the clipboard is checked exactly (``App.clipboard`` holds what
``copy_to_clipboard`` sent): the source text in logical order, whatever the screen shows.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

from reader.content.document import Document
from reader.state.positions import PositionStore
from reader.text.selection import clusters, column_ranges
from reader.ui.app import ReaderApp, create_app
from reader.ui.widgets.article_view import ArticleView
from tests.waiting import wait_until

SIZE = (80, 24)
RTL = "قالَ ألتمانُ إنَّ الذكاءَ لا يتوقف عند حدٍّ."
MIXED = "أعلن Sam Altman اليوم عن GPT-5 الجديد."
LTR = "The reader copies text in logical order."


def _doc_app(tmp_path: Path, *paragraphs: str) -> ReaderApp:
    document = Document.from_text("\n".join(paragraphs) + "\n", title="نص")
    return ReaderApp(document, positions=PositionStore(tmp_path / "state"))


def _cell(app: ReaderApp, paragraph: int, offset: int) -> tuple[int, int]:
    """The cell (x, y) showing source ``offset`` of ``paragraph``, from the view's corner
    (its padding included, as the pilot counts)."""
    article = app.article
    gutter = article.gutter
    flow = article.flow
    y = flow.locate(paragraph, offset)
    _p, line = flow.line_at(y)
    for cluster in clusters(line):
        if cluster.start <= offset < cluster.end:
            return (gutter.left + article._text_left(paragraph, line) + cluster.x0,
                    gutter.top + y - article.top)
    raise AssertionError("offset not drawn")


async def _drag(pilot, app: ReaderApp, start: tuple[int, int], end: tuple[int, int]) -> None:
    await pilot.mouse_down(ArticleView, offset=_cell(app, *start))
    await pilot.hover(ArticleView, offset=_cell(app, *end))
    await pilot.mouse_up(ArticleView, offset=_cell(app, *end))
    await pilot.pause()


def _lit_cells(app: ReaderApp, y: int) -> set[int]:
    """Cells of view line ``y`` drawn in the selection's colours."""
    style = app.screen.get_component_rich_style("screen--selection")
    strip = app.article.render_line(y)
    lit, x = set(), 0  # content cells, as _text_left counts
    for segment in strip:
        width = segment.cell_length
        if segment.style is not None and segment.style.bgcolor == style.bgcolor:
            lit.update(range(x, x + width))
        x += width
    return lit


async def test_drag_over_rtl_mixed_and_ltr_copies_the_source(tmp_path: Path) -> None:
    app = _doc_app(tmp_path, RTL, MIXED, LTR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cases = [
            (0, RTL.index("ألتمان"), RTL.index("لا ") + 1),  # harakat, lam-alef
            (1, MIXED.index("لن"), MIXED.index("Altman") + 2),  # across a direction change
            (2, LTR.index("copies"), LTR.index("logical") + 6),
        ]
        for paragraph, first, last in cases:
            text = app.document.paragraphs[paragraph]
            # dragged right to left or left to right: the same logical range
            for start, end in ((first, last), (last, first)):
                await _drag(pilot, app, (paragraph, start), (paragraph, end))
                await pilot.press("y")
                assert app.clipboard == text[first : last + 1], (paragraph, app.clipboard)
                letters = sum(1 for ch in app.clipboard if not unicodedata.combining(ch))
                # no display in the tests: the text went to the terminal only
                assert (f"sent {letters} letters to the terminal's clipboard"
                        in app.status.inputs().notes)
            # the highlight is exactly the cells showing that range
            y = app.article.flow.locate(paragraph, first) - app.article.top
            _p, line = app.article.flow.line_at(app.article.top + y)
            left = app.article._text_left(paragraph, line)
            expected = {left + x for a, b in column_ranges(line, first, last + 1)
                        for x in range(a, b)}
            assert _lit_cells(app, y) == expected
        # in the mixed line the range is two pieces on screen, not one
        _p, line = app.article.flow.line_at(app.article.flow.locate(1, 0))
        assert len(column_ranges(line, cases[1][1], cases[1][2] + 1)) == 2


async def test_drag_across_paragraphs_and_ctrl_c(tmp_path: Path) -> None:
    app = _doc_app(tmp_path, RTL, MIXED, LTR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first, last = RTL.index("الذكاء"), LTR.index("reader") + 5
        await _drag(pilot, app, (2, last), (0, first))
        await pilot.press("ctrl+c")
        assert app.clipboard == "\n".join([RTL[first:], MIXED, LTR[: last + 1]])
        assert app.is_running  # Ctrl+C with a selection copies, it does not quit
        await pilot.press("escape")  # Textual's Esc clears the selection
        await pilot.pause()
        assert app.article.selection is None
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


async def test_double_click_a_word_triple_click_a_paragraph(tmp_path: Path) -> None:
    app = _doc_app(tmp_path, RTL, MIXED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cell = _cell(app, 0, RTL.index("ألتمان") + 2)
        await pilot.click(ArticleView, offset=cell, times=2)
        await pilot.press("y")
        assert app.clipboard == "ألتمانُ"
        await pilot.click(ArticleView, offset=_cell(app, 1, 5), times=3)
        await pilot.press("y")
        assert app.clipboard == MIXED
        await pilot.press("Y")
        assert app.clipboard == f"«{MIXED}» — نص, paragraph 2"


async def test_y_and_Y_on_a_claim_and_on_a_hit(tmp_path: Path) -> None:
    app = create_app(positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == ""  # nothing to copy yet: a bell and a note
        await pilot.press("right_square_bracket")
        entry = app.annotations.entry(app.navigation.focused_entry)
        span = entry.span
        source = app.document.paragraphs[span.paragraph][span.start : span.end]
        await pilot.press("y")
        assert app.clipboard == source
        await pilot.press("Y")
        assert app.clipboard == (f"«{source}» — {app.document.title}, "
                                 f"paragraph {span.paragraph + 1}")
        # a search hit, with no claim focused: its whole sentence
        app.navigation.set_focus(None)
        await pilot.press("slash", *"ماسك", "enter")
        await pilot.pause()
        hit = app.search.current.span
        await pilot.press("y")
        text = app.document.paragraphs[hit.paragraph]
        assert "ماسك" in app.clipboard and app.clipboard in text
        assert app.clipboard.endswith((".", "؟", "!", "»", "\"")) or text.endswith(app.clipboard)


async def test_copy_says_copied_only_when_the_system_clipboard_took_it(
        tmp_path: Path, monkeypatch) -> None:
    """Issue 25, point 1: in a stock xterm (OSC 52 refused) `]` `y` said "copied the claim"
    and the X clipboard was empty. With a clipboard command reachable it gets the text too
    and the note says copied; without one the note says where the text went."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    xclip = bin_dir / "xclip"
    xclip.write_text(f'#!/bin/sh\n{shutil.which("cat")} > "{bin_dir}/taken"\n')
    xclip.chmod(0o755)
    app = create_app(positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "y")
        span = app.annotations.entry(app.navigation.focused_entry).span
        source = app.document.paragraphs[span.paragraph][span.start : span.end]
        letters = sum(1 for ch in source if not unicodedata.combining(ch))
        assert app.clipboard == source  # OSC 52, always
        what = "claim" if app.navigation.focused_entry in app.annotations.claims else "rebuttal"
        assert app.status.inputs().notes == [
            f"sent the {what} ({letters} letters) to the terminal's clipboard"]
        monkeypatch.setenv("DISPLAY", ":99")
        monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
        await pilot.press("y")
        assert app.status.inputs().notes == [f"copied the {what} ({letters} letters)"]
        assert (bin_dir / "taken").read_text("utf-8") == source
        await pilot.press("Y")
        assert app.status.inputs().notes[0].startswith(f"copied the {what} as a quote (")
        assert (bin_dir / "taken").read_text("utf-8") == app.clipboard


LINKS_MD = """# روابط

اقرأ [الموقع](https://example.org/ar) ثم [this page](https://example.com/en).

A [trap](ftp://example.net/x) is shown, never opened.
"""


async def _until(pilot, condition) -> bool:
    """True once ``condition()`` holds; the test fails after ``tests.waiting``'s bound."""
    await wait_until(pilot, condition)
    return True


async def test_links_shown_copied_and_opened(tmp_path: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("reader.ui.controllers.text_out.webbrowser.open", opened.append)
    monkeypatch.setattr("reader.ui.controllers.text_out.graphical_session", lambda: True)
    source = tmp_path / "links.md"
    source.write_text(LINKS_MD, encoding="utf-8")
    app = create_app(source, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")  # no claims: ] goes to the first link
        # the URL isolated in the note (a value in a translatable sentence)
        assert "link: \u2068https://example.org/ar\u2069  (Enter opens, y copies)" \
            in app.status.inputs().notes
        await pilot.press("y")
        assert app.clipboard == "https://example.org/ar"
        await pilot.press("Y")
        assert app.clipboard == "«الموقع» — روابط, paragraph 2"
        await pilot.press("enter")
        assert await _until(pilot, lambda: opened == ["https://example.org/ar"])
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.text_out.focused_link.url == "ftp://example.net/x"
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["https://example.org/ar"]
        assert any(part.startswith("not opened") for part in app.status.inputs().notes)
        await pilot.press("left_square_bracket")
        assert app.text_out.focused_link.url == "https://example.com/en"
        # the mouse: hovering shows the URL, a click opens it
        paragraph = app.document.paragraphs.index(
            "اقرأ الموقع ثم this page.")
        cell = _cell(app, paragraph, app.document.paragraphs[paragraph].index("page"))
        await pilot.hover(ArticleView, offset=cell)
        assert await _until(pilot,
                            lambda: "link: \u2068https://example.com/en\u2069"
                            in app.status.inputs().notes)
        await pilot.click(ArticleView, offset=cell)
        assert await _until(pilot, lambda: opened[-1:] == ["https://example.com/en"])


async def test_double_click_in_a_claim_selects_a_word_without_following(tmp_path: Path) -> None:
    app = create_app(positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        claim = min(app.annotations.claims.values(), key=lambda entry: entry.span)
        app.go_to_entry(claim.id)
        await pilot.pause()
        depth = app.navigation.history.depth
        span = claim.span
        text = app.document.paragraphs[span.paragraph]
        offset = next(k for k in range(span.start, span.end) if text[k].isalpha())
        await pilot.click(ArticleView, offset=_cell(app, span.paragraph, offset), times=2)
        await pilot.pause()
        # the first click's follow was called off by the second: nothing left to jump
        assert app.article.mouse.single_click is None
        assert app.navigation.history.depth == depth
        await pilot.press("y")
        word = app.clipboard
        assert word and " " not in word and word in text[span.start : span.end + 20]


def test_only_a_graphical_browser_is_used() -> None:
    from reader.content.links import graphical_session, may_open

    assert graphical_session({}, "darwin") and graphical_session({}, "win32")
    assert not graphical_session({"TERM": "xterm"}, "linux")  # lynx would take the terminal
    assert graphical_session({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert may_open("https://x.org") and may_open("MAILTO:a@b.c")
    assert not may_open("javascript:alert(1)") and not may_open("file:///etc/passwd")


async def test_a_drag_out_of_the_view_stops_at_its_bottom(tmp_path: Path) -> None:
    """Dragging past the view (onto the status line) selects to the end of what it shows,
    not to the end of the document."""
    app = create_app(positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        article = app.article
        status = app.query_one("#status")
        await pilot.mouse_down(ArticleView, offset=_cell(app, 0, 0))
        await pilot.hover(None, offset=(5, status.region.y))
        await pilot.mouse_up(None, offset=(5, status.region.y))
        await pilot.press("y")
        flow = article.flow
        paragraph, offset = flow.position(article.top + article.scrollable_content_region.height)
        paragraphs = app.document.paragraphs
        expected = "\n".join([*paragraphs[:paragraph], paragraphs[paragraph][:offset]])
        assert app.clipboard == expected
        assert len(app.clipboard) < len(app.document.text) // 2


async def test_the_selection_is_what_a_annotates(tmp_path: Path) -> None:
    """The annotation key ``a`` takes the mouse selection (one paragraph) as its range."""
    from reader.content.annotations.model import Span

    app = _doc_app(tmp_path, RTL, MIXED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first, last = RTL.index("ألتمان"), RTL.index("الذكاء") + 5
        await _drag(pilot, app, (0, last), (0, first))
        assert RTL[last + 1] == "\u064e"  # the fatha on the last letter goes with it
        assert app.text_out.selection_span() == Span(0, first, last + 2)
        assert app.annotating.annotation_target() == Span(0, first, last + 2)
        await _drag(pilot, app, (0, first), (1, 3))  # over two paragraphs: not one span
        assert app.text_out.selection_span() is None
