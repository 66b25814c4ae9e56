"""The annotation model: entities, chapters, claims and rebuttals anchored to a document.

Anchors follow the W3C Web Annotation quote selector (``exact`` with optional ``prefix``,
``suffix`` or ``occurrence``), matched on folded text (:mod:`reader.text.fold`) and resolved to
a :class:`Span` when the file loads. Only entries that loaded cleanly are in
:class:`Annotations`; everything else is a :class:`Problem`. Loading lives in
:mod:`reader.content.annotations.file`, anchor resolution in
:mod:`reader.content.annotations.anchors`.

Spans use the reader's convention: ``paragraph`` is the 0-based index into
``Document.paragraphs`` and ``start``/``end`` are code-point offsets within that paragraph.
Messages for people number paragraphs from 1 (for a .txt file: the line number).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.text.fold import fold_query
from reader.text.span import Span

EntryKind = Literal["entity", "chapter", "claim", "rebuttal"]
ENTRY_KINDS: tuple[EntryKind, ...] = ("entity", "chapter", "claim", "rebuttal")


@dataclass(frozen=True)
class QuoteSelector:
    """Where an anchor is: the quoted words, and context to tell repeated quotes apart.

    ``occurrence`` (1-based) picks among the matches that remain after ``prefix``/``suffix``.
    """

    exact: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None


@dataclass(frozen=True)
class Entity:
    """A person or organisation, with the spellings it goes by (across scripts)."""

    id: str
    name: str
    kind: str  # "person" | "organisation"
    aliases: tuple[str, ...]  # always includes ``name``
    line: int | None = None


@dataclass(frozen=True)
class Chapter:
    """One chapter of a story told in the text. ``number`` is its 1-based place in order."""

    id: str
    number: int
    title: str
    summary: str
    teller: str  # entity id
    anchor: QuoteSelector
    span: Span
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD", when the text gives one
    line: int | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: str | None  # entity id; None: not said (a claim needs no speaker)
    label: str
    anchor: QuoteSelector
    span: Span
    line: int | None = None


@dataclass(frozen=True)
class Rebuttal:
    id: str
    speaker: str | None  # entity id; None: not said
    label: str
    answers: tuple[str, ...]  # ids of the claims and rebuttals it answers (name#id: elsewhere)
    anchor: QuoteSelector
    span: Span
    line: int | None = None


Entry = Entity | Chapter | Claim | Rebuttal


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an annotation file, pinned to the entry and the line.

    ``code`` is stable for programs and tests: ``invalid-toml``, ``unreadable``,
    ``schema`` (missing field, wrong type...), ``unknown-key``, ``unknown-id``,
    ``duplicate-id``, ``wrong-kind``, ``self-reference``, ``cycle``, ``quote-not-found``,
    ``ambiguous-quote``, ``duplicate-alias``. ``skipped`` says whether the entry was left out.
    """

    message: str
    code: str
    kind: str = "file"  # an entry kind, or "file" for the file as a whole
    entry_id: str | None = None
    line: int | None = None
    file: Path | None = None
    skipped: bool = True

    @property
    def entry(self) -> str:
        """How the entry is named in a report: ``claim musk-2017`` or ``file``."""
        return f"{self.kind} {self.entry_id}" if self.entry_id else self.kind

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<annotations>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: [{self.entry}] {self.message}"


@dataclass
class Annotations:
    """The entries of one annotation file that loaded and resolved, with lookups."""

    entities: dict[str, Entity] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    rebuttals: dict[str, Rebuttal] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    path: Path | None = None
    document_path: Path | None = None
    title: str = ""  # what the panel is called (the file's ``title``)
    debate_path: Path | None = None  # the debate file (its ``debate`` key), if any

    def __post_init__(self) -> None:
        # The debate file, once read (annotations.debate.debate_of): the model does not
        # import the debate, which reads other documents and their annotations.
        self.debate_cache: object = None
        # What answers each entry, among those that loaded (an answer naming an entry that
        # was skipped, or another document's, links nothing here).
        self._answered_by: dict[str, list[Rebuttal]] = {}
        for rebuttal in self.rebuttals.values():
            for target in rebuttal.answers:
                if target in self.claims or target in self.rebuttals:
                    self._answered_by.setdefault(target, []).append(rebuttal)
        self._aliases: dict[str, list[str]] = {}
        for entity in self.entities.values():
            for alias in entity.aliases:
                self._aliases.setdefault(fold_query(alias), []).append(entity.id)

    # -- lookups ------------------------------------------------------------------------

    def entry(self, entry_id: str) -> Entry | None:
        """Any entry by id (ids are unique across kinds)."""
        for table in (self.entities, self.claims, self.rebuttals):
            if entry_id in table:
                return table[entry_id]
        return next((c for c in self.chapters if c.id == entry_id), None)

    def chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def rebuttals_of(self, entry_id: str) -> list[Rebuttal]:
        """The rebuttals that answer ``entry_id`` (a claim or a rebuttal), in file order."""
        return list(self._answered_by.get(entry_id, ()))

    def answered_by(self, rebuttal_id: str) -> list[Claim | Rebuttal]:
        """What a rebuttal answers in this document (the claims and rebuttals that loaded),
        in the order of its ``answers``."""
        rebuttal = self.rebuttals.get(rebuttal_id)
        if rebuttal is None:
            return []
        found: list[Claim | Rebuttal] = []
        for target in rebuttal.answers:
            entry = self.claims.get(target) or self.rebuttals.get(target)
            if entry is not None and entry not in found:
                found.append(entry)
        return found

    def claims_answered_by(self, rebuttal_id: str) -> list[Claim]:
        """The claims a rebuttal answers (those that loaded)."""
        return [e for e in self.answered_by(rebuttal_id) if isinstance(e, Claim)]

    def counterparts(self, entry_id: str) -> list[Claim | Rebuttal]:
        """The other side of a claim or rebuttal: what lets the reader jump both ways. For
        a claim, the rebuttals that answer it; for a rebuttal, what it answers, then the
        rebuttals that answer it (a rebuttal of a rebuttal is reached from both ends)."""
        if entry_id in self.claims:
            return list(self.rebuttals_of(entry_id))
        if entry_id not in self.rebuttals:
            return []
        found = self.answered_by(entry_id)
        found += [r for r in self.rebuttals_of(entry_id) if r not in found]
        return found

    def name_of(self, entity_id: str | None) -> str | None:
        """Who ``entity_id`` is, as shown: the entity's name, the id itself when no entity
        has it, None for a claim or rebuttal that does not say who speaks."""
        if entity_id is None:
            return None
        entity = self.entities.get(entity_id)
        return entity.name if entity is not None else entity_id

    def aliases(self, entity_id: str) -> tuple[str, ...]:
        entity = self.entities.get(entity_id)
        return entity.aliases if entity else ()

    def alias_lists(self) -> dict[str, tuple[str, ...]]:
        """Entity id → every spelling it goes by (what search expands a name to)."""
        return {entity.id: entity.aliases for entity in self.entities.values()}

    def entities_for_alias(self, text: str) -> list[Entity]:
        """The entities that ``text`` names (compared folded: ألتمان = التمان)."""
        return [self.entities[i] for i in self._aliases.get(fold_query(text).strip(), ())]

    def anchored(self) -> Iterator[Chapter | Claim | Rebuttal]:
        """Every anchored entry: chapters in order, then claims, then rebuttals."""
        yield from self.chapters
        yield from self.claims.values()
        yield from self.rebuttals.values()

    def in_paragraph(self, paragraph: int) -> list[Chapter | Claim | Rebuttal]:
        """Anchored entries whose span lies in ``paragraph``, by position."""
        found = [e for e in self.anchored() if e.span.paragraph == paragraph]
        return sorted(found, key=lambda e: (e.span.start, e.span.end))

    # -- debates across documents ------------------------------------------------------

    def cross_links(self) -> Iterator[tuple[Rebuttal, str]]:
        """Each answer that names an entry of another document (``name#id``), with its
        rebuttal, in file order."""
        for rebuttal in self.rebuttals.values():
            for answer in rebuttal.answers:
                if "#" in answer:
                    yield rebuttal, answer

    def __len__(self) -> int:
        return len(self.entities) + len(self.chapters) + len(self.claims) + len(self.rebuttals)
