"""The argument as a tree, for the map view and the Argdown export: rows, no Textual.

Chapters come in their order (their number); under each, the claims and rebuttals whose
quote lies in it (from the chapter's quote to the next chapter's, in the text), each claim
followed by the rebuttals that answer it, rebuttals of rebuttals nested further. A rebuttal
answering several entries is shown under each: the first time with what answers it, then
again as a leaf marked ``repeated``. Entries quoted before the first chapter come first, at
depth 0; a rebuttal that answers nothing in this document (only entries of other documents
of a debate, ``name#id``) stands where a claim would, with those answers in
``elsewhere``.

A row is data only (depth, kind, speaker, label, entry id): laying it out (direction,
mirrored tree lines, colours) is the map view's job.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reader.content.annotations import Annotations, Chapter, Claim, Rebuttal

__all__ = ["MapRow", "map_rows"]


@dataclass(frozen=True, slots=True)
class MapRow:
    """One node of the map. ``speaker`` is an entity id (a chapter's teller); ``parent``
    the entry it sits under (None at the top); ``repeated`` marks a rebuttal already shown
    under another entry it answers (its own answers are not repeated)."""

    depth: int
    kind: str  # chapter | claim | rebuttal
    speaker: str
    label: str
    entry_id: str
    parent: str | None = None
    repeated: bool = False
    elsewhere: tuple[str, ...] = ()  # answers in other documents (name#id)


def _position(entry: Chapter | Claim | Rebuttal) -> tuple[int, int]:
    return entry.span.paragraph, entry.span.start


def map_rows(annotations: Annotations) -> list[MapRow]:
    """The rows of the argument tree of ``annotations``, top to bottom."""
    local = set(annotations.claims) | set(annotations.rebuttals)
    chapters = sorted(annotations.chapters, key=_position)
    starts = [_position(chapter) for chapter in chapters]
    roots: dict[str | None, list[Claim | Rebuttal]] = {}
    for entry in sorted([*annotations.claims.values(), *annotations.rebuttals.values()],
                        key=_position):
        if isinstance(entry, Rebuttal) and any(a in local for a in entry.answers):
            continue  # shown under what it answers
        index = bisect_right(starts, _position(entry)) - 1
        roots.setdefault(chapters[index].id if index >= 0 else None, []).append(entry)
    answered_by: dict[str, list[Rebuttal]] = {}
    for rebuttal in annotations.rebuttals.values():
        for answer in rebuttal.answers:
            if answer in local:
                answered_by.setdefault(answer, []).append(rebuttal)
    rows: list[MapRow] = []
    shown: set[str] = set()

    def walk(entry: Claim | Rebuttal, depth: int, parent: str | None, path: set[str]) -> None:
        elsewhere = tuple(a for a in entry.answers if a not in local) \
            if isinstance(entry, Rebuttal) else ()
        repeated = entry.id in shown
        rows.append(MapRow(depth, "claim" if isinstance(entry, Claim) else "rebuttal",
                           entry.speaker, entry.label, entry.id, parent, repeated, elsewhere))
        if repeated:
            return
        shown.add(entry.id)
        path = path | {entry.id}
        for child in answered_by.get(entry.id, ()):
            if child.id not in path:  # a cycle of answers is cut where it closes
                walk(child, depth + 1, entry.id, path)

    for entry in roots.get(None, ()):
        walk(entry, 0, None, set())
    for chapter in annotations.chapters:
        rows.append(MapRow(0, "chapter", chapter.teller, chapter.title, chapter.id))
        for entry in roots.get(chapter.id, ()):
            walk(entry, 1, chapter.id, set())
    return rows
