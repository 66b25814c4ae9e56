"""Editing an annotation file in place: add, edit and remove entries, undo the last change.

The file is a person's as much as the reader's, so it is edited with tomlkit, which keeps
its comments, its order and its formatting: only the entry that changes is touched. Every
change is written at once and atomically (a temporary file in the same folder, then a
rename), and remembered so that :meth:`AnnotationEditor.undo` can put the file back as it
was (or remove it, when the change created it).

A file that is not valid TOML can still take new entries: they are appended to its text as
it is (its problems stay reported as before). Editing or removing an entry needs the file to
parse.

Removing an entry removes the links that point to it: a claim's id leaves the ``answers`` of
the rebuttals that answer it, and a rebuttal that answered nothing else goes with it
(:meth:`AnnotationEditor.links_to` names them first, for the confirmation). An entity that is
still somebody's speaker or teller is not removed: those entries would be left broken.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Array, Table

from reader.content.annotations.file import parse_annotations
from reader.content.annotations.ids import new_id
from reader.content.annotations.model import ENTRY_KINDS, QuoteSelector
from reader.i18n import N_, _
from reader.state.files import replace_text

# The kinds of entry, as messages name them.
KIND_WORDS = (N_("entity"), N_("chapter"), N_("claim"), N_("rebuttal"))

__all__ = ["FIELD_ORDER", "AnnotationEditor", "EditError", "Link", "anchor_value", "entry_table"]

# The keys of each kind, in the order they are written.
FIELD_ORDER: dict[str, tuple[str, ...]] = {
    "entity": ("id", "name", "kind", "aliases"),
    "chapter": ("id", "title", "summary", "teller", "date", "anchor"),
    "claim": ("id", "speaker", "label", "anchor"),
    "rebuttal": ("id", "speaker", "label", "answers", "anchor"),
}
# What makes an id for each kind.
_LABEL_KEY = {"entity": "name", "chapter": "title", "claim": "label", "rebuttal": "label"}
# Keys that name an entity.
_SPEAKER_KEYS = ("speaker", "teller")


def entry_table(kind: str, fields: dict[str, Any]) -> Table:
    """One entry as the editor writes it: keys in :data:`FIELD_ORDER`, empty ones left out,
    anchors as :func:`anchor_value` (also what ``reader import`` writes)."""
    return AnnotationEditor._table(kind, fields)


class EditError(Exception):
    """A change that cannot be made; ``message`` says why, in one line; ``field``: the
    field of the entry at fault, when one is (the dialog takes the reader there)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Link:
    """An entry that points to the one being removed: a rebuttal answering a claim.
    ``removed`` when it answers nothing else and goes too."""

    kind: str
    id: str
    label: str
    removed: bool = False
    via: str = "answers"  # the key that points: answers, speaker or teller

    @property
    def speaks(self) -> bool:
        """The entry names the removed one as its speaker or teller."""
        return self.via in _SPEAKER_KEYS


def anchor_value(selector: QuoteSelector) -> Any:
    """The TOML form of an anchor: the quote alone, or an inline table with its context."""
    if not (selector.prefix or selector.suffix or selector.occurrence):
        return selector.exact
    table = tomlkit.inline_table()
    table["exact"] = selector.exact
    if selector.prefix:
        table["prefix"] = selector.prefix
    if selector.suffix:
        table["suffix"] = selector.suffix
    if selector.occurrence:
        table["occurrence"] = selector.occurrence
    return table


def _header(path: Path, document: str | None) -> str:
    about = f"of {Path(document).name}" if document else "of a document read from stdin"
    lines = [
        f"# Annotations {about}: chapters, claims, rebuttals and who makes them.",
        "# Written by reader (in the app: a annotates, e edits, x removes, u undoes);",
        "# hand edits are welcome. Check the file with:",
        f"#   reader check {path.name if document and '/' not in document else path}"
        + ("" if document else " --document FILE   (FILE: the text, saved)"),
    ]
    if document:
        lines.append(f"document = {tomlkit.string(document).as_string()}")
    return "\n".join(lines) + "\n"


class AnnotationEditor:
    """Edits the annotation file ``path`` of the document at ``document_path``."""

    def __init__(self, path: Path, document_path: Path | None = None,
                 seed: str | None = None) -> None:
        """``seed``: what a new file starts from (else a header comment and the
        ``document`` key)."""
        self.path = path
        self.document_path = document_path
        self.seed = seed
        self._undo: list[tuple[str, str | None]] = []  # (what was done, text before)

    # -- reading ----------------------------------------------------------------------

    def text(self) -> str | None:
        """The file's text now, or None when there is no file yet."""
        try:
            return self.path.read_text(encoding="utf-8").removeprefix("\ufeff")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise EditError(_("{file}: cannot read the annotation file ({error})").format(
                file=self.path, error=error)) from None

    def _current(self) -> str | None:
        """What the file holds, or (before it is made) the seed it will start from."""
        text = self.text()
        return self.seed if text is None else text

    def _document_key(self) -> str | None:
        if self.document_path is None:
            return None
        document = self.document_path.resolve()
        if document.parent == self.path.resolve().parent:
            return document.name
        return str(document)

    def _parse(self, text: str) -> tomlkit.TOMLDocument | None:
        """The file as tomlkit reads it, or None when it is not valid TOML."""
        try:
            tomllib.loads(text)
            return tomlkit.parse(text)
        except (tomllib.TOMLDecodeError, TOMLKitError, ValueError):
            return None

    def ids(self) -> set[str]:
        """Every id in the file (even one that is not valid TOML: what the loader finds)."""
        text = self._current()
        if text is None:
            return set()
        return {entry.id for entry in parse_annotations(text, self.path).entries
                if entry.id is not None}

    def entry(self, entry_id: str) -> tuple[str, dict[str, Any]] | None:
        """(kind, fields) of the entry ``entry_id``, as plain values."""
        text = self._current()
        document = self._parse(text) if text is not None else None
        if document is None:
            return None
        found = self._find(document, entry_id)
        if found is None:
            return None
        kind, table = found
        return kind, table.unwrap()

    # -- changes ----------------------------------------------------------------------

    def add(self, kind: str, fields: dict[str, Any]) -> str:
        """Add an entry of ``kind`` (one of :data:`ENTRY_KINDS`); its id is made from its
        label unless ``fields`` gives one. Returns the id."""
        if kind not in ENTRY_KINDS:
            raise EditError(_("unknown kind of entry: {kind}").format(kind=kind))
        text = self.text()
        fields = dict(fields)
        if not fields.get("id"):
            fields["id"] = new_id(str(fields.get(_LABEL_KEY[kind], "")), self.ids(), kind)
        elif fields["id"] in self.ids():
            raise EditError(_('the id "{id}" is taken').format(id=fields["id"]))
        table = self._table(kind, fields)
        before = text
        if text is None and self.seed is not None:
            text = self.seed
        if text is None or not text.strip():
            text = _header(self.path, self._document_key())
        document = self._parse(text)
        if document is None:  # not valid TOML: append, keeping every byte of what is there
            single = tomlkit.document()
            array = tomlkit.aot()
            array.append(table)
            single.append(kind, array)
            new_text = text.rstrip("\n") + "\n\n" + tomlkit.dumps(single)
        else:
            existing = document.get(kind)
            if isinstance(existing, AoT):
                if len(existing):
                    last = existing[-1]
                    if last.as_string().endswith("\n\n"):
                        table.add(tomlkit.nl())  # keep the blank line before what follows
                    else:
                        last.add(tomlkit.nl())
                existing.append(table)
            elif existing is None:
                array = tomlkit.aot()
                array.append(table)
                if document.body and not text.endswith("\n\n"):
                    document.add(tomlkit.nl())
                document.append(kind, array)
            else:
                raise EditError(_('"{kind}" in {file} is not written [[{kind}]]: fix it to add '
                                  "entries").format(kind=kind, file=self.path))
            new_text = tomlkit.dumps(document)
        self._commit(_("add {kind} {id}").format(kind=_(kind), id=fields["id"]), before,
                     new_text)
        return str(fields["id"])

    def edit(self, entry_id: str, fields: dict[str, Any]) -> None:
        """Set the given fields of an entry (a value of None removes the key)."""
        document, before = self._document_for_change()
        found = self._find(document, entry_id)
        if found is None:
            raise EditError(_('no entry "{id}" in {file}').format(id=entry_id, file=self.path))
        kind, table = found
        if "id" in fields and fields["id"] != entry_id:
            raise EditError(_("an id is not edited: other entries may name it"))
        for key, value in fields.items():
            if value is None:
                if key in table:
                    del table[key]
            else:
                table[key] = anchor_value(value) if isinstance(value, QuoteSelector) else value
        self._commit(_("edit {kind} {id}").format(kind=_(kind), id=entry_id), before,
                     tomlkit.dumps(document))

    def links_to(self, entry_id: str) -> list[Link]:
        """The entries that point to ``entry_id`` (what removing it changes)."""
        text = self._current()
        document = self._parse(text) if text is not None else None
        if document is None:
            return []
        links = []
        for kind, table in self._tables(document):
            if kind == "rebuttal":
                answers = table.get("answers")
                values = [answers] if isinstance(answers, str) else list(answers or [])
                if entry_id in values:
                    rest = [value for value in values if value != entry_id]
                    links.append(Link(kind, str(table.get("id", "")),
                                      str(table.get("label", "")), removed=not rest))
            for key in _SPEAKER_KEYS:
                if table.get(key) == entry_id:
                    label = table.get("label", table.get("title", ""))
                    links.append(Link(kind, str(table.get("id", "")), str(label), via=key))
        return links

    def remove(self, entry_id: str) -> list[Link]:
        """Remove an entry and the links to it; returns what those links were."""
        document, before = self._document_for_change()
        found = self._find(document, entry_id)
        if found is None:
            raise EditError(_('no entry "{id}" in {file}').format(id=entry_id, file=self.path))
        kind, _table = found
        links = self.links_to(entry_id)
        speaking = [link for link in links if link.speaks]
        if speaking:
            named = _(", ").join(f"{_(link.kind)} {link.id}" for link in speaking[:4])
            if len(speaking) > 4:
                named += _(" and {count} more").format(count=len(speaking) - 4)
            raise EditError(_("{id} is the speaker or teller of {entries}: edit or remove "
                              "those first").format(id=entry_id, entries=named))
        for link in links:
            if link.removed:
                self._delete(document, link.id)
                continue
            linked = self._find(document, link.id)
            if linked is None:
                continue
            answers = linked[1]["answers"]
            if isinstance(answers, Array):
                while entry_id in answers:
                    answers.remove(entry_id)
        self._delete(document, entry_id)
        self._commit(_("remove {kind} {id}").format(kind=_(kind), id=entry_id), before,
                     tomlkit.dumps(document))
        return links

    def undo(self) -> str | None:
        """Put the file back as it was before the last change; what was undone, or None
        when there is nothing to undo."""
        if not self._undo:
            return None
        done, before = self._undo.pop()
        if before is None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        else:
            self._write(before)
        return done

    @contextlib.contextmanager
    def one_change(self) -> Iterator[None]:
        """The changes made inside are undone together, by one :meth:`undo`."""
        mark = len(self._undo)
        try:
            yield
        finally:
            if len(self._undo) - mark > 1:
                done, before = self._undo[-1][0], self._undo[mark][1]
                del self._undo[mark:]
                self._undo.append((done, before))

    # -- helpers ----------------------------------------------------------------------

    def _document_for_change(self) -> tuple[tomlkit.TOMLDocument, str | None]:
        """The document to change, and the file's text before (None: no file yet)."""
        before = self.text()
        text = self.seed if before is None else before
        if text is None:
            raise EditError(_("{file} does not exist").format(file=self.path))
        document = self._parse(text)
        if document is None:
            raise EditError(_("{file} is not valid TOML: fix it (reader check {file}) to edit "
                              "or remove entries; new ones can be added").format(file=self.path))
        return document, before

    @staticmethod
    def _tables(document: tomlkit.TOMLDocument) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = []
        for kind in ENTRY_KINDS:
            value = document.get(kind)
            if isinstance(value, AoT | Array | list):
                found.extend((kind, table) for table in value
                             if isinstance(table, dict | Table))
        return found

    def _find(self, document: tomlkit.TOMLDocument, entry_id: str) -> tuple[str, Any] | None:
        return next(((kind, table) for kind, table in self._tables(document)
                     if table.get("id") == entry_id), None)

    def _delete(self, document: tomlkit.TOMLDocument, entry_id: str) -> None:
        for kind in ENTRY_KINDS:
            value = document.get(kind)
            if not isinstance(value, AoT | Array):
                continue
            for index, table in enumerate(value):
                if isinstance(table, dict | Table) and table.get("id") == entry_id:
                    del value[index]
                    if not len(value):
                        del document[kind]
                    return

    @staticmethod
    def _table(kind: str, fields: dict[str, Any]) -> Table:
        table = tomlkit.table()
        for key in FIELD_ORDER[kind]:
            value = fields.get(key)
            if value is None or value == "" or value == []:
                continue
            table[key] = anchor_value(value) if isinstance(value, QuoteSelector) else value
        for key, value in fields.items():  # anything else the caller gives, after
            if key not in FIELD_ORDER[kind] and value is not None:
                table[key] = value
        return table

    def _commit(self, done: str, before: str | None, text: str) -> None:
        self._write(text)
        self._undo.append((done, before))

    def _write(self, text: str) -> None:
        """Replace the file atomically: a temporary file beside it, then a rename. A new file
        follows the umask: its header invites the user to edit it (``private=False``)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_text(self.path, text, keep_mode=True, private=False)
        except OSError as error:
            raise EditError(_("{file}: cannot write ({error})").format(
                file=self.path, error=error.strerror or error)) from None
