"""What the status line says: the place, the search, the chapter, the focused span, history.

Pure decisions (no Textual import): the app hands in what it knows of the view and gets the
line's text back, assembled by :mod:`reader.text.chrome` so each field keeps its place
whatever script a label is in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.content.annotations.model import Annotations, Chapter
from reader.i18n import N_, _, is_rtl, number, percent
from reader.text.chrome import ChromeStyle, fill, isolate, join_fields, label_direction

# A query longer than this is cut in the status line.
QUERY_CELLS = 24


@dataclass(frozen=True)
class View:
    """What the article view shows: its first line, its height, the document's height."""

    top: int
    height: int
    total: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class StatusInputs:
    view: View
    chapter: Chapter | None = None
    focus_label: str | None = None
    back_depth: int = 0
    query: str | None = None  # the search shown, when one is on
    count: str = ""  # "3/12", "no match", "invalid pattern"
    notes: list[str] = field(default_factory=list)  # "search wrapped", "wrapped"


def position(view: View) -> str:
    """``Top`` at the top (less's habit), else how far the bottom of the view is."""
    if view.top <= 0:
        return _("Top")
    if view.total <= 0 or view.bottom >= view.total:
        return percent(100)
    return percent(min(100, round(100 * view.bottom / view.total)))


def current_chapter(annotations: Annotations | None, line_of: Callable[[Chapter], int],
                    view: View, jumped: str | None = None) -> Chapter | None:
    """The chapter being read: the one just jumped to while its start is on screen; else
    the last one begun at or above the top; else none (the text before the first chapter),
    unless a chapter starts on screen at the very top of the document."""
    if annotations is None or not annotations.chapters:
        return None
    lines = {chapter.id: line_of(chapter) for chapter in annotations.chapters}
    chosen = annotations.chapter(jumped) if jumped else None
    if chosen is not None and view.top <= lines[chosen.id] < view.bottom:
        return chosen
    above = [c for c in annotations.chapters if lines[c.id] <= view.top]
    if above:
        return above[-1]
    return None


FOCUS_WORD = N_("focus:")


def status_text(inputs: StatusInputs, direction: str, style: ChromeStyle) -> str:
    """The whole line, fields in reading order from the start of ``direction``, for
    chrome drawn in ``style``."""
    fields: list[str | tuple[str, str]] = [position(inputs.view)]
    if inputs.query is not None:
        query = inputs.query
        if len(query) > QUERY_CELLS:
            query = query[:QUERY_CELLS - 1] + "…"
        # a vim-like "/query 3/12": left to right whatever the document's direction, or
        # right to left as the search bar reads in a right-to-left interface
        fields.append((fill("/{query} {count}", query=query, count=inputs.count),
                       "rtl" if is_rtl() else "ltr"))
    fields.extend(inputs.notes)
    if inputs.chapter is not None:
        fields.append(fill("{number}. {title}", number=number(inputs.chapter.number),
                           title=inputs.chapter.title))
    if inputs.focus_label:
        label = inputs.focus_label  # in its own direction, as in the panel
        # --screen-reader: in words, as the panel's roles are (a screen reader names "◆"
        # "black diamond", or nothing at all)
        mark = _(FOCUS_WORD) if style.logical else "◆"
        fields.append(f"{mark} {isolate(label, label_direction(label))}")
    if inputs.back_depth:
        fields.append(fill(_("back: {depth}"), depth=number(inputs.back_depth)))
    return join_fields(fields, direction, style=style)
