"""The side panel: the four chapters of the story, and the claims with their rebuttals.

Every string in it goes through the layout core (:class:`BidiText`): Arabic in the panel is
as correct as in the article. Selecting an entry asks the app to jump there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget

from reader.content.annotations.model import Annotations, Claim, Rebuttal
from reader.content.document import Document
from reader.i18n import N_, _, number
from reader.text.chrome import (
    ChromeStyle,
    chrome_line,
    fill,
    in_direction,
    isolate,
    join_fields,
    value_direction,
)
from reader.ui.chrome_style import chrome_style
from reader.ui.decisions.map_layout import (
    REPEATED_MARK,
    REPEATED_ROLE,
    MapNode,
    map_nodes,
)
from reader.ui.decisions.speakers import speaker_indexes
from reader.ui.widgets.argument_map import SPEAKER_COLOURS, MapTree
from reader.ui.widgets.backdrops import RepeatedRow
from reader.ui.widgets.bidi_text import BidiText, Paragraphs
from reader.ui.widgets.entry_list import EntryList
from reader.ui.widgets.tab_bar import TabBar

# The interface's own words are English; the panel's title comes from the annotation file
# (``title``), so a document is never labelled in another document's language.
STORY_TITLE = N_("Story")
CHAPTERS_TAB = N_("Chapters")
CLAIMS_TAB = N_("Claims & rebuttals")
MAP_TAB = N_("Map")
CONTENTS_TAB = N_("Contents")
NO_HEADINGS = N_("no headings")
CLAIM_MARK, REBUTTAL_MARK = "◆", "↩"
# --screen-reader: each entry says what it is, in words a screen reader reads, instead of
# the markers and the layout that show it to the eye.
ROLES = {CLAIM_MARK: N_("claim,"), REBUTTAL_MARK: N_("rebuttal,")}


def role(marker: str, style: ChromeStyle) -> str:
    """``marker``, or in logical style (--screen-reader) the role it stands for."""
    return _(ROLES[marker]) if style.logical else marker


def rebuttal_mark(depth: int, style: ChromeStyle) -> str:
    """A rebuttal's marker at ``depth`` under its claim: ``↩`` answers the claim, ``↩↩``
    a rebuttal of it, and so on (a repeated marker, not an indent, so that it stays at the
    start of the line in either direction). In logical mode, the role once."""
    return role(REBUTTAL_MARK, style) if style.logical else REBUTTAL_MARK * max(1, depth)


def repeated_mark(depth: int, style: ChromeStyle) -> str:
    """:func:`rebuttal_mark` for a rebuttal already listed under another entry it answers:
    the map's ``↻`` (as deep as ``↩`` would be), in logical mode its words ("rebuttal
    again,"), so that the panel and the map say the same of it."""
    return _(REPEATED_ROLE) if style.logical else REPEATED_MARK * max(1, depth)


def entry_line(annotations: Annotations, entry: Claim | Rebuttal, marker: str = "") -> str:
    """``◆ speaker: label`` with the name and the label isolated. ``speaker: label`` reads
    in the label's direction (:func:`reader.text.chrome.label_direction`: an Arabic claim
    reads right to left, its speaker's name first, in a left-to-right document too, and
    whatever script the name is in); the marker is outside it, at the start of the
    chrome's direction for every entry (``◆ label`` when the speaker is not said)."""
    return entry_text(annotations.name_of(entry.speaker), entry.label, marker)


def entry_text(name: str | None, label: str, marker: str = "") -> str:
    """:func:`entry_line` of an entry by its speaker's shown ``name`` and its ``label``."""
    direction = value_direction(label, name or "")
    label = isolate(label, direction)
    text = in_direction(f"{isolate(name)}: {label}" if name else label, direction)
    return f"{marker} {text}" if marker else text


class SidePanel(RepeatedRow):
    """Chapters and claim pairs (or a document's headings when it has no annotations)."""

    class Selected(Message):
        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(self, document: Document, annotations: Annotations | None,
                 direction: str = "auto", id: str | None = None) -> None:
        """``direction`` is the document's: every entry is laid out in it."""
        super().__init__(id=id)
        self.document = document
        self.annotations = annotations
        self.direction = direction

    @property
    def title(self) -> str:
        if not self.has_story:
            return _(CONTENTS_TAB)
        assert self.annotations is not None
        return self.annotations.title or _(STORY_TITLE)

    def _entity_name(self, entity_id: str) -> str:
        if self.annotations and entity_id in self.annotations.entities:
            return self.annotations.entities[entity_id].name
        return entity_id

    @property
    def has_story(self) -> bool:
        annotations = self.annotations
        return annotations is not None and bool(annotations.chapters or annotations.claims)

    def compose(self) -> ComposeResult:
        # Only the title now: the lists are mounted after the article's first frame, so
        # that opening a document is not held up by the panel.
        yield self._title()

    def _title(self) -> BidiText:
        return BidiText(join_fields([self.title], self.direction, style=chrome_style(self)),
                        direction=self.direction, id="panel-title")

    def on_mount(self) -> None:
        self.call_after_refresh(self._populate)

    def _populate(self) -> None:
        if not self.is_attached:
            return  # the app closed before its first frame was done (q at once)
        self.mount(*self._lists())

    def _lists(self) -> list[Widget]:
        if not self.has_story:
            return [EntryList(self._heading_items(), empty=_(NO_HEADINGS),
                              direction=self.direction, id="contents-list")]
        nodes = self.map_nodes()
        claims = EntryList(self._claim_items(nodes), direction=self.direction,
                           id="claim-list")
        claims.display = False
        tree = MapTree(nodes, direction=self.direction, id="map-tree")
        tree.display = False
        style = chrome_style(self)
        return [
            TabBar([chrome_line(join_fields([_(name)], self.direction, style=style),
                                self.direction, style=style)
                    for name in (CHAPTERS_TAB, CLAIMS_TAB, MAP_TAB)],
                   rtl=self.direction == "rtl", id="panel-tabs"),
            EntryList(self._chapter_items(), direction=self.direction,
                      id="chapter-list"),
            claims,
            tree,
        ]

    def map_nodes(self) -> list[MapNode]:
        """The argument map of the annotations (the whole debate's when they are part of
        one), speakers coloured as in the text."""
        if self.annotations is None:
            return []
        return map_nodes(self.annotations, speaker_indexes(self.annotations, SPEAKER_COLOURS))

    def show_entry(self, key: str | None) -> None:
        """The map follows the reading: its node of the focused entry highlighted."""
        for tree in self.query(MapTree):
            tree.show_entry(key)

    def set_annotations(self, annotations: Annotations | None) -> None:
        """List new annotations (after an edit in the app), on the tab that was shown."""
        self.annotations = annotations
        self.call_later(self._rebuild)

    def document_grew(self) -> None:
        """The rest of the document was added (a book's later chapters): list all its
        headings, if that changes the list (a big plain text's rest brings none). Lists not
        mounted yet will be made from the whole document anyway."""
        contents = self.query("#contents-list")
        if contents and contents.first(EntryList).entries != self._heading_items():
            self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        tab = self.query_one(TabBar).active if self.query(TabBar) else 0
        had_focus = any(child.has_focus for child in self.query("EntryList, MapTree"))
        await self.remove_children()
        await self.mount(self._title(), *self._lists())
        if self.has_story and tab:
            self.query_one(TabBar).activate(tab)
        if had_focus:
            lists = [entry_list for entry_list in self.query("EntryList, MapTree")
                     if entry_list.display]
            if lists:
                lists[0].focus()

    def focus_list(self) -> None:
        """The focus on the list shown (the chapters, the claims, the map or the
        headings)."""
        shown = [widget for widget in self.query("EntryList, MapTree") if widget.display]
        if shown:
            shown[0].focus()

    def on_tab_bar_changed(self, message: TabBar.Changed) -> None:
        message.stop()
        for index, name in enumerate(("#chapter-list", "#claim-list", "#map-tree")):
            self.query_one(name).display = index == message.index

    def _chapter_items(self) -> list[tuple[str, Paragraphs]]:
        items: list[tuple[str, Paragraphs]] = []
        assert self.annotations is not None
        for chapter in self.annotations.chapters:
            header = fill(_("chapter {number}: {title}") if chrome_style(self).logical
                          else "{number}. {title}",
                          number=number(chapter.number), title=chapter.title)
            teller = join_fields([fill(_("told by {name}"), name=self._entity_name(chapter.teller)),
                                  fill("{date}", date=chapter.date) if chapter.date else ""],
                                 self.direction, " — ", style=chrome_style(self))
            summary = isolate(chapter.summary) if chapter.summary else ""
            items.append((chapter.id, ((header, "bold"), (teller, ""), (summary, ""))))
        return items

    def _claim_items(self, nodes: list[MapNode] | None = None) -> list[tuple[str, Paragraphs]]:
        """The claims and rebuttals as the argument map lists them (``nodes``, its rows:
        one walk of the tree for both, in the text's order), chapters left out: each
        rebuttal under what it answers, its marker saying how deep (``↩↩`` answers a
        rebuttal of the claim). A rebuttal answering several entries is listed under each,
        the first time with its own rebuttals, then marked as repeated (``↻``, dimmed)
        alone: the same listing the map marks. In a debate, this document's part of the
        debate's map: the rebuttals of other documents too, in italics (Enter opens them
        there)."""
        items: list[tuple[str, Paragraphs]] = []
        depths: dict[str, int] = {}  # an entry's depth under its claim (or root), by key
        style = chrome_style(self)
        mine = True  # in this document's part of the map (a debate's has several)
        for node in self.map_nodes() if nodes is None else nodes:
            row = node.row
            if row.kind == "document":
                mine = node.here
            if not mine or row.kind not in ("claim", "rebuttal"):
                continue
            depth = depths[row.parent] + 1 if row.parent in depths else 0
            # A repeat whose full listing is in another document's part (a debate's map)
            # is listed in full here, the first time: the panel shows only this part.
            repeated = row.repeated and row.key in depths
            if not repeated:
                depths[row.key] = depth
            if row.kind == "claim":
                mark = role(CLAIM_MARK, style)
            else:
                mark = repeated_mark(depth, style) if repeated else rebuttal_mark(depth, style)
            if node.here:
                items.append((row.entry_id, ((entry_text(node.name, row.label, mark),
                                              "bold" if row.kind == "claim" else
                                              "dim" if repeated else ""),)))
                continue
            # (not ``fill``: the entry is isolated already, its isolates would be shown)
            line = f"{isolate(row.document)} — {entry_text(node.name, row.label)}"
            items.append((row.key, ((f"{mark} {line}",
                                     "italic dim" if repeated else "italic"),)))
        return items

    @property
    def is_empty(self) -> bool:
        """Nothing to list: no chapters or claims, no headings (most plain text)."""
        return not self.has_story and not self._heading_items()

    def _heading_items(self) -> list[tuple[str, Paragraphs]]:
        """Each heading in its own direction (its paragraph's, as the article lays it out:
        an Arabic heading reads right to left in a left-to-right document), its indent at
        the start of the chrome's."""
        headings = getattr(self.document, "headings", None)
        if headings is None:
            return []
        return [
            (f"heading:{index}", ((fill(_("heading {level}:"), level=number(level)) + " "
                                   + self._heading_text(index, text)
                                   if chrome_style(self).logical else
                                   "  " * (level - 1) + self._heading_text(index, text),
                                   "bold" if level == 1 else ""),))
            for index, level, text in headings()
        ]

    def _heading_text(self, index: int, text: str) -> str:
        document = self.document
        if index >= len(document.paragraphs):
            return isolate(text)
        # A heading of the text (not a book's table of contents) has its code spans and the
        # directions its markup sets (``dir``, ``<bdi>``, ``<bdo>``), laid out as in the text.
        own = document.toc is None and document.paragraphs[index] == text
        return isolate(text, document.direction(index),
                       document.isolates(index) if own else ())

    def on_entry_list_selected(self, message: EntryList.Selected) -> None:
        message.stop()
        self.post_message(self.Selected(message.entry_id))
