"""The article view: a Line API widget that draws the layout core's visual lines.

Textual never wraps article text: the document is flowed by :class:`~reader.text.flow.TextFlow`
at the view's width, and :meth:`ArticleView.render_line` turns one visual line into a
``Strip``, styling each cluster through the line's map back to source offsets (annotation
spans, the focused span, search hits). Strips are cached per (line, width, marks version).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.content.annotations import Annotations, Span
from reader.content.document import Document
from reader.text.flow import TextFlow
from reader.text.layout import VisualLine

SPEAKER_CLASSES = 6


@dataclass(frozen=True)
class Mark:
    """A styled range of one paragraph: what the view draws differently."""

    start: int
    end: int
    component: str
    entry_id: str | None = None


def paragraph_gaps(paragraphs: list[str]) -> list[int]:
    """A blank line after each paragraph that is followed by another non-empty one, so that
    a text with one paragraph per line still reads as separate paragraphs."""
    gaps = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        gaps.append(1 if paragraph.strip() and following.strip() else 0)
    return gaps


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The document, scrolled by lines. Its keys are the app's (less/vim habits), so
    ScrollView's own bindings are not inherited."""

    COMPONENT_CLASSES = {
        "article--focused",
        "article--flash",
        "article--hit",
        "article--hit-current",
        *(f"article--speaker-{i}" for i in range(SPEAKER_CLASSES)),
    }

    DEFAULT_CSS = """
    ArticleView { overflow-y: scroll; overflow-x: hidden; }
    """

    class Moved(Message):
        """The top of the view moved (scroll, resize or jump)."""

    class SpanClicked(Message):
        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(
        self,
        document: Document,
        annotations: Annotations | None = None,
        *,
        logical: bool = False,
        show_controls: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.document = document
        self.annotations = annotations
        self.logical = logical
        self.show_controls = show_controls
        self.gaps = paragraph_gaps(document.paragraphs)
        self.flow: TextFlow | None = None
        self._strips: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._version = 0
        self.focused: str | None = None
        self.flash: Span | None = None
        self.hits: dict[int, list[tuple[int, int]]] = {}
        self.current_hit: Span | None = None
        self._entry_marks = self._build_entry_marks()
        self._pending_place: tuple[int, int] | None = None

    # -- model ------------------------------------------------------------------------

    def _build_entry_marks(self) -> dict[int, list[Mark]]:
        marks: dict[int, list[Mark]] = {}
        if self.annotations is None:
            return marks
        speakers: dict[str, int] = {}
        entries = [*self.annotations.claims.values(), *self.annotations.rebuttals.values()]
        for entry in sorted(entries, key=lambda e: e.span):
            index = speakers.setdefault(entry.speaker, len(speakers) % SPEAKER_CLASSES)
            span = entry.span
            marks.setdefault(span.paragraph, []).append(
                Mark(span.start, span.end, f"article--speaker-{index}", entry.id)
            )
        return marks

    def linked_entries(self) -> list[tuple[Span, str]]:
        """Claims and rebuttals in reading order: what ``]`` and ``[`` step through."""
        if self.annotations is None:
            return []
        entries = [*self.annotations.claims.values(), *self.annotations.rebuttals.values()]
        return sorted(((e.span, e.id) for e in entries), key=lambda pair: pair[0])

    def _marks_version_changed(self) -> None:
        self._version += 1
        self._strips.clear()
        self.refresh()

    def set_focus_entry(self, entry_id: str | None) -> None:
        self.focused = entry_id
        self._marks_version_changed()

    def set_flash(self, span: Span | None) -> None:
        self.flash = span
        self._marks_version_changed()

    def set_hits(self, hits: list[Span], current: Span | None) -> None:
        table: dict[int, list[tuple[int, int]]] = {}
        for hit in hits:
            table.setdefault(hit.paragraph, []).append((hit.start, hit.end))
        self.hits = table
        self.current_hit = current
        self._marks_version_changed()

    # -- geometry ---------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _ensure_flow(self) -> TextFlow:
        width = self.text_width
        if self.flow is None or self.flow.width != width:
            place = self._pending_place
            if place is None and self.flow is not None and self.document.paragraphs:
                place = self.flow.position(self.top)
            self.flow = TextFlow(
                self.document.paragraphs,
                width,
                self.document.direction,
                self.gaps,
                show_controls=self.show_controls,
                logical=self.logical,
            )
            self._strips.clear()
            self.virtual_size = Size(width, self.flow.height)
            if place is not None:
                self._pending_place = None
                self.call_after_refresh(self.go_to_place, place, False)
        return self.flow

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_flow()

    def on_mount(self) -> None:
        self._ensure_flow()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    @property
    def top(self) -> int:
        return round(self.scroll_offset.y)

    def place(self) -> tuple[int, int]:
        """(paragraph, source offset) of the top line: survives resizes."""
        flow = self._ensure_flow()
        if not self.document.paragraphs:
            return (0, 0)
        return flow.position(self.top)

    def go_to_place(self, place: tuple[int, int], animate: bool = False) -> None:
        paragraph, offset = place
        if not self.document.paragraphs:
            return
        flow = self._ensure_flow()
        paragraph = max(0, min(paragraph, len(self.document.paragraphs) - 1))
        self.scroll_to(y=flow.locate(paragraph, offset), animate=animate, immediate=True)
        self.post_message(self.Moved())

    def bring_into_view(self, span: Span) -> None:
        """Scroll so that ``span`` is visible, a third of the way down if it was not."""
        flow = self._ensure_flow()
        first = flow.locate(span.paragraph, span.start)
        last = flow.locate(span.paragraph, max(span.start, span.end - 1))
        height = self.scrollable_content_region.height
        if first >= self.top and last < self.top + height:
            return
        target = max(0, first - height // 3)
        self.scroll_to(y=target, animate=False, immediate=True)
        self.post_message(self.Moved())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Moved())

    def percent(self) -> int:
        flow = self._ensure_flow()
        height = self.scrollable_content_region.height
        if flow.height <= height:
            return 100
        return min(100, round(100 * (self.top + height) / flow.height))

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        flow = self._ensure_flow()
        document_y = self.top + y
        width = self.text_width
        key = (document_y, width, self._version)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        paragraph, line = flow.line_at(document_y)
        base = self.rich_style
        if line is None:
            strip = Strip.blank(width, base)
        else:
            strip = self._line_strip(paragraph, line, width, base)
        self._strips[key] = strip
        return strip

    def _styles_for(self, paragraph: int) -> list[tuple[int, int, Style]]:
        """Style ranges of a paragraph, later ones drawn over earlier ones."""
        ranges: list[tuple[int, int, Style]] = []
        for mark in self._entry_marks.get(paragraph, ()):
            style = self.get_component_rich_style(mark.component, partial=True)
            if mark.entry_id == self.focused:
                style += self.get_component_rich_style("article--focused", partial=True)
            ranges.append((mark.start, mark.end, style))
        if self.flash is not None and self.flash.paragraph == paragraph:
            ranges.append((self.flash.start, self.flash.end,
                           self.get_component_rich_style("article--flash", partial=True)))
        hit_style = self.get_component_rich_style("article--hit", partial=True)
        for start, end in self.hits.get(paragraph, ()):
            ranges.append((start, end, hit_style))
        current = self.current_hit
        if current is not None and current.paragraph == paragraph:
            ranges.append((current.start, current.end,
                           self.get_component_rich_style("article--hit-current", partial=True)))
        return ranges

    def _line_strip(self, paragraph: int, line: VisualLine, width: int, base: Style) -> Strip:
        ranges = self._styles_for(paragraph)
        segments: list[Segment] = []
        pad = width - line.cells
        if line.rtl and pad > 0:
            segments.append(Segment(" " * pad, base))
        if not ranges:
            segments.append(Segment(line.text, base))
        else:
            cuts = line.cuts
            run_style: Style | None = None
            run_start = 0
            for index in range(len(cuts) - 1):
                source = line.map[cuts[index]]
                style = base
                for start, end, extra in ranges:
                    if start <= source < end:
                        style = style + extra
                if style != run_style:
                    if run_style is not None:
                        segments.append(Segment(line.text[run_start : cuts[index]], run_style))
                    run_style, run_start = style, cuts[index]
            if run_style is not None:
                segments.append(Segment(line.text[run_start:], run_style))
        if not line.rtl and pad > 0:
            segments.append(Segment(" " * pad, base))
        return Strip(segments, max(width, line.cells)).crop(0, width)

    # -- mouse ------------------------------------------------------------------------

    def source_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(paragraph, source offset) under the view cell (x, y), if it holds text."""
        flow = self._ensure_flow()
        paragraph, line = flow.line_at(self.top + y)
        if line is None:
            return None
        column = x - (max(0, self.text_width - line.cells) if line.rtl else 0)
        if column < 0:
            return None
        cells = 0
        cuts = line.cuts
        from rich.cells import cell_len

        for index in range(len(cuts) - 1):
            cluster = line.text[cuts[index] : cuts[index + 1]]
            cells += cell_len(cluster)
            if column < cells:
                return paragraph, line.map[cuts[index]]
        return None

    def entry_at(self, paragraph: int, offset: int) -> str | None:
        for mark in self._entry_marks.get(paragraph, ()):
            if mark.start <= offset < mark.end and mark.entry_id:
                return mark.entry_id
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        found = self.source_at(offset.x, offset.y)
        if found is None:
            return
        entry_id = self.entry_at(*found)
        if entry_id is not None:
            self.post_message(self.SpanClicked(entry_id))
