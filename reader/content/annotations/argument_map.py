"""The argument as a tree, for the map view and the Argdown export: rows, no Textual.

Chapters come in their order (their number); under each, the claims and rebuttals whose
quote lies in it (from the chapter's quote to the next chapter's, in the text), each claim
followed by the rebuttals that answer it, rebuttals of rebuttals nested further. A rebuttal
answering several entries is shown under each: the first time with what answers it, then
again as a leaf marked ``repeated``. Entries quoted before the first chapter come first, at
depth 0; a rebuttal that answers nothing in this document (only entries of other documents
of a debate, ``name#id``) stands where a claim would, with those answers in
``elsewhere``. Entries of a circle of answers across documents (each file refuses one of
its own) would hang from nothing: the first in the debate's order stands as a root, and
the circle is cut where it closes.

A row is data only (depth, kind, speaker, label, entry id): laying it out (direction,
mirrored tree lines, colours) is the map view's job, and the side panel's: its Claims &
rebuttals tab lists the same rows (its document's part of them, chapters left out), so the
two agree on the order and on which listing of an entry is the repeat.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reader.content.annotations.model import Annotations, Chapter, Claim, Rebuttal

__all__ = ["MapRow", "debate_rows", "map_rows"]


@dataclass(frozen=True, slots=True)
class MapRow:
    """One node of the map. ``speaker`` is an entity id (a chapter's teller; None when a
    claim or rebuttal does not say); ``parent``
    the entry it sits under (None at the top); ``repeated`` marks a rebuttal already shown
    under another entry it answers (its own answers are not repeated). In a debate,
    ``document`` is the short name of the entry's document (``parent`` is then
    ``name#id``), and each document starts with a row of kind ``document``."""

    depth: int
    kind: str  # document | chapter | claim | rebuttal
    speaker: str | None
    label: str
    entry_id: str
    parent: str | None = None
    repeated: bool = False
    elsewhere: tuple[str, ...] = ()  # answers outside what the map shows (name#id)
    document: str = ""

    @property
    def key(self) -> str:
        """The entry as a link names it: ``name#id`` in a debate, else its id (a document
        row: its name)."""
        if self.kind == "document" or not self.document:
            return self.entry_id
        return f"{self.document}#{self.entry_id}"


def _position(entry: Chapter | Claim | Rebuttal) -> tuple[int, int]:
    return entry.span.paragraph, entry.span.start


def map_rows(annotations: Annotations) -> list[MapRow]:
    """The rows of the argument tree of ``annotations``, top to bottom."""
    return _rows([("", annotations)])


def debate_rows(documents: list[tuple[str, Annotations]],
                titles: dict[str, str] | None = None) -> list[MapRow]:
    """The map of a whole debate: each document (``(name, annotations)``, in the debate's
    order) under a row of its own, and a rebuttal under what it answers, in whichever
    document that is (so a reply stands under the claim of the post it answers)."""
    return _rows(documents, titles or {})


def _rows(documents: list[tuple[str, Annotations]],
          titles: dict[str, str] | None = None) -> list[MapRow]:
    def key(name: str, entry_id: str) -> str:
        return f"{name}#{entry_id}" if name else entry_id

    def answer_key(name: str, answer: str) -> str:
        return answer if "#" in answer else key(name, answer)

    local: set[str] = set()
    for name, notes in documents:
        local.update(key(name, i) for i in (*notes.claims, *notes.rebuttals))
    answered_by: dict[str, list[tuple[str, Rebuttal]]] = {}
    for name, notes in documents:
        for rebuttal in notes.rebuttals.values():
            for answer in rebuttal.answers:
                target = answer_key(name, answer)
                if target in local:
                    answered_by.setdefault(target, []).append((name, rebuttal))
    rows: list[MapRow] = []
    shown: set[str] = set()

    def walk(name: str, entry: Claim | Rebuttal, depth: int, parent: str | None,
             path: set[str]) -> None:
        here = key(name, entry.id)
        elsewhere = tuple(a for a in entry.answers if answer_key(name, a) not in local) \
            if isinstance(entry, Rebuttal) else ()
        repeated = here in shown
        rows.append(MapRow(depth, "claim" if isinstance(entry, Claim) else "rebuttal",
                           entry.speaker, entry.label, entry.id, parent, repeated, elsewhere,
                           name))
        if repeated:
            return
        shown.add(here)
        path = path | {here}
        for child_document, child in answered_by.get(here, ()):
            if key(child_document, child.id) not in path:  # a cycle is cut where it closes
                walk(child_document, child, depth + 1, here, path)

    # The roots: claims, and rebuttals answering nothing the map shows. Every other entry
    # hangs under what it answers, unless a circle of answers (refused within a file, but
    # two documents of a debate can close one) leaves it hanging from nothing: then the
    # first such entry in the debate's order stands as a root too, so nothing is lost.
    sorted_entries: dict[str, list[Claim | Rebuttal]] = {}
    for name, notes in documents:
        entries: list[Claim | Rebuttal] = [*notes.claims.values(), *notes.rebuttals.values()]
        sorted_entries[name] = sorted(entries, key=_position)
    is_root: set[str] = set()
    reached: set[str] = set()

    def reach(start: str) -> None:
        pending = [start]
        while pending:
            here = pending.pop()
            if here not in reached:
                reached.add(here)
                pending.extend(key(d, child.id) for d, child in answered_by.get(here, ()))

    for name, entries in sorted_entries.items():
        for entry in entries:
            if not (isinstance(entry, Rebuttal) and any(answer_key(name, a) in local
                                                        for a in entry.answers)):
                is_root.add(key(name, entry.id))
                reach(key(name, entry.id))
    for name, entries in sorted_entries.items():
        for entry in entries:
            if key(name, entry.id) not in reached:  # in a circle with no way in
                is_root.add(key(name, entry.id))
                reach(key(name, entry.id))

    for name, notes in documents:
        top = 0
        if titles is not None:
            rows.append(MapRow(0, "document", "", titles.get(name) or notes.title
                               or name, name, document=name))
            top = 1
        chapters = sorted(notes.chapters, key=_position)
        starts = [_position(chapter) for chapter in chapters]
        roots: dict[str | None, list[Claim | Rebuttal]] = {}
        for entry in sorted_entries[name]:
            if key(name, entry.id) not in is_root:
                continue  # shown under what it answers
            index = bisect_right(starts, _position(entry)) - 1
            roots.setdefault(chapters[index].id if index >= 0 else None, []).append(entry)
        parent = name or None
        for entry in roots.get(None, ()):
            walk(name, entry, top, parent if titles is not None else None, set())
        for chapter in notes.chapters:
            rows.append(MapRow(top, "chapter", chapter.teller, chapter.title, chapter.id,
                               parent if titles is not None else None, document=name))
            for entry in roots.get(chapter.id, ()):
                walk(name, entry, top + 1, key(name, chapter.id), set())
    return rows
