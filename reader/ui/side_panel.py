"""The side panel: the four chapters of the story, and the claims with their rebuttals.

Every string in it goes through the layout core (:class:`BidiText`): Arabic in the panel is
as correct as in the article. Selecting an entry asks the app to jump there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget

from reader.content.annotations import Annotations
from reader.content.document import Document
from reader.ui.backdrops import RepeatedRow
from reader.ui.bidi_text import BidiText, Paragraphs, display_line
from reader.ui.entry_list import EntryList
from reader.ui.tab_bar import TabBar

PANEL_TITLE = "الفصول الأربعة"
CHAPTERS_TAB = "الفصول"
CLAIMS_TAB = "ادعاءات وردود"
CONTENTS_TAB = "المحتويات"
NO_HEADINGS = "لا عناوين (no headings)"

MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر"]


def arabic_date(date: str | None) -> str:
    """'2018-07' → 'يوليو 2018'; the text's own digits are ASCII, so these are too."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


class SidePanel(RepeatedRow):
    """Chapters and claim pairs (or a document's headings when it has no annotations)."""

    class Selected(Message):
        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(self, document: Document, annotations: Annotations | None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.annotations = annotations

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
        yield BidiText(PANEL_TITLE if self.has_story else CONTENTS_TAB, id="panel-title")

    def on_mount(self) -> None:
        self.call_after_refresh(self._populate)

    @property
    def _logical(self) -> bool:
        return getattr(self.app, "bidi_mode", "explicit") == "terminal"

    def _populate(self) -> None:
        self.mount(*self._lists())

    def _lists(self) -> list[Widget]:
        logical = self._logical
        if not self.has_story:
            return [EntryList(self._heading_items(), logical=logical, empty=NO_HEADINGS,
                              id="contents-list")]
        claims = EntryList(self._claim_items(), logical=logical, id="claim-list")
        claims.display = False
        return [
            TabBar([display_line(CHAPTERS_TAB, logical), display_line(CLAIMS_TAB, logical)],
                   id="panel-tabs"),
            EntryList(self._chapter_items(), logical=logical, id="chapter-list"),
            claims,
        ]

    def set_annotations(self, annotations: Annotations | None) -> None:
        """List new annotations (after an edit in the app), on the tab that was shown."""
        self.annotations = annotations
        self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        tab = self.query_one(TabBar).active if self.query(TabBar) else 0
        had_focus = any(child.has_focus for child in self.query(EntryList))
        await self.remove_children()
        await self.mount(BidiText(PANEL_TITLE if self.has_story else CONTENTS_TAB,
                                  id="panel-title"), *self._lists())
        if self.has_story and tab:
            self.query_one(TabBar).activate(tab)
        if had_focus:
            lists = [entry_list for entry_list in self.query(EntryList) if entry_list.display]
            if lists:
                lists[0].focus()

    def on_tab_bar_changed(self, message: TabBar.Changed) -> None:
        message.stop()
        for index, name in enumerate(("#chapter-list", "#claim-list")):
            self.query_one(name, EntryList).display = index == message.index

    def _chapter_items(self) -> list[tuple[str, Paragraphs]]:
        items: list[tuple[str, Paragraphs]] = []
        assert self.annotations is not None
        for chapter in self.annotations.chapters:
            when = arabic_date(chapter.date)
            header = f"{chapter.number}. {chapter.title}"
            teller = f"يرويه: {self._entity_name(chapter.teller)}" + (f" — {when}" if when else "")
            items.append(
                (chapter.id, ((header, "bold"), (teller, ""), (chapter.summary, "")))
            )
        return items

    def _claim_items(self) -> list[tuple[str, Paragraphs]]:
        items: list[tuple[str, Paragraphs]] = []
        assert self.annotations is not None
        for claim in self.annotations.claims.values():
            speaker = self._entity_name(claim.speaker)
            items.append((claim.id, ((f"◆ {speaker}: {claim.label}", "bold"),)))
            for rebuttal in self.annotations.rebuttals_of(claim.id):
                items.append((
                    rebuttal.id,
                    ((f"↩ {self._entity_name(rebuttal.speaker)}: {rebuttal.label}", ""),),
                ))
        return items

    @property
    def is_empty(self) -> bool:
        """Nothing to list: no chapters or claims, no headings (most plain text)."""
        return not self.has_story and not self._heading_items()

    def _heading_items(self) -> list[tuple[str, Paragraphs]]:
        headings = getattr(self.document, "headings", None)
        if headings is None:
            return []
        return [
            (f"heading:{index}", (("  " * (level - 1) + text, "bold" if level == 1
                                   else ""),))
            for index, level, text in headings()
        ]

    def on_entry_list_selected(self, message: EntryList.Selected) -> None:
        message.stop()
        self.post_message(self.Selected(message.entry_id))
