"""The panel's Claims & rebuttals tab lists the argument map's rows
(:func:`reader.content.annotations.argument_map.map_rows`): one walk of the tree for both,
so they agree on the order (the text's) and on which listing of a rebuttal answering
several entries is the repeat (``↻``). Before, the panel walked the tree its own way, in
the file's order: with the claims listed in the file in another order than the text's,
the panel marked one listing as the repeat and the map the other."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.content.annotations.file import load_annotations
from reader.content.formats import load_document
from reader.text.chrome import ChromeStyle, chrome_line
from reader.ui.widgets.side_panel import SidePanel

DEBATE = Path(__file__).parent / "data" / "debate"

TEXT = "The first claim is here.\nThe second claim is there.\nThe answer to both of them.\n"
# The second claim comes first in the file; the rebuttal answers both.
ANNOTATIONS = '''document = "doc.txt"

[[claim]]
id = "second"
label = "the second claim"
anchor = "second claim"

[[claim]]
id = "first"
label = "the first claim"
anchor = "first claim"

[[rebuttal]]
id = "answer"
label = "an answer to both"
answers = ["second", "first"]
anchor = "answer to both"

[[rebuttal]]
id = "reply"
label = "a reply to the answer"
answers = ["answer"]
anchor = "of them"
'''


def test_the_panel_and_the_map_mark_the_same_listing_as_the_repeat(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.toml").write_text(ANNOTATIONS, encoding="utf-8")
    document = load_document(tmp_path / "doc.txt")
    annotations = load_annotations(tmp_path / "doc.toml", document)
    assert annotations.problems == []
    panel = SidePanel(document, annotations)
    listed = [(entry_id, paragraphs[0][0].split(" ", 1)[0])
              for entry_id, paragraphs in panel._claim_items()]
    # the text's order: the first claim, its answer in full (with its reply), then the
    # second claim, the answer again, alone, marked as repeated
    assert listed == [("first", "◆"), ("answer", "↩"), ("reply", "↩↩"),
                      ("second", "◆"), ("answer", "↻")]
    rows = [node.row for node in panel.map_nodes() if node.row.kind in ("claim", "rebuttal")]
    assert [(row.entry_id, row.repeated) for row in rows] == \
        [(entry_id, mark == "↻") for entry_id, mark in listed]


def test_a_debate_lists_this_documents_part_of_the_debates_map(tmp_path: Path) -> None:
    """In a debate, the tab lists this document's part of the debate's map: under a claim,
    the rebuttals of the other documents too (their name first, in italics), nested as the
    map nests them, and drawn without a control shown (before, the entry's own isolates were
    isolated again, and drawn as ⟦RLI⟧⟦FSI⟧)."""
    folder = tmp_path / "debate"
    shutil.copytree(DEBATE, folder)
    document = load_document(folder / "altman-post.txt")
    annotations = load_annotations(folder / "altman-post.toml", document)
    panel = SidePanel(document, annotations)
    items = panel._claim_items()
    assert [entry_id for entry_id, _paragraphs in items] == [
        "three-chapters", "musk#fourth-chapter", "answer#no-fourth-chapter", "long-wait"]
    marks = [paragraphs[0][0].split(" ", 1)[0] for _id, paragraphs in items]
    assert marks == ["◆", "↩", "↩↩", "◆"]
    assert [paragraphs[0][1] for _id, paragraphs in items] == ["bold", "italic", "italic", "bold"]
    for _id, paragraphs in items:
        drawn = chrome_line(paragraphs[0][0], "rtl", style=ChromeStyle.VISUAL)
        assert "⟦" not in drawn, drawn
    assert chrome_line(items[1][1][0][0], "rtl",
                       style=ChromeStyle.VISUAL).endswith(" — musk ↩")


async def test_the_chooser_draws_an_entry_of_another_document_without_controls(
        tmp_path: Path) -> None:
    """Enter on a rebuttal answering a claim of another document of the debate offers it
    as ``name — speaker: label``, drawn without a control shown (the entry was isolated
    twice, as in the panel, and drawn ⟦RLI⟧⟦FSI⟧…)."""
    from reader.state.positions import PositionStore
    from reader.ui.app import create_app
    from tests.waiting import panel_built, wait_until

    folder = tmp_path / "debate"
    shutil.copytree(DEBATE, folder)
    app = create_app(folder / "musk-reply.txt", positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(110, 32)) as pilot:
        await panel_built(pilot)
        app.navigation.set_focus("fourth-chapter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.is_modal, what="the chooser")
        choices = dict(app.screen.choices)
    drawn = chrome_line(choices["altman#three-chapters"], "rtl", style=ChromeStyle.VISUAL)
    assert "⟦" not in drawn and drawn.endswith(" — altman"), drawn


def test_a_rebuttal_listed_in_full_in_another_documents_part_is_listed_in_full_here(
        tmp_path: Path) -> None:
    """musk-reply's "fourth chapter" answers Altman's claim (another document: its full
    listing in the debate's map is in that document's part) and its own "part of the
    story": the panel shows this part only, so it lists it in full here, not as a dimmed
    repeat of a listing the panel does not show."""
    document = load_document(DEBATE / "musk-reply.txt")
    annotations = load_annotations(DEBATE / "musk-reply.toml", document)
    items = SidePanel(document, annotations)._claim_items()
    assert [(entry_id, paragraphs[0][1], paragraphs[0][0].split(" ", 1)[0])
            for entry_id, paragraphs in items] == [
        ("part-of-story", "bold", "◆"), ("fourth-chapter", "", "↩")]
