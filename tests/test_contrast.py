"""Every text cell the reader draws is at least 4.5:1 against its background (WCAG AA), in
the dark and the light theme: measured on the composed screen, from the styles the app
really uses, in the states that add colours (speakers, focus, flash, hits, code, links,
panel, status, key bar, chooser, help with its legend)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rich.color import Color

from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.themes import READER_DARK, READER_LIGHT, SPEAKER_COUNT
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.tab_bar import TabBar
from tests.waiting import panel_built

AA = 4.5


@pytest.fixture(autouse=True)
def _truecolor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's own themes (16-colour terminals get the terminal's palette instead,
    see reader.ui.terminal_output.colours), whatever TERM the tests run under."""
    monkeypatch.setenv("COLORTERM", "truecolor")


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: Color, two: Color) -> float:
    a, b = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _blend(background: Color, color: Color, factor: float) -> Color:
    (r1, g1, b1), (r2, g2, b2) = background.get_truecolor(), color.get_truecolor()
    return Color.from_rgb(r1 + (r2 - r1) * factor, g1 + (g2 - g1) * factor,
                          b1 + (b2 - b1) * factor)


def _is_text(ch: str) -> bool:
    """A cell that shows a letter, digit, mark or symbol (not a rule, border or block)."""
    return not ch.isspace() and not ("\u2500" <= ch <= "\u259f") and ch not in "▏▕"


def low_contrast_cells(app: ReaderApp) -> list[tuple[float, str, str, str]]:
    """(ratio, text, foreground, background) of every drawn cell below AA. Under a modal
    screen (help, chooser) only the modal's box counts: what it covers is dimmed on
    purpose, not meant to be read."""
    strips = app.screen._compositor.render_strips()
    screen = app.screen
    if screen.is_modal:
        box = screen.children[0].region
        strips = [strip.crop(box.x, box.right) for strip in strips[box.y:box.bottom]]
    bad = []
    for strip in strips:
        for segment in strip:
            text, style = segment.text, segment.style
            if style is None or not any(_is_text(ch) for ch in text):
                continue
            fg, bg = style.color, style.bgcolor
            assert fg is not None and bg is not None, (text, style)
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:  # as a terminal dims: half way to the background
                fg = _blend(bg, fg, 0.5)
            ratio = contrast(fg, bg)
            if ratio < AA:
                bad.append((round(ratio, 2), text, str(fg.get_truecolor()),
                            str(bg.get_truecolor())))
    return bad


MARKDOWN = """# Heading

Some `inline code` and a [link](https://example.com) in a paragraph, *em* and **strong**.

> a quote from someone

```
code block line
```
"""


@pytest.mark.parametrize("theme", ["dark", "light"])
async def test_every_text_cell_reaches_aa(tmp_path: Path, theme: str) -> None:
    app = create_app(positions=PositionStore(tmp_path / "state"), theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await panel_built(pilot)
        await pilot.pause()
        assert not low_contrast_cells(app)
        # speakers, a focused span, the flash of a jump, search hits and the current one
        await pilot.press("2")
        await pilot.press("right_square_bracket")
        await pilot.press("slash", *"ماسك", "enter")
        await pilot.pause()
        assert app.search.total > 1
        assert not low_contrast_cells(app)
        # the panel's claims, highlighted, focused; the key bar
        app.panel.query_one(TabBar).activate(1)
        await pilot.press("tab", "tab", "down")
        await pilot.pause()
        assert not low_contrast_cells(app)
        # help, with the legend of speakers
        await pilot.press("question_mark")
        await pilot.pause()
        assert not low_contrast_cells(app)
        await pilot.press("escape")
        # the chooser
        claim = next(c for c in app.annotations.claims.values()
                     if len(app.annotations.rebuttals_of(c.id)) > 1)
        app.go_to_entry(claim.id)
        await pilot.press("escape", "enter")  # Esc first: the hits go, Enter follows
        await pilot.pause()
        assert not low_contrast_cells(app)
    (tmp_path / "doc.md").write_text(MARKDOWN, encoding="utf-8")
    app = create_app(tmp_path / "doc.md", positions=PositionStore(tmp_path / "state"),
                     theme=theme)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"code")  # the search bar open, hits in code
        await pilot.pause()
        assert not low_contrast_cells(app)


@pytest.mark.parametrize("theme", [READER_DARK, READER_LIGHT], ids=["dark", "light"])
def test_speakers_and_hits_are_told_apart(theme) -> None:
    speakers = [Color.parse(theme.variables[f"speaker-{i}"]) for i in range(SPEAKER_COUNT)]
    surface = Color.parse(theme.surface)
    hits = [Color.parse(theme.variables[name]) for name in
            ("hit-background", "hit-current-background")]

    def distance(a: Color, b: Color) -> float:
        return sum((x - y) ** 2 for x, y in zip(a.get_truecolor(), b.get_truecolor(),
                                                strict=True)) ** 0.5

    for one, two in itertools.combinations(speakers, 2):
        assert distance(one, two) > 60, (one, two)
    for hit in hits:
        for speaker in speakers:
            assert distance(hit, speaker) > 60, (hit, speaker)
        assert contrast(hit, surface) > 1.3  # a fill that shows on the page
    assert distance(*hits) > 60
    assert len(ArticleView.COMPONENT_CLASSES & {f"article--speaker-{i}"
                                                for i in range(SPEAKER_COUNT)}) == SPEAKER_COUNT
