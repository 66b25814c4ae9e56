"""Debates across documents: a file naming documents, and links between their entries.

A public quarrel is read across several documents (a post, the reply, the news story about
both). A *debate file* (TOML) names them, each with a short name (docs/argument-exchange.md)::

    title = "Altman, Musk and the Roadster"      # optional

    [[document]]
    name = "altman"                  # letters, digits, "-", "_", "."
    source = "altman-post.txt"       # a path relative to this file, or an http(s):// URL
    annotations = "altman-post.toml" # optional: default, the file beside the document
    title = "Altman's post"          # optional

An annotation file joins the debate with ``debate = "quarrel.toml"`` (relative to it), and
a rebuttal answers an entry of another document as ``answers = ["altman#claim-id"]``.

Everything is read lazily: the debate file when a link is first followed, a member's
document and annotations only when a link points into it (:meth:`Debate.annotations`),
each once. ``Debate.read`` lists the members read, in order.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.content.annotations.model import Problem
from reader.content.annotations.toml_lines import decode_error, scan_toml
from reader.content.source import read_text
from reader.errors import ReaderError
from reader.i18n import _
from reader.text.chrome import isolate

if TYPE_CHECKING:
    from reader.content.annotations.model import Annotations, Entry

__all__ = ["Debate", "LinkError", "Member", "is_debate_file", "link_problems", "load_debate"]

_NAME = re.compile(r"\w[\w.-]*")
_MEMBER_KEYS = ("name", "source", "annotations", "title")
_TOP_KEYS = ("title", "document")


class LinkError(Exception):
    """A cross-document link that does not lead to an entry. ``code``: ``no-debate``,
    ``unknown-document``, ``unreadable``, ``unknown-id`` or ``wrong-kind``; ``document``
    the name it points into, ``where`` how that document is shown (its files)."""

    def __init__(self, code: str, link: str, document: str = "", where: str = "",
                 detail: str = "") -> None:
        super().__init__(code, link)
        self.code = code
        self.link = link
        self.document = document
        self.where = where
        self.detail = detail

    @property
    def message(self) -> str:
        link = f'"{self.link}"'
        entry_id = self.link.partition("#")[2] or self.link
        if self.code == "no-debate":
            return _('{link} names another document, but this file names no debate: add '
                     'debate = "FILE" (the debate file)').format(link=link)
        if self.code == "unknown-document":
            return _("{link} points into document {name}, which the debate does not name "
                     "({detail})").format(link=link, name=self.document, detail=self.detail)
        if self.code == "unreadable":
            return _("{link} points into document {name} ({where}), which cannot be read: "
                     "{detail}").format(link=link, name=self.document, where=self.where,
                                        detail=self.detail)
        if self.code == "wrong-kind":
            return _("{link} is {kind} of document {name} ({where}), not a claim or a "
                     "rebuttal").format(
                link=link, kind=self.detail, name=self.document, where=self.where)
        if self.document:
            return _('{link}: document {name} ({where}) has no entry "{id}"').format(
                link=link, name=self.document, where=self.where, id=entry_id)
        return _('unknown id "{id}"').format(id=entry_id)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Member:
    """A document of the debate: its short ``name``, ``source`` (a path relative to the
    debate file, or a URL) and annotation file (None: the one beside the document)."""

    name: str
    source: str
    annotations: str | None = None
    title: str = ""
    line: int | None = None

    @property
    def is_url(self) -> bool:
        return "://" in self.source


@dataclass
class Debate:
    """A debate file read: its members, and what is wrong in it (``problems``)."""

    path: Path
    title: str = ""
    members: dict[str, Member] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # members read so far, in order
    _loaded: dict[str, Annotations | LinkError] = field(default_factory=dict, repr=False)

    def _place(self, relative: str) -> Path:
        return self.path.parent / relative

    def where(self, member: Member) -> str:
        """How a member is named in a message: its annotation file, else its source."""
        if member.annotations:
            return str(self._place(member.annotations))
        return member.source if member.is_url else str(self._place(member.source))

    def annotations(self, name: str) -> Annotations:
        """The annotations of member ``name``, loaded against its document on first use;
        :class:`LinkError` when there is no such member or it cannot be read."""
        found = self._loaded.get(name)
        if found is None:
            found = self._load(name)
            self._loaded[name] = found
        if isinstance(found, LinkError):
            raise found
        return found

    def _load(self, name: str) -> Annotations | LinkError:
        from reader.content.annotations.file import load_annotations
        from reader.content.annotations.home import beside_file
        from reader.content.formats import load_document

        member = self.members.get(name)
        if member is None:
            known = ", ".join(self.members) or _("none")
            return LinkError("unknown-document", name, name, "",
                             _("its documents: {names}").format(names=known))
        self.read.append(name)
        where = self.where(member)
        try:
            document = load_document(member.source if member.is_url
                                     else self._place(member.source))
            if member.annotations:
                path: Path | None = self._place(member.annotations)
            else:
                path = beside_file(document.path)
            if path is None:
                return LinkError("unreadable", name, name, where,
                                 _('no annotation file: add annotations = "FILE" to it in '
                                   "the debate file"))
            annotations = load_annotations(path, document)
        except ReaderError as error:
            return LinkError("unreadable", name, name, where, error.message)
        annotations.debate_path = annotations.debate_path or self.path
        annotations.debate_cache = self
        return annotations

    def resolve(self, link: str) -> tuple[str, Entry]:
        """(document name, entry) that ``link`` (``name#id``) points to, reading that
        document if it was not read yet; :class:`LinkError` saying why not."""
        from reader.content.annotations.model import Claim, Rebuttal

        name, _hash, entry_id = link.partition("#")
        try:
            annotations = self.annotations(name)
        except LinkError as error:
            raise LinkError(error.code, link, error.document, error.where,
                            error.detail) from None
        where = self.where(self.members[name])
        entry = annotations.entry(entry_id)
        if entry is None:
            raise LinkError("unknown-id", link, name, where)
        if not isinstance(entry, Claim | Rebuttal):  # a rebuttal answers either
            kind = {"Entity": _("an entity"), "Chapter": _("a chapter")}.get(
                type(entry).__name__, "?")
            raise LinkError("wrong-kind", link, name, where, kind)
        return name, entry

    def member_for(self, annotations_path: Path) -> str | None:
        """The name of the member whose annotation file is ``annotations_path``."""
        wanted = annotations_path.resolve()
        for member in self.members.values():
            if member.annotations and self._place(member.annotations).resolve() == wanted:
                return member.name
            if not member.is_url and not member.annotations and \
                    self._place(member.source).resolve().with_suffix(".toml") == wanted:
                return member.name
        return None


def is_debate_file(path: Path) -> bool:
    """True when ``path`` reads as a debate file (``[[document]]`` tables), not an
    annotation file (whose ``document`` is a file name)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("document"), list)


def load_debate(path: Path) -> Debate:
    """Read a debate file. :class:`ReaderError` when it cannot be read or is not TOML;
    problems of its content are in ``Debate.problems``."""
    text = read_text(path).removeprefix("\ufeff")
    layout = scan_toml(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        error_line, message = decode_error(error, layout)
        raise ReaderError(_("{file}:{line}: invalid TOML: {error}").format(
            file=isolate(path), line=error_line, error=message)) from None
    debate = Debate(path)

    def problem(message: str, line: int | None, entry: str | None = None) -> None:
        debate.problems.append(Problem(message, "schema", "document" if entry else "file",
                                       entry, line, path))

    for key in data:
        if key not in _TOP_KEYS:
            problem(_('unknown key "{key}"; known: {keys}').format(
                key=key, keys=", ".join(_TOP_KEYS)), layout.key_line(key, None))
    if isinstance(data.get("title"), str):
        debate.title = data["title"].strip()
    tables = data.get("document", [])
    if not isinstance(tables, list):
        problem(_("document must be an array of tables, written [[document]]"),
                layout.key_line("document", None))
        tables = []
    headers = [h.line for h in layout.headers if h.array and h.name == ("document",)]
    for index, table in enumerate(tables):
        line = headers[index] if index < len(headers) else None
        if not isinstance(table, dict):
            problem(_("each [[document]] must be a table"), line)
            continue
        name, source = table.get("name"), table.get("source")
        label = name if isinstance(name, str) else f"#{index + 1}"
        for key in table:
            if key not in _MEMBER_KEYS:
                problem(_('unknown key "{key}"; known: {keys}').format(
                    key=key, keys=", ".join(_MEMBER_KEYS)), line, label)
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            problem(_('name must be a short name (letters, digits, "-", "_", "."), the NAME '
                      "of NAME#ID links"), line, label)
            continue
        if not isinstance(source, str) or not source.strip():
            problem(_("source must be the document: a path relative to the debate file, or "
                      "a URL"), line, label)
            continue
        if name in debate.members:
            problem(_('duplicate name "{name}": already used at line {line}').format(
                name=name, line=debate.members[name].line), line, label)
            continue
        annotations = table.get("annotations")
        title = table.get("title")
        debate.members[name] = Member(
            name, source.strip(), annotations if isinstance(annotations, str) else None,
            title.strip() if isinstance(title, str) else "", line)
    return debate


def debate_of(annotations: Annotations) -> Debate | None:
    """The :class:`Debate` ``annotations`` belong to (read on first use; its documents are
    read only when a link into them is followed), or None.
    :class:`~reader.errors.ReaderError` when the debate file cannot be read."""
    cached = annotations.debate_cache
    if isinstance(cached, Debate):
        return cached
    if annotations.debate_path is None:
        return None
    debate = load_debate(annotations.debate_path)
    annotations.debate_cache = debate
    return debate


def resolve_link(annotations: Annotations, link: str) -> tuple[str, Entry]:
    """The document name and the entry ``link`` (``name#id``, or a local id) points to;
    :class:`LinkError` saying why not."""
    if "#" not in link:
        entry = annotations.entry(link)
        if entry is None:
            raise LinkError("unknown-id", link)
        return "", entry
    debate = debate_of(annotations)
    if debate is None:
        raise LinkError("no-debate", link)
    return debate.resolve(link)


def link_problems(annotations: Annotations) -> list[Problem]:
    """What is wrong with the cross-document links of ``annotations`` (each rebuttal's
    ``name#id`` answers), each naming the document the link points into; reading the
    documents linked to, and only those. The entries still load: these do not skip them."""
    links = list(annotations.cross_links())
    if not links:
        return []
    problems: list[Problem] = []
    try:
        debate = debate_of(annotations)
    except ReaderError as error:
        return [Problem(_("debate: {error}").format(error=error.message), "unreadable",
                        file=annotations.path, skipped=False)]
    if debate is not None:
        problems += debate.problems
    for rebuttal, link in links:
        try:
            resolve_link(annotations, link)
        except LinkError as error:
            problems.append(Problem(f"answers: {error.message}", error.code, "rebuttal",
                                    rebuttal.id, rebuttal.line, annotations.path,
                                    skipped=False))
    return problems


def circle_problems(debate: Debate) -> list[Problem]:
    """The circles of answers closed across documents of ``debate`` (each file refuses its
    own when it loads, so only the debate sees these): one problem each, on the circle's
    first rebuttal in the debate's order (documents in order, then lines), naming every
    ``name#id`` of it. Documents that cannot be read are left out (reported elsewhere)."""
    from reader.content.annotations.check import circle_message, find_circle

    graph: dict[str, tuple[str, ...]] = {}
    where: dict[str, tuple[int, int, Annotations, str, int | None]] = {}
    for order, name in enumerate(debate.members):
        try:
            annotations = debate.annotations(name)
        except LinkError:
            continue
        for rebuttal in annotations.rebuttals.values():
            here = f"{name}#{rebuttal.id}"
            graph[here] = tuple(a if "#" in a else f"{name}#{a}" for a in rebuttal.answers)
            where[here] = (order, rebuttal.line or 0, annotations, rebuttal.id, rebuttal.line)
    problems: list[Problem] = []
    while (circle := find_circle(graph)) is not None:
        first = min(circle, key=lambda key: where[key][:2])
        _order, _line, annotations, entry_id, line = where[first]
        problems.append(Problem(f"answers: {circle_message(circle, first)}", "cycle",
                                "rebuttal", entry_id, line, annotations.path, skipped=False))
        del graph[first]
    return problems
