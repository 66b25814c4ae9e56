"""Search in the app, driven by keys: `/`, typing, Enter, n, N, Esc, history, modes."""

from __future__ import annotations

from pathlib import Path

from textual.keys import _character_to_key

from reader.content.annotations.model import Span
from reader.state.positions import PositionStore
from reader.text import layout_paragraph
from reader.text.search import SearchIndex
from reader.ui.app import ReaderApp, create_app
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.search_bar import QueryField, SearchBar

SIZE = (100, 30)


def _app(tmp_path: Path, document: Path | None = None) -> ReaderApp:
    return create_app(document, positions=PositionStore(tmp_path / "state"))


def _status(app: ReaderApp) -> str:
    return app.query_one("#status", BidiText).paragraphs[0][0]


def _spans(app: ReaderApp, query: str, **kwargs) -> list[Span]:
    aliases = app.annotations.alias_lists() if app.annotations else None
    return SearchIndex(app.document.paragraphs).find(query, aliases=aliases, **kwargs)


def _visible(app: ReaderApp, span: Span) -> bool:
    article = app.article
    y = article.flow.locate(span.paragraph, span.start)
    return article.top <= y < article.top + article.scrollable_content_region.height


def _drawn_hits(app: ReaderApp) -> list[Span]:
    return [Span(p, s, e) for p, ranges in sorted(app.article.hits.items()) for s, e in ranges]


async def _type(pilot, text: str) -> None:
    """Type ``text`` key by key (key names as the terminal driver makes them)."""
    await pilot.press(*[_character_to_key(ch) for ch in text])
    await pilot.pause()


async def test_slash_type_enter_n_N_esc(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.query_one(SearchBar)
        assert not bar.display
        await pilot.press("slash")
        assert bar.display and isinstance(app.focused, QueryField)
        expected = _spans(app, "Musk")
        total = len(expected)
        assert total >= 10
        await _type(pilot, "Musk")
        # every hit is found, the first is current and on screen, the count is shown
        assert app.search.total == total
        assert app.article.current_hit == expected[0]
        assert _visible(app, expected[0])
        assert f"1/{total}" in _status(app)
        assert set(_drawn_hits(app)) <= set(expected) and _drawn_hits(app)
        assert "إيلون ماسك" in {s.text(app.document.paragraphs) for s in _drawn_hits(app)}
        await pilot.press("enter")
        await pilot.pause()
        assert not bar.display and app.focused is app.article
        assert app.article.current_hit == expected[0]  # Enter keeps the hits
        assert f"1/{total}" in _status(app)
        await pilot.press("n")
        assert app.article.current_hit == expected[1] and f"2/{total}" in _status(app)
        await pilot.press("n")
        assert app.article.current_hit == expected[2] and f"3/{total}" in _status(app)
        assert _visible(app, expected[2])
        await pilot.press("N", "N")
        assert app.article.current_hit == expected[0] and f"1/{total}" in _status(app)
        assert "search wrapped" not in _status(app)
        await pilot.press("N")  # wraps to the last hit
        await pilot.pause()
        assert app.article.current_hit == expected[-1]
        assert f"{total}/{total}" in _status(app) and "search wrapped" in _status(app)
        assert _visible(app, expected[-1])
        await pilot.press("n")  # and forward again to the first
        assert app.article.current_hit == expected[0] and "search wrapped" in _status(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.article.hits == {} and app.article.current_hit is None
        assert f"/{total}" not in _status(app)


async def test_an_arabic_name_finds_the_latin_spelling_too(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "تسلا")
        found = {s.text(app.document.paragraphs) for s in _spans(app, "تسلا")}
        assert {"تسلا", "تيسلا", "Tesla"} <= found
        assert f"1/{len(_spans(app, 'تسلا'))}" in _status(app)
        assert "names" in str(app.query_one("#search-mode").render())


async def test_typing_searches_incrementally(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        counts = []
        for letter in "ألتمان":
            await pilot.press(letter)
            await pilot.pause()
            counts.append(app.search.total)
        assert counts[0] > counts[-1] > 0
        assert counts == [len(_spans(app, "ألتمان"[: i + 1])) for i in range(6)]
        # the bar's count says the same as the status line
        count = str(app.query_one("#search-count").render())
        assert count == f"1/{counts[-1]}" and count in _status(app)


async def test_no_hit_says_so_and_the_view_stays(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j")
        top = app.article.top
        await pilot.press("slash")
        await _type(pilot, "zqzq")
        assert "no match" in _status(app)
        assert str(app.query_one("#search-count").render()) == "no match"
        assert app.article.top == top and app.article.hits == {}
        await pilot.press("enter", "n")
        await pilot.pause()
        assert app.article.top == top and "no match" in _status(app)


async def test_keys_typed_in_the_bar_are_text(tmp_path: Path) -> None:
    """q, j, digits, ?, n and space go into the query, not to the app's bindings."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "qj2? nN")
        assert app.query_one(QueryField).value == "qj2? nN"
        assert app.is_running and app.article.top == 0 and app.screen is app.screen_stack[0]
        await pilot.press("backspace", "backspace", "left", "delete")
        assert app.query_one(QueryField).value == "qj2?"


async def test_the_query_is_shown_in_visual_order(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "سام ألتمان")
        field = app.query_one(QueryField)
        drawn = "".join(segment.text for segment in field.render_line(0))
        visual = layout_paragraph("سام ألتمان", 100).lines[0].text
        assert visual in drawn  # shaped and reordered by the core, not logical order
        assert "سام ألتمان" not in drawn
        assert drawn.rstrip() == drawn  # right-to-left: aligned to the right


async def test_history_up_and_down(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for query in ("Musk", "تسلا", "Musk"):
            await pilot.press("slash")
            await _type(pilot, query)
            await pilot.press("enter")
        bar = app.query_one(SearchBar)
        assert bar.history == ["تسلا", "Musk"]  # no duplicates, most recent last
        await pilot.press("slash")
        await _type(pilot, "dr")
        field = app.query_one(QueryField)
        await pilot.press("up")
        assert field.value == "Musk"
        await pilot.press("up")
        assert field.value == "تسلا"
        await pilot.press("up")
        assert field.value == "تسلا"
        await pilot.pause()
        assert app.search.query == "تسلا"  # recalling searches at once
        await pilot.press("down")
        assert field.value == "Musk"
        await pilot.press("down")
        assert field.value == "dr"  # back to what was being typed


async def test_exact_and_regex_toggles(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        mode = app.query_one("#search-mode")
        assert str(mode.render()) == "[fold]"
        await _type(pilot, "musk")
        assert app.search.total == len(_spans(app, "musk"))
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert str(mode.render()) == "[exact]"
        assert "no match" in _status(app)
        await pilot.press("ctrl+e", "ctrl+r")
        await pilot.pause()
        assert str(mode.render()) == "[fold regex]"
        await pilot.press("ctrl+u")
        await _type(pilot, "(ماسك")
        count = app.query_one("#search-count")
        assert str(count.render()).startswith("invalid regular expression")
        assert count.has_class("-error") and "invalid pattern" in _status(app)
        await pilot.press("home", "delete")
        await pilot.pause()
        assert app.search.error is None
        assert app.search.total == len(_spans(app, "ماسك", regex=True)) > 0
        await pilot.press("end", "ctrl+u")
        await _type(pilot, r"\d{4}")
        assert app.search.total == len(_spans(app, r"\d{4}", regex=True)) > 0


async def test_escape_in_the_bar_goes_back(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.article.place()
        await pilot.press("slash")
        await _type(pilot, "OpenAI Group")  # far down the article
        assert app.article.place() != before
        await pilot.press("escape")
        await pilot.pause()
        assert app.article.place() == before
        assert not app.query_one(SearchBar).display and app.article.hits == {}


async def test_enter_remembers_where_the_search_began(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.article.place()
        await pilot.press("slash")
        await _type(pilot, "OpenAI Group")
        await pilot.press("enter")
        await pilot.pause()
        assert app.article.place() != before
        await pilot.press("backspace")
        await pilot.pause()
        assert app.article.place() == before


async def test_n_without_a_search(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "press /" in _status(app) and app.article.top == 0
        # after Esc, n searches for the last query again
        await pilot.press("slash")
        await _type(pilot, "Altman")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.article.current_hit is None
        await pilot.press("n")
        await pilot.pause()
        assert app.article.current_hit in _spans(app, "Altman")


async def test_a_document_without_annotations(tmp_path: Path) -> None:
    document = tmp_path / "plain.txt"
    document.write_text("سطر أول\n\nفي يوليو ٢٠١٨ قال مُدَرِّسٌ\n" * 40, encoding="utf-8")
    app = _app(tmp_path, document)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "2018")
        assert "1/40" in _status(app)
        await pilot.press("enter", "n")
        assert "2/40" in _status(app)
        # scrolled away from the current hit, n goes on from the top of the view
        await pilot.press("G")
        await pilot.pause()
        hits = _spans(app, "2018")
        top = app.article.place()
        expected = next(s for s in hits if (s.paragraph, s.start) >= top)
        await pilot.press("n")
        assert app.article.current_hit == expected
        assert f"{hits.index(expected) + 1}/40" in _status(app)
        await pilot.press(*["n"] * (len(hits) - hits.index(expected)))
        assert app.article.current_hit == hits[0] and "search wrapped" in _status(app)
        await pilot.press("g", "N")  # and N from the top: the last hit, wrapping
        assert app.article.current_hit == hits[-1] and "40/40" in _status(app)
        await pilot.press("slash", "ctrl+u")
        await _type(pilot, "مدرس")
        current = app.article.current_hit
        assert current is not None
        assert current.text(app.document.paragraphs) == "مُدَرِّسٌ"


def test_snapshot_of_an_arabic_search(snap_compare, tmp_path: Path) -> None:
    """The bar with an Arabic query (right to left, shaped), its mode and count; every hit
    highlighted and the current one standing out. Looked at as PNG before accepting."""
    app = _app(tmp_path)
    keys = ["slash", *(_character_to_key(ch) for ch in "ماسك")]
    assert snap_compare(app, terminal_size=(100, 30), press=keys)


async def test_enter_on_an_empty_bar_keeps_the_last_hits(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "Altman")
        await pilot.press("enter", "n")
        current = app.article.current_hit
        assert current is not None
        await pilot.press("slash", "enter")
        await pilot.pause()
        assert app.article.current_hit == current and "/Altman" in _status(app).replace(
            "\u2068", "")


async def test_escape_on_the_text_closes_an_open_bar(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "Tesla")
        app.article.focus()  # as a click on the text does
        await pilot.pause()
        await pilot.press("n")  # n works on the text while the bar is open
        assert app.search.number() == 2
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query_one(SearchBar).display and app.article.hits == {}


async def test_an_empty_document(tmp_path: Path) -> None:
    document = tmp_path / "empty.txt"
    document.write_text("", encoding="utf-8")
    app = _app(tmp_path, document)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "x")
        assert "no match" in _status(app)
        await pilot.press("enter", "n", "N", "escape")
        await pilot.pause()
        assert app.is_running


async def test_a_catastrophic_regex_shows_a_message_instead_of_freezing(
    tmp_path: Path, monkeypatch
) -> None:
    from reader.text import search

    monkeypatch.setattr(search, "REGEX_TIMEOUT", 0.2)
    document = tmp_path / "aaa.txt"
    document.write_text("a" * 5000 + "!\n", encoding="utf-8")
    app = _app(tmp_path, document)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "ctrl+r")
        await _type(pilot, "(a+)+$")
        count = app.query_one("#search-count")
        assert str(count.render()).startswith("regular expression stopped after 0.2 s")
        assert count.has_class("-error") and app.search.total == 0
        assert "pattern too slow" in _status(app)
        await pilot.press("backspace")  # (a+)+ is quick again: the run of a is one hit
        await pilot.pause()
        assert app.search.error is None and app.search.total == 1
