"""Annotating in the app: ``a`` marks a range, ``e`` edits the focused entry, ``x`` removes
it, ``u`` undoes the last change. :class:`Annotating` owns the annotation session (the file
being edited, its undo); the app only names the keys.

What ``a`` marks is :meth:`Annotating.annotation_target`: the mouse selection when there is
one (a logical :class:`Span`), else the current search hit, else
the focused claim or rebuttal. Every change is saved at once
(:mod:`reader.content.annotations.session`), and the annotations are loaded again into the
text, the panel and search, so the new entry is highlighted, listed and linked at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader import i18n
from reader.content.annotations.editor import EditError, Link
from reader.content.annotations.model import Chapter, Claim, Entity, Rebuttal
from reader.content.annotations.session import (
    NEW_ENTITY,
    UNSAID,
    AnnotationSession,
    check_fields,
)
from reader.i18n import _, ngettext, number
from reader.state.search import SearchSession
from reader.text.chrome import isolate
from reader.text.safe import visible
from reader.text.span import Span
from reader.ui.controllers.host import Reader
from reader.ui.controllers.navigation import Navigation
from reader.ui.screens.annotate_dialog import ConfirmDialog, EntryDialog, Field, KindDialog, say
from reader.ui.widgets.entry_list import EntryList


def _kind_of(entry: object) -> str:
    return {Entity: "entity", Chapter: "chapter", Claim: "claim",
            Rebuttal: "rebuttal"}[type(entry)]


class Annotating:
    """The annotation keys of the reader app."""

    def __init__(self, reader: Reader, navigation: Navigation, search: SearchSession,
                 selection: Callable[[], Span | None], path: Path | None) -> None:
        """``selection``: the mouse selection as a span; ``path``: ``--annotations FILE``,
        where annotating writes (else beside the document, or in the state directory)."""
        self.reader = reader
        self.navigation = navigation
        self.search = search
        self.selection = selection
        self.path = path
        self._annotation_session: AnnotationSession | None = None

    # -- what to annotate ---------------------------------------------------------------

    def annotation_target(self) -> Span | None:
        """The logical range ``a`` annotates: the selection, the current search hit, or
        the focused span (None when there is none)."""
        span = self.selection()
        if span is not None and span.end > span.start:
            return span
        if self.search.active and self.search.current is not None:
            return self.search.current.span
        focused, annotations = self.navigation.focused_entry, self.reader.annotations
        if focused and annotations is not None:
            found: Span | None = getattr(annotations.entry(focused), "span", None)
            return found  # (an entity has no span)
        return None

    def entry_in_focus(self) -> str | None:
        """The entry ``e`` and ``x`` act on: the one highlighted in the panel's list when
        the list has the keyboard, else the focused claim or rebuttal."""
        focused = self.reader.app.focused
        if isinstance(focused, EntryList) and focused.highlighted is not None \
                and focused.entries:
            entry_id = focused.entries[focused.highlighted][0]
            return None if entry_id.startswith("heading:") else entry_id
        return self.navigation.focused_entry

    @property
    def annotation_session(self) -> AnnotationSession:
        if self._annotation_session is None:
            def folded() -> tuple[str, Sequence[int]]:
                index = self.search.index  # made ahead in the background for a book
                return index.folded, index.folded_starts

            self._annotation_session = AnnotationSession(
                self.reader.document, self.reader.annotations, self.path, folded)
        return self._annotation_session

    @staticmethod
    def _dialog_rtl() -> bool:
        """The dialogs read as the interface does (its language, its direction)."""
        return i18n.is_rtl()

    def _notify(self, message: str) -> None:
        """A notice in the status line (logical text: laid out there)."""
        self.reader.say(message)

    # -- a: annotate --------------------------------------------------------------------

    def annotate(self) -> None:
        span = self.annotation_target()
        if span is None:
            self.reader.app.bell()
            self._notify(_("Nothing to annotate here: search for the words (/), "
                           "then press a."))
            return
        text = " ".join(span.text(self.reader.document.paragraphs).split())
        if not text:
            self.reader.app.bell()
            return
        rtl = self._dialog_rtl()

        def kind_chosen(kind: str | None) -> None:
            if kind:
                self._ask_new_entry(kind, span, rtl)

        self.reader.app.push_screen(KindDialog(text, rtl), kind_chosen)

    def _fields(self, kind: str, values: dict[str, Any]) -> list[Field]:
        session = self.annotation_session
        fields: list[Field] = []
        if kind == "entity":
            fields += [Field("name", "text", values.get("name", "")),
                       Field("kind", "choice", values.get("kind", "person"),
                             (("person", "person"), ("organisation", "organisation"))),
                       Field("aliases", "text", values.get("aliases", ""))]
            return fields
        speaker = "teller" if kind == "chapter" else "speaker"
        fields.append(Field("title" if kind == "chapter" else "label", "text",
                            values.get("title" if kind == "chapter" else "label", "")))
        choices = session.entity_choices(unsaid=kind != "chapter")
        fields.append(Field(speaker, "choice", values.get(speaker),
                            tuple((v, "new…" if v == NEW_ENTITY else s) for v, s in choices)))
        fields.append(Field("new_name", "text", values.get("new_name", "")))
        if kind == "chapter":
            fields += [Field("summary", "text", values.get("summary", "")),
                       Field("date", "text", values.get("date", ""))]
        if kind == "rebuttal":
            fields.append(Field("answers", "choices", values.get("answers", []),
                                tuple(session.answer_choices())))
        return fields

    def _ask_new_entry(self, kind: str, span: Span, rtl: bool) -> None:
        session = self.annotation_session
        draft = session.defaults(kind, span, self.navigation.focused_entry)
        if kind == "rebuttal" and not session.answer_choices():
            self.reader.app.bell()
            self._notify(_("A rebuttal answers a claim: mark the claim first (a, "
                           "then c)."))
            return

        saved: list[str] = []

        def save(values: dict[str, Any]) -> tuple[str, str | None] | None:
            draft.fields.update(values)
            try:
                saved.append(session.create(draft))
            except (EditError, ValueError) as error:
                return self._problem(error)
            return None

        def accepted(values: dict[str, Any] | None) -> None:
            if values is None or not saved:
                return
            self.reload_annotations(focus=saved[-1])
            self._notify(_("Saved {kind} {id} to {file} (u undoes).").format(
                kind=say(kind, rtl), id=isolate(saved[-1]), file=isolate(session.path)))

        title = say("new entry", rtl, kind=say(kind, rtl))
        self.reader.app.push_screen(
            EntryDialog(title, self._fields(kind, draft.fields), rtl, save), accepted)

    # -- e: edit ------------------------------------------------------------------------

    def edit_entry(self) -> None:
        entry_id = self.entry_in_focus()
        annotations = self.reader.annotations
        entry = annotations.entry(entry_id) if entry_id and annotations else None
        if entry is None or entry_id is None:
            self.reader.app.bell()
            self._notify(_("Nothing to edit: focus a claim or rebuttal (]), or an "
                           "entry in the panel."))
            return
        kind = _kind_of(entry)
        values: dict[str, Any] = {}
        if isinstance(entry, Entity):
            values = {"name": entry.name, "kind": entry.kind,
                      "aliases": "، ".join(a for a in entry.aliases if a != entry.name)}
        elif isinstance(entry, Chapter):
            values = {"title": entry.title, "teller": entry.teller, "summary": entry.summary,
                      "date": entry.date or ""}
        else:
            values = {"label": entry.label, "speaker": entry.speaker or UNSAID}
            if isinstance(entry, Rebuttal):
                values["answers"] = list(entry.answers)
        rtl = self._dialog_rtl()
        fields = self._fields(kind, values)

        changed: list[bool] = []

        def save(result: dict[str, Any]) -> tuple[str, str | None] | None:
            try:
                changed.append(self._save_edit(kind, entry_id, values, result))
            except EditError as error:
                return self._problem(error)
            return None

        def accepted(result: dict[str, Any] | None) -> None:
            if result is None or not any(changed):
                return
            self.reload_annotations(focus=entry_id)
            self._notify(_("Saved {kind} {id} (u undoes).").format(
                kind=say(kind, False), id=isolate(entry_id)))

        title = say("edit entry", rtl, kind=say(kind, rtl), id=isolate(entry_id))
        self.reader.app.push_screen(EntryDialog(title, fields, rtl, save), accepted)

    def _save_edit(self, kind: str, entry_id: str, before: dict[str, Any],
                   after: dict[str, Any]) -> bool:
        """Write what the dialog changed; False when nothing was. :class:`EditError` when
        it cannot be written (nothing is, then)."""
        editor = self.annotation_session.editor
        changes: dict[str, Any] = {}
        for key, value in after.items():
            if isinstance(value, str):
                value = value.strip()
            if key == "new_name" or value == before.get(key):
                continue
            if key == "aliases":
                value = [a.strip() for a in str(value).replace("،", ",").split(",")
                         if a.strip()]
            if key == "date" and not str(value).strip():
                value = None
            if key == "speaker" and value == UNSAID:
                value = None  # no speaker: the key goes
            changes[key] = value
        if not changes:
            return False
        check_fields(kind, changes)
        with editor.one_change():
            for key in ("speaker", "teller"):
                if changes.get(key) == NEW_ENTITY:
                    name = " ".join(str(after.get("new_name", "")).split())
                    if not name:
                        raise EditError(_("name the new speaker (or choose one)"), "new_name")
                    changes[key] = editor.add("entity", {"name": name, "kind": "person"})
            editor.edit(entry_id, changes)
        return True

    # -- x: remove ----------------------------------------------------------------------

    def remove_entry(self) -> None:
        entry_id = self.entry_in_focus()
        annotations = self.reader.annotations
        entry = annotations.entry(entry_id) if entry_id and annotations else None
        if entry is None or entry_id is None:
            self.reader.app.bell()
            self._notify(_("Nothing to remove: focus a claim or rebuttal (]), or an "
                           "entry in the panel."))
            return
        kind = _kind_of(entry)
        editor = self.annotation_session.editor
        try:
            links = editor.links_to(entry_id)
        except EditError as error:
            self._annotation_error(error)
            return
        speaking = [link for link in links if link.speaks]
        if speaking:
            named = _(", ").join(f"{say(link.kind, False)} {isolate(link.id)}"
                                 for link in speaking[:3])
            if len(speaking) > 3:
                named += _(" and {count} more").format(count=number(len(speaking) - 3))
            self._annotation_error(EditError(
                _("{id} is kept: it is the speaker of {entries}; edit or remove those "
                  "first").format(id=isolate(entry_id), entries=named)))
            return
        rtl = self._dialog_rtl()
        label = getattr(entry, "label", None) or getattr(entry, "title", None) \
            or getattr(entry, "name", entry_id)
        lines = [say("remove", rtl, kind=say(kind, rtl), label=isolate(label))]
        lines += [self._link_line(link, rtl) for link in links]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                removed = editor.remove(entry_id)
            except EditError as error:
                self._annotation_error(error)
                return
            self.reload_annotations()
            message = ngettext("Removed {kind} {id} and {count} link (u undoes).",
                               "Removed {kind} {id} and {count} links (u undoes).",
                               len(removed)) if removed else \
                _("Removed {kind} {id} (u undoes).")
            self._notify(message.format(kind=say(kind, rtl), id=isolate(entry_id),
                                        count=number(len(removed))))

        self.reader.app.push_screen(ConfirmDialog(lines, rtl), answered)

    @staticmethod
    def _link_line(link: Link, rtl: bool) -> str:
        what = say("goes too" if link.removed else "link cut", rtl)
        return f"• {say(link.kind, rtl)} {isolate(link.id)} «{isolate(link.label)}»: {what}"

    # -- u: undo ------------------------------------------------------------------------

    def undo(self) -> None:
        session = self._annotation_session
        try:
            done = session.editor.undo() if session is not None else None
        except EditError as error:
            self._annotation_error(error)
            return
        if done is None:
            self.reader.app.bell()
            self._notify(_("No annotation change to undo."))
            return
        self.reload_annotations()
        self._notify(_("Undone: {change}.").format(change=isolate(done)))

    # -- after a change -----------------------------------------------------------------

    def _problem(self, error: Exception) -> tuple[str, str | None]:
        """What a dialog says of ``error``, and the field it takes the reader to."""
        return getattr(error, "message", str(error)), getattr(error, "field", None)

    def _annotation_error(self, error: Exception) -> None:
        self.reader.app.bell()
        message = getattr(error, "message", str(error))
        self._notify(message)

    def reload_annotations(self, focus: str | None = None) -> None:
        """Load the annotation file again into the text, the panel and search."""
        reader, navigation = self.reader, self.navigation
        panel = reader.panel
        was_empty = panel.is_empty
        reader.found = self.annotation_session.reload()
        annotations, problems = reader.found.annotations, reader.found.problems
        self.search.aliases = annotations.alias_lists() if annotations else {}
        reader.article.set_annotations(annotations)
        panel.set_annotations(annotations)
        if was_empty and not panel.is_empty:
            panel.display = True  # it was hidden for having nothing to list
        linked = annotations is not None and (
            focus in annotations.claims or focus in annotations.rebuttals)
        focused = navigation.focused_entry
        if linked:
            navigation.set_focus(focus)
        elif focused and (annotations is None or annotations.entry(focused) is None):
            navigation.set_focus(None)
        if problems:
            reader.say(ngettext(
                "{count} annotation problem remains; first: {first}",
                "{count} annotation problems remain; first: {first}", len(problems)).format(
                    count=number(len(problems)), first=isolate(visible(str(problems[0])))),
                seconds=8)
        reader.app.refresh_bindings()  # ] and [ come and go with the claims
        reader.update_status()
