"""Command palette entries: go to a chapter, go to a claim or rebuttal, go to a mark."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.i18n import N_, _, number
from reader.text.chrome import fill, join_fields, ui_line
from reader.ui.decisions import paragraph_numbers
from reader.ui.widgets.side_panel import entry_line

PALETTE_MARGIN = 8  # cells of the screen's width the palette's list does not use


class _EntryProvider(Provider):
    """Entries ``(key, searchable text, shown text)``, matched on the searchable text and
    acted on by :meth:`_act` with their key."""

    def _entries(self) -> list[tuple[str, str, str]]:
        raise NotImplementedError

    def _act(self, key: str) -> None:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for key, _plain, shown in self._entries():
            yield DiscoveryHit(shown, partial(self._act, key), text=shown)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key, plain, shown in self._entries():
            score = matcher.match(plain)
            if score > 0:
                yield Hit(score, shown, partial(self._act, key), text=shown)


class GoToProvider(_EntryProvider):
    """Offers every chapter and every claim/rebuttal of the open document."""

    def _entries(self) -> list[tuple[str, str, str]]:
        """(entry id, searchable text, shown text) for everything one can go to."""
        app = self.app
        annotations = getattr(app, "annotations", None)
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
                            width=width)
            entries.append((chapter.id, plain, shown))
        for template, table in ((_("go to claim: {label}"), annotations.claims),
                                (_("go to rebuttal: {label}"), annotations.rebuttals)):
            for entry in table.values():
                speaker = annotations.entities.get(entry.speaker)
                name = speaker.name if speaker else entry.speaker
                plain = template.format(label=f"{name}: {entry.label}")
                shown = ui_line(template.format(label=join_fields(
                    [entry_line(annotations, entry)], direction)), width=width)
                entries.append((entry.id, plain, shown))
        return entries

    def _act(self, key: str) -> None:
        self.app.go_to_entry(key)


_NO_MARKS = N_("Marks… (none yet)")


class MarksProvider(_EntryProvider):
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
            template = _("Marks… {letter}: ¶{number} {snippet}")
            at = paragraph_numbers.shown_number(index)
            plain = template.format(letter=letter, number=at, snippet=snippet)
            # The command's words in the interface's language and direction; the letter,
            # the number and the snippet isolated, as all chrome.
            shown = ui_line(fill(template, letter=letter, number=at, snippet=snippet))
            entries.append((letter, plain, shown))
        return entries

    def _act(self, key: str) -> None:
        self.app.jump_to_mark(key)

    async def search(self, query: str) -> Hits:
        if getattr(self.app, "marks", None):
            async for hit in super().search(query):
                yield hit
            return
        # No mark yet: the command itself says how to set one.
        matcher = self.matcher(query)
        none_yet = _(_NO_MARKS)
        if matcher.match(none_yet) > 0:
            shown = ui_line(none_yet)
            yield Hit(matcher.match(none_yet), shown, self._no_marks, text=shown)

    def _no_marks(self) -> None:
        self.app.notify(ui_line(_("No marks in this document yet: m and a letter sets one.")),
                        timeout=3)
