"""A list entry (panel, chooser) whose text is laid out by the core."""

from __future__ import annotations

from textual.widgets import ListItem

from reader.ui.bidi_text import BidiText, Paragraphs


class EntryItem(ListItem):
    """Selecting it names an annotation entry (or ``heading:N``) to jump to."""

    def __init__(self, entry_id: str, paragraphs: Paragraphs) -> None:
        super().__init__(BidiText(paragraphs, direction="auto"))
        self.entry_id = entry_id
