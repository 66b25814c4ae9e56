"""Annotations in and out: W3C Web Annotation (JSON-LD), Hypothesis exports and Argdown.

The reader's anchors already are W3C quote selectors, so an entry maps onto one
``Annotation`` whose target carries two selectors (docs/argument-exchange.md):

* a ``TextQuoteSelector``: ``exact``, ``prefix`` and ``suffix`` as the annotation file
  writes them (quotes of the text, matched folded); ``occurrence``, which W3C has no word
  for, goes in the extension term ``reader:occurrence``;
* a ``TextPositionSelector``: ``start``/``end`` counted in code points of the document's
  text as shown, that is its paragraphs joined by line feeds (for a .txt file: the file's
  text with its line ends made line feeds; for Markdown or HTML: the text without markup).

What W3C has no term for (the kind of entry, its id, speaker, title, summary, date and the
claims a rebuttal answers; the entities) is written with the extension prefix ``reader:``
(:data:`READER_NAMESPACE`), and repeated as tagging bodies (``claim``, ``speaker:musk``,
``answers:claim-id``), which is what Hypothesis shows and searches.

Importing reads a W3C ``AnnotationCollection``, a list of ``Annotation``\\ s, or
Hypothesis's export file (``{"export_date": …, "annotations": […]}``: its API's
annotations, with ``text``, ``tags`` and ``target[].selector``). Each quote is anchored on
the text as shown: the selector as given when it picks one place (so that export then
import gives the file back), else among the places of ``exact`` the one whose surroundings
agree best with ``prefix``/``suffix`` (nearest the given position on a tie), written anew
as the shortest selector (:class:`~reader.content.annotations.quotes.QuoteWriter`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import tomlkit

from reader.content.annotations.anchors import AnchorError, AnchorResolver
from reader.content.annotations.editor import FIELD_ORDER, entry_table
from reader.content.annotations.ids import new_id
from reader.content.annotations.model import (
    Annotations,
    Chapter,
    Claim,
    Entity,
    QuoteSelector,
    Rebuttal,
)
from reader.content.annotations.parse import ENTRY_ID
from reader.content.annotations.quotes import QuoteWriter
from reader.i18n import _
from reader.text.fold import fold_query
from reader.text.span import Span

__all__ = ["READER_CONTEXT", "READER_NAMESPACE", "ImportResult", "Unresolved", "argdown_text",
           "import_annotations", "joined_starts", "w3c_collection"]

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# The extension's terms are IRIs under this prefix (a URN: it names, it is not fetched).
READER_NAMESPACE = "urn:x-reader:annotation:"
READER_CONTEXT = {"reader": READER_NAMESPACE}
_MOTIVATION = {"entity": "identifying", "chapter": "describing", "claim": "commenting",
               "rebuttal": "replying"}
_ANCHORED_KINDS = ("chapter", "claim", "rebuttal")
# A label made from the quote keeps this many words (as the app's dialog does).
_LABEL_WORDS = 6


def joined_starts(paragraphs: list[str]) -> list[int]:
    """Where each paragraph starts in the paragraphs joined by line feeds."""
    starts, position = [], 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + 1
    return starts


# -- export: W3C ------------------------------------------------------------------------


def _tag(value: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": "tagging", "value": value}


def _body(value: str, purpose: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _entry_annotation(entry: Entity | Chapter | Claim | Rebuttal, source: str,
                      starts: list[int]) -> dict[str, Any]:
    kind = {Entity: "entity", Chapter: "chapter", Claim: "claim", Rebuttal: "rebuttal"}[
        type(entry)]
    note: dict[str, Any] = {"type": "Annotation", "id": f"{source}#{entry.id}",
                            "motivation": _MOTIVATION[kind]}
    extension: dict[str, Any] = {"reader:kind": kind, "reader:id": entry.id}
    tags = [kind]
    if isinstance(entry, Entity):
        bodies = [_body(entry.name, "identifying")]
        extension.update({"reader:name": entry.name, "reader:entityKind": entry.kind,
                          "reader:aliases": list(entry.aliases[1:])})
        note["body"] = [*bodies, *(_tag(t) for t in tags)]
        note["target"] = source
        note.update(extension)
        return note
    if isinstance(entry, Chapter):
        bodies = [_body(entry.title, "describing"), _body(entry.summary, "commenting")]
        extension.update({"reader:title": entry.title, "reader:summary": entry.summary,
                          "reader:teller": entry.teller})
        if entry.date:
            extension["reader:date"] = entry.date
        tags.append(f"speaker:{entry.teller}")
    else:
        bodies = [_body(entry.label, "commenting")]
        extension["reader:label"] = entry.label
        if entry.speaker is not None:  # (not said: not guessed either)
            extension["reader:speaker"] = entry.speaker
            tags.append(f"speaker:{entry.speaker}")
        if isinstance(entry, Rebuttal):
            extension["reader:answers"] = list(entry.answers)
            tags.extend(f"answers:{answer}" for answer in entry.answers)
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": entry.anchor.exact}
    if entry.anchor.prefix:
        quote["prefix"] = entry.anchor.prefix
    if entry.anchor.suffix:
        quote["suffix"] = entry.anchor.suffix
    if entry.anchor.occurrence is not None:
        extension["reader:occurrence"] = entry.anchor.occurrence
    start = starts[entry.span.paragraph] + entry.span.start
    position = {"type": "TextPositionSelector", "start": start,
                "end": start + entry.span.end - entry.span.start}
    note["body"] = [*bodies, *(_tag(t) for t in tags)]
    note["target"] = {"source": source, "selector": [quote, position]}
    note.update(extension)
    return note


def w3c_collection(annotations: Annotations, paragraphs: list[str], source: str
                   ) -> dict[str, Any]:
    """The entries of ``annotations`` as one W3C ``AnnotationCollection`` (one page)."""
    starts = joined_starts(paragraphs)
    entries: list[Entity | Chapter | Claim | Rebuttal] = [
        *annotations.entities.values(), *annotations.anchored()]
    items = [_entry_annotation(entry, source, starts) for entry in entries]
    collection: dict[str, Any] = {
        "@context": [W3C_CONTEXT, READER_CONTEXT],
        "type": "AnnotationCollection",
        "id": f"{source}#annotations",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if annotations.title:
        collection["label"] = annotations.title
    if annotations.debate_path is not None:
        collection["reader:debate"] = annotations.debate_path.resolve().as_uri()
    return collection


# -- export: Argdown --------------------------------------------------------------------

# Characters that mean something in Argdown text; escaped with a backslash.
_ARGDOWN_SPECIAL = set("\\[]<>#*_{}@/")


def _argdown_escape(text: str) -> str:
    return "".join("\\" + ch if ch in _ARGDOWN_SPECIAL else ch for ch in " ".join(text.split()))


def argdown_text(annotations: Annotations, source: str = "") -> str:
    """The argument in Argdown: a section per chapter (``#`` heading), each claim and
    rebuttal a statement titled by its id, with its label and its speaker as a tag, and a
    rebuttal's answers as attacks (``->``). A cross-document answer (``name#id``) attacks a
    statement titled ``name#id``. Statements come in the map's order
    (:func:`reader.content.annotations.argument_map.map_rows`), each written once."""
    from reader.content.annotations.argument_map import map_rows

    lines = ["// Argdown export of " + " ".join(source.split()) if source else
             "// Argdown export", ""]
    if annotations.title:
        lines += [f"# {_argdown_escape(annotations.title)}", ""]
    written: set[str] = set()
    for row in map_rows(annotations):
        if row.kind == "chapter":
            lines += [f"## {_argdown_escape(row.label)}", ""]
            continue
        if row.entry_id in written or row.kind not in ("claim", "rebuttal"):
            continue
        written.add(row.entry_id)
        entry = annotations.entry(row.entry_id)
        assert isinstance(entry, Claim | Rebuttal)
        speaker = f" #({_tag_text(entry.speaker)})" if entry.speaker is not None else ""
        lines.append(f"[{_title(entry.id)}]: {_argdown_escape(entry.label)}{speaker}")
        if isinstance(entry, Rebuttal):
            lines += [f"  -> [{_title(answer)}]" for answer in entry.answers]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _title(entry_id: str) -> str:
    """A statement's title: the entry id (ids hold nothing Argdown reads in a title)."""
    return entry_id


def _tag_text(text: str) -> str:
    return "".join(ch for ch in text if ch not in "()")


# -- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unresolved:
    """An annotation that could not be brought in: which one (its place in the input, from
    1, and its id or quote) and why."""

    number: int
    name: str
    reason: str

    def __str__(self) -> str:
        return _("annotation {number} ({name}): {reason}").format(
            number=self.number, name=self.name, reason=self.reason)


@dataclass
class ImportResult:
    """What an import gives: entries as (kind, fields), in input order, and what was left
    out."""

    title: str = ""
    debate: Path | None = None  # the debate file the annotations belong to
    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    total: int = 0

    def toml(self, document: str | None, debate: str | None = None) -> str:
        """The annotation file: ``document`` key, title, ``debate`` key, then the entries
        by kind."""
        out = tomlkit.document()
        out.add(tomlkit.comment("Imported by reader import; check it with: reader check FILE"))
        if document:
            out["document"] = document
        if self.title:
            out["title"] = self.title
        if debate:
            out["debate"] = debate
        for kind in FIELD_ORDER:
            tables = [fields for entry_kind, fields in self.entries if entry_kind == kind]
            if not tables:
                continue
            array = tomlkit.aot()
            for fields in tables:
                array.append(entry_table(kind, fields))
            out.add(tomlkit.nl())
            out.append(kind, array)
        return tomlkit.dumps(out)


class NotAnExport(ValueError):
    """The input is not an annotation export at all."""


def _debate_of(data: Any) -> Path | None:
    """The debate file a reader export names (``reader:debate``, a file URI)."""
    value = data.get("reader:debate") if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.startswith("file://"):
        return None
    return Path(unquote(urlsplit(value).path))


def _annotations_of(data: Any) -> tuple[str, list[Any]]:
    """(title, annotations) of a W3C collection or page, a list, or a Hypothesis export."""
    if isinstance(data, list):
        return "", data
    if not isinstance(data, dict):
        raise NotAnExport(_("expected a JSON object or array of annotations"))
    if isinstance(data.get("annotations"), list):  # Hypothesis: {"export_date", "annotations"}
        return "", data["annotations"]
    kind = data.get("type")
    if kind == "Annotation":
        return "", [data]
    if kind in ("AnnotationCollection", "AnnotationPage"):
        items: list[Any] = []
        page = data.get("first") if kind == "AnnotationCollection" else data
        seen = 0
        while isinstance(page, dict) and seen < 10_000:
            items.extend(page.get("items") or [])
            page = page.get("next")
            seen += 1
        label = data.get("label")
        return label if isinstance(label, str) else "", items
    raise NotAnExport(_("not a W3C annotation collection, nor a Hypothesis export "
                         '(no "annotations", no "type": "AnnotationCollection")'))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _bodies(note: dict[str, Any]) -> list[dict[str, Any]]:
    body = note.get("body", [])
    bodies = body if isinstance(body, list) else [body]
    return [b for b in bodies if isinstance(b, dict)]


def _tags(note: dict[str, Any]) -> list[str]:
    tags = _strings(note.get("tags"))  # Hypothesis
    tags += [b["value"] for b in _bodies(note)
             if b.get("purpose") == "tagging" and isinstance(b.get("value"), str)]
    return [t.strip() for t in tags if t.strip()]


def _text(note: dict[str, Any]) -> str:
    """The annotation's own words: Hypothesis's ``text``, else its first textual body that
    is not a tag."""
    text = note.get("text")
    if isinstance(text, str) and text.strip():
        return text
    for body in _bodies(note):
        value = body.get("value")
        if body.get("purpose") != "tagging" and isinstance(value, str):
            return value
    return ""


def _one_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _selectors(note: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(TextQuoteSelector, TextPositionSelector) of the first target that has one."""
    targets = note.get("target", [])
    targets = targets if isinstance(targets, list) else [targets]
    for target in targets:
        if not isinstance(target, dict):
            continue
        selectors = target.get("selector", [])
        selectors = selectors if isinstance(selectors, list) else [selectors]
        quote = next((s for s in selectors if isinstance(s, dict)
                      and s.get("type") == "TextQuoteSelector"), None)
        position = next((s for s in selectors if isinstance(s, dict)
                         and s.get("type") == "TextPositionSelector"), None)
        if quote is not None or position is not None:
            return quote, position
    return None, None


class _Anchoring:
    """Anchors imported quotes on one document's text as shown."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self.text = "\n".join(paragraphs)
        self.starts = joined_starts(paragraphs)
        self.resolver = AnchorResolver(paragraphs)
        self.writer = QuoteWriter(paragraphs)

    def _absolute(self, span: Span) -> int:
        return self.starts[span.paragraph] + span.start

    def _agreement(self, span: Span, prefix: str, suffix: str) -> int:
        """How many folded letters of ``prefix`` and ``suffix`` (white space aside) agree
        with the text around ``span``."""
        start = self._absolute(span)
        end = start + span.end - span.start
        score = 0
        if prefix:
            wanted = "".join(fold_query(prefix).split())
            have = "".join(fold_query(self.text[max(0, start - 2 * len(prefix) - 8):start])
                           .split())
            while score < min(len(wanted), len(have)) and wanted[-1 - score] == have[-1 - score]:
                score += 1
        if suffix:
            wanted = "".join(fold_query(suffix).split())
            have = "".join(fold_query(self.text[end:end + 2 * len(suffix) + 8]).split())
            ahead = 0
            while ahead < min(len(wanted), len(have)) and wanted[ahead] == have[ahead]:
                ahead += 1
            score += ahead
        return score

    def anchor(self, quote: dict[str, Any] | None, position: dict[str, Any] | None,
               occurrence: Any, keep: bool = False) -> tuple[QuoteSelector, Span]:
        """The selector to write and the span it picks; :class:`AnchorError` when the
        quote is not in the text or its place cannot be told. ``keep``: a selector that
        picks one place is written as given (else the shortest one is written)."""
        exact = quote.get("exact") if quote else None
        at = None
        if position is not None and isinstance(position.get("start"), int) \
                and isinstance(position.get("end"), int):
            at = (position["start"], position["end"])
        if not isinstance(exact, str) or not exact.strip():
            if at is None or not 0 <= at[0] < at[1] <= len(self.text):
                raise AnchorError("quote-not-found", _("no quote and no position in the text"))
            exact = self.text[at[0]:at[1]]
        prefix = quote.get("prefix", "") if quote else ""
        suffix = quote.get("suffix", "") if quote else ""
        prefix = prefix if isinstance(prefix, str) else ""
        suffix = suffix if isinstance(suffix, str) else ""
        if not (isinstance(occurrence, int) and not isinstance(occurrence, bool)
                and occurrence > 0):
            occurrence = None
        given = QuoteSelector(exact, prefix, suffix, occurrence)
        failure: AnchorError | None = None
        try:  # the selector as it is written, when it picks one place
            span = self.resolver.resolve(given)
            if keep:  # reader's own export: kept as it is, so the file comes back the same
                return given, span
            return self.writer.selector(span)
        except AnchorError as error:
            failure = error
        places = self.resolver.spans(exact)
        if not places:
            raise failure or AnchorError("quote-not-found", _("the quote is not in the text"))

        def rank(span: Span) -> tuple[int, int]:
            distance = abs(self._absolute(span) - at[0]) if at is not None else 0
            return -self._agreement(span, prefix, suffix), distance

        ranked = sorted(places, key=rank)
        if len(ranked) > 1 and rank(ranked[0]) == rank(ranked[1]):
            raise AnchorError("ambiguous-quote", _(
                "the quote is found {count} times and its context does not tell which").format(
                    count=len(ranked)))
        return self.writer.selector(ranked[0])


def _shortened(text: str) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")


def import_annotations(data: Any, paragraphs: list[str]) -> ImportResult:
    """Annotations from parsed JSON (W3C or Hypothesis), anchored in ``paragraphs``.

    :class:`NotAnExport` when ``data`` is no annotation export at all."""
    title, notes = _annotations_of(data)
    result = ImportResult(title=title, total=len(notes), debate=_debate_of(data))
    anchoring = _Anchoring(paragraphs)
    ids: set[str] = set()
    people = _People(ids)
    # Entities first: speakers of the annotations that follow refer to them.
    for note in notes:
        if isinstance(note, dict) and note.get("reader:kind") == "entity":
            fields = _entity_fields(note)
            if fields is not None and fields["id"] not in ids:
                people.add(fields)
    anchored: list[tuple[int, str, dict[str, Any]]] = []
    renamed: dict[str, str] = {}  # an annotation's id in the input → its entry id
    for number, note in enumerate(notes, 1):
        if not isinstance(note, dict):
            result.unresolved.append(Unresolved(number, "?", _("not a JSON object")))
            continue
        if note.get("reader:kind") == "entity":
            continue
        made = _anchored_fields(note, number, anchoring, ids, people, result)
        if made is not None:
            anchored.append((number, *made))
            for name in (note.get("id"), note.get("reader:id")):
                if isinstance(name, str) and name:
                    renamed.setdefault(name, made[1]["id"])
    kept: list[tuple[str, dict[str, Any]]] = []
    for number, kind, fields in anchored:
        if kind == "rebuttal" and not _link_answers(fields, renamed):
            result.unresolved.append(Unresolved(number, fields["id"], _(
                "a rebuttal whose answers name nothing in the import: {answers}").format(
                    answers=", ".join(fields["answers"]))))
            continue
        kept.append((kind, fields))
    result.entries = [("entity", fields) for fields in people.entities.values()] + kept
    return result


def _link_answers(fields: dict[str, Any], renamed: dict[str, str]) -> bool:
    """Point a rebuttal's answers at the claims and rebuttals they name: an id of the input
    (reader's, or the annotation's own, as Hypothesis tags give it) becomes the entry's id;
    a link into another document of a debate (``name#id``) stays. False when nothing is
    left."""
    answers = []
    for answer in fields["answers"]:
        target = renamed.get(answer)
        if target is None and "#" in answer and "://" not in answer:
            target = answer
        if target is not None and target != fields["id"] and target not in answers:
            answers.append(target)
    fields["answers"] = answers
    return bool(answers)


def _entity_fields(note: dict[str, Any]) -> dict[str, Any] | None:
    entity_id = note.get("reader:id")
    name = _line_or(note.get("reader:name"), _one_line(_text(note)))
    if not isinstance(entity_id, str) or not ENTRY_ID.fullmatch(entity_id) or not name:
        return None
    kind = note.get("reader:entityKind")
    return {"id": entity_id, "name": name,
            "kind": kind if kind in ("person", "organisation") else "person",
            "aliases": _strings(note.get("reader:aliases"))}


def _speaker(note: dict[str, Any], tags: list[str], people: _People, key: str,
             required: bool = True) -> str | None:
    """The entity id of who speaks: the extension's, a ``speaker:`` tag, else the
    Hypothesis user (an entity, a person, is made for one not met yet). None, unless
    ``required`` (a chapter's teller), when the note names nobody: a claim or a rebuttal
    may leave its speaker unsaid."""
    given = note.get(key) or note.get("reader:speaker")
    if not isinstance(given, str) or not given.strip():
        given = next((t.split(":", 1)[1] for t in tags if t.startswith("speaker:")), "")
    name = given
    if not given:
        info = note.get("user_info")
        shown = info.get("display_name", "") if isinstance(info, dict) else ""
        user = note.get("user") or note.get("creator") or ""
        user = user.get("name", "") if isinstance(user, dict) else str(user)
        user = user.removeprefix("acct:").split("@")[0]
        name = shown.strip() if isinstance(shown, str) and shown.strip() else user
        if not name and not required:
            return None
        given = name or "unknown"
    return people.entity(given, _one_line(name) or given)


class _People:
    """The entities of an import: those the input gives, and those made for speakers."""

    def __init__(self, ids: set[str]) -> None:
        self.ids = ids
        self.entities: dict[str, dict[str, Any]] = {}
        self._made: dict[str, str] = {}  # how the input names a speaker → entity id

    def add(self, fields: dict[str, Any]) -> None:
        self.ids.add(fields["id"])
        self.entities[fields["id"]] = fields

    def entity(self, given: str, name: str) -> str:
        if given in self.entities:
            return given
        made = self._made.get(given)
        if made is None:
            made = given if ENTRY_ID.fullmatch(given) and given not in self.ids else \
                new_id(name, self.ids, "speaker")
            self._made[given] = made
            self.add({"id": made, "name": name, "kind": "person", "aliases": []})
        return made


def _line_or(value: Any, fallback: str) -> str:
    """``value``'s first line when it is text, else ``fallback``."""
    return (_one_line(value) if isinstance(value, str) else "") or fallback


def _anchored_fields(note: dict[str, Any], number: int, anchoring: _Anchoring, ids: set[str],
                     people: _People, result: ImportResult
                     ) -> tuple[str, dict[str, Any]] | None:
    tags = _tags(note)
    kind = note.get("reader:kind")
    if kind not in _ANCHORED_KINDS:
        kind = next((t for t in tags if t in _ANCHORED_KINDS), None)
    answers = _strings(note.get("reader:answers")) or [
        t.split(":", 1)[1] for t in tags if t.startswith("answers:") and t[8:]]
    if kind is None:
        kind = "rebuttal" if answers else "claim"
    quote, position = _selectors(note)
    given_id = note.get("reader:id")
    if not (isinstance(given_id, str) and ENTRY_ID.fullmatch(given_id)):
        given_id = None
    name = given_id if isinstance(given_id, str) else _shortened(
        (quote or {}).get("exact", "") if isinstance((quote or {}).get("exact"), str) else "")
    if quote is None and position is None:
        why = _("a reply, with no quote of its own") if note.get("references") else \
            _("no quote to anchor (a page note)")
        result.unresolved.append(Unresolved(number, name or "?", why))
        return None
    try:
        selector, span = anchoring.anchor(quote, position, note.get("reader:occurrence"),
                                          keep=isinstance(given_id, str))
    except AnchorError as error:
        result.unresolved.append(Unresolved(number, name or "?", error.message))
        return None
    words = span.text(anchoring.paragraphs)
    if kind == "chapter":
        fields: dict[str, Any] = {
            "title": _line_or(note.get("reader:title"), _one_line(_text(note))
                              or _shortened(words)),
            "summary": _line_or(note.get("reader:summary"), " ".join(words.split())),
            "teller": _speaker(note, tags, people, "reader:teller", required=True)}
        if isinstance(note.get("reader:date"), str):
            fields["date"] = note["reader:date"]
    else:
        label = _line_or(note.get("reader:label"), _one_line(_text(note)) or _shortened(words))
        fields = {"speaker": _speaker(note, tags, people, "reader:speaker", required=False),
                  "label": label}
        if kind == "rebuttal":
            if not answers:
                result.unresolved.append(Unresolved(number, name or "?", _(
                    "a rebuttal that answers nothing (no reader:answers, no answers: tag)")))
                return None
            fields["answers"] = answers
    entry_id = given_id if isinstance(given_id, str) and given_id not in ids else new_id(
        str(fields.get("label") or fields.get("title")), ids, kind)
    ids.add(entry_id)
    fields = {"id": entry_id, **fields, "anchor": selector}
    return kind, fields


def load_json(text: str) -> Any:
    """Parsed JSON, or :class:`NotAnExport` with the line and column of what is wrong."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise NotAnExport(_("not JSON: {error} (line {line}, column {column})").format(
            error=error.msg, line=error.lineno, column=error.colno)) from None

