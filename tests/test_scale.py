"""Large documents: work proportional to the screen, and End reaching the true last line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.content.formats import load_document
from reader.state.positions import PositionStore
from reader.text.flow import TextFlow
from reader.text.layout import layout_paragraph
from reader.ui.app import create_app
from tests.waiting import wait_until


@pytest.fixture(scope="module")
def big_document(tmp_path_factory) -> Path:
    """About 3 million characters of mixed paragraphs: far above the eager counting limit,
    and a file big enough to be opened on its head."""
    rng = random.Random(5)
    words = ["ماسك", "ألتمان", "OpenAI", "تسلا", "Roadster", "2018", "(مرحبا)", "كتبَ",
             "الأول", "reader", "«نص»", "١٢٣", "50%", "مُدَرِّس"]
    paragraphs = []
    total = 0
    while total < 3_000_000:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.choice((3, 15, 80, 400))))
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    paragraphs.append("النهاية: هذا هو السطر الأخير من الكتاب.")
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text("\n".join(paragraphs), encoding="utf-8")
    return path


async def test_first_frame_lays_out_a_bounded_number_of_paragraphs(
    big_document: Path, tmp_path: Path
) -> None:
    app = create_app(big_document, positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article.first_drawn_at is not None,
                         what="the first frame")
        flow = app.article.flow
        # a screen's worth of paragraphs laid out, not the document; and only the head of
        # the file was loaded for that frame
        assert flow.layouts_made <= 40
        whole = load_document(big_document)
        assert len(flow._index) < len(whole.paragraphs) // 10
        # the rest arrives right after, in place: the same document load_document gives
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the file")
        assert app.document.paragraphs == whole.paragraphs
        assert app.document.text == whole.text and app.document.starts == whole.starts
        assert len(app.article.flow._index) == len(whole.paragraphs) > 3_000
        assert not app.article.flow.complete  # line counts settle in the background


async def test_end_reaches_the_true_last_line(big_document: Path, tmp_path: Path) -> None:
    app = create_app(big_document, positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        article = app.article
        flow = article.flow
        height = article.scrollable_content_region.height
        last = len(app.document.paragraphs) - 1
        # the bottom line of the view is the last line of the last paragraph
        paragraph, line = flow.line_at(article.top + height - 1)
        assert paragraph == last
        assert line is not None and line.end == len(app.document.paragraphs[last])
        # and it is what the layout core gives for that paragraph
        expected = layout_paragraph(app.document.paragraphs[last], flow.width).lines[-1]
        assert line.text == expected.text
        # once counting completes, End still shows the same last line
        await wait_until(pilot, lambda: flow.complete, what="the line counts")
        await pilot.press("g", "G")
        await pilot.pause()
        paragraph, line = flow.line_at(article.top + height - 1)
        assert paragraph == last and line is not None


def test_counting_in_slices_agrees_with_eager_counting() -> None:
    rng = random.Random(3)
    paragraphs = [" ".join(rng.choice(["كتب", "abc", "١٢٣", "(x)", "مرحبا"])
                           for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    gaps = [rng.randint(0, 1) for _ in paragraphs]
    lazy = TextFlow(paragraphs, 23, gaps=gaps, eager=False)
    eager = TextFlow(paragraphs, 23, gaps=gaps, eager=True)
    while not lazy.count_some(budget=0.001):
        pass
    assert lazy.height == eager.height
    for y in range(0, eager.height, 97):
        assert lazy.line_at(y)[0] == eager.line_at(y)[0]


def test_a_counting_slice_ends_at_the_first_paragraph_past_its_budget() -> None:
    """A key waits behind a counting slice: a spent budget ends it after the paragraph in
    hand (it used to be read every sixteen paragraphs, 20 ms of unshaped Arabic)."""
    paragraphs = ["كتب مرحبا " * 40 for _ in range(100)]
    flow = TextFlow(paragraphs, 23, gaps=[1] * len(paragraphs), eager=False)
    assert not flow.count_some(budget=0.0)
    assert flow._counted == 1
    assert not flow.count_some(budget=0.0)
    assert flow._counted == 2


def test_positions_survive_a_change_of_width() -> None:
    paragraphs = ["كلمة " * 50, "", "word " * 70, "نص قصير"]
    narrow = TextFlow(paragraphs, 20, gaps=[1, 0, 1, 0])
    wide = TextFlow(paragraphs, 70, gaps=[1, 0, 1, 0])
    for y in range(narrow.height):
        paragraph, offset = narrow.position(y)
        again = wide.position(wide.locate(paragraph, offset))
        assert again[0] == paragraph


async def test_resize_of_a_book_keeps_the_place_while_counts_are_estimates(
    big_document: Path, tmp_path: Path
) -> None:
    """A new width starts from estimates per block of paragraphs; the reader's place, the
    lines drawn there and the later exact counts must not suffer from it."""
    app = create_app(big_document, positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the file")
        article = app.article
        # Background counting is held, so that every width below starts from estimates
        # and stays with them (else the pilot's waits may give it time to finish).
        counting = article.counting.timer
        assert counting is not None
        counting.pause()
        middle = len(app.document.paragraphs) * 2 // 3
        article.go_to_place((middle, 0))
        await pilot.pause()
        for size in ((61, 22), (140, 40), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            flow = article.flow
            assert flow.width == article.text_width
            assert not flow.complete and flow._counted == 0  # estimates off screen
            assert article.place()[0] == middle
            paragraph, line = flow.line_at(article.top)
            assert paragraph == middle and line is not None and line.start == 0
            expected = layout_paragraph(app.document.paragraphs[middle], flow.width).lines[0]
            assert line.text == expected.text
        flow = article.flow
        counting.resume()
        await wait_until(pilot, lambda: flow.complete, what="the line counts")
        assert article.place()[0] == middle
        eager = TextFlow(app.document.paragraphs, flow.width, app.document.direction,
                         article.gaps, article.indents, eager=True)
        assert flow.height == eager.height
        assert flow.first_line(middle) == eager.first_line(middle)


async def test_a_books_search_index_is_made_in_the_background(
    big_document: Path, tmp_path: Path
) -> None:
    """Once the line counts are done the text is folded for search in slices, so that the
    first search finds an index ready instead of pausing to make one."""
    from reader.text.search import SearchIndex

    app = create_app(big_document, positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        def index_ready() -> bool:
            if app.search._index is None and app.search._slices is not None:
                # folding has begun: only after the rest of the file and the counts
                assert app.pending is None and app.article.flow.complete
            return app.search._index is not None

        await wait_until(pilot, index_ready, what="the search index")
        index = app.search._index
        assert index is not None and app.article.flow.complete
        assert index.folded == SearchIndex(app.document.paragraphs).folded
        await pilot.press("slash", *"ماسك", "enter")
        await pilot.pause()
        assert app.search._index is index  # the search used it, nothing was made again
        assert app.search.total > 100
