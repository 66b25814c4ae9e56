"""The side panel: the four chapters of the story, and the claims with their rebuttals.

Every string in it goes through the layout core (:class:`BidiText`): Arabic in the panel is
as correct as in the article. Selecting an entry asks the app to jump there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ListView, TabbedContent, TabPane

from reader.content.annotations import Annotations
from reader.content.document import Document
from reader.ui.bidi_text import BidiText, display_line
from reader.ui.entry_item import EntryItem

PANEL_TITLE = "الفصول الأربعة"
CHAPTERS_TAB = "الفصول"
CLAIMS_TAB = "ادعاءات وردود"
CONTENTS_TAB = "المحتويات"

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
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


class SidePanel(Vertical):
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

    def _populate(self) -> None:
        logical = getattr(self.app, "bidi_mode", "explicit") == "terminal"
        if not self.has_story:
            self.mount(ListView(*self._heading_items(), id="contents-list"))
            return
        self.mount(_StoryTabs(
            (display_line(CHAPTERS_TAB, logical), "tab-chapters",
             ListView(*self._chapter_items(), id="chapter-list")),
            (display_line(CLAIMS_TAB, logical), "tab-claims",
             ListView(*self._claim_items(), id="claim-list")),
        ))

    def _chapter_items(self) -> list[EntryItem]:
        items = []
        assert self.annotations is not None
        for chapter in self.annotations.chapters:
            when = arabic_date(chapter.date)
            header = f"{chapter.number}. {chapter.title}"
            teller = f"يرويه: {self._entity_name(chapter.teller)}" + (f" — {when}" if when else "")
            items.append(
                EntryItem(
                    chapter.id,
                    ((header, "bold"), (teller, "italic"), (chapter.summary, "")),
                )
            )
        return items

    def _claim_items(self) -> list[EntryItem]:
        items = []
        assert self.annotations is not None
        for claim in self.annotations.claims.values():
            speaker = self._entity_name(claim.speaker)
            items.append(EntryItem(claim.id, ((f"◆ {speaker}: {claim.label}", "bold"),)))
            for rebuttal in self.annotations.rebuttals_of(claim.id):
                items.append(EntryItem(
                    rebuttal.id,
                    ((f"↩ {self._entity_name(rebuttal.speaker)}: {rebuttal.label}", ""),),
                ))
        return items

    def _heading_items(self) -> list[EntryItem]:
        headings = getattr(self.document, "headings", None)
        if headings is None:
            return []
        return [
            EntryItem(f"heading:{index}", (("  " * (level - 1) + text, "bold" if level == 1
                                            else ""),))
            for index, level, text in headings()
        ]

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        item = event.item
        if isinstance(item, EntryItem):
            event.stop()
            self.post_message(self.Selected(item.entry_id))


class _StoryTabs(Vertical):
    """The chapters and claims tabs, built from ready lists."""

    DEFAULT_CSS = "_StoryTabs { height: 1fr; }"

    def __init__(self, *panes: tuple[str, str, ListView]) -> None:
        super().__init__()
        self._panes = panes

    def compose(self) -> ComposeResult:
        with TabbedContent(id="panel-tabs"):
            for title, pane_id, content in self._panes:
                yield TabPane(title, content, id=pane_id)
