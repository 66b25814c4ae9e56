"""Annotating one document: what the app's dialog asks, its defaults, and the saving.

Textual-free, so that every default and every write is tested without a screen. The app
asks :meth:`AnnotationSession.defaults` for a new entry's fields (each with a value that
Enter can accept), then :meth:`AnnotationSession.create` writes it through an
:class:`~reader.content.annotations.editor.AnnotationEditor` and the app reloads the
annotations with :meth:`AnnotationSession.reload`.

Defaults:

* the label (a chapter's title, an entity's name): the words of the range, shortened to
  :data:`LABEL_WORDS` words;
* the speaker (a chapter's teller): the entity named nearest before the range (any of its
  spellings, compared folded), looking back at most :data:`LOOK_BACK` paragraphs; else, for
  a claim or a rebuttal, none (:data:`UNSAID`: the file leaves it out), for a chapter a new
  entity to name (a chapter has a teller);
* what a rebuttal answers: the focused claim or rebuttal, else the nearest claim before
  the range, else the first claim after it;
* a chapter's summary: the range's words (up to :data:`SUMMARY_WORDS`); its date: a year
  found in the range's paragraph, with its month when a month is named just before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit

from reader.content.annotations.editor import AnnotationEditor, EditError
from reader.content.annotations.home import FoundAnnotations, annotation_target
from reader.content.annotations.model import Annotations
from reader.content.annotations.quotes import QuoteWriter
from reader.content.document import Document
from reader.content.loading import find_annotations
from reader.i18n import _
from reader.text.fold import fold_query
from reader.text.span import Span

LABEL_WORDS = 6
SUMMARY_WORDS = 16
LOOK_BACK = 20
# The choice that makes a new entity out of a name typed in the dialog.
NEW_ENTITY = "\x00new"
# The choice of no speaker: a claim or a rebuttal may leave it unsaid (not written).
UNSAID = ""

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# The fields a person types that an entry cannot do without.
REQUIRED = {"entity": ("name",), "chapter": ("title", "summary"), "claim": ("label",),
            "rebuttal": ("label",)}


def check_fields(kind: str, fields: dict[str, Any]) -> None:
    """:class:`EditError` for a field the loader would refuse: an empty label, a bad date."""
    for key in REQUIRED[kind]:
        if key in fields and not str(fields[key] or "").strip():
            raise EditError(_("the {field} is empty").format(field=_(key)), key)
    date = str(fields.get("date") or "").strip()
    if date and not _DATE.fullmatch(date):
        raise EditError(_("the date must be YYYY, YYYY-MM or YYYY-MM-DD, not {date}").format(
            date=repr(date)), "date")


def shorten(text: str, words: int = LABEL_WORDS) -> str:
    """The first ``words`` words of ``text`` on one line, ``…`` when some were left out."""
    parts = text.split()
    shown = " ".join(parts[:words])
    return shown + ("…" if len(parts) > words else "")


def date_near(paragraph: str) -> str:
    """``YYYY`` or ``YYYY-MM`` from the first year in ``paragraph`` (digits of any script),
    with the month named right before it; empty when there is none."""
    folded = fold_query(paragraph)
    match = _YEAR.search(folded)
    if match is None:
        return ""
    before = folded[max(0, match.start() - 16) : match.start()].strip()
    for name, month in _MONTHS.items():
        if before.endswith(name):
            return f"{match.group(1)}-{month:02d}"
    return match.group(1)


def trimmed(paragraphs: list[str], span: Span) -> Span:
    """``span`` without the spaces at its ends."""
    text = paragraphs[span.paragraph][span.start : span.end]
    start = span.start + len(text) - len(text.lstrip())
    end = span.end - (len(text) - len(text.rstrip()))
    return Span(span.paragraph, start, max(start, end))


@dataclass
class Draft:
    """A new entry's fields as the dialog shows them (all strings or lists of ids)."""

    kind: str
    span: Span
    fields: dict[str, Any] = field(default_factory=dict)


class AnnotationSession:
    """Writes the annotations of ``document`` (to ``explicit`` when given)."""

    def __init__(self, document: Document, annotations: Annotations | None,
                 explicit: Path | None = None,
                 folded: Callable[[], tuple[str, Sequence[int]]] | None = None) -> None:
        """``folded`` gives the document already folded (the app's search index), so that
        a book is not folded again to write an anchor."""
        self.document = document
        self._folded = folded
        self.explicit = explicit
        self.annotations = annotations
        self.path = annotation_target(document, explicit)
        self.editor = AnnotationEditor(self.path, document.path)
        self.editor.seed = self._seed()
        self._writer: QuoteWriter | None = None

    def _seed(self) -> str | None:
        """What a new file in the state directory starts from: the annotations the document
        already has from elsewhere (the bundled article's own file), its ``document`` key
        made absolute so that ``reader check`` finds the text from there."""
        source = self.annotations.path if self.annotations is not None else None
        if source is None or source == self.path or not source.is_file():
            return None
        try:
            document = tomlkit.parse(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError):
            return None
        if self.document.path is not None:
            document["document"] = str(self.document.path.resolve())
        return (f"# reader's copy of {source}, with what was annotated in the app; check it "
                f"with:\n#   reader check {self.path}\n" + tomlkit.dumps(document))

    @property
    def writer(self) -> QuoteWriter:
        if self._writer is None:
            self._writer = QuoteWriter(self.document.paragraphs,
                                       self._folded() if self._folded else None)
        return self._writer

    # -- defaults -----------------------------------------------------------------------

    def entity_choices(self, unsaid: bool = False) -> list[tuple[str, str]]:
        """(id, name) of every entity, then the choice to name a new one; first, with
        ``unsaid`` (a claim's or a rebuttal's speaker), the choice of none."""
        entities = self.annotations.entities.values() if self.annotations else []
        return ([(UNSAID, "no speaker")] if unsaid else []) \
            + [(e.id, e.name) for e in entities] + [(NEW_ENTITY, "new…")]

    def answer_choices(self) -> list[tuple[str, str]]:
        """What a rebuttal may answer: the claims, then the rebuttals (marked ``↩``), each
        in the order of the text."""
        if self.annotations is None:
            return []
        claims = sorted(self.annotations.claims.values(), key=lambda c: c.span)
        rebuttals = sorted(self.annotations.rebuttals.values(), key=lambda r: r.span)
        return [(c.id, c.label) for c in claims] + [(r.id, f"↩ {r.label}") for r in rebuttals]

    def nearest_entity(self, span: Span) -> str | None:
        """The entity named nearest before ``span`` (looking back a few paragraphs)."""
        if self.annotations is None or not self.annotations.entities:
            return None
        spellings = [(fold_query(alias).strip(), entity.id)
                     for entity in self.annotations.entities.values()
                     for alias in entity.aliases if fold_query(alias).strip()]
        for paragraph in range(span.paragraph, max(-1, span.paragraph - LOOK_BACK), -1):
            text = self.document.paragraphs[paragraph]
            if paragraph == span.paragraph:
                text = text[: span.start]
            folded = fold_query(text)
            best: tuple[int, int, str] | None = None  # (end, length, id)
            for spelling, entity_id in spellings:
                at = folded.rfind(spelling)
                if at >= 0:
                    candidate = (at + len(spelling), len(spelling), entity_id)
                    if best is None or candidate[:2] > best[:2]:
                        best = candidate
            if best is not None:
                return best[2]
        return None

    def nearest_claim(self, span: Span, focused: str | None = None) -> str | None:
        if self.annotations is None or not self.annotations.claims:
            return None
        if focused in self.annotations.claims or focused in self.annotations.rebuttals:
            return focused
        claims = sorted(self.annotations.claims.values(), key=lambda c: c.span)
        before = [c for c in claims if c.span < span]
        return (before[-1] if before else claims[0]).id

    def defaults(self, kind: str, span: Span, focused: str | None = None) -> Draft:
        span = trimmed(self.document.paragraphs, span)
        text = span.text(self.document.paragraphs)
        speaker = self.nearest_entity(span) or (NEW_ENTITY if kind == "chapter" else UNSAID)
        fields: dict[str, Any]
        if kind == "entity":
            fields = {"name": " ".join(text.split()), "kind": "person", "aliases": ""}
        elif kind == "chapter":
            fields = {"title": shorten(text), "teller": speaker, "new_name": "",
                      "summary": shorten(text, SUMMARY_WORDS),
                      "date": date_near(self.document.paragraphs[span.paragraph])}
        elif kind == "claim":
            fields = {"label": shorten(text), "speaker": speaker, "new_name": ""}
        else:
            claim = self.nearest_claim(span, focused)
            fields = {"label": shorten(text), "speaker": speaker, "new_name": "",
                      "answers": [claim] if claim else []}
        return Draft(kind, span, fields)

    # -- writing ------------------------------------------------------------------------

    def create(self, draft: Draft) -> str:
        """Write the entry (and a new speaker first, when one was named). Its id."""
        fields = {k: v.strip() if isinstance(v, str) else v
                  for k, v in draft.fields.items() if k != "new_name"}
        check_fields(draft.kind, {key: fields.get(key) for key in REQUIRED[draft.kind]}
                     | {"date": fields.get("date")})
        if draft.kind == "entity":
            aliases = [a.strip() for a in re.split(r"[,،;؛]", str(fields.get("aliases", "")))
                       if a.strip()]
            fields["aliases"] = aliases
            if not str(fields.get("name", "")).strip():
                raise EditError(_("an entity needs a name"), "name")
            return self.editor.add("entity", fields)
        if draft.kind == "rebuttal" and not fields.get("answers"):
            raise EditError(_("a rebuttal answers a claim: mark the claim first (a, then c)"),
                            "answers")
        selector, _span = self.writer.selector(draft.span)
        fields["anchor"] = selector
        speaker_key = "teller" if draft.kind == "chapter" else "speaker"
        with self.editor.one_change():  # one undo takes back the entry and its new speaker
            if fields.get(speaker_key) == NEW_ENTITY:
                name = " ".join(str(draft.fields.get("new_name", "")).split())
                if not name:
                    raise EditError(_("name the new speaker (or choose one)"), "new_name")
                fields[speaker_key] = self.editor.add("entity",
                                                      {"name": name, "kind": "person"})
            return self.editor.add(draft.kind, fields)

    def reload(self) -> FoundAnnotations:
        """Load the annotations again, as the app opened them."""
        explicit = self.explicit
        if explicit is None and self.path.exists():
            explicit = self.path
        found = find_annotations(self.document, explicit)
        self.annotations = found.annotations
        return found
