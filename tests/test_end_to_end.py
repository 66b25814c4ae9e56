"""The installed ``reader`` in tmux at 100×30, read back with capture-pane."""

from __future__ import annotations

import shlex
from pathlib import Path

from reader.content.annotations.file import load_annotations_for
from reader.content.formats import load_document
from reader.text import layout_paragraph
from tests.tmux_session import TmuxSession, installed_reader


def _article_width(screen: list[str], paragraph: str) -> int:
    """The width the app laid the article out at: the one whose lines are all on screen."""
    for width in range(99, 19, -1):
        lines = layout_paragraph(paragraph, width).lines
        if all(any(line.text in row for row in screen) for line in lines):
            return width
    raise AssertionError("the article's first line is not on screen:\n" + "\n".join(screen))


def test_article_reads_right_to_left_and_links_work(session: TmuxSession) -> None:
    document = load_document()
    found = load_annotations_for(document, None)
    annotations, problems = found.annotations, found.problems
    assert annotations is not None and not problems
    first_paragraph = document.paragraphs[0]
    session.wait_for(
        lambda lines: any(
            layout_paragraph(first_paragraph, w).lines[0].text in line
            for line in lines[:4] for w in range(40, 80)
        )
    )
    # Measured once the screen is still: on a busy machine the first frame may come before
    # the scrollbar, which then narrows the text by a column and rewraps it.
    screen = session.settle()
    width = _article_width(screen, first_paragraph)
    layout = layout_paragraph(first_paragraph, width)
    # The first lines of the article, in visual order, right-aligned to one edge.
    rows = []
    for line in layout.lines:
        row = next(i for i, text in enumerate(screen) if line.text in text)
        rows.append((row, screen[row].index(line.text) + len(line.text)))
    assert [r for r, _ in rows] == sorted(r for r, _ in rows)  # in order, top to bottom
    assert len({edge for _, edge in rows}) == 1  # right-aligned: all end at one column
    assert layout.lines[0].text.endswith("\ufe87")  # إ of إيلون, the first word, at the right

    # `2` brings chapter 2's sentence into view.
    chapter = annotations.chapters[1]
    target = layout_paragraph(document.paragraphs[chapter.span.paragraph], width)
    wanted = next(line.text for line in target.lines if line.end > chapter.span.start)
    session.keys("G")
    session.wait_for(lambda lines: not any(wanted in line for line in lines))
    session.keys("2")
    session.wait_for(lambda lines: any(wanted in line for line in lines))

    # Following the first claim shows its rebuttal, and Backspace returns.
    session.keys("g")
    before = session.settle()
    first_claim = annotations.claims[next(iter(annotations.claims))]
    rebuttal = annotations.rebuttals_of(first_claim.id)[0]
    rebuttal_layout = layout_paragraph(document.paragraphs[rebuttal.span.paragraph], width)
    rebuttal_line = next(line.text for line in rebuttal_layout.lines
                         if line.end > rebuttal.span.start)
    session.keys("]", "Enter")
    if len(annotations.rebuttals_of(first_claim.id)) > 1:
        session.wait_for(lambda lines: any("Follow to" in line for line in lines))
        session.keys("Enter")
    session.wait_for(lambda lines: any(rebuttal_line in line for line in lines))
    session.keys("BSpace")
    after = session.wait_for(lambda lines: lines[1:6] == before[1:6])
    assert after[1:6] == before[1:6]


TERMINAL_MODES = "#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}"


def test_quit_restores_the_shell(tmp_path: Path) -> None:
    """After q the shell gets its screen back: the alternate screen left, mouse reporting
    off, the cursor shown, the shell's own lines still there and the exit status 0."""
    script = (f"echo before-reader; {shlex.quote(str(installed_reader()))}; "
              "echo reader-exited-$?; exec sleep 60")
    shell = TmuxSession(["sh", "-c", script], 100, 30,
                        env={"READER_STATE_DIR": str(tmp_path / "state")})
    try:
        shell.wait_for(lambda lines: any("Quit" in line for line in lines))
        assert shell.display(TERMINAL_MODES).split() == ["1", "1", "1", "0"]
        shell.keys("q")
        lines = shell.wait_for(lambda lines: any("reader-exited-0" in line for line in lines))
        assert lines[0] == "before-reader" and lines[1] == "reader-exited-0"
        assert not any("Quit" in line for line in lines)
        assert shell.display(TERMINAL_MODES).split() == ["0", "0", "0", "1"]
    finally:
        shell.close()
