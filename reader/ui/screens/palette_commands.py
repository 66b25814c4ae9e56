"""Command palette entries: go to a chapter, go to a claim or rebuttal, go to a mark; and
Textual's own commands (language, keys, theme, screenshot, quit) translated and laid out by
the core."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.content.annotations.model import Annotations
from reader.content.document import Document
from reader.i18n import N_, _, number
from reader.text.chrome import fill, join_fields, ui_line
from reader.ui.chrome_style import chrome_style
from reader.ui.decisions import paragraph_numbers
from reader.ui.widgets.side_panel import entry_line

# Textual's own words that the reader shows (the command palette key's description).
TEXTUAL_WORDS = (N_("palette"),)

# (title, help, action on the app): the palette's own commands, in place of Textual's.
SYSTEM_COMMANDS: list[tuple[str, str, str]] = [
    (N_("Language…"), N_("Choose the interface's language (remembered)"), "choose_language"),
    (N_("Keys"), N_("Show every key the reader knows"), "help"),
    (N_("Theme"), N_("Change the colours"), "change_theme"),
    (N_("Screenshot"), N_("Save an SVG picture of the screen"), "screenshot"),
    (N_("Quit"), N_("Quit the reader (your place is remembered)"), "quit"),
]


class SystemCommands(Provider):
    """Textual's system commands, translated and laid out by the core: matched against
    the translated title as typed (logical order) and the English one, shown in visual
    order."""

    def _entries(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        app = self.app
        entries: list[tuple[str, str, str, Callable[[], object]]] = []
        style = chrome_style(self.screen)
        for title, help_text, action in SYSTEM_COMMANDS:
            shown = ui_line(_(title), style=style)
            plain = f"{_(title)} {title}"
            callback = partial(app.run_action, action)
            entries.append((plain, shown, ui_line(_(help_text), style=style), callback))
        return entries

    async def discover(self) -> Hits:
        for _plain, shown, help_text, callback in self._entries():
            yield DiscoveryHit(shown, callback, text=shown, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for plain, shown, help_text, callback in self._entries():
            score = matcher.match(plain)
            if score > 0:
                yield Hit(score, shown, callback, text=shown, help=help_text)


@runtime_checkable
class PaletteSource(Protocol):
    """What the entries are read from and act on: the reader app."""

    document: Document
    direction: str

    @property
    def annotations(self) -> Annotations | None: ...

    @property
    def marks(self) -> dict[str, tuple[int, int]]: ...

    def go_to_entry(self, entry_id: str) -> None: ...

    def jump_to_mark(self, letter: str | None) -> None: ...


PALETTE_MARGIN = 8  # cells of the screen's width the palette's list does not use


class _EntryProvider(Provider):
    """Entries ``(key, searchable text, shown text)``, matched on the searchable text and
    acted on by :meth:`_act` with their key."""

    @property
    def source(self) -> PaletteSource | None:
        """The app, when it is the reader (None in another app: nothing to offer)."""
        app = self.app
        return app if isinstance(app, PaletteSource) else None

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
    """Offers every chapter and every claim/rebuttal of the open document; without
    annotation chapters, the document's own table of contents (a book's, a page's)."""

    def _entries(self) -> list[tuple[str, str, str]]:
        """(entry id, searchable text, shown text) for everything one can go to."""
        source = self.source
        annotations = source.annotations if source is not None else None
        # the palette's list is nearly as wide as the screen; an entry longer is cut
        width = max(20, self.app.size.width - PALETTE_MARGIN)
        entries: list[tuple[str, str, str]] = []
        if source is None:
            return entries
        if annotations is None or not annotations.chapters:
            entries += self._heading_entries(source.document, width)  # a book's, a page's
        if annotations is None:
            return entries
        direction = source.direction
        style = chrome_style(self.screen)
        # Matched as typed (the words in the interface's language, logical order), shown
        # laid out by the core in the interface's direction with the values isolated; an
        # entry keeps the document's direction as one isolated field.
        template = _("go to chapter {number}: {title}")
        for chapter in annotations.chapters:
            plain = template.format(number=chapter.number, title=chapter.title)
            shown = ui_line(fill(template, number=number(chapter.number), title=chapter.title),
                            width=width, style=style)
            entries.append((chapter.id, plain, shown))
        for template, table in ((_("go to claim: {label}"), annotations.claims),
                                (_("go to rebuttal: {label}"), annotations.rebuttals)):
            for entry in table.values():
                name = annotations.name_of(entry.speaker)
                plain = template.format(label=f"{name}: {entry.label}" if name
                                        else entry.label)
                shown = ui_line(template.format(label=join_fields(
                    [entry_line(annotations, entry)], direction, style=style)), width=width,
                    style=style)
                entries.append((entry.id, plain, shown))
        return entries

    def _heading_entries(self, document: Document, width: int) -> list[tuple[str, str, str]]:
        """"go to chapter N: title" for the document's chapters (the table of contents'
        top level, as 1-9 number them), "go to section: title" for the entries below."""
        chapters = {heading.index: n
                    for n, heading in enumerate(document.chapter_headings(), 1)}
        entries = []
        for heading in document.headings():
            at = chapters.get(heading.index)
            if at is not None:
                template = _("go to chapter {number}: {title}")
                plain = template.format(number=at, title=heading.text)
                shown = fill(template, number=number(at), title=heading.text)
            else:
                template = _("go to section: {title}")
                plain = template.format(title=heading.text)
                shown = fill(template, title=heading.text)
            entries.append((f"heading:{heading.index}", plain,
                            ui_line(shown, width=width, style=chrome_style(self.screen))))
        return entries

    def _act(self, key: str) -> None:
        if self.source is not None:
            self.source.go_to_entry(key)


_NO_MARKS = N_("Marks… (none yet)")


class MarksProvider(_EntryProvider):
    """"Marks…": every mark set in the open document (``m`` and a letter), with the start
    of the paragraph it is in."""

    def _entries(self) -> list[tuple[str, str, str]]:
        source = self.source
        marks = source.marks if source is not None else {}
        paragraphs = source.document.paragraphs if source is not None else []
        entries = []
        for letter, (index, offset) in sorted(marks.items()):
            text = paragraphs[index] if index < len(paragraphs) else ""
            snippet = " ".join(text[offset : offset + 60].split())[:40]
            template = _("Marks… {letter}: ¶{number} {snippet}")
            at = paragraph_numbers.shown_number(index)
            plain = template.format(letter=letter, number=at, snippet=snippet)
            # The command's words in the interface's language and direction; the letter,
            # the number and the snippet isolated, as all chrome.
            shown = ui_line(fill(template, letter=letter, number=at, snippet=snippet),
                            style=chrome_style(self.screen))
            entries.append((letter, plain, shown))
        return entries

    def _act(self, key: str) -> None:
        if self.source is not None:
            self.source.jump_to_mark(key)

    async def search(self, query: str) -> Hits:
        if self.source is not None and self.source.marks:
            async for hit in super().search(query):
                yield hit
            return
        # No mark yet: the command itself says how to set one.
        matcher = self.matcher(query)
        none_yet = _(_NO_MARKS)
        if matcher.match(none_yet) > 0:
            shown = ui_line(none_yet, style=chrome_style(self.screen))
            yield Hit(matcher.match(none_yet), shown, self._no_marks, text=shown)

    def _no_marks(self) -> None:
        self.app.notify(_("No marks in this document yet: m and a letter sets one."),
                        markup=False)  # told in the status line (ReaderApp.notify)
