"""Command palette entries: go to a chapter, go to a claim or rebuttal."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.i18n import _, number
from reader.text.chrome import fill, join_fields
from reader.ui.localized import ui_line
from reader.ui.side_panel import entry_line

PALETTE_MARGIN = 8  # cells of the screen's width the palette's list does not use


class GoToProvider(Provider):
    """Offers every chapter and every claim/rebuttal of the open document."""

    def _entries(self) -> list[tuple[str, str, str]]:
        """(entry id, searchable text, shown text) for everything one can go to."""
        app = self.app
        annotations = getattr(app, "annotations", None)
        logical = getattr(app, "bidi_mode", "explicit") == "terminal"
        # the palette's list is nearly as wide as the screen; an entry longer is cut
        width = max(20, app.size.width - PALETTE_MARGIN)
        entries: list[tuple[str, str, str]] = []
        if annotations is None:
            return entries
        direction = getattr(app, "direction", "auto")
        # Matched as typed (the words in the interface's language, logical order), shown
        # laid out by the core in the interface's direction with the values isolated; an
        # entry keeps the document's direction as one isolated field.
        template = _("go to chapter {number}: {title}")
        for chapter in annotations.chapters:
            plain = template.format(number=chapter.number, title=chapter.title)
            shown = ui_line(fill(template, number=number(chapter.number), title=chapter.title),
                            logical, width=width)
            entries.append((chapter.id, plain, shown))
        for template, table in ((_("go to claim: {label}"), annotations.claims),
                                (_("go to rebuttal: {label}"), annotations.rebuttals)):
            for entry in table.values():
                speaker = annotations.entities.get(entry.speaker)
                name = speaker.name if speaker else entry.speaker
                plain = template.format(label=f"{name}: {entry.label}")
                shown = ui_line(template.format(label=join_fields(
                    [entry_line(annotations, entry)], direction)), logical, width=width)
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
