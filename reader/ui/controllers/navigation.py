"""Moving through the document: jumps (start, end, a chapter, an entry, a link inside the
document, a place, a percentage), the focused claim or rebuttal and ``]``/``[`` through
them, following a span to what answers it, and the history that Backspace and Alt+→ walk.

:class:`Navigation` owns that state: the focused entry, the chapter last jumped to, the
history. The status line reads it; the other features call its jumps.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.content.annotations.debate import LinkError, debate_of, resolve_link
from reader.content.annotations.model import Claim, Rebuttal
from reader.errors import ReaderError
from reader.i18n import _
from reader.state.history import History, MapPlace, Place, Stop
from reader.text.chrome import fill, isolate
from reader.text.span import Span
from reader.ui.controllers.host import Reader
from reader.ui.controllers.status_note import StatusNote
from reader.ui.decisions.span_steps import step_span
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.widgets.side_panel import CLAIM_MARK, REBUTTAL_MARK, entry_line, role


class Navigation:
    """Jumps, focus and history (see the module's doc)."""

    def __init__(self, reader: Reader, wrap_note: StatusNote) -> None:
        """``wrap_note``: where "wrapped" is said when ``]`` passes the last claim (the
        search's note: one replaces the other)."""
        self.reader = reader
        self.wrap_note = wrap_note
        self.history: History[Stop] = History()
        # Opens an entry of another document of the debate (``name#id``): the map's
        # controller says how (reader.ui.controllers.argument_map).
        self.elsewhere: Callable[[str], None] | None = None
        self.focused_entry: str | None = None
        self.last_chapter: str | None = None
        # The full-screen map's node that the next jump is made from (set by the map's
        # controller around Enter on a node), kept in the Stop it leaves; and how to open
        # the map again on it when back returns to that Stop.
        self.leaving_map: MapPlace | None = None
        self.reopen_map: Callable[[MapPlace], None] | None = None
        # Back or forward brought the map again (this Stop was left from it), or the map
        # is left by them: the node kept with this place when back or forward leaves it,
        # so coming back opens the map again, as a browser's Back after Forward does.
        self.back_at_map: MapPlace | None = None

    # -- history ------------------------------------------------------------------------

    def push_history(self, place: Place | None = None) -> None:
        """Remember the place (the view's, unless given) and the focus before a jump:
        back restores both."""
        self.history.push(Stop(place or self.reader.article.place(), self.focused_entry,
                               self.leaving_map))
        self.leaving_map = self.back_at_map = None  # one jump only

    def travel(self, move: Callable[[Stop], Stop | None]) -> None:
        """Back or forward (``self.history.back`` or ``.forward``): the place and the
        focus as they were."""
        article = self.reader.article
        stop = move(Stop(article.place(), self.focused_entry, self.back_at_map))
        if stop is None:
            self.reader.app.bell()
            return
        place, focus, map_node = stop
        self.back_at_map = map_node
        self.last_chapter = None
        article.set_flash(None)
        article.go_to_place(place)
        self.set_focus(focus)
        self.reader.update_status()
        if map_node is not None and self.reopen_map is not None:
            self.reopen_map(map_node)

    # -- jumps --------------------------------------------------------------------------

    def scroll_lines(self, lines: int) -> None:
        article = self.reader.article
        article.scroll_to(y=article.top + lines, animate=False, immediate=True)

    def scroll_pages(self, pages: int) -> None:
        article = self.reader.article
        step = max(1, article.scrollable_content_region.height - 1)
        article.scroll_to(y=article.top + pages * step, animate=False, immediate=True)

    def go_start(self) -> None:
        self.push_history()
        self.last_chapter = None
        self.reader.article.scroll_to(y=0, animate=False, immediate=True)
        self.reader.update_status()

    def go_end(self) -> None:
        self.push_history()
        self.last_chapter = None
        self.reader.article.go_end()
        self.reader.update_status()

    def jump_to_place(self, place: Place) -> None:
        """A jump (Backspace and '' come back): to a (paragraph, offset)."""
        article = self.reader.article
        self.push_history()
        article.set_flash(None)
        article.go_to_place(place)
        self.reader.update_status()

    def go_to_percent(self, percent: float) -> None:
        article = self.reader.article
        if percent >= 100:
            self.go_end()
            return
        flow = article.flow
        if flow is None:
            return
        self.push_history()
        article.set_flash(None)
        y = min(round(flow.height * percent / 100), article.max_scroll_y)
        article.scroll_to(y=y, animate=False, immediate=True)
        self.reader.update_status()

    def jump_to_span(self, span: Span, focus_entry: str | None = None) -> None:
        article = self.reader.article
        self.push_history()
        article.bring_into_view(span)
        if focus_entry is not None:
            self.set_focus(focus_entry)
        article.set_flash(span)
        self.reader.update_status()

    def set_focus(self, entry_id: str | None) -> None:
        self.focused_entry = entry_id
        self.reader.article.set_focus_entry(entry_id)
        self.reader.panel.show_entry(entry_id)  # the map follows the reading
        self.reader.update_status()

    def go_to_entry(self, entry_id: str) -> None:
        """Jump to a chapter, claim or rebuttal by id (panel, palette, chooser); an entry of
        another document of the debate (``name#id``) is opened there."""
        if "#" in entry_id and self.elsewhere is not None:
            self.elsewhere(entry_id)
            return
        paragraphs = self.reader.document.paragraphs
        if entry_id.startswith("heading:"):
            paragraph = int(entry_id.split(":", 1)[1])
            self.jump_to_span(Span(paragraph, 0, len(paragraphs[paragraph])))
            return
        annotations = self.reader.annotations
        if annotations is None:
            return
        entry = annotations.entry(entry_id)
        span = getattr(entry, "span", None)  # entities have none
        if span is None:
            return
        linked = entry_id in annotations.claims or entry_id in annotations.rebuttals
        self.jump_to_span(span, entry_id if linked else None)
        self.last_chapter = entry_id if annotations.chapter(entry_id) is not None else None
        self.reader.update_status()

    def chapter(self, number: int) -> None:
        """1-9: the annotations' chapter ``number``, else (a book, a page) the document's
        ``number``-th chapter: its table of contents' entries at the top level."""
        annotations = self.reader.annotations
        if annotations is not None and annotations.chapters:
            for chapter in annotations.chapters:
                if chapter.number == number:
                    self.go_to_entry(chapter.id)
                    return
            self.reader.app.bell()
            return
        chapters = self.reader.document.chapter_headings()
        if 0 < number <= len(chapters):
            self.go_to_entry(f"heading:{chapters[number - 1].index}")
            return
        self.reader.app.bell()

    def follow_link(self, url: str) -> bool:
        """A link inside the document (an EPUB footnote, a cross-reference) jumps there
        (Backspace comes back): True; False for any other (opened in a browser)."""
        paragraphs = self.reader.document.paragraphs
        target = self.reader.document.targets.get(url)
        if target is None or not paragraphs:
            return False
        paragraph = min(target, len(paragraphs) - 1)
        self.jump_to_span(Span(paragraph, 0, len(paragraphs[paragraph])))
        return True

    # -- ] and [ ------------------------------------------------------------------------

    def step_span(self, direction: int) -> None:
        """The next (previous) claim or rebuttal from the focused one while it is on
        screen, else from the top of the view; past the end it wraps, and says so."""
        article = self.reader.article
        entries = article.linked_entries()
        if not entries:
            self.reader.app.bell()
            return
        step = step_span([span for span, _id in entries], direction, self._focus_index(entries),
                         article.place())
        span, entry_id = entries[step.index]
        self.wrap_note.set(_("wrapped") if step.wrapped else None)
        self.set_focus(entry_id)
        article.set_flash(None)
        article.bring_into_view(span)
        self.reader.update_status()

    def _focus_index(self, entries: list[tuple[Span, str]]) -> int | None:
        """The focused entry's index in ``entries`` while its span is on screen."""
        for index, (span, entry_id) in enumerate(entries):
            if entry_id == self.focused_entry:
                return index if self._span_on_screen(span) else None
        return None

    def _span_on_screen(self, span: Span) -> bool:
        article = self.reader.article
        if article.flow is None:
            return False
        y = article.flow.locate(span.paragraph, span.start)
        return article.top <= y < article.top + article.scrollable_content_region.height

    # -- following a span ---------------------------------------------------------------

    def follow(self, entry_id: str | None) -> None:
        """Go from a claim to its rebuttals, or from a rebuttal to the claims it answers."""
        app, annotations = self.reader.app, self.reader.annotations
        if entry_id is None or annotations is None:
            app.bell()
            return
        # --screen-reader: each choice says what it is ("rebuttal, Musk: …")
        choices = [(target.id, entry_line(annotations, target, role(
                        CLAIM_MARK if isinstance(target, Claim) else REBUTTAL_MARK,
                        self.reader.chrome_style) if self.reader.chrome_style.logical else ""))
                   for target in annotations.counterparts(entry_id)]
        choices += self._elsewhere_choices(entry_id)
        if not choices:
            self.reader.say(_("Nothing in the text answers this span."))
            return

        def chosen(result: str | None) -> None:
            if result and "#" in result and self.elsewhere is not None:
                self.elsewhere(result)
            elif result:
                self.go_to_entry(result)

        if len(choices) == 1:
            chosen(choices[0][0])
            return

        app.push_screen(ChooseTarget(_("Follow to…"), choices, self.reader.direction), chosen)

    def _elsewhere_choices(self, entry_id: str) -> list[tuple[str, str]]:
        """A rebuttal's answers in other documents of its debate (``name#id``), labelled
        with the entry there (a link that does not resolve: with why)."""
        annotations = self.reader.annotations
        rebuttal = annotations.rebuttals.get(entry_id) if annotations is not None else None
        if rebuttal is None or annotations is None:
            return []
        choices: list[tuple[str, str]] = []
        for link in rebuttal.answers:
            if "#" not in link:
                continue
            try:
                name, entry = resolve_link(annotations, link)
                debate = debate_of(annotations)
                notes = debate.annotations(name) if debate is not None else annotations
            except (LinkError, ReaderError) as error:
                label = getattr(error, "message", str(error))
                choices.append((link, fill("{link}: {why}", link=link, why=label)))
                continue
            if isinstance(entry, Claim | Rebuttal):
                style = self.reader.chrome_style
                marker = role(CLAIM_MARK if isinstance(entry, Claim) else REBUTTAL_MARK,
                              style) if style.logical else ""
                # (not ``fill``: the entry is isolated already, its isolates would be shown)
                choices.append((link, f"{isolate(name)} — {entry_line(notes, entry, marker)}"))
        return choices
