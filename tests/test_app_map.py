"""The argument map in the app (the panel's Map tab and ``M``'s full screen) and debates
across documents: its lines, walking it, Enter and Backspace, another document opened."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.content.annotations.argument_map import MapRow
from reader.content.annotations.file import load_annotations
from reader.content.formats import load_document
from reader.resources import content_dir
from reader.state.positions import PositionStore
from reader.state.trail import Trail
from reader.text.chrome import ChromeStyle
from reader.ui.app import ReaderApp, create_app
from reader.ui.decisions.map_layout import MapNode, lay_out_map, map_nodes
from reader.ui.screens.map_screen import MapScreen
from reader.ui.widgets.argument_map import MapTree
from reader.ui.widgets.tab_bar import TabBar
from tests.waiting import panel_built, wait_until

VISUAL = ChromeStyle.VISUAL

SIZE = (110, 32)
DEBATE = Path(__file__).parent / "data" / "debate"


def _article_nodes() -> list[MapNode]:
    document = load_document(content_dir() / "article.ar.txt")
    annotations = load_annotations(content_dir() / "article.ar.toml", document)
    return map_nodes(annotations, {})


# -- the lines (no app) ---------------------------------------------------------------


def _node(depth: int, kind: str, label: str, repeated: bool = False) -> MapNode:
    return MapNode(MapRow(depth, kind, "s", label, label, repeated=repeated), "Sp", 0)


TREE = [_node(0, "chapter", "One"), _node(1, "claim", "c1"), _node(2, "rebuttal", "r1"),
        _node(2, "rebuttal", "r2"), _node(1, "claim", "c2"),
        _node(2, "rebuttal", "r1", repeated=True), _node(0, "chapter", "Two")]


async def _open_map(pilot, app: ReaderApp) -> MapTree:
    """``M``: the full-screen map, once it is shown."""
    await pilot.press("M")
    await wait_until(pilot, lambda: isinstance(app.screen, MapScreen), what="the map")
    return app.screen.query_one(MapTree)


def test_left_to_right_tree_lines() -> None:
    lines, firsts = lay_out_map(TREE, 60, "ltr", style=VISUAL)
    drawn = ["".join(text for text, _role in line.parts()) for line in lines]
    assert drawn == ["§ Sp: One", "├─ ◆ Sp: c1", "│  ├─ ↩ Sp: r1", "│  └─ ↩ Sp: r2",
                     "└─ ◆ Sp: c2", "   └─ ↻ Sp: r1", "§ Sp: Two"]
    assert firsts == list(range(7))


def test_right_to_left_tree_lines_are_mirrored() -> None:
    lines, _firsts = lay_out_map(TREE, 60, "rtl", style=VISUAL)
    drawn = ["".join(text for text, _role in line.parts()) for line in lines]
    # read from the right: the same tree, its lines on the right, the label leftmost
    assert drawn == ["One :Sp §", "c1 :Sp ◆ ─┤", "r1 :Sp ↩ ─┤  │", "r2 :Sp ↩ ─┘  │",
                     "c2 :Sp ◆ ─┘", "r1 :Sp ↻ ─┘   ", "Two :Sp §"]
    assert all(line.rtl for line in lines)


def test_long_labels_wrap_under_their_start_with_the_tree_carried_on() -> None:
    nodes = [_node(0, "chapter", "C"), _node(1, "claim", "word " * 12),
             _node(1, "claim", "end")]
    lines, firsts = lay_out_map(nodes, 24, "ltr", style=VISUAL)
    assert firsts == [0, 1, len(lines) - 1]
    continued = lines[2:firsts[2]]
    assert continued and all(line.tree == "│  " and line.node == 1 for line in continued)
    words = " ".join(line.label.strip() for line in lines[1:firsts[2]]).split()
    assert words == ["word"] * 12  # nothing lost
    assert all(line.cells <= 24 for line in lines)


def test_the_bundled_article_map_shows_every_claim_and_rebuttal_with_its_speaker() -> None:
    nodes = _article_nodes()
    lines, _firsts = lay_out_map(nodes, 80, "rtl", style=VISUAL)
    kinds = {node.row.kind for node in nodes}
    assert kinds == {"chapter", "claim", "rebuttal"}
    repeated = [node for node in nodes if node.row.repeated]
    assert repeated and all(lines[_firsts[nodes.index(n)]].mark == "↻" for n in repeated)
    musk = next(node for node in nodes if node.row.speaker == "musk")
    assert musk.name == "إيلون ماسك"


# -- the app --------------------------------------------------------------------------


def _app(tmp_path: Path, path: Path | None = None, **options: object) -> ReaderApp:
    return create_app(path, positions=PositionStore(tmp_path / "state"), **options)


def _text(tree: MapTree) -> list[str]:
    return [tree.render_line(y).text for y in range(tree.scrollable_content_region.height)]


async def test_m_shows_the_map_full_screen_right_to_left_and_enter_jumps_backspace_returns(
        tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        start = app.article.place()
        tree = await _open_map(pilot, app)
        await wait_until(pilot, lambda: tree.scrollable_content_region.height > 0)
        shown = _text(tree)
        # the tree's lines are on the right, the chapters' titles in it
        assert any(line.rstrip().endswith("─┤") or "─┤ " in line for line in shown)
        assert not any("├─" in line for line in shown)
        assert sum("§" in line for line in shown) == 4
        assert tree.highlighted_node is not None
        # the arrows walk it: Down to a claim's first rebuttal; Right (towards the root in
        # a right-to-left map) to its claim; Left back to the rebuttal
        claim = [i for i, n in enumerate(tree.nodes[:-2]) if n.row.kind == "claim"
                 and tree.nodes[i + 2].row.depth > n.row.depth][-1]  # far down the text
        tree.highlight(claim)
        await pilot.press("left")
        assert tree.highlighted == claim + 1
        assert tree.nodes[claim + 1].row.kind == "rebuttal"
        await pilot.press("right")
        assert tree.highlighted == claim
        await pilot.press("down", "down")
        target = tree.nodes[claim + 2]
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        assert app.navigation.focused_entry == target.row.entry_id
        assert app.article.place() != start
        await pilot.press("backspace")  # back to the map, where the jump was made
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen), what="the map")
        assert app.article.place() == start
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        assert app.article.place() == start


async def test_backspace_after_a_jump_from_the_map_returns_to_the_map_at_that_node(
        tmp_path: Path) -> None:
    """As a browser's Back returns to the page clicked on: the map again, on the very node
    (a repeated one too: a rebuttal shown under the second entry it answers), the text
    where it was underneath; Alt+→ makes the jump again."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await pilot.press("G")
        start = app.article.place()
        tree = await _open_map(pilot, app)
        repeated = next(i for i, n in enumerate(tree.nodes) if n.row.repeated)
        tree.highlight(repeated)
        entry = tree.nodes[repeated].row.entry_id
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        assert app.navigation.focused_entry == entry
        landed = app.article.place()
        assert landed != start
        await pilot.press("backspace")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen), what="the map")
        tree = app.screen.query_one(MapTree)
        await wait_until(pilot, lambda: tree.highlighted == repeated, what="the same node")
        assert app.article.place() == start
        await pilot.press("escape")  # the map closes on the text where it was
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        assert app.article.place() == start
        await pilot.press("alt+right")  # forward: the jump again, no map
        await wait_until(pilot, lambda: app.navigation.focused_entry == entry)
        assert app.article.place() == landed and not isinstance(app.screen, MapScreen)
        await pilot.press("backspace")  # and back to the map again
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen), what="the map")


async def test_the_panel_map_tab_follows_the_reading(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await pilot.press("G", "left_square_bracket")  # while the map's tab is not shown
        app.panel.query_one(TabBar).activate(2)
        await pilot.pause()
        tree = app.panel.query_one(MapTree)
        assert tree.display
        node = tree.highlighted_node
        assert node is not None and node.row.entry_id == app.navigation.focused_entry
        await wait_until(pilot, lambda: tree.scroll_offset.y > 0, what="the map scrolled")
        first = tree._firsts[tree.highlighted]  # its first line, in view once shown
        top = round(tree.scroll_offset.y)
        assert top <= first < top + tree.scrollable_content_region.height
        await pilot.press("g")
        assert [n.key for n in tree.nodes] == [n.key for n in _article_nodes()]
        for _ in range(3):
            await pilot.press("right_square_bracket")
            node = tree.highlighted_node
            assert node is not None and node.row.entry_id == app.navigation.focused_entry
            assert not node.row.repeated
        # Enter in the panel's map jumps to the highlighted node's entry
        tree.focus()
        await pilot.press("up")
        wanted = tree.highlighted_node
        assert wanted is not None
        await pilot.press("enter")
        await pilot.pause()
        if wanted.row.kind in ("claim", "rebuttal"):
            assert app.navigation.focused_entry == wanted.row.entry_id


async def test_a_left_to_right_document_draws_its_tree_on_the_left(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "post.txt").write_text("Altman says the car never came.\nMusk says he "
                                     "forgot a chapter.\n", encoding="utf-8")
    (folder / "post.toml").write_text(
        'document = "post.txt"\n[[entity]]\nid = "a"\nname = "Altman"\nkind = "person"\n'
        '[[entity]]\nid = "m"\nname = "Musk"\nkind = "person"\n'
        '[[claim]]\nid = "c"\nspeaker = "a"\nlabel = "never came"\nanchor = "never came"\n'
        '[[rebuttal]]\nid = "r"\nspeaker = "m"\nlabel = "forgot"\nanswers = ["c"]\n'
        'anchor = "forgot a chapter"\n', encoding="utf-8")
    app = _app(tmp_path, folder / "post.txt")
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        tree = await _open_map(pilot, app)
        await wait_until(pilot, lambda: tree.scrollable_content_region.height > 0)
        shown = [line.strip() for line in _text(tree) if line.strip()]
        assert shown == ["◆ Altman: never came", "└─ ↩ Musk: forgot"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))


# -- debates across documents ------------------------------------------------------------


def _debate(tmp_path: Path) -> Path:
    folder = tmp_path / "debate"
    shutil.copytree(DEBATE, folder)
    return folder


async def test_the_map_of_a_debate_document_shows_the_whole_debate(tmp_path: Path) -> None:
    folder = _debate(tmp_path)
    app = _app(tmp_path, folder / "musk-reply.txt")
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        tree = app.panel.query_one(MapTree)
        documents = [n.row.entry_id for n in tree.nodes if n.row.kind == "document"]
        assert documents == ["altman", "musk", "answer"]
        # Musk's rebuttal stands under Altman's claim, in the other document's part
        claim = next(i for i, n in enumerate(tree.nodes) if n.key == "altman#three-chapters")
        assert not tree.nodes[claim].here
        assert tree.nodes[claim + 1].key == "musk#fourth-chapter"
        assert tree.nodes[claim + 1].here


async def _run_until_crossing(app: ReaderApp, keys: list[str], ready=None) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        if ready is not None:
            await wait_until(pilot, lambda: ready(app), what="the landing")
        for key in keys:
            await pilot.press(key)
        await wait_until(pilot, lambda: not app.is_running or app._exit,
                         what="the app to end for the other document")


async def test_enter_on_a_cross_document_node_opens_the_other_document_and_backspace_returns(
        tmp_path: Path) -> None:
    folder = _debate(tmp_path)
    trail = Trail()
    app = _app(tmp_path, folder / "musk-reply.txt", trail=trail)
    left_at: list[tuple[int, int]] = []

    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await pilot.press("G")  # a place of its own, to come back to
        left_at.append(app.article.place())
        tree = await _open_map(pilot, app)
        tree.highlight(next(i for i, n in enumerate(tree.nodes)
                            if n.key == "altman#three-chapters"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.argument_map.crossing is not None and
                         (not app.is_running or app._exit), what="the crossing")
    crossing = app.argument_map.crossing
    assert crossing is not None and crossing.entry == "three-chapters"
    assert Path(crossing.source) == folder / "altman-post.txt"

    # the other document opens at the entry, its focus on it
    second = _app(tmp_path, Path(crossing.source), trail=trail, landing=crossing)
    async with second.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await wait_until(pilot, lambda: second.navigation.focused_entry == "three-chapters",
                         what="the landing on the entry")
        assert second.document.path == folder / "altman-post.txt"
        await pilot.press("backspace")  # nothing to go back to here: the document before
        await wait_until(pilot, lambda: second.argument_map.crossing is not None,
                         what="back across")
    back = second.argument_map.crossing
    assert back is not None and Path(back.source) == folder / "musk-reply.txt"
    assert trail.forward and not trail.back

    third = _app(tmp_path, Path(back.source), trail=trail, landing=back)
    async with third.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await wait_until(pilot, lambda: third.article.place() == left_at[0],
                         what="the place it was left at")
        # left from the map: back on the map, on the node the jump was made from
        await wait_until(pilot, lambda: isinstance(third.screen, MapScreen), what="the map")
        tree = third.screen.query_one(MapTree)
        await wait_until(pilot, lambda: tree.highlighted_node is not None
                         and tree.highlighted_node.key == "altman#three-chapters",
                         what="the node")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(third.screen, MapScreen))
        await pilot.press("alt+right")  # forward again, to Altman's post
        await wait_until(pilot, lambda: third.argument_map.crossing is not None,
                         what="forward across")
    forward = third.argument_map.crossing
    assert forward is not None and Path(forward.source) == folder / "altman-post.txt"
    assert forward.stop is not None and forward.stop.focus == "three-chapters"


async def test_enter_on_a_rebuttal_offers_its_answer_in_another_document(
        tmp_path: Path) -> None:
    folder = _debate(tmp_path)
    app = _app(tmp_path, folder / "musk-reply.txt")
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        app.navigation.set_focus("fourth-chapter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.is_modal, what="the chooser")
        choices = app.screen.entry_ids
        assert choices == ["part-of-story", "altman#three-chapters"]
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.argument_map.crossing is not None,
                         what="the crossing")
    assert app.argument_map.crossing.entry == "three-chapters"


async def test_the_claims_tab_lists_the_rebuttals_of_other_documents_and_opens_them(
        tmp_path: Path) -> None:
    from reader.ui.widgets.entry_list import EntryList

    folder = _debate(tmp_path)
    app = _app(tmp_path, folder / "altman-post.txt")
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        claims = app.panel.query_one("#claim-list", EntryList)
        ids = claims.entry_ids
        assert ids.index("musk#fourth-chapter") == ids.index("three-chapters") + 1
        app.panel.query_one(TabBar).activate(1)
        claims.focus()
        claims.highlight(ids.index("musk#fourth-chapter"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.argument_map.crossing is not None,
                         what="the crossing")
    crossing = app.argument_map.crossing
    assert Path(crossing.source) == folder / "musk-reply.txt"
    assert crossing.entry == "fourth-chapter"
    assert Path(crossing.annotations) == folder / "musk-reply.toml"


async def test_m_in_a_document_without_an_argument_says_so(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Nothing annotated here.\n", encoding="utf-8")
    app = _app(tmp_path, plain)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await wait_until(pilot, lambda: any("No argument to map" in n
                                            for n in app.notices.shown()), what="the notice")
        assert not isinstance(app.screen, MapScreen)


# -- rebuttals of rebuttals --------------------------------------------------------------

CHAIN_TEXT = "قال: الأول.\nرد: الثاني.\nرد على الرد: الثالث.\nرد على الاثنين: الرابع.\n"
CHAIN = (Path(__file__).parent / "data" / "samples" / "rebuttal-chain.toml").read_text(
    encoding="utf-8")


def _chain(tmp_path: Path) -> Path:
    (tmp_path / "chain.txt").write_text(CHAIN_TEXT, encoding="utf-8")
    (tmp_path / "chain.toml").write_text(CHAIN, encoding="utf-8")
    return tmp_path / "chain.txt"


def test_the_claims_tab_nests_rebuttals_of_rebuttals(tmp_path: Path) -> None:
    from reader.ui.widgets.side_panel import SidePanel

    path = _chain(tmp_path)
    document = load_document(path)
    annotations = load_annotations(tmp_path / "chain.toml", document)
    assert annotations.problems == []
    items = SidePanel(document, annotations)._claim_items()
    shown = [(entry_id, text[0][0].split(" ", 1)[0]) for entry_id, text in items]
    # r3 answers r2 and the claim: listed under each, its marker saying how deep it is;
    # the second time marked as repeated, as the map marks it
    assert shown == [("c", "◆"), ("r1", "↩"), ("r2", "↩↩"), ("r3", "↩↩↩"), ("r3", "↻")]


async def test_the_claims_tab_marks_a_repeated_rebuttal_as_the_map_does(tmp_path: Path) -> None:
    """A rebuttal answering several entries is listed under each; the first time plain,
    then marked ``↻`` (in --screen-reader: "rebuttal again,", the map's words)."""
    from reader.terminal.plan import LOGICAL
    from reader.ui.widgets.entry_list import EntryList

    for options, marks in (({}, ["◆", "↩", "↩↩", "↩↩↩", "↻"]),
                           ({"bidi_mode": LOGICAL},
                            ["claim,", "rebuttal,", "rebuttal,", "rebuttal,", "rebuttal again,"])):
        app = _app(tmp_path, _chain(tmp_path), **options)
        async with app.run_test(size=SIZE) as pilot:
            await panel_built(pilot)
            claims = app.panel.query_one("#claim-list", EntryList)
            firsts = [paragraphs[0][0] for _id, paragraphs in claims.entries]
            assert [entry_id for entry_id, _paragraphs in claims.entries] == \
                ["c", "r1", "r2", "r3", "r3"]
            for first, mark in zip(firsts, marks, strict=True):
                assert first.startswith(mark + " "), (first, mark)
            # the map marks the same occurrence
            repeated = [node.row.entry_id for node in app.panel.map_nodes() if node.row.repeated]
            assert repeated == ["r3"]


async def test_enter_follows_a_rebuttal_of_a_rebuttal_both_ways(tmp_path: Path) -> None:
    app = _app(tmp_path, _chain(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        app.navigation.go_to_entry("r2")
        await wait_until(pilot, lambda: app.navigation.focused_entry == "r2")
        await pilot.press("enter")  # r2 answers r1 and r3 answers it: a chooser of both
        await wait_until(pilot, lambda: app.screen.is_modal, what="the chooser")
        await pilot.press("enter")  # the first: what it answers
        await wait_until(pilot, lambda: app.navigation.focused_entry == "r1")
        await pilot.press("enter")  # r1: the claim it answers, then r2 that answers it
        await wait_until(pilot, lambda: app.screen.is_modal, what="the chooser")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.navigation.focused_entry == "r2")


# -- Backspace and the map, again and again -------------------------------------------


class _Bell:
    """Counts the app's bells (Backspace with nothing to go back to rings one)."""

    def __init__(self, app: ReaderApp) -> None:
        self.rung = 0
        ring = app.bell

        def bell() -> None:
            self.rung += 1
            ring()

        app.bell = bell  # type: ignore[method-assign]


async def _map_on(pilot, app: ReaderApp, key: str) -> MapTree:
    """Wait for the full-screen map, its highlight on the node ``key``."""
    def on_node() -> bool:
        screen = app.screen
        if not isinstance(screen, MapScreen):
            return False
        node = screen.map_tree.highlighted_node
        return node is not None and node.key == key

    await wait_until(pilot, on_node, what=f"the map on the node {key}")
    return app.screen.query_one(MapTree)


async def _map_closed(pilot, app: ReaderApp) -> None:
    await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen), what="the text")


async def _focused(pilot, app: ReaderApp, entry: str) -> None:
    await wait_until(pilot, lambda: app.navigation.focused_entry == entry, what=entry)


async def _crossed(pilot, app: ReaderApp) -> None:
    """Wait for the app to end for another document (the launch loop opens it next)."""
    await wait_until(pilot, lambda: app.argument_map.crossing is not None
                     and (not app.is_running or app._exit), what="the crossing")


def _next(tmp_path: Path, trail: Trail, app: ReaderApp) -> ReaderApp:
    """What the launch loop does after a crossing: the app on the document it names."""
    crossing = app.argument_map.crossing
    assert crossing is not None
    return _app(tmp_path, Path(crossing.source), trail=trail, landing=crossing)


async def test_same_document_back_and_forward_through_the_map_again_and_again(
        tmp_path: Path) -> None:
    """Enter from the map, Backspace (the map again), then forward and back, three times:
    each Backspace brings the map on the node, each Alt+→ makes the jump again, from the
    map too; Enter from the map brought back jumps again."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        start = app.article.place()
        tree = await _open_map(pilot, app)
        node = [i for i, n in enumerate(tree.nodes) if n.row.kind == "claim"][-1]
        key, entry = tree.nodes[node].key, tree.nodes[node].row.entry_id
        tree.highlight(node)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        landed = app.article.place()
        assert landed != start and app.navigation.focused_entry == entry
        for forward in ("alt+right", "alt+right", "enter"):
            await pilot.press("backspace")
            await _map_on(pilot, app, key)
            assert app.article.place() == start
            if forward == "alt+right":
                await pilot.press("escape")
                await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
            await pilot.press(forward)  # the jump again (from the text, or from the map)
            await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen)
                             and app.navigation.focused_entry == entry, what="the jump")
            assert app.article.place() == landed
        await pilot.press("backspace")
        await _map_on(pilot, app, key)
        await pilot.press("alt+right")  # forward straight from the map brought back
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen)
                         and app.article.place() == landed, what="forward from the map")
        await pilot.press("backspace")
        await _map_on(pilot, app, key)


async def test_across_documents_forward_and_back_again_brings_the_map_back_each_time(
        tmp_path: Path) -> None:
    """Musk's reply, its map, Enter on Altman's claim (Altman's post opens), Backspace (the
    reply again, on its map, on that node); then forward again and back, by Alt+→ from the
    text, by Enter from the map, by Alt+→ from the map: each time Backspace brings the map."""
    folder = _debate(tmp_path)
    trail = Trail()
    key = "altman#three-chapters"
    app = _app(tmp_path, folder / "musk-reply.txt", trail=trail)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        tree = await _open_map(pilot, app)
        tree.highlight(next(i for i, n in enumerate(tree.nodes) if n.key == key))
        await pilot.press("enter")
        await _crossed(pilot, app)
    for forward in ("alt+right", "enter", "alt+right (map)", None):
        altman = _next(tmp_path, trail, app)  # Altman's post, at the claim
        async with altman.run_test(size=SIZE) as pilot:
            await panel_built(pilot)
            await _focused(pilot, altman, "three-chapters")  # the landing on the claim
            assert altman.document.path == folder / "altman-post.txt"
            await pilot.press("backspace")
            await _crossed(pilot, altman)
        app = _next(tmp_path, trail, altman)  # the reply again: on its map, on the node
        async with app.run_test(size=SIZE) as pilot:
            await panel_built(pilot)
            await _map_on(pilot, app, key)
            assert app.document.path == folder / "musk-reply.txt"
            if forward is None:
                break
            if forward == "alt+right":
                await pilot.press("escape")
                await _map_closed(pilot, app)
            await pilot.press(forward.split()[0])
            await _crossed(pilot, app)
        assert Path(app.argument_map.crossing.source) == folder / "altman-post.txt"


async def test_backspace_on_the_map_brought_back_goes_back_further(tmp_path: Path) -> None:
    """The map Backspace brought back stands for the place the jump was made from: Backspace
    there goes on back, as a browser's Back goes past the page it returned to (the text
    before, the map closed); Alt+→ comes to the map again. With nothing further back, the
    map stays and the bell says so. A map opened with M: Backspace closes it."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        bell = _Bell(app)
        top = app.article.place()
        await pilot.press("G")  # a jump: the top is one step back
        end = app.article.place()
        assert end != top
        tree = await _open_map(pilot, app)
        node = next(i for i, n in enumerate(tree.nodes) if n.row.kind == "claim")
        key = tree.nodes[node].key
        tree.highlight(node)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        await pilot.press("backspace")
        await _map_on(pilot, app, key)
        assert app.article.place() == end
        await pilot.press("backspace")  # further back: the top, where G was pressed
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen)
                         and app.article.place() == top, what="the place before")
        await pilot.press("alt+right")  # forward: the map again, over the end
        await _map_on(pilot, app, key)
        assert app.article.place() == end
        await pilot.press("backspace", "backspace")  # the top; nothing before it
        await wait_until(pilot, lambda: app.article.place() == top and bell.rung == 1,
                         what="the bell")
        assert not isinstance(app.screen, MapScreen)
        await pilot.press("M")  # a map opened with M: Backspace closes it, nothing else
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen), what="the map")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: not isinstance(app.screen, MapScreen))
        assert app.article.place() == top and app.navigation.history.ahead == 2
        await pilot.press("alt+right")  # the end again, with its map
        await _map_on(pilot, app, key)
        # the map brought back with nothing before it in the history: it stays, with a bell
        app.navigation.history._back.clear()
        await pilot.press("backspace")
        await wait_until(pilot, lambda: bell.rung == 2, what="the bell")
        assert isinstance(app.screen, MapScreen) and app.article.place() == end


async def test_backspace_on_the_map_brought_back_across_documents_goes_to_the_one_before(
        tmp_path: Path) -> None:
    """Altman's post, Enter on Musk's rebuttal in its map (the reply opens); there, Enter on
    Altman's claim in the reply's map (the post opens again); Backspace: the reply's map;
    Backspace again: nothing before in the reply, so the post, on its map, on Musk's node;
    Backspace there: nothing before at all, the bell."""
    folder = _debate(tmp_path)
    trail = Trail()

    async def enter_on(app: ReaderApp, pilot, key: str) -> None:
        tree = await _open_map(pilot, app)
        tree.highlight(next(i for i, n in enumerate(tree.nodes) if n.key == key))
        await pilot.press("enter")
        await _crossed(pilot, app)

    post = _app(tmp_path, folder / "altman-post.txt", trail=trail)
    async with post.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await enter_on(post, pilot, "musk#fourth-chapter")
    reply = _next(tmp_path, trail, post)
    async with reply.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await wait_until(pilot, lambda: reply.navigation.focused_entry == "fourth-chapter")
        await enter_on(reply, pilot, "altman#three-chapters")
    post = _next(tmp_path, trail, reply)
    async with post.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await wait_until(pilot, lambda: post.navigation.focused_entry == "three-chapters")
        await pilot.press("backspace")
        await _crossed(pilot, post)
    reply = _next(tmp_path, trail, post)
    async with reply.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        await _map_on(pilot, reply, "altman#three-chapters")
        await pilot.press("backspace")  # further back: the post, where it was left
        await _crossed(pilot, reply)
    post = _next(tmp_path, trail, reply)
    assert post.argument_map.landing is not None
    assert Path(post.argument_map.landing.source) == folder / "altman-post.txt"
    async with post.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        bell = _Bell(post)
        await _map_on(pilot, post, "musk#fourth-chapter")
        await pilot.press("backspace")  # nothing before the post: the map stays
        await wait_until(pilot, lambda: bell.rung == 1, what="the bell")
        assert isinstance(post.screen, MapScreen) and post.argument_map.crossing is None
        assert len(trail.forward) == 2 and not trail.back


async def test_back_and_forward_from_map_to_map(tmp_path: Path) -> None:
    """Two jumps from the map, one after the other: Backspace shows the second's map, again
    the first's (one map closes, the other opens on its node); Alt+→ walks them forward, to
    the place the second jump led."""
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await panel_built(pilot)
        keys = []
        for pick in (0, -1):  # the first claim, then the last
            tree = await _open_map(pilot, app)
            node = [i for i, n in enumerate(tree.nodes) if n.row.kind == "claim"][pick]
            keys.append(tree.nodes[node].key)
            tree.highlight(node)
            await pilot.press("enter")
            await _map_closed(pilot, app)
        last = app.article.place()
        await pilot.press("backspace")
        await _map_on(pilot, app, keys[1])
        await pilot.press("backspace")
        await _map_on(pilot, app, keys[0])
        await pilot.press("alt+right")
        await _map_on(pilot, app, keys[1])
        await pilot.press("alt+right")
        await _map_closed(pilot, app)
        assert app.article.place() == last
