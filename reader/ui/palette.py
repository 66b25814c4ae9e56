"""Command palette entries: go to a chapter, go to a claim or rebuttal."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.text.chrome import chrome_line, fill, join_fields
from reader.ui.side_panel import entry_line


class GoToProvider(Provider):
    """Offers every chapter and every claim/rebuttal of the open document."""

    def _entries(self) -> list[tuple[str, str, str]]:
        """(entry id, searchable text, shown text) for everything one can go to."""
        app = self.app
        annotations = getattr(app, "annotations", None)
        logical = getattr(app, "bidi_mode", "explicit") == "terminal"
        entries: list[tuple[str, str, str]] = []
        if annotations is None:
            return entries
        direction = getattr(app, "direction", "auto")
        for chapter in annotations.chapters:
            plain = f"go to chapter {chapter.number}: {chapter.title}"
            # The command's words are English (left to right); the title is isolated, and
            # an entry keeps the document's direction as one isolated field.
            shown = chrome_line(fill("go to chapter {number}: {title}", number=chapter.number,
                                     title=chapter.title), "ltr", logical)
            entries.append((chapter.id, plain, shown))
        for kind, table in (("claim", annotations.claims), ("rebuttal", annotations.rebuttals)):
            for entry in table.values():
                speaker = annotations.entities.get(entry.speaker)
                name = speaker.name if speaker else entry.speaker
                plain = f"go to {kind}: {name}: {entry.label}"
                shown = chrome_line(f"go to {kind}: " + join_fields(
                    [entry_line(annotations, entry)], direction), "ltr", logical)
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
