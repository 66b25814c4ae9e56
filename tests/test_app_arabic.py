"""Issue 26 in the app: the search modes cycled in the bar (Ctrl+T), counts per mode, whole
words highlighted, the word cursor and the look-up popup with its jumps; Persian, Hebrew and
a missing lexicon said in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.keys import _character_to_key
from textual.widgets import Static

from reader.state.positions import PositionStore
from reader.text import morphology
from reader.text.search import SearchIndex
from reader.text.search_modes import WORD_MODES
from reader.text.span import Span
from reader.ui.app import ReaderApp, create_app
from reader.ui.decisions.look_up import reading_lines
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.look_up_popup import LookUpPopup
from reader.ui.widgets.search_bar import SearchBar
from tests.waiting import wait_until

SIZE = (100, 30)


def _app(tmp_path: Path, document: Path | None = None) -> ReaderApp:
    return create_app(document, positions=PositionStore(tmp_path / "state"))


def _bar_text(app: ReaderApp, name: str) -> str:
    return str(app.query_one(f"#search-{name}", Static).render())


async def _type(pilot, text: str) -> None:
    await pilot.press(*[_character_to_key(ch) for ch in text])
    await pilot.pause()


def _expected(app: ReaderApp, query: str, mode: str) -> list:
    return SearchIndex(app.document.paragraphs).find(query, mode)


async def test_ctrl_t_cycles_the_modes_with_a_count_for_each(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "شركة")
        bar = app.query_one(SearchBar)
        assert app.search.mode == "fold" and "fold" in _bar_text(app, "mode")
        counts = {"fold": app.search.total}
        for mode in ("exact", "forms", "root"):
            await pilot.press("ctrl+t")
            # (forms and root wait for the word index: the hits are the last mode's until then)
            needs_words = mode in WORD_MODES
            await wait_until(pilot, lambda: app.search.hits is not None
                             and (app.search.words_ready or not needs_words),  # noqa: B023
                             what=mode)
            assert app.search.mode == mode and mode in _bar_text(app, "mode")
            counts[mode] = app.search.total
            assert app.search.count(mode) == counts[mode]
            assert _bar_text(app, "count").endswith(f"/{counts[mode]}")
        # each mode its own count: forms adds لشركة، الشركة، شركتي; root adds شارك، الشراكة
        assert counts == {mode: len(_expected(app, "شركة", mode)) for mode in counts}
        assert counts["fold"] < counts["forms"] < counts["root"]
        # in a word mode the bar gives the other modes' counts too
        assert _bar_text(app, "mode").endswith(
            f"fold {counts['fold']} · exact {counts['exact']} · forms {counts['forms']}")
        words = {app.document.paragraphs[s.paragraph][s.start:s.end]
                 for s in app.search.hits.spans()}
        assert {"شارك", "مشاركته", "الشراكة", "شركتي"} <= words
        await pilot.press("ctrl+t")  # round again
        await pilot.pause()
        assert app.search.mode == "fold" and app.search.total == counts["fold"]
        assert bar.mode_note is None


async def test_a_word_mode_hit_highlights_the_whole_word(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.search.set_mode("root")
        await _type(pilot, "شرك")
        await wait_until(pilot, lambda: app.search.total > 0, what="the root's hits")
        expected = _expected(app, "شرك", "root")
        current = app.search.current.span
        assert current in expected
        text = app.document.paragraphs[current.paragraph]
        # whole words: no letter just before or after a drawn hit
        drawn = [(p, s, e) for p, ranges in app.article.hits.items() for s, e in ranges]
        assert drawn
        for paragraph, start, end in drawn:
            text = app.document.paragraphs[paragraph]
            assert not (start and text[start - 1].isalpha())
            assert not (end < len(text) and text[end].isalpha())
        assert app.article.current_hit == current


async def test_a_word_mode_query_waits_for_the_analysis_without_blocking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The word index is built by the timer: a root query typed before it is done says
    "analysing" and runs once it is."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.search._words = None  # a fresh index for this session
        await pilot.press("slash")
        app.search.set_mode("root")
        await _type(pilot, "ربح")
        assert app.searching.analysing or app.search.words_ready
        await wait_until(pilot, lambda: app.search.words_ready and app.search.hits is not None,
                         what="the analysis")
        found = [app.document.paragraphs[s.paragraph][s.start:s.end]
                 for s in app.search.hits.spans()]
        assert "أرباح" in found and not app.searching.analysing


@pytest.mark.parametrize(("text", "language"), [
    ("این کتاب را برای خواندن یک داستان کوتاه نوشتم و ما آن را دوست داریم.\n", "Persian"),
    ("זה ספר שכתבתי כדי לקרוא סיפור קצר ואנחנו אוהבים אותו.\n", "Hebrew"),
])
async def test_persian_and_hebrew_keep_fold_and_exact_and_say_why(
        tmp_path: Path, text: str, language: str) -> None:
    path = tmp_path / "text.txt"
    path.write_text(text * 3, encoding="utf-8")
    app = _app(tmp_path, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, text.split()[1])
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.search.mode == "exact"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.search.mode == "fold" and app.search.total == 3
        count = _bar_text(app, "count")
        assert "for Arabic text" in count and language in count
        await pilot.press("escape", "l")
        await pilot.pause()
        assert not _popup_open(app)
        status = app.query_one("#status", BidiText).paragraphs[0][0]
        assert "for Arabic text" in status


async def test_without_the_lexicon_the_bar_says_how_to_get_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(morphology, "_ANALYSER", None)
    monkeypatch.setattr(morphology, "_LEXICON", None)
    monkeypatch.setattr(morphology, "data_directory", lambda: None)
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "نشر")
        await pilot.press("ctrl+t", "ctrl+t")
        await pilot.pause()
        assert app.search.mode == "fold" and app.search.total > 0
        count = _bar_text(app, "count")
        assert "pip install 'reader[arabic]'" in count and "\n" not in count
        await _type(pilot, "ه")  # the query edited: the count again
        assert "pip install" not in _bar_text(app, "count")
        await pilot.press("escape", "l")
        await pilot.pause()
        assert not _popup_open(app)
        assert "pip install 'reader[arabic]'" in \
            app.query_one("#status", BidiText).paragraphs[0][0]


def _popup_open(app: ReaderApp) -> bool:
    return app.query_one(LookUpPopup).is_open


async def _open_look_up(pilot, app: ReaderApp) -> LookUpPopup:
    await pilot.press("l")
    await wait_until(pilot, lambda: _popup_open(app), what="the popup")
    await pilot.pause()
    return app.query_one(LookUpPopup)


async def test_the_popup_at_the_search_hit_and_its_jumps(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "نشرها")
        await pilot.press("enter")
        await pilot.pause()
        hit = app.search.current.span
        popup = await _open_look_up(pilot, app)
        look = popup.look
        assert look.word == "نشرها"
        first = look.readings[0]
        assert first.segments == ("نشر", "ها") and morphology.fold_root(first.root) == "نشر"
        shown = " ".join(text for text, _style in
                         popup.query_one("#look-up-readings", BidiText).paragraphs)
        assert "publish" in shown and "lemma" in shown and " + " in shown
        others = dict(look.others)
        assert {"نشر", "لنشره", "ونشرت"} <= set(others) and "نشرها" not in others
        assert app.looking.cursor == hit
        # Enter on the highlighted word goes there; Backspace comes back
        entries = popup.query_one(EntryList)
        word, place = look.others[entries.highlighted]
        depth = app.navigation.history.depth
        await pilot.press("enter")
        await wait_until(pilot, lambda: not _popup_open(app),
                         what="the jump")
        assert app.navigation.history.depth == depth + 1
        assert app.article.flash == place and app.looking.cursor == place
        text = app.document.paragraphs[place.paragraph][place.start:place.end]
        assert text == word
        await pilot.press("backspace")
        await pilot.pause()
        assert app.navigation.history.depth == depth


async def test_the_word_cursor_moves_in_reading_order_and_esc_closes_the_popup(
        tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        first = app.looking.cursor
        await pilot.press("w")
        second = app.looking.cursor
        assert (first.paragraph, first.start) < (second.paragraph, second.start)
        text = app.document.paragraphs[second.paragraph]
        between = text[first.end:second.start] if first.paragraph == second.paragraph else ""
        assert not any(ch.isalpha() for ch in between)  # no word skipped
        await pilot.press("B")
        assert app.looking.cursor == first and app.article.flash == first
        popup = await _open_look_up(pilot, app)
        assert popup.look.word == app.document.paragraphs[first.paragraph][
            first.start:first.end]
        await pilot.press("escape")
        await pilot.pause()
        assert not _popup_open(app)


async def test_a_double_clicked_word_is_looked_up_and_y_there_copies_it(
        tmp_path: Path) -> None:
    from tests.test_app_copy import _cell

    path = tmp_path / "cars.txt"
    path.write_text("وبالسيارات جاء الناس إلى المدينة\n", encoding="utf-8")
    app = _app(tmp_path, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from reader.ui.widgets.article_view import ArticleView

        await pilot.click(ArticleView, offset=_cell(app, 0, 3), times=2)
        # no key: the popup opens once the double-click is no triple-click's beginning
        await wait_until(pilot, lambda: _popup_open(app), what="popup")
        await pilot.pause()
        popup = app.query_one(LookUpPopup)
        assert popup.look.word == "وبالسيارات"
        shown = popup.query_one("#look-up-readings", BidiText).paragraphs
        assert any("car" in text for text, _style in shown)
        assert popup.look.readings[0].segments[:3] == ("و", "ب", "ال")
        await pilot.press("y")
        await wait_until(pilot, lambda: not _popup_open(app), what="y")
        assert app.clipboard == "وبالسيارات"
        # a double-click then a key at once: the key's, no popup
        await pilot.click(ArticleView, offset=_cell(app, 0, 13), times=2)
        await pilot.press("y")
        assert app.clipboard == "جاء"
        await pilot.pause(app.CLICK_CHAIN_TIME_THRESHOLD + 0.1)
        assert not _popup_open(app)


async def test_the_popup_is_modal_and_shown_again_over_the_text(tmp_path: Path) -> None:
    """The popup is a box over the text (not a screen): while it has the focus the app's keys
    do nothing and the key bar shows its own; Esc gives the focus back to the text; the
    same box shows the next word; a click on the text closes it."""
    from reader.ui.widgets.key_bar import KeyBar

    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article
        await pilot.press("w")
        popup = await _open_look_up(pilot, app)
        first = popup.look.word
        assert app.screen is app.screen_stack[0] and app.focused is popup.query_one(EntryList)
        region = popup.region
        assert app.screen.region.contains_region(region) and region.width > 20
        assert [item.key for item in app.query_one(KeyBar).items] == ["escape", "y"]
        cursor, top = app.looking.cursor, article.scroll_y
        await pilot.press("w", "slash", "j", "space", "l")  # the app's keys: not reached
        await pilot.pause()
        assert _popup_open(app) and popup.look.word == first
        assert app.looking.cursor == cursor and article.scroll_y == top
        assert not app.query_one(SearchBar).display
        await pilot.press("escape")
        await pilot.pause()
        assert not _popup_open(app) and app.focused is article
        await pilot.press("w")
        again = await _open_look_up(pilot, app)
        assert again is popup and popup.look.word != first
        shown = popup.query_one("#look-up-readings", BidiText).paragraphs
        assert shown == tuple(reading_lines(popup.look, app.looking.direction,
                                            app.chrome_style))
        await pilot.click(ArticleView, offset=(5, 2))
        await wait_until(pilot, lambda: not _popup_open(app), what="closed by the click")
        assert app.focused is article


async def test_the_popup_reads_in_logical_order_for_a_screen_reader(tmp_path: Path) -> None:
    """--screen-reader: the popup's lines are the text as written (logical order, one
    column, no presentation forms), and the terminal's cursor is on its highlighted word."""
    import unicodedata

    from reader.terminal.plan import LOGICAL

    app = create_app(None, bidi_mode=LOGICAL, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "نشرها")
        await pilot.press("enter")
        # (the analysis done first: while the lexicon is read, a notice says so, and a
        # notice takes the cursor in this mode until the next key; the other forms
        # listed are the word index's)
        await wait_until(pilot, lambda: app.search.words_ready, what="the analysis")
        popup = await _open_look_up(pilot, app)
        readings = popup.query_one("#look-up-readings", BidiText)
        rows = [readings.render_line(y).text for y in range(readings.size.height)]
        assert any("نشرها" in row for row in rows)  # as written, not reversed
        assert not any("FORM" in unicodedata.name(ch, "") for row in rows for ch in row)
        entries = popup.query_one(EntryList)
        word = popup.look.others[0][0]
        at = app.cursor_position - entries.region.offset
        row = entries.render_line(at.y).text[at.x:]
        assert row.lstrip("\u2066\u2067\u2068").startswith(word)  # (isolated)


async def test_the_popup_is_whole_in_its_first_frame(tmp_path: Path) -> None:
    """The list of the root's other words has its height in the first frame the popup is
    drawn in, not the last word's list's height until a second layout."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the whole text analysed first: the root's other words are all known (a look-up
        # never waits for the analysis, which gives way to keys)
        app.searching.start_analysis()
        await wait_until(pilot, lambda: app.search.words_ready, what="the analysis")
        popup = app.query_one(LookUpPopup)
        entries = popup.query_one(EntryList)
        first_frame: list[int] = []
        show = popup.show

        def shown(*args) -> None:
            show(*args)
            popup.call_after_refresh(lambda: first_frame.append(entries.size.height))

        popup.show = shown
        heights = []
        for word in ("قد", "نشرها"):  # no other word of its root; three
            paragraph = next(i for i, text in enumerate(app.document.paragraphs)
                             if f" {word} " in text)
            start = app.document.paragraphs[paragraph].index(f" {word} ") + 1
            app.looking.look_up(Span(paragraph, start, start + len(word)))
            await wait_until(pilot, lambda: _popup_open(app), what="the popup")
            await wait_until(pilot, lambda: first_frame, what="the first frame")
            heights.append(first_frame.pop())
            assert heights[-1] == len(entries._rows) == 2 * len(popup.look.others)
            await pilot.press("escape")
            await pilot.pause()
        assert heights[0] == 0 and heights[1] > 0


async def test_no_popup_under_the_argument_map(tmp_path: Path) -> None:
    """The map is a full screen whose keys reach the app's: l there does not open the
    popup on the reading screen below it, where it could not be seen."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.searching.start_analysis()  # the lexicon read: l answers at once
        await wait_until(pilot, lambda: app.search.look_up_ready, what="the lexicon")
        await pilot.press("M")
        await wait_until(pilot, lambda: app.screen is not app.screen_stack[0], what="the map")
        await pilot.press("l")
        await pilot.pause()
        assert not _popup_open(app)


def test_the_word_cursor_steps_over_words_in_logical_order() -> None:
    from reader.text.span import Span
    from reader.ui.decisions.look_up import next_word, word_in

    paragraphs = ["قالَ «ماسك»: 42 كلمة", "", "Tesla و X."]
    place = (0, -1)
    found = []
    while (span := next_word(paragraphs, place, 1)) is not None:
        found.append(paragraphs[span.paragraph][span.start:span.end])
        place = (span.paragraph, span.start)
    assert found == ["قالَ", "ماسك", "كلمة", "Tesla", "و", "X"]  # harakat kept, 42 no word
    back = []
    place = (2, len(paragraphs[2]))
    while (span := next_word(paragraphs, place, -1)) is not None:
        back.append(paragraphs[span.paragraph][span.start:span.end])
        place = (span.paragraph, span.start)
    assert back == found[::-1]
    assert word_in(paragraphs, Span(0, 5, 12)) == Span(0, 6, 10)  # «ماسك»: from the «
    assert word_in(paragraphs, Span(0, 13, 15)) is None  # digits only


async def test_the_collectors_full_passes_wait_for_the_analysis_and_come_back(
        tmp_path: Path) -> None:
    """While the word index is built, no full collection (each one would walk the growing
    index between slices, inside a key); after it, the thresholds are as they were."""
    import gc

    before = gc.get_threshold()
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.search._words = None  # a fresh index for this session
        app.searching.start_analysis()
        assert app.searching.analysing
        held = gc.get_threshold()
        assert held[:2] == before[:2] and held[2] > before[2] * 1000
        await wait_until(pilot, lambda: app.search.words_ready, what="the analysis")
        assert gc.get_threshold() == before


async def test_the_collectors_thresholds_come_back_when_the_app_closes_first(
        tmp_path: Path) -> None:
    import gc

    before = gc.get_threshold()
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.search._words = None
        app.searching.start_analysis()
        assert gc.get_threshold() != before
    assert gc.get_threshold() == before
