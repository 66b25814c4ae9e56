"""Annotation files, step two: check raw entries against the schema and resolve anchors.

Every problem is reported at once, each with its entry and line (:class:`Problem`). A
broken entry is skipped and the rest loads; unknown keys and shared aliases are reported
but do not skip their entry. A rebuttal answers claims and rebuttals (a rebuttal of a
rebuttal), so answers could go round in a circle; a reply answers what was said before it,
so a circle is a mistake: it is reported in one line naming its entries, and its first entry
in the file is skipped (which opens the circle; the rest loads).
"""

from __future__ import annotations

import datetime
import re

from reader.content.annotations.anchors import AnchorError, AnchorResolver
from reader.content.annotations.model import (
    Annotations,
    Chapter,
    Claim,
    Entity,
    Problem,
    QuoteSelector,
    Rebuttal,
)
from reader.content.annotations.parse import (
    ENTRY_ID,
    ParsedAnnotations,
    RawEntry,
    suggest,
    type_name,
)
from reader.i18n import N_, _
from reader.text.fold import fold_query
from reader.text.span import Span

__all__ = ["CIRCLE", "CROSS_LINK", "circle_message", "find_circle", "resolve_annotations"]

# ``name#id``: an entry of another document of the debate (reader.content.annotations.debate).
CROSS_LINK = re.compile(r"(\w[\w.-]*)#(\w[\w.:-]*)")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ENTITY_KINDS = {"person": "person", "organisation": "organisation",
                 "organization": "organisation"}
_ANCHOR_KEYS = ("exact", "prefix", "suffix", "occurrence")
# Fields of each kind: name → required.
_FIELDS: dict[str, dict[str, bool]] = {
    "entity": {"id": True, "name": True, "kind": True, "aliases": False},
    "chapter": {"id": True, "title": True, "summary": True, "teller": True, "date": False,
                "anchor": True},
    # a claim or a rebuttal may leave its speaker unsaid (issue 25): it is not guessed
    "claim": {"id": True, "speaker": False, "label": True, "anchor": True},
    "rebuttal": {"id": True, "speaker": False, "label": True, "answers": True, "anchor": True},
}
_ARTICLE = {"entity": N_("an entity"), "chapter": N_("a chapter"), "claim": N_("a claim"),
            "rebuttal": N_("a rebuttal"), "answerable": N_("a claim or a rebuttal")}
# What each kind of reference may name: a rebuttal answers claims and rebuttals.
_WANTED = {"answerable": ("claim", "rebuttal")}
_WANTED_NAMES = {"answerable": N_("claim or rebuttal")}  # as "unknown {kind} id" says it


class _Checker:
    """Validates raw entries and builds :class:`Annotations` from the ones that hold up."""

    def __init__(self, parsed: ParsedAnnotations, paragraphs: list[str] | None) -> None:
        self.parsed = parsed
        self.resolver = AnchorResolver(paragraphs) if paragraphs is not None else None
        self.problems: list[Problem] = list(parsed.problems)
        self.ids: dict[str, RawEntry] = {}
        self.broken: set[int] = set()  # id() of entries that will be skipped
        self.answer_links: dict[int, tuple[RawEntry, tuple[str, ...]]] = {}  # a rebuttal's

    # -- reporting --------------------------------------------------------------------

    def report(self, entry: RawEntry, message: str, code: str = "schema",
               key: str | None = None, skipped: bool = True) -> None:
        if key is not None:
            key_line = (self.parsed.layout.key_line(key, entry.header)
                        if entry.header is not None else None)
            where = key if key_line in (None, entry.line) else \
                _("{key} (line {line})").format(key=key, line=key_line)
            message = f"{where}: {message}"
        if skipped:
            self.broken.add(id(entry))
        self.problems.append(Problem(message, code, entry.kind, entry.label, entry.line,
                                     self.parsed.path, skipped))

    # -- fields -----------------------------------------------------------------------

    def text(self, entry: RawEntry, key: str, required: bool = True) -> str | None:
        data = entry.data
        assert isinstance(data, dict)
        if key not in data:
            if required:
                self.report(entry, _('missing "{key}"').format(key=key), key=None)
            return None
        value = data[key]
        if not isinstance(value, str):
            self.report(entry, _("must be a string, not {type}").format(type=type_name(value)),
                        key=key)
            return None
        if not value.strip():
            self.report(entry, _("is empty"), key=key)
            return None
        if "\n" in value.strip() or "\r" in value:
            self.report(entry, _("must be one line"), key=key)
            return None
        return value.strip()

    def reference(self, entry: RawEntry, key: str, value: str, wanted: str) -> bool:
        target = self.ids.get(value)
        kinds = _WANTED.get(wanted, (wanted,))
        if target is None:
            known = [i for i, e in self.ids.items() if e.kind in kinds]
            self.report(entry, _('unknown {kind} id "{id}"').format(
                kind=_(_WANTED_NAMES.get(wanted, wanted)), id=value)
                        + suggest(value, known), "unknown-id", key)
            return False
        if target is entry:
            self.report(entry, _('"{id}" is this {kind} itself').format(
                id=value, kind=_(entry.kind)), "self-reference", key)
            return False
        if target.kind not in kinds:
            self.report(entry, _('"{id}" is {kind} (line {line}), not {wanted}').format(
                id=value, kind=_(_ARTICLE[target.kind]), line=target.line,
                wanted=_(_ARTICLE[wanted])), "wrong-kind", key)
            return False
        return True

    def speaker(self, entry: RawEntry, key: str, required: bool = True) -> str | None:
        value = self.text(entry, key, required)
        if value is not None and self.reference(entry, key, value, "entity"):
            return value
        return None

    def anchor(self, entry: RawEntry) -> tuple[QuoteSelector, Span] | None:
        data = entry.data
        assert isinstance(data, dict)
        if "anchor" not in data:
            self.report(entry, _('missing "anchor" (the quoted words this entry is about)'))
            return None
        value = data["anchor"]
        if isinstance(value, str):
            value = {"exact": value}
        if not isinstance(value, dict):
            self.report(entry, _('must be the quoted words (a string) or a table '
                                 '{{ exact = "…" }}, not {type}').format(type=type_name(value)),
                        key="anchor")
            return None
        ok = True
        for key in value:
            if key not in _ANCHOR_KEYS:
                self.report(entry, _('unknown key "{key}"').format(key=key)
                            + suggest(key, _ANCHOR_KEYS) + " " + _("(ignored); known: {keys}")
                            .format(keys=", ".join(_ANCHOR_KEYS)), "unknown-key",
                            "anchor", skipped=False)
        exact = value.get("exact")
        if exact is None:
            self.report(entry, _('has no "exact" quote'), key="anchor")
            ok = False
        elif not isinstance(exact, str) or not exact.strip():
            shown = _("empty") if isinstance(exact, str) else type_name(exact)
            self.report(entry, _("exact must be the quoted words, not {value}").format(
                value=shown), key="anchor")
            ok = False
        context = {}
        for key in ("prefix", "suffix"):
            part = value.get(key, "")
            if not isinstance(part, str):
                self.report(entry, _("{key} must be a string, not {type}").format(
                    key=key, type=type_name(part)), key="anchor")
                ok = False
            context[key] = part if isinstance(part, str) else ""
        occurrence = value.get("occurrence")
        if occurrence is not None and (
            isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1
        ):
            shown = str(occurrence) if isinstance(occurrence, int) else type_name(occurrence)
            self.report(entry, _("occurrence must be a whole number from 1, not {value}").format(
                value=shown), key="anchor")
            ok = False
        if not ok or not isinstance(exact, str):  # (ok says it is a string)
            return None
        selector = QuoteSelector(exact, context["prefix"], context["suffix"], occurrence)
        if self.resolver is None:  # checking the structure only: nothing to resolve against
            return None
        try:
            return selector, self.resolver.resolve(selector)
        except AnchorError as error:
            self.report(entry, error.message, error.code, "anchor")
            return None

    def date(self, entry: RawEntry) -> str | None:
        data = entry.data
        assert isinstance(data, dict)
        if "date" not in data:
            return None
        value = data["date"]
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.isoformat()
        match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            try:
                datetime.date(year or 1, month or 1, day or 1)
                return match.group()
            except ValueError:
                pass
        shown = f'"{value}"' if isinstance(value, str) else type_name(value)
        self.report(entry, _("must be YYYY, YYYY-MM or YYYY-MM-DD, not {value}").format(
            value=shown), key="date")
        return None

    # -- entries ----------------------------------------------------------------------

    def check_ids(self) -> None:
        for entry in self.parsed.entries:
            data = entry.data
            if not isinstance(data, dict):
                self.report(entry, _("each [[{kind}]] must be a table, not {type}").format(
                    kind=entry.kind, type=type_name(data)))
                continue
            raw = data.get("id")
            if raw is None:
                self.report(entry, _('missing "{key}"').format(key="id"))
            elif not isinstance(raw, str):
                self.report(entry, _("must be a string, not {type}").format(
                    type=type_name(raw)), key="id")
            elif not ENTRY_ID.fullmatch(raw):
                self.report(entry, _('"{id}" is not a valid id: use letters, digits and '
                                     '"-", "_", ".", ":" (no spaces)').format(id=raw), key="id")
            elif raw in self.ids:
                first = self.ids[raw]
                self.report(entry, _('duplicate id "{id}": already used by the {kind} at line '
                                     "{line}").format(id=raw, kind=_(first.kind),
                                                      line=first.line), "duplicate-id", key="id")
            else:
                self.ids[raw] = entry
            for key in data:
                if key not in _FIELDS[entry.kind]:
                    known = tuple(_FIELDS[entry.kind])
                    self.report(entry, _('unknown key "{key}"').format(key=key)
                                + suggest(key, known) + " " + _("(ignored); known: {keys}")
                                .format(keys=", ".join(known)), "unknown-key", key,
                                skipped=False)

    def entity(self, entry: RawEntry) -> Entity | None:
        name = self.text(entry, "name")
        kind = self.text(entry, "kind")
        if kind is not None and kind not in _ENTITY_KINDS:
            self.report(entry, _('"{value}" is not one of: person, organisation').format(
                value=kind), key="kind")
        aliases: list[str] = [name] if name else []
        assert isinstance(entry.data, dict)
        value = entry.data.get("aliases", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(entry, _("must be an array of strings, not {type}").format(
                type=type_name(value)), key="aliases")
            value = []
        for alias in value:
            if not isinstance(alias, str) or not fold_query(alias).strip():
                shown = f'"{alias}"' if isinstance(alias, str) else type_name(alias)
                self.report(entry, _("each alias must be a spelling of the name, not "
                                     "{value}").format(value=shown), key="aliases")
            elif fold_query(alias) not in {fold_query(a) for a in aliases}:
                aliases.append(alias.strip())
        if id(entry) in self.broken or name is None or kind is None:
            return None
        return Entity(entry.id or "", name, _ENTITY_KINDS[kind], tuple(aliases), entry.line)

    def chapter(self, entry: RawEntry) -> Chapter | None:
        title = self.text(entry, "title")
        summary = self.text(entry, "summary")
        teller = self.speaker(entry, "teller")
        date = self.date(entry)
        anchored = self.anchor(entry)
        if id(entry) in self.broken or anchored is None:
            return None
        assert title and summary and teller
        return Chapter(entry.id or "", entry.position, title, summary, teller, anchored[0],
                       anchored[1], date, entry.line)

    def claim(self, entry: RawEntry) -> Claim | None:
        speaker = self.speaker(entry, "speaker", required=False)
        label = self.text(entry, "label")
        anchored = self.anchor(entry)
        if id(entry) in self.broken or anchored is None:
            return None
        assert label
        return Claim(entry.id or "", speaker, label, anchored[0], anchored[1], entry.line)

    def rebuttal(self, entry: RawEntry) -> Rebuttal | None:
        speaker = self.speaker(entry, "speaker", required=False)
        label = self.text(entry, "label")
        answers = self.answers(entry)
        anchored = self.anchor(entry)
        if id(entry) in self.broken or anchored is None:
            return None
        assert label and answers
        return Rebuttal(entry.id or "", speaker, label, answers, anchored[0], anchored[1],
                        entry.line)

    def answers(self, entry: RawEntry) -> tuple[str, ...] | None:
        data = entry.data
        assert isinstance(data, dict)
        if "answers" not in data:
            self.report(entry, _('missing "answers" (the ids of the claims or rebuttals it '
                                 'answers)'))
            return None
        value = data["answers"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            shown = _("an empty array") if isinstance(value, list) else type_name(value)
            self.report(entry, _("must name at least one claim or rebuttal, not {value}").format(
                value=shown), key="answers")
            return None
        found: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.report(entry, _("ids are strings, not {type}").format(
                    type=type_name(item)), key="answers")
            elif "#" in item:  # another document's entry (a debate): checked there
                if not CROSS_LINK.fullmatch(item):
                    self.report(entry, _('"{link}" is not a link to another document\'s entry: '
                                         "write NAME#ID, NAME a document of the debate"
                                         ).format(link=item), key="answers")
                elif item not in found:
                    found.append(item)
            elif self.reference(entry, "answers", item, "answerable") and item not in found:
                found.append(item)
        self.answer_links[id(entry)] = (entry, tuple(found))
        return tuple(found)

    def open_circles(self) -> set[str]:
        """Report each circle of answers among the rebuttals not skipped (``a → b → a``,
        on the circle's first entry in the file) and skip that entry, until none is left.
        Returns the ids skipped. Found without the document too (``--structure``)."""
        entries = {entry.id or "": entry for entry, _answers in self.answer_links.values()
                   if id(entry) not in self.broken}
        graph = {entry_id: self.answer_links[id(entry)][1]
                 for entry_id, entry in entries.items()}
        opened: set[str] = set()
        while True:
            circle = find_circle(graph)
            if circle is None:
                return opened
            first = min(circle, key=lambda i: entries[i].line or 0)
            self.report(entries[first], circle_message(circle, first), "cycle", "answers")
            opened.add(first)
            del graph[first]

    def run(self) -> Annotations:
        self.check_ids()
        entities: dict[str, Entity] = {}
        chapters: list[Chapter] = []
        claims: dict[str, Claim] = {}
        rebuttals: dict[str, Rebuttal] = {}
        owners: dict[str, str] = {}  # folded alias → entity id
        for entry in self.parsed.entries:
            if not isinstance(entry.data, dict):
                continue
            built = getattr(self, entry.kind)(entry)
            if built is None or id(entry) in self.broken:
                continue
            if isinstance(built, Entity):
                for alias in built.aliases:
                    owner = owners.setdefault(fold_query(alias), built.id)
                    if owner != built.id:
                        self.report(entry, _('alias "{alias}" also names "{owner}"').format(
                            alias=alias, owner=owner), "duplicate-alias", "aliases",
                            skipped=False)
                entities[built.id] = built
            elif isinstance(built, Chapter):
                chapters.append(built)
            elif isinstance(built, Claim):
                claims[built.id] = built
            elif isinstance(built, Rebuttal):
                rebuttals[built.id] = built
        for entry_id in self.open_circles():
            rebuttals.pop(entry_id, None)
        chapters.sort(key=lambda c: c.number)
        self.problems.sort(key=lambda p: (p.line is None, p.line or 0))
        return Annotations(entities, chapters, claims, rebuttals, self.problems,
                           self.parsed.path, title=self.parsed.title,
                           debate_path=self.parsed.path.parent / self.parsed.debate
                           if self.parsed.path is not None and self.parsed.debate else None)


CIRCLE = N_("go round in a circle: {ids} (a reply answers what was said before it)")


def circle_message(circle: list[str], first: str) -> str:
    """``go round in a circle: a → b → a (…)``, the circle told from ``first``."""
    at = circle.index(first)
    return _(CIRCLE).format(ids=" → ".join([*circle[at:], *circle[:at], first]))


def find_circle(graph: dict[str, tuple[str, ...]]) -> list[str] | None:
    """A circle of answers in ``graph`` (rebuttal id → its answers), in the order the
    answers run, or None. Iterative depth-first search in the graph's order: any size."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in graph:
        if start in state:
            continue
        path = [start]
        state[start] = 1
        pending = [iter(graph[start])]
        while pending:
            for target in pending[-1]:
                if target not in graph:
                    continue
                if state.get(target) == 1:
                    return path[path.index(target):]
                if target not in state:
                    state[target] = 1
                    path.append(target)
                    pending.append(iter(graph[target]))
                    break
            else:
                state[path.pop()] = 2
                pending.pop()
    return None


def resolve_annotations(parsed: ParsedAnnotations, paragraphs: list[str] | None
                        ) -> Annotations:
    """Check parsed entries and resolve their anchors in ``paragraphs``. The result holds
    the entries that loaded; ``Annotations.problems`` lists everything else. With
    ``paragraphs=None`` only the structure is checked (no document): nothing anchored loads."""
    return _Checker(parsed, paragraphs).run()
