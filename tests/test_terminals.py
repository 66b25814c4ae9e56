"""Each terminal gets what it needs (issue 12): the mode chosen from its environment, the
bytes sent on start and on every exit, the cells it is sent, overlays that keep marks with
their letters, no italic for right-to-left text, and 16-colour terminals kept legible."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.terminal.detect import (
    ENTER_EXPLICIT,
    ENTER_MLTERM,
    LEAVE_EXPLICIT,
    LEAVE_MLTERM,
    detect_terminal,
)
from reader.terminal.plan import plan_for
from reader.terminal.rows import kitty_segments
from reader.ui.terminal_output.cell_filters import (
    ClusterSegments,
    KonsoleMarks,
    UprightRtl,
    filters_for,
)
from tests.pty_session import PtySession, pty_environment
from tests.tmux_session import installed_reader

ILON_VISUAL = "ﻥﻮﻠﻳﺇ"  # إيلون as shaped, in visual order: what cells-as-placed terminals get


@pytest.mark.parametrize(("env", "terminal", "mode"), [
    ({"TERM": "xterm-256color"}, "other", "explicit"),
    ({"TERM": "xterm"}, "other", "explicit"),
    ({"TERM": "xterm-256color", "VTE_VERSION": "7006"}, "vte", "explicit"),
    ({"TERM": "xterm", "MLTERM": "3.9.0"}, "mlterm", "explicit"),
    ({"TERM": "mlterm"}, "mlterm", "explicit"),
    ({"TERM": "xterm-256color", "KONSOLE_VERSION": "221202"}, "konsole", "konsole"),
    ({"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}, "kitty", "kitty"),
    # started from a VTE terminal: kitty's own variables win over the inherited ones
    ({"TERM": "xterm-kitty", "VTE_VERSION": "7006", "KONSOLE_VERSION": "1"}, "kitty", "kitty"),
    ({"TERM": "xterm-256color", "KONSOLE_VERSION": "1", "VTE_VERSION": "7006"},
     "konsole", "konsole"),
])
def test_the_mode_follows_the_terminal(env: dict[str, str], terminal: str, mode: str,
                                       tmp_path: Path) -> None:
    env = {**env, "HOME": str(tmp_path)}
    assert detect_terminal(env) == terminal
    plan = plan_for("auto", env)
    assert plan.mode == mode
    assert plan.warning is None  # the text will be right: nothing to warn about
    if terminal == "mlterm":
        assert plan.enter.endswith(ENTER_MLTERM) and plan.leave.startswith(LEAVE_MLTERM)
    else:
        assert (plan.enter, plan.leave) == (ENTER_EXPLICIT, LEAVE_EXPLICIT)


def test_kitty_with_force_ltr_gets_cells_as_placed(tmp_path: Path) -> None:
    env = {"TERM": "xterm-kitty", "HOME": str(tmp_path)}
    conf = tmp_path / ".config" / "kitty" / "kitty.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text("font_size 12\nforce_ltr yes\n")
    assert plan_for("auto", env).mode == "explicit"
    assert plan_for("auto", env).warning is None
    conf.write_text("force_ltr yes\nforce_ltr no\n")  # the last setting wins, as in kitty
    assert plan_for("auto", env).mode == "kitty"
    # forced against the terminal: the one case the reader knows the text will be wrong
    warning = plan_for("explicit", env).warning
    assert warning is not None and "force_ltr" in warning


def test_forced_modes_are_kept() -> None:
    env = {"TERM": "xterm-256color", "KONSOLE_VERSION": "1"}
    assert plan_for("explicit", env).mode == "explicit"
    assert plan_for("kitty", {"TERM": "xterm"}).mode == "kitty"
    # mlterm is switched whatever the mode
    assert ENTER_MLTERM in plan_for("explicit", {"MLTERM": "3.9"}).enter


@pytest.mark.parametrize("how", ["q", "ctrl+c", "SIGTERM"])
def test_mlterm_is_switched_and_switched_back(tmp_path: Path, how: str) -> None:
    session = PtySession([str(installed_reader())],
                         pty_environment(tmp_path, TERM="xterm", MLTERM="3.9.0"))
    assert session.wait_for(ENTER_MLTERM.encode())
    assert session.wait_for(ILON_VISUAL.encode())  # drawn: mounted, SIGTERM handled
    session.quit(how)
    output = session.finish()
    start = output.index(ENTER_MLTERM.encode())
    assert output.index(ENTER_MLTERM.encode()) < output.index(b"\x1b[?1049h")  # before drawing
    tail = output[start:]
    assert LEAVE_MLTERM.encode() in tail and LEAVE_EXPLICIT.encode() in tail
    assert tail.rindex(LEAVE_MLTERM.encode()) > tail.rindex(b"\x1b[?1049l")  # after the last
    assert os.WIFEXITED(session.status) or os.WIFSIGNALED(session.status)


@pytest.mark.parametrize(("extra", "expected", "absent"), [
    # Konsole: a left-to-right mark before each letter, so Qt's bidi moves nothing
    ({"KONSOLE_VERSION": "221202"}, "\u200eﻥ\u200eﻮ\u200eﻠ\u200eﻳ\u200eﺇ", "ﺇﻳﻠﻮﻥ"),
    # kitty: the word reversed, so that kitty's own reversal puts it back
    ({"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}, "ﺇﻳﻠﻮﻥ", ILON_VISUAL),
])
def test_the_cells_each_terminal_is_sent(tmp_path: Path, extra: dict[str, str], expected: str,
                                         absent: str) -> None:
    session = PtySession([str(installed_reader())], pty_environment(tmp_path, **extra))
    assert session.wait_for(expected.encode()), session.output[-1500:]
    session.send(b"q")
    output = session.finish()
    assert absent.encode() not in output
    tail = output[output.rindex(ENTER_EXPLICIT.encode()):]
    assert LEAVE_EXPLICIT.encode() in tail


def test_kitty_words_are_reversed_with_marks_and_brackets() -> None:
    # visual «بِك» (x): the guillemets mirrored by the layout, kitty mirrors them again
    line = [Segment("\u00bbﻚِﺑ\u00ab", Style(bold=True)), Segment(" (x) ﺍ")]
    out = "".join(s.text for s in kitty_segments(line))
    assert out == "\u00bbﺑ\u034fﻚِ\u00ab (x) ﺍ"  # reversed by clusters (the kasra kept on
    # its letter, a joiner after the letter in the mirrored place), brackets unmirrored


def _kitty_cells(sent: str) -> list[str]:
    """What kitty 0.26 draws in each cell of a run it lays out right to left
    (kitty/fonts.c, ``group_normal``): HarfBuzz's glyphs come in visual order, the sent code
    points reversed, and each takes one code point of the cells in the order they were
    sent; a cell draws the glyphs taken until its last code point is."""
    cells: list[str] = []
    for ch in sent:  # a mark or a joiner joins the cell before it, at most three of them
        if cells and unicodedata.category(ch)[0] == "M":
            if len(cells[-1]) < 4:
                cells[-1] += ch
        else:
            cells.append(ch)
    glyphs = iter("".join(cells)[::-1])
    return ["".join(next(glyphs) for _ in cell)[::-1] for cell in cells]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ﺑﻚﺍﻳﺮﺪﻤﺤﻣ"),
                          st.lists(st.sampled_from("\u064b\u064e\u064f\u0650\u0651"),
                                   max_size=2)), min_size=1, max_size=8))
def test_kitty_draws_each_mark_on_its_letter(word: list[tuple[str, list[str]]]) -> None:
    """kitty (default config) drew a letter's harakat in the cell of the letter before it
    on screen, and that letter in the next cell, unless clusters mirrored across the run
    hold as many code points: the filter sends joiners to make them so."""
    visual = ["".join([letter, *marks]) for letter, marks in word]
    sent = "".join(s.text for s in kitty_segments([Segment("".join(visual))]))
    assert [cell.replace("\u034f", "") for cell in _kitty_cells(sent)] == visual
    assert sent.replace("\u034f", "") == "".join(visual[::-1])  # joiners only added


def test_kitty_joiners_for_the_articles_words() -> None:
    # بريدًا and مُحمَّد as laid out (visual order): the joiners go after ر, after ح (two)
    # and after د, the letters mirroring the marked ones across each word
    line = [Segment("ﺍﺪًﻳﺮﺑ ﺪﻤَّﺤﻣُ")]
    out = "".join(s.text for s in kitty_segments(line))
    assert out == "ﺑﺮ\u034fﻳﺪًﺍ ﻣُﺤ\u034f\u034fﻤَّﺪ\u034f"
    assert kitty_segments([Segment("ﻛﻞ ﻳﻮﻡ")])[0].text == "ﻞﻛ ﻡﻮﻳ"  # unmarked:
    # no joiner


def test_konsole_marks_leave_latin_alone() -> None:
    segments = [Segment("hello — world"), Segment("ﻚِﺑ")]
    out = KonsoleMarks().apply(segments, None)
    assert out[0].text == "hello — world"
    assert out[1].text == "\u200eﻚِ\u200eﺑ"


def test_right_to_left_text_is_never_italic() -> None:
    out = UprightRtl().apply([Segment("ﻪﻳﻭﺮﻳ", Style(italic=True)),
                              Segment("em", Style(italic=True))], None)
    assert not out[0].style.italic and out[0].style.underline  # still set apart
    assert out[1].style.italic  # Latin keeps its italic


def test_crops_keep_marks_with_their_letters() -> None:
    strip = Strip(ClusterSegments().apply([Segment("ab\u064bcd")], None))
    assert strip.crop(0, 2).text == "ab\u064b"
    assert strip.crop(2, 4).text == "cd"


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


async def test_a_dialog_leaves_no_mark_behind(tmp_path: Path) -> None:
    """Every letter of the text has a kasra: wherever the help box cuts a row, the pieces
    left and right of it hold as many marks as letters."""
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app

    document = tmp_path / "marks.txt"
    document.write_text("عنوان.\n\n" + ("بِبِبِ " * 40 + "\n\n") * 12, encoding="utf-8")
    # The whole width (--measure 0): the text reaches past both sides of the help box.
    app = create_app(document, positions=PositionStore(tmp_path / "state"), measure=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        update = app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens)
        pieces = [strip.text for row in update.strips for strip in row]
        arabic = [piece for piece in pieces if "\ufe91" in piece or "\ufe92" in piece
                  or "\u0628" in piece or "\ufe90" in piece]
        assert arabic  # the article shows beside the help box
        for piece in arabic:
            assert not _is_mark(piece[0]), piece
            letters = sum(1 for ch in piece if unicodedata.bidirectional(ch) == "AL")
            marks = sum(1 for ch in piece if _is_mark(ch))
            assert letters == marks, piece


async def test_sixteen_colours_use_the_terminal_palette(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """With 16 colours text under a dialog stays as it was (no blended backdrop that
    collapses into grey on grey) and every text differs from its background."""
    import textual.constants

    from reader.state.positions import PositionStore
    from reader.ui.app import create_app

    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")
    app = create_app(positions=PositionStore(tmp_path / "state"))
    assert app.theme == "ansi-dark"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()

        def rows() -> list[list[Segment]]:
            update = app.screen._compositor.render_update(
                full=True, screen_stack=app._background_screens)
            return [list(Strip.join(row)) for row in update.strips]

        before = rows()
        await pilot.press("right_square_bracket", "enter")  # the "Follow to…" chooser
        await pilot.pause()
        assert type(app.screen).__name__ == "ChooseTarget"
        after = rows()
        for segments in (before, after):
            for row in segments:
                for segment in row:
                    style = segment.style
                    if style and segment.text.strip() and style.color and style.bgcolor \
                            and not style.color.is_default:  # default: the terminal's own
                        assert style.color != style.bgcolor, segment
        # the title is not covered by the chooser: no backdrop changes its colours
        def looks(row: list[Segment]) -> list[tuple[str, object, object]]:
            return [(s.text, s.style.bgcolor if s.style else None,
                     s.style.color if s.style and s.style.color
                     and not s.style.color.is_default else None) for s in row]

        assert looks(after[0]) == looks(before[0])
        # the chooser's current entry and the panel's stand out in reverse video with the
        # terminal's own colours (black on white was grey on grey in xterm: bold black is
        # bright black there)
        for row_text, text in (("ﺖﻴﺴﻧ :ﻚﺳﺎﻣ", "ﺖﻴﺴﻧ"), ("ﺰﺠﺤﻟﺍ .1", "ﺰﺠﺤﻟﺍ")):
            marked = [s for row in after if row_text in "".join(s.text for s in row)
                      for s in row if text in s.text]
            assert marked, text
            assert all(s.style and s.style.reverse and (s.style.bgcolor is None
                       or s.style.bgcolor.is_default) for s in marked), marked
        # a notification (H, t...) in the terminal's own colours: the default text colour on
        # Textual's black was black on black in a black-on-white terminal
        await pilot.press("escape")
        from textual.notifications import Notification
        from textual.widgets._toast import Toast

        toast = Toast(Notification("Toast text"))
        await app.screen.mount(toast)
        await pilot.pause()
        style = toast.rich_style
        assert style.bgcolor is None or style.bgcolor.is_default, style
        assert style.color is None or style.color.is_default, style


def test_no_color_with_sixteen_colours_sends_no_colour(tmp_path: Path) -> None:
    """NO_COLOR's greys, mapped to 16 colours, were black on black."""
    import re

    session = PtySession([str(installed_reader())],
                         pty_environment(tmp_path, TERM="xterm", NO_COLOR="1"))
    assert session.wait_for(ILON_VISUAL.encode())

    def codes(output: bytes) -> set[int]:
        return {int(code) for sgr in re.findall(rb"\x1b\[([0-9;]*)m", output)
                for code in sgr.split(b";") if code}

    assert session.wait_until(lambda output: 7 in codes(output))  # what stands out, drawn
    session.send(b"q")
    output = session.finish()
    assert not codes(output) & {*range(30, 38), *range(40, 48), *range(90, 98),
                                *range(100, 108)}
    assert 7 in codes(output)  # what stands out does so without colour: reverse video


def test_konsole_marks_are_not_added_twice() -> None:
    """A translucent dialog draws the filtered screen beneath it as its background, which
    goes through the filters again."""
    konsole = KonsoleMarks()
    marked = konsole.apply([Segment("ﻡﻮﻳ ﻞﻛ (x)")], None)
    assert konsole.apply(marked, None) == marked


def test_kitty_words_are_reversed_as_a_dialog_cuts_them() -> None:
    """kitty's words are made on what is written (reader.ui.terminal_output.kitty_output),
    per piece of a row between regions' edges: the part of a word left beside a dialog is
    reversed as it is shown. Reversed whole before the crop, the other end of the word
    showed there."""
    from textual._compositor import ChopsUpdate, LayoutUpdate
    from textual.geometry import Region

    from reader.ui.terminal_output.kitty_output import KittyOutput

    word = "ﺎﻬﺑﺮﻗﺃ"  # a word as laid out; its left half is beside the dialog, the rest under it
    beside, dialog = Strip([Segment(" " + word[:3])]), Strip([Segment("│ ok │")])
    output = KittyOutput()
    update = output.update(LayoutUpdate([[beside, dialog]], Region(0, 0, 10, 1)))
    first, border = update.strips[0]
    assert first.text == " " + word[:3][::-1] and border.text == "│ ok │"
    # the app no longer reverses kitty's words in widget lines
    line = [Segment("ﻡﻮﻳ ﻞﻛ")]
    for line_filter in filters_for("kitty"):
        line = line_filter.apply(line, None)
    assert "".join(s.text for s in line) == "ﻡﻮﻳ ﻞﻛ"
    # a partial update that ends inside a piece writes the piece whole
    chops = [{0: Strip([Segment("ﻡﻮﻳ ﻞﻛ ﻲﻓ")]), 10: Strip([Segment("│ ok")])}]
    partial = output.update(ChopsUpdate(chops, [(0, 2, 6)], [[10, 14]]))
    assert partial.spans == [(0, 2, 10)]
    assert partial.chops[0][0].text == "ﻳﻮﻡ ﻛﻞ ﻓﻲ"


def test_kitty_runs_end_at_the_blocks_kitty_draws_itself() -> None:
    """kitty draws box and block characters (a scroll bar's thumb) itself, outside any
    shaping run: a word beside one is a run of its own."""
    word = "ﺐﺘﻛﻭ"  # وكتب as laid out, the last cells of the article's row
    line = [Segment(" ﻚﺳﺎﻣ " + word), Segment("\u2581", Style(color="blue"))]
    once = kitty_segments(line)
    assert "".join(s.text for s in once).endswith(word[::-1] + "\u2581")


def test_kitty_runs_end_where_the_font_face_changes() -> None:
    """Bold is another face for kitty, shaped as a run of its own (the focused claim)."""
    line = [Segment("ﻝﻮﺼﻓ", Style(bold=True, reverse=True)), Segment("\u201d\u060c")]
    out = kitty_segments(line)
    assert [s.text for s in out] == ["ﻓﺼﻮﻝ", "\u201d\u060c"]


def test_a_long_first_line_made_title_keeps_its_marks() -> None:
    from reader.content.document import Document

    document = Document.from_text("بِبِبِ " * 40 + "\n")
    assert len(document.title) > 80 and document.title.endswith("\u0650")
