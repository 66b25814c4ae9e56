"""What the article view draws over the text, and where: the annotation entries' spans (a
colour for each speaker), the focused entry, a flashed span, the search hits.

No Textual here: the view keeps its strips in step (each change says which paragraphs it
touched) and :class:`~reader.ui.widgets.article_painter.LinePainter` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.content.annotations.model import Annotations, Claim, Rebuttal
from reader.text.span import Span

SPEAKER_CLASSES = 6


@dataclass(frozen=True)
class Mark:
    """A styled range of one paragraph: what the view draws differently."""

    start: int
    end: int
    component: str
    entry_id: str | None = None


def entry_marks(annotations: Annotations | None) -> dict[int, list[Mark]]:
    """Each paragraph's claims and rebuttals, in reading order, a colour a speaker."""
    marks: dict[int, list[Mark]] = {}
    if annotations is None:
        return marks
    speakers: dict[str | None, int] = {}  # None: speaker not said, a colour of its own
    entries: list[Claim | Rebuttal] = [*annotations.claims.values(),
                                       *annotations.rebuttals.values()]
    for entry in sorted(entries, key=lambda e: e.span):
        index = speakers.setdefault(entry.speaker, len(speakers) % SPEAKER_CLASSES)
        span = entry.span
        marks.setdefault(span.paragraph, []).append(
            Mark(span.start, span.end, f"article--speaker-{index}", entry.id)
        )
    return marks


class ArticleMarks:
    """The marks of one document. The setters that may touch few paragraphs return
    those whose drawing changed (``n`` moves the current hit: two lines to draw again)."""

    def __init__(self, annotations: Annotations | None = None) -> None:
        self.entries = entry_marks(annotations)
        self.focused: str | None = None
        self.flash: Span | None = None
        self.hits: dict[int, list[tuple[int, int]]] = {}
        self.current_hit: Span | None = None

    def set_annotations(self, annotations: Annotations | None) -> None:
        self.entries = entry_marks(annotations)

    def focus(self, entry_id: str | None) -> Span | None:
        """Focus the entry ``entry_id`` (None: none); its span, if it is marked."""
        self.focused = entry_id
        if entry_id is None:
            return None
        return next((Span(paragraph, mark.start, mark.end)
                     for paragraph, marks in self.entries.items() for mark in marks
                     if mark.entry_id == entry_id), None)

    def set_flash(self, span: Span | None) -> set[int]:
        changed = {s.paragraph for s in (span, self.flash) if s is not None}
        self.flash = span
        return changed

    def set_hits(self, hits: list[Span], current: Span | None) -> set[int]:
        table: dict[int, list[tuple[int, int]]] = {}
        for hit in hits:
            table.setdefault(hit.paragraph, []).append((hit.start, hit.end))
        changed = {index for index in table.keys() | self.hits.keys()
                   if table.get(index) != self.hits.get(index)}
        if current != self.current_hit:
            changed.update(span.paragraph for span in (current, self.current_hit) if span)
        self.hits = table
        self.current_hit = current
        return changed

    def entry_at(self, paragraph: int, offset: int) -> str | None:
        """The entry whose span holds ``offset`` of ``paragraph``, if any."""
        for mark in self.entries.get(paragraph, ()):
            if mark.start <= offset < mark.end and mark.entry_id:
                return mark.entry_id
        return None
