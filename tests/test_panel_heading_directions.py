"""The panel's headings keep the directions the markup sets inside them (HTML's ``dir`` on
an inline element, ``<bdi>``, ``<bdo>``), as the article lays the same heading out: the
panel entry of each heading reads as the core's line of that heading (its paragraph with
:meth:`Document.isolates`). Before, only code spans were isolated in the panel:
``<span dir="ltr">/dev/sdc</span>`` read «dev/sdc/» in an Arabic heading and a ``<bdo>``
was not overridden."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.document import Document
from reader.content.formats import load_document
from reader.text import layout_paragraph
from reader.text.chrome import ChromeStyle, chrome_line, chrome_lines, isolate
from reader.text.levels import Isolate
from reader.ui.widgets.side_panel import SidePanel

WIDE = 10_000
PAGE = ('<html dir="rtl"><head><title>x</title></head><body>'
        '<h1>القرص <span dir="ltr">/dev/sdc</span>: معطل</h1><p>نص عربي طويل عن القرص.</p>'
        '<h2>الأمر <bdo dir="rtl">abc def</bdo> هنا</h2><p>نص.</p>'
        '<h2>الرمز <bdo dir="ltr">عربي <code>x-y</code></bdo> هنا</h2><p>نص.</p>'
        '<h2>رمز <code>a-b</code> و<bdi>x ي</bdi></h2><p>نص آخر.</p></body></html>')


def _page(tmp_path: Path) -> Document:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return load_document(path)


def _article_line(document: Document, index: int) -> str:
    """The heading's line as the article lays it out (the core, with its isolates)."""
    return layout_paragraph(document.paragraphs[index], WIDE, document.direction(index),
                            isolates=document.isolates(index)).lines[0].text.strip()


def test_each_heading_of_the_panel_reads_as_the_articles_line(tmp_path: Path) -> None:
    document = _page(tmp_path)
    headings = document.headings()
    kinds = {isolate.kind for heading in headings for isolate in document.isolates(heading.index)}
    assert {"ltr", "auto", "override-rtl", "override-ltr"} <= kinds
    items = SidePanel(document, None, direction="rtl")._heading_items()
    assert len(items) == len(headings) == 4
    for heading, (_key, paragraphs) in zip(headings, items, strict=True):
        panel = chrome_lines(paragraphs[0][0], WIDE, "rtl", style=ChromeStyle.VISUAL)
        assert len(panel) == 1
        assert panel[0][0].strip() == _article_line(document, heading.index), heading.text
    # what that means, spelled out: the path left to right, the bdo's letters reversed
    first = chrome_line(items[0][1][0][0], "rtl", style=ChromeStyle.VISUAL)
    assert "/dev/sdc" in first and "dev/sdc/" not in first
    assert "fed cba" in chrome_line(items[1][1][0][0], "rtl", style=ChromeStyle.VISUAL)


def test_an_override_is_laid_out_not_drawn() -> None:
    """A ``<bdo>``'s controls take no cell and show no symbol (⟦RLO⟧), in visual and in
    logical (--screen-reader) order; the value's text is all there."""
    value = isolate("abc def", "ltr", (Isolate(0, 7, "override-rtl"),))
    assert chrome_line(value, "ltr", style=ChromeStyle.VISUAL) == "fed cba"
    assert chrome_line(value, "ltr", style=ChromeStyle.LOGICAL) == "abc def"


@pytest.mark.parametrize("kind", ["override-ltr", "override-rtl"])
def test_a_value_cannot_open_an_override_of_its_own(kind: str) -> None:
    """What marks a ``<bdo>`` for the layout cannot come from a value (a label, a name):
    only the isolates the markup gives make one; a value's own controls are still shown."""
    marker = isolate("x", "ltr", (Isolate(0, 1, kind),)).strip("\u2066\u2069x")
    assert marker  # the marks isolate put around the override
    forged = isolate(f"{marker}abc def")
    assert "fed cba" not in chrome_line(forged, "ltr", style=ChromeStyle.VISUAL)
    assert "abc def" in chrome_line(forged, "ltr", style=ChromeStyle.VISUAL)
    assert chrome_line(isolate("a\u202eb"), "ltr",
                       style=ChromeStyle.VISUAL) == "a\u27e6RLO\u27e7b"


async def test_the_app_draws_the_panels_headings_as_the_articles(tmp_path: Path) -> None:
    """In the app: each heading's row in the panel holds the text the article's row of
    that heading shows (its words and their order), a ``<bdo>`` reversed in both."""
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.entry_list import EntryList
    from tests.waiting import panel_built

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    app = create_app(tmp_path / "page.html", positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(140, 30)) as pilot:
        app.panel.styles.width = 60  # each entry on one line
        await panel_built(pilot)
        await pilot.pause()
        strips = app.screen._compositor.render_strips()

        def drawn(widget: EntryList | ArticleView) -> list[str]:
            region = widget.region
            return [strip.crop(region.x, region.right).text.strip()
                    for strip in strips[region.y:region.bottom]]

        panel = [row for row in drawn(app.panel.query_one("#contents-list", EntryList)) if row]
        article = drawn(app.query_one(ArticleView))
    assert len(panel) == 4
    for row in panel:
        assert row in article, (row, article)
    assert any("fed cba" in row for row in panel)
