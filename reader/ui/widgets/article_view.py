"""The article view: a Line API widget that draws the layout core's visual lines.

Textual never wraps article text: the document is flowed by :class:`~reader.text.flow.TextFlow`
at the view's width, and :meth:`ArticleView.render_line` has one visual line drawn into a
``Strip`` by its :class:`~reader.ui.widgets.article_painter.LinePainter`, styling each
cluster through the line's map back to source offsets (the
:class:`~reader.ui.widgets.article_marks.ArticleMarks`: annotation spans, the focused span,
search hits). Strips are cached per (line, width, marks version).
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable
from typing import TypeAlias

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.strip import Strip

from reader.content.annotations.model import Annotations, Claim, Rebuttal
from reader.content.document import Document
from reader.content.presentation import (
    TableLayouts,
    paragraph_gaps,
    paragraph_indents,
)
from reader.text.flow import ParagraphSizes, TextFlow
from reader.text.layout import VisualLine
from reader.text.span import Span
from reader.ui.decisions import paragraph_numbers
from reader.ui.decisions.input_first import InputFirst
from reader.ui.decisions.measure import Column, column
from reader.ui.widgets import article_counting, article_mouse
from reader.ui.widgets.article_counting import LineCounting
from reader.ui.widgets.article_marks import SPEAKER_CLASSES, ArticleMarks
from reader.ui.widgets.article_mouse import ArticleMouse
from reader.ui.widgets.article_painter import LinePainter
from reader.ui.widgets.article_selection import SelectableArticle


class ArticleView(SelectableArticle, can_focus=True, inherit_bindings=False):
    """The document, scrolled by lines. Its keys are the app's (less/vim habits), so
    ScrollView's own bindings are not inherited."""

    COMPONENT_CLASSES = {
        "article--heading",
        "article--code",
        "article--quote",
        "article--rule",
        "article--em",
        "article--strong",
        "article--link",
        "article--focused",
        "article--flash",
        "article--hit",
        "article--hit-current",
        "article--harakat",
        "article--number",
        *(f"article--speaker-{i}" for i in range(SPEAKER_CLASSES)),
    }

    DEFAULT_CSS = """
    ArticleView { overflow-y: scroll; overflow-x: hidden; }
    ArticleView > .article--harakat { color: $text-secondary; text-style: bold; }
    ArticleView > .article--number { color: $text-muted; }
    """

    # The counting's message (reader.ui.widgets.article_counting) and the mouse's
    # (reader.ui.widgets.article_mouse), handled as on_article_view_...
    Counted: TypeAlias = article_counting.Counted
    LinkClicked: TypeAlias = article_mouse.LinkClicked
    LinkHovered: TypeAlias = article_mouse.LinkHovered
    SpanClicked: TypeAlias = article_mouse.SpanClicked
    WordPicked: TypeAlias = article_mouse.WordPicked

    def __init__(
        self,
        document: Document,
        annotations: Annotations | None = None,
        *,
        show_controls: bool = False,
        partial: bool = False,
        measure: int = 0,
        numbers: bool = False,
        harakat: str = "show",
        logical: bool = False,
        on_moved: Callable[[], None] | None = None,
        input_first: InputFirst | None = None,
        id: str | None = None,
    ) -> None:
        """``partial``: the document is the head of a big file, the rest to come
        (:meth:`document_grew`); its lines are not all counted before the first frame.
        ``measure``: the most cells of text per line (0: the whole width, see
        :mod:`reader.ui.decisions.measure`); ``numbers``: the paragraph-number gutter; ``harakat``:
        ``show``, ``hide`` or ``highlight`` them (display only, see :mod:`reader.text.harakat`).
        ``logical`` (``--screen-reader``): each row is its line's source text, in logical
        order and unshaped (:func:`~reader.text.layout.logical_line`), with the terminal's
        cursor on the span the reader's attention is on.

        ``on_moved`` is called when the top of the view moved (scroll, resize or jump), at
        once rather than by a message: what follows the top (the status line, the hits
        in view) then changes before the frame that shows the scroll, not after it. A
        message is handled after that frame, and the second frame it needs waits for
        Textual's next frame tick (up to 1/60 s): a quarter of the keys took over 16 ms
        (benchmarks/bench_look_up.py, part 3). ``input_first``: when a slice of the
        line counting may run (the keys first; None: at every tick)."""
        super().__init__(id=id, classes="-logical" if logical else None)
        self.logical = logical  # (drawn by SelectableArticle.shown_line)
        self._on_moved = on_moved
        self._moves = 0  # the times on_moved was called
        self.measure = measure
        self.numbers = numbers
        self._numbers_right = paragraph_numbers.reads_right_to_left(document.paragraphs,
                                                                    document.directions)
        self._column: tuple[tuple[int, int, int], Column] | None = None
        self._area: tuple[tuple[Size, bool, bool], Size] | None = None  # (_text_area)
        self.document = document
        self.partial = partial
        self.annotations = annotations
        self.show_controls = show_controls
        self.gaps = paragraph_gaps(document)
        self.indents = paragraph_indents(document)
        self.flow: TextFlow | None = None
        self._sizes: ParagraphSizes | None = None
        self._strips: LRUCache[tuple[int, Column, int], Strip] = LRUCache(1024)
        self._version = 0
        self.marks = ArticleMarks(annotations)
        self.painter = LinePainter(document, self.marks, self._look_up_style, harakat)
        # Where the reader's attention was put last (the focused entry, a flashed span, the
        # current hit): in logical mode the terminal's cursor is put there.
        self.attention: Span | None = None
        self._pending_place: tuple[int, int] | None = None
        # The last place known on a usable view: what a rebuild at a new width returns to.
        self._place: tuple[int, int] | None = None
        self.counting = LineCounting(self, input_first)
        self.first_drawn_at: float | None = None  # perf_counter() of the first frame
        self.last_drawn_at = 0.0  # ... and of the latest one (for benchmarks)
        self.recent_frames: deque[tuple[float, int]] = deque(maxlen=64)  # (time, width)
        self.mouse = ArticleMouse(self)

    # -- model: the marks (reader.ui.widgets.article_marks) ---------------------------

    @property
    def focused(self) -> str | None:
        return self.marks.focused

    @property
    def flash(self) -> Span | None:
        return self.marks.flash

    @property
    def hits(self) -> dict[int, list[tuple[int, int]]]:
        return self.marks.hits

    @property
    def current_hit(self) -> Span | None:
        return self.marks.current_hit

    @property
    def harakat(self) -> str:
        return self.painter.harakat

    def linked_entries(self) -> list[tuple[Span, str]]:
        """Claims and rebuttals in reading order: what ``]`` and ``[`` step through."""
        if self.annotations is None:
            return []
        entries: list[Claim | Rebuttal] = [*self.annotations.claims.values(),
                                           *self.annotations.rebuttals.values()]
        return sorted(((e.span, e.id) for e in entries), key=lambda pair: pair[0])

    def set_annotations(self, annotations: Annotations | None) -> None:
        """New annotations (one was added, edited or removed): mark the text again."""
        self.annotations = annotations
        self.marks.set_annotations(annotations)
        self._marks_version_changed()

    def _marks_version_changed(self) -> None:
        self._version += 1
        self._strips.clear()
        self.refresh()

    def set_focus_entry(self, entry_id: str | None) -> None:
        if entry_id == self.focused:
            return
        found = self.marks.focus(entry_id)
        if found is not None:
            self.attention = found
        self._marks_version_changed()

    def set_flash(self, span: Span | None) -> None:
        if span == self.flash:
            return
        changed = self.marks.set_flash(span)
        if span is not None:
            self.attention = span
        self._paragraphs_restyled(changed)

    def set_show_controls(self, show: bool) -> None:
        """Reveal (or hide again) invisible bidi controls in place: an RLO that reorders the
        text shows as ⟦RLO⟧ where it stands. The place on screen is kept."""
        if show == self.show_controls:
            return
        if self.flow is not None and self.document.paragraphs:
            self._pending_place = self.flow.position(self.top)
        self.show_controls = show
        self.flow = None
        self._ensure_flow()
        self._marks_version_changed()

    def document_grew(self) -> None:
        """The rest of a big file was added to the document: flow it all, same place."""
        place = self.place() if self.flow is not None and self._usable else None
        self.partial = False
        self.gaps = paragraph_gaps(self.document)
        self.indents = paragraph_indents(self.document)
        self._sizes = None
        self.flow = None  # units may differ now (a giant paragraph): nothing carried over
        self._ensure_flow()
        if place is not None:
            # Now, not after the next frame: a key may be waiting to act on this flow.
            self.go_to_place(place)
        self._marks_version_changed()

    def set_hits(self, hits: list[Span], current: Span | None) -> None:
        if current != self.current_hit and current is not None:
            self.attention = current
        self._paragraphs_restyled(self.marks.set_hits(hits, current))

    def _paragraphs_restyled(self, paragraphs: set[int]) -> None:
        """Only these paragraphs' styling changed: forget and redraw just their lines (``n``
        moves the current hit: two lines to draw again, not the whole view)."""
        flow = self.flow
        if flow is None or len(paragraphs) > 64:
            self._marks_version_changed()
            return
        if not paragraphs:
            return
        cached = list(self._strips.keys())
        for key in cached:
            if flow.paragraph_at(key[0]) in paragraphs:
                self._strips.discard(key)
        height = self.scrollable_content_region.height
        for y in range(self.top, min(self.top + height, flow.height)):
            if flow.paragraph_at(y) in paragraphs:
                self.refresh_lines(y)

    def set_harakat(self, mode: str) -> None:
        """Show, hide or highlight harakat: the drawing changes, nothing else."""
        if mode == self.harakat:
            return
        self.painter.harakat = mode
        self._marks_version_changed()

    def set_measure(self, measure: int) -> None:
        """Flow the text at another measure (0: the whole width), keeping the place."""
        self._change_column(lambda: setattr(self, "measure", measure))

    def set_numbers(self, shown: bool) -> None:
        """Show or hide the paragraph-number gutter, keeping the place."""
        self._change_column(lambda: setattr(self, "numbers", shown))

    def _change_column(self, change: Callable[[], object]) -> None:
        place = self.place() if self.flow is not None and self._usable else None
        before = self.text_width
        change()
        if place is not None and self.text_width != before and self.document.paragraphs:
            self._pending_place = place  # the flow at the new width goes back there
        self._ensure_flow()
        self._marks_version_changed()

    # -- geometry ---------------------------------------------------------------------

    @property
    def _text_area(self) -> Size:
        """The scrollable content's size, found again only when the view's size or its
        scrollbars change (or its styles: :meth:`notify_style_update`). Every line drawn
        asks for the column twice, and Textual works the region out anew each time (5 us).
        It keeps the size it had last while hidden (then :attr:`_usable` is False)."""
        key = (self.outer_size, self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        if self._area is None or self._area[0] != key:
            self._area = (key, self.scrollable_content_region.size)
        return self._area[1]

    @property
    def column(self) -> Column:
        """Where the text column sits in the view (:mod:`reader.ui.decisions.measure`)."""
        gutter = (paragraph_numbers.gutter_width(len(self.document.paragraphs))
                  if self.numbers else 0)
        key = (self._text_area.width, self.measure, gutter)
        if self._column is None or self._column[0] != key:  # asked for on every line drawn
            self._column = (key, column(*key, self._numbers_right))
        return self._column[1]

    @property
    def text_width(self) -> int:
        return self.column.text

    @property
    def _usable(self) -> bool:
        """False while the view has no room (not sized yet, or hidden in a tiny terminal):
        nothing is laid out then, and the reader's place is left alone."""
        region = self.scrollable_content_region  # (not _text_area: an empty region is
        return region.width >= 1 and region.height >= 1  # how a hidden view shows)

    def _paragraph_sizes(self) -> ParagraphSizes:
        """The paragraphs' sizes, found once for every flow (each resize makes one)."""
        if self._sizes is None:
            self._sizes = ParagraphSizes.of(self.document.paragraphs, self.gaps)
        return self._sizes

    def _ensure_flow(self) -> TextFlow:
        if not self._usable:
            return self.flow if self.flow is not None else TextFlow([], 1)
        width = self.text_width
        if self.flow is None or self.flow.width != width:
            place = self._pending_place or self._place
            self.flow = TextFlow(
                self.document.paragraphs,
                width,
                self.document.direction,
                self.gaps,
                self.indents,
                show_controls=self.show_controls,
                shaped=not self.logical,
                sizes=self._paragraph_sizes(),
                eager=False if self.partial else None,
                # The same text and options at a new width: keep what does not depend on it.
                prepared=self.flow.prepared if self.flow is not None else None,
                special=self._table_layouts(),
                isolates=self.document.isolates,
            )
            self._strips.clear()
            self.virtual_size = Size(width, self.flow.height)
            if place is not None:
                # Go back there once the new size is in place; until then the place is
                # kept as pending, so scrolls caused by the resize do not overwrite it.
                self._pending_place = place
                self.call_after_refresh(self._restore_pending)
            if not self.flow.complete and self.is_mounted:
                self.counting.start()
        return self.flow

    def _table_layouts(self) -> TableLayouts | None:
        """The document's tables laid out in columns (found once per document and options,
        not at every resize)."""
        key = (len(self.document.paragraphs), self.show_controls, self.logical)
        if getattr(self, "_tables_key", None) != key:
            self._tables_key = key
            self._tables = TableLayouts.of(self.document, self.show_controls, self.logical)
        return self._tables

    # -- huge documents: exact line counts arrive a slice at a time (LineCounting) ----

    def follow_counts(self, y: int, resize: bool) -> None:
        """The counting made heights exact: line ``y`` now shows what the top showed; if
        ``resize``, the scrollbar follows the counts."""
        flow = self.flow
        assert flow is not None
        if resize:
            self.virtual_size = Size(self.text_width, flow.height)
        if y != self.top:
            self._strips.clear()  # strips are cached by document line
            self.scroll_to(y=y, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_flow()

    def on_mount(self) -> None:
        flow = self._ensure_flow()
        if not flow.complete:
            self.counting.start()

    # -- places and scrolling ---------------------------------------------------------

    @property
    def top(self) -> int:
        return round(self.scroll_offset.y)

    def place(self) -> tuple[int, int]:
        """(paragraph, source offset) of the top line: survives resizes."""
        flow = self._ensure_flow()
        if not self.document.paragraphs:
            return (0, 0)
        if not self._usable or flow.width != self.text_width:
            return self._pending_place or self._place or (0, 0)
        return flow.position(self.top)

    def open_at(self, place: tuple[int, int]) -> None:
        """Show ``place`` (paragraph, source offset) at the top once the text is laid out at
        its width: the place saved for the document, set before the first frame."""
        self._pending_place = place
        self._restore_pending()

    def _restore_pending(self) -> None:
        place = self._pending_place
        if place is not None and self._usable and self.flow is not None \
                and self.flow.width == self.text_width:
            self.go_to_place(place)

    def go_to_place(self, place: tuple[int, int], animate: bool = False) -> None:
        paragraph, offset = place
        self._pending_place = None
        if not self.document.paragraphs:
            return
        flow = self._ensure_flow()
        paragraph = max(0, min(paragraph, len(self.document.paragraphs) - 1))
        self._jump(flow.locate(paragraph, offset), animate)
        self._place = (paragraph, offset)

    def bring_into_view(self, span: Span) -> bool:
        """Scroll so that ``span`` is visible, a third of the way down if it was not. True
        if it scrolled (and so told its move: ``on_moved``)."""
        flow = self._ensure_flow()
        first = flow.locate(span.paragraph, span.start)
        last = flow.locate(span.paragraph, max(span.start, span.end - 1))
        height = self.scrollable_content_region.height
        if first >= self.top and last < self.top + height:
            return False
        target = max(0, first - height // 3)
        self._jump(target)
        return True

    def go_end(self) -> None:
        """Scroll to the true last line, even before every line count is exact."""
        flow = self._ensure_flow()
        if not self.document.paragraphs:
            return
        height = self.scrollable_content_region.height
        for _ in range(10):  # exact counts of the last screen may pull in more paragraphs
            before = flow.height
            flow.count_lines(max(0, flow.height - height), flow.height - 1)
            if flow.height == before:
                break
        self.virtual_size = Size(self.text_width, flow.height)
        self._jump(max(0, flow.height - height))

    def _moved(self) -> None:
        self._moves += 1
        if self._on_moved is not None:
            self._on_moved()

    def _jump(self, y: int, animate: bool = False) -> None:
        """Scroll to ``y`` and tell the move once: the scroll's watcher tells it when the
        top row changes, and this when it did not (the place may have changed within it)."""
        before = self._moves
        self.scroll_to(y=y, animate=animate, immediate=True)
        if self._moves == before or animate:
            self._moved()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        flow = self.flow
        if (self._usable and flow is not None and flow.width == self.text_width
                and self.document.paragraphs and self._pending_place is None):
            self._place = flow.position(round(new_value))
        if round(old_value) != round(new_value):
            self._moved()

    def percent(self) -> int:
        flow = self._ensure_flow()
        height = self.scrollable_content_region.height
        if flow.height <= height:
            return 100
        return min(100, round(100 * (self.top + height) / flow.height))

    # -- drawing (each line by the LinePainter, cached here) --------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Make the counts of what is on screen exact before drawing it, so that one frame
        never mixes estimated and exact positions."""
        if crop.height:
            self.last_drawn_at = time.perf_counter()
            self.recent_frames.append((self.last_drawn_at, self.text_width))
            if self.first_drawn_at is None:
                self.first_drawn_at = self.last_drawn_at
        flow = self._ensure_flow()
        if not flow.complete and self.document.paragraphs:
            height = self.scrollable_content_region.height
            before = flow.height
            flow.count_lines(self.top, self.top + height)  # the screen's pieces of text only
            if flow.height != before:
                self.virtual_size = Size(self.text_width, flow.height)
                self._strips.clear()
        if self.logical and self.has_focus:
            self.app.cursor_position = self.cursor_offset(flow)
        return super().render_lines(crop)

    def cursor_offset(self, flow: TextFlow) -> Offset:
        """Where the terminal's cursor goes (``--screen-reader``): on the first letter of the
        span the attention is on when it is on screen, else at the start of the first row."""
        region = self.content_region
        span = self.attention
        if span is not None and span.paragraph < len(self.document.paragraphs):
            y = flow.locate(span.paragraph, span.start)
            if self.top <= y < self.top + region.height:
                paragraph, line = self.shown_line(flow, y)
                if line is not None:
                    before = (bisect_left(line.map, span.start) if line.map
                              else max(0, span.start - line.start))  # names of controls (v)
                    x = self._text_left(paragraph, line) + cell_len(line.text[:before])
                    return Offset(region.x + x, region.y + y - self.top)
        return Offset(region.x + self.column.text_left, region.y)

    def render_line(self, y: int) -> Strip:
        document_y = self.top + y
        return self.with_selection(self._plain_line(document_y), document_y)

    def _plain_line(self, document_y: int) -> Strip:
        """Document line ``document_y`` as drawn without a selection (cached), with the
        margins of the measure and the number gutter."""
        flow = self._ensure_flow()
        frame = self.column
        width = frame.text
        key = (document_y, frame, self._version)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        paragraph, line = self.shown_line(flow, document_y)
        painter = self.painter
        base = painter.style()
        if line is None:
            strip = Strip.blank(width, base)
        else:
            indent = self.indents[paragraph] if self.indents is not None else 0
            strip = painter.line(paragraph, line, width, base, indent)
        if frame.width != width:
            strip = painter.framed(strip, frame, paragraph, line, base)
        self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._area = None
        self._strips.clear()
        self.painter.forget_styles()

    def _look_up_style(self, component: str | None) -> Style:
        """The view's own style (``None``) or a component's partial style (the painter
        keeps what it found until :meth:`notify_style_update`)."""
        return (self.rich_style if component is None
                else self.get_component_rich_style(component, partial=True))

    # -- cells and source; the mouse (ArticleMouse) -----------------------------------

    def _text_left(self, paragraph: int, line: VisualLine, width: int | None = None) -> int:
        """The cell where ``line`` (of ``paragraph``) starts in the view, past the margin of
        the measure and a number gutter on the left (``width``: the text width, when the
        caller knows it)."""
        indent = self.indents[paragraph] if self.indents is not None else 0
        frame = self.column
        if not line.rtl:
            return frame.text_left + indent
        text = frame.text if width is None else width
        return frame.text_left + max(0, text - indent - line.cells)

    def source_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(paragraph, source offset) under the view cell (x, y), if it holds text."""
        flow = self._ensure_flow()
        paragraph, line = self.shown_line(flow, self.top + y)
        if line is None:
            return None
        place = self.column
        if not 0 <= x - place.text_left < place.text:
            return None  # a margin or the number gutter
        column = x - self._text_left(paragraph, line)
        if column < 0:
            return None
        cells = 0
        cuts = line.cuts

        for index in range(len(cuts) - 1):
            cluster = line.text[cuts[index] : cuts[index + 1]]
            cells += cell_len(cluster)
            if column < cells:
                return paragraph, line.map[cuts[index]]
        return None

    def entry_at(self, paragraph: int, offset: int) -> str | None:
        return self.marks.entry_at(paragraph, offset)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if self.mouse.click(offset, event.chain, self.app.CLICK_CHAIN_TIME_THRESHOLD):
            event.prevent_default()

    def cancel_pick(self) -> None:
        """A key or a click came: a double-clicked word is not told (see WordPicked)."""
        self.mouse.cancel_pick()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.mouse.moved(event.get_content_offset(self))
