"""Command palette entries: go to a chapter, go to a claim or rebuttal, go to a mark."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.text.chrome import chrome_line, fill, join_fields
from reader.ui import paragraph_numbers
from reader.ui.side_panel import entry_line


class GoToProvider(Provider):
    """Offers every chapter and every claim/rebuttal of the open document."""

    def _entries(self) -> list[tuple[str, str, str]]:
        """(entry id, searchable text, shown text) for everything one can go to."""
        app = self.app
        annotations = getattr(app, "annotations", None)
        entries: list[tuple[str, str, str]] = []
        if annotations is None:
            return entries
        direction = getattr(app, "direction", "auto")
        for chapter in annotations.chapters:
            plain = f"go to chapter {chapter.number}: {chapter.title}"
            # The command's words are English (left to right); the title is isolated, and
            # an entry keeps the document's direction as one isolated field.
            shown = chrome_line(fill("go to chapter {number}: {title}", number=chapter.number,
                                     title=chapter.title), "ltr")
            entries.append((chapter.id, plain, shown))
        for kind, table in (("claim", annotations.claims), ("rebuttal", annotations.rebuttals)):
            for entry in table.values():
                speaker = annotations.entities.get(entry.speaker)
                name = speaker.name if speaker else entry.speaker
                plain = f"go to {kind}: {name}: {entry.label}"
                shown = chrome_line(f"go to {kind}: " + join_fields(
                    [entry_line(annotations, entry)], direction), "ltr")
                entries.append((entry.id, plain, shown))
        return entries

    async def discover(self) -> Hits:
        for entry_id, _plain, shown in self._entries():
            yield DiscoveryHit(shown, partial(self.app.go_to_entry, entry_id), text=shown)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry_id, plain, shown in self._entries():
            score = matcher.match(plain)
            if score > 0:
                yield Hit(score, shown, partial(self.app.go_to_entry, entry_id), text=shown)


_NO_MARKS = "Marks… (none yet)"


class MarksProvider(Provider):
    """"Marks…": every mark set in the open document (``m`` and a letter), with the start
    of the paragraph it is in."""

    def _entries(self) -> list[tuple[str, str, str]]:
        app = self.app
        marks: dict[str, tuple[int, int]] = getattr(app, "marks", {})
        paragraphs: list[str] = getattr(getattr(app, "document", None), "paragraphs", [])
        entries = []
        for letter, (index, offset) in sorted(marks.items()):
            text = paragraphs[index] if index < len(paragraphs) else ""
            snippet = " ".join(text[offset : offset + 60].split())[:40]
            plain = f"Marks… {letter}: ¶{paragraph_numbers.shown_number(index)} {snippet}"
            # English command words (left to right); the snippet isolated, as all chrome.
            shown = chrome_line(fill("Marks… {letter}: ¶{number} {snippet}", letter=letter,
                                     number=paragraph_numbers.shown_number(index),
                                     snippet=snippet), "ltr")
            entries.append((letter, plain, shown))
        return entries

    async def discover(self) -> Hits:
        for letter, _plain, shown in self._entries():
            yield DiscoveryHit(shown, partial(self.app.jump_to_mark, letter), text=shown)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        entries = self._entries()
        for letter, plain, shown in entries:
            score = matcher.match(plain)
            if score > 0:
                yield Hit(score, shown, partial(self.app.jump_to_mark, letter), text=shown)
        if not entries and matcher.match(_NO_MARKS) > 0:
            yield Hit(matcher.match(_NO_MARKS), _NO_MARKS, self._no_marks, text=_NO_MARKS)

    def _no_marks(self) -> None:
        self.app.notify("No marks in this document yet: m and a letter sets one.", timeout=3)
