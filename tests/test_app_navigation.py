"""Jumps in the app: chapters, claim ↔ rebuttal links, the chooser, history, the panel."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList

from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.decisions import status_line
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.tab_bar import TabBar
from tests.waiting import panel_built, wait_until

SIZE = (100, 30)


def _app(tmp_path: Path) -> ReaderApp:
    app = create_app(positions=PositionStore(tmp_path / "state"))
    assert app.annotations is not None and not app.found.problems
    return app


def _visible(app: ReaderApp, paragraph: int, offset: int) -> bool:
    article = app.article
    y = article.flow.locate(paragraph, offset)
    return article.top <= y < article.top + article.scrollable_content_region.height


async def test_brackets_step_through_claims_and_rebuttals_in_reading_order(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = [entry_id for _span, entry_id in app.article.linked_entries()]
        assert len(order) >= 8
        for expected in order[:4]:
            await pilot.press("right_square_bracket")
            assert app.navigation.focused_entry == expected
            span = app.annotations.entry(expected).span
            assert _visible(app, span.paragraph, span.start)
        await pilot.press("left_square_bracket")
        assert app.navigation.focused_entry == order[2]
        # wrapping around backwards from the first
        for _ in range(3):
            await pilot.press("left_square_bracket")
        assert app.navigation.focused_entry == order[-1]


async def test_enter_follows_a_claim_to_its_rebuttal_and_backspace_returns(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # a claim far down the text, with a single rebuttal
        claims = [c for c in app.annotations.claims.values()
                  if len(app.annotations.rebuttals_of(c.id)) == 1]
        claim = max(claims, key=lambda c: c.span)
        target = app.annotations.rebuttals_of(claim.id)[0]
        app.go_to_entry(claim.id)
        await pilot.pause()
        before = app.article.place()
        depth = app.navigation.history.depth
        await pilot.press("enter")
        await pilot.pause()
        assert app.navigation.focused_entry == target.id
        assert _visible(app, target.span.paragraph, target.span.start)
        assert app.navigation.history.depth == depth + 1
        at_rebuttal = app.article.place()
        await pilot.press("backspace")
        await pilot.pause()
        assert app.article.place() == before
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.article.place() == at_rebuttal
        # and back the other way: the rebuttal leads to the claim (via the chooser when it
        # answers several)
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, ChooseTarget):
            choices = app.screen.entry_ids
            await pilot.press(*["down"] * choices.index(claim.id), "enter")
            await pilot.pause()
        assert app.navigation.focused_entry == claim.id
        assert _visible(app, claim.span.paragraph, claim.span.start)


async def test_several_counterparts_open_a_chooser(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        claim = next(c for c in app.annotations.claims.values()
                     if len(app.annotations.rebuttals_of(c.id)) > 1)
        app.go_to_entry(claim.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChooseTarget)
        choices = app.screen.entry_ids
        assert choices == [r.id for r in app.annotations.rebuttals_of(claim.id)]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChooseTarget)
        assert app.navigation.focused_entry == choices[1]
        # Esc cancels without moving
        app.go_to_entry(claim.id)
        await pilot.press("enter")
        await pilot.pause()
        place = app.article.place()
        await pilot.press("escape")
        assert app.navigation.focused_entry == claim.id and app.article.place() == place


async def test_number_keys_jump_to_chapters(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        chapters = app.annotations.chapters
        assert [c.number for c in chapters] == [1, 2, 3, 4]
        for chapter in reversed(chapters):
            await pilot.press(str(chapter.number))
            await pilot.pause()
            assert _visible(app, chapter.span.paragraph, chapter.span.start)
            assert app.article.flash == chapter.span
        assert app.navigation.history.depth >= 1
        await pilot.press("9")  # no such chapter: nothing moves
        assert app.article.flash == chapters[0].span


async def test_clicking_a_marked_span_follows_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article
        claim = next(c for c in app.annotations.claims.values()
                     if len(app.annotations.rebuttals_of(c.id)) == 1)
        app.go_to_entry(claim.id)
        await pilot.pause()
        # find a cell of the claim on screen
        for y in range(article.scrollable_content_region.height):
            for x in range(article.text_width):
                found = article.source_at(x, y)
                if found and claim.span.contains(*found):
                    break
            else:
                continue
            break
        else:
            raise AssertionError("claim not on screen")
        await pilot.click(article, offset=(x + 1, y))  # +1: the view's left padding
        # A click acts once it cannot be the first of a double click any more.
        target = app.annotations.rebuttals_of(claim.id)[0].id
        await wait_until(pilot, lambda: app.navigation.focused_entry == target,
                         what="the rebuttal focused")


async def test_panel_lists_chapters_and_selecting_one_jumps(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        chapters = app.query_one("#chapter-list", EntryList)
        assert chapters.entry_ids == [c.id for c in app.annotations.chapters]
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not app.article
        chapters.focus()
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        chapter = app.annotations.chapters[3]
        assert app.article.flash == chapter.span
        assert _visible(app, chapter.span.paragraph, chapter.span.start)


async def test_claims_tab_lists_every_pair(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        ids = app.query_one("#claim-list", EntryList).entry_ids
        claims = app.annotations.claims
        assert [i for i in ids if i in claims] == list(claims)
        # each claim is followed by exactly its rebuttals
        for index, entry_id in enumerate(ids):
            if entry_id in claims:
                following = []
                for other in ids[index + 1:]:
                    if other in claims:
                        break
                    following.append(other)
                assert following == [r.id for r in app.annotations.rebuttals_of(entry_id)]


async def test_palette_goes_to_a_chapter(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to chapter 3")

        def chapter_3_is_highlighted() -> bool:
            commands = app.screen.query_one(CommandList)
            index = commands.highlighted
            return index is not None and str(
                commands.get_option_at_index(index).prompt).startswith("go to chapter 3:")

        await wait_until(pilot, chapter_3_is_highlighted, what="chapter 3 in the palette")
        await pilot.press("enter")
        await pilot.pause()
        chapter = app.annotations.chapters[2]
        assert app.article.flash == chapter.span


async def test_status_line_names_the_chapter_in_view(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        inputs = app.status.inputs()
        assert inputs.chapter is None  # the introduction: no chapter has begun
        assert status_line.position(inputs.view) == "Top"
        await pilot.press("4")
        await pilot.pause()
        assert app.status.inputs().chapter.number == 4
        await pilot.press("G")
        await pilot.pause()
        inputs = app.status.inputs()
        assert inputs.chapter.number == 4  # the last one begun above the top
        assert status_line.position(inputs.view) == "100%"
        await pilot.press("g")
        await pilot.pause()
        assert app.status.inputs().chapter is None  # not chapter 4 over the introduction
        await pilot.press("3")
        await pilot.pause()
        assert app.status.inputs().chapter.number == 3
        await pilot.press("j")
        await pilot.pause()
        position = status_line.position(app.status.inputs().view)
        assert position.endswith("%") and position != "100%"


async def test_panel_tabs_switch_by_click_and_arrows(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        tabs = app.query_one("#panel-tabs", TabBar)
        chapters = app.query_one("#chapter-list", EntryList)
        claims = app.query_one("#claim-list", EntryList)
        assert chapters.display and not claims.display
        # The second tab is drawn to the left of the first (right to left): click it.
        x, cells = tabs._spans(tabs.content_size.width)[1]
        await pilot.click(tabs, offset=(x + 1 + cells // 2, 0))  # +1: the bar's padding
        await pilot.pause()
        assert claims.display and not chapters.display
        assert tabs.active == 1
        tabs.focus()
        await pilot.press("right")  # back towards the first tab, at the right
        await pilot.pause()
        assert chapters.display and not claims.display
        await pilot.press("left")
        await pilot.pause()
        assert claims.display


async def test_left_to_right_tabs_follow_the_arrows_as_drawn() -> None:
    """An English document's panel: the first tab at the left, Right goes to the second."""
    from textual.app import App, ComposeResult

    class Tabs(App[None]):
        def compose(self) -> ComposeResult:
            yield TabBar(["Chapters", "Claims"], rtl=False)

    app = Tabs()
    async with app.run_test(size=(40, 3)) as pilot:
        tabs = app.query_one(TabBar)
        tabs.focus()
        first, second = tabs._spans(tabs.content_size.width)
        assert first[0] < second[0]  # drawn left to right
        await pilot.press("right")
        assert tabs.active == 1
        await pilot.press("left")
        assert tabs.active == 0


async def test_clicking_a_claim_in_the_panel_jumps_to_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        tabs = app.query_one("#panel-tabs", TabBar)
        tabs.activate(1)
        await pilot.pause()
        claims = app.query_one("#claim-list", EntryList)
        # The second entry's first row: after the first entry's rows and its blank line.
        claims._ensure_rows()
        second = claims._first_rows[1]
        await pilot.click(claims, offset=(5, second))
        await pilot.pause()
        entry_id = claims.entry_ids[1]
        assert claims.highlighted == 1
        span = app.annotations.entry(entry_id).span
        assert app.article.flash == span
        assert _visible(app, span.paragraph, span.start)
        # End and Enter from the keyboard: the last entry.
        claims.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        last = app.annotations.entry(claims.entry_ids[-1]).span
        assert app.article.flash == last


async def test_contents_of_a_markdown_document_jump_to_its_headings(tmp_path: Path) -> None:
    sample = Path(__file__).parent / "data" / "samples" / "structure.md"
    app = create_app(sample, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        assert app.panel.display
        contents = app.query_one("#contents-list", EntryList)
        headings = app.document.headings()
        assert [h.text for h in headings[:3]] == ["The Reader Manual", "Lists", "Quotes"]
        assert contents.entry_ids == [f"heading:{h.index}" for h in headings]
        contents.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        last = headings[-1]
        assert _visible(app, last.index, 0)
        assert app.article.place()[0] <= last.index


async def test_a_plain_text_without_headings_opens_without_the_empty_panel(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("سطر أول\nسطر ثان\n", encoding="utf-8")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.panel.display
        assert app.article.column.width > SIZE[0] - 10  # the view has the whole width
        await pilot.press("p")
        await pilot.pause()
        assert app.panel.display
        contents = app.query_one("#contents-list", EntryList)
        shown = "".join(contents.render_line(y).text for y in range(3))
        assert "no headings" in shown
        await pilot.press("p")
        await pilot.pause()
        assert not app.panel.display


async def test_the_footer_offers_claim_keys_only_when_there_are_claims(tmp_path: Path) -> None:
    from reader.ui.widgets.key_bar import KeyBar

    def offered(app: ReaderApp) -> set[str]:
        return {item.description for item in app.query_one(KeyBar).items}

    async with _app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Next claim" in offered(pilot.app)
    path = tmp_path / "notes.txt"
    path.write_text("سطر أول\nسطر ثان\n", encoding="utf-8")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Next claim" not in offered(app) and "Search" in offered(app)
        await pilot.press("right_square_bracket")  # inert, no error
        await pilot.pause()
