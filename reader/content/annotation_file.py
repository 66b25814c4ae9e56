"""Annotation files (TOML): reading, line numbers, validation, resolving against a document.

Schema (``content/article.ar.toml`` is a full example)::

    document = "article.ar.txt"     # optional: the text, relative to this file
    title = "الفصول الأربعة"          # optional: the side panel's title (one line)

    [[entity]]                      # people and organisations
    id = "musk"
    name = "إيلون ماسك"
    kind = "person"                 # person | organisation
    aliases = ["ماسك", "Musk"]      # optional; the name is always one

    [[chapter]]                     # in story order
    id = "reservation"
    title = "…"                     # one line
    summary = "…"                   # one line
    teller = "altman"               # an entity id
    date = "2018-07"                # optional: YYYY, YYYY-MM or YYYY-MM-DD
    anchor = { exact = "…", prefix = "…", suffix = "…", occurrence = 1 }

    [[claim]]                       # id, speaker (entity), label, anchor
    [[rebuttal]]                    # id, speaker, label, answers = ["claim id", …], anchor

An anchor may be written as a plain string (the exact quote). Ids are unique across kinds.
Rebuttals answer claims only, so references cannot form cycles; a rebuttal naming another
rebuttal, or itself, is reported.

Every problem is reported at once, each with its entry and line. A broken entry is skipped
(``Problem.skipped``) and the rest loads; unknown keys and shared aliases are reported but do
not skip their entry. Even a file that is not valid TOML loads what it can: each
``[[table]]`` section is then parsed on its own.

``tomllib`` gives no positions, so a small scanner below finds the line of each header and
key in the raw text.
"""

from __future__ import annotations

import datetime
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader.content.anchors import AnchorError, AnchorResolver
from reader.content.annotations import (
    ENTRY_KINDS,
    Annotations,
    Chapter,
    Claim,
    Entity,
    Problem,
    QuoteSelector,
    Rebuttal,
    Span,
)
from reader.content.document import Document
from reader.content.source import read_text
from reader.errors import ReaderError
from reader.text.fold import fold_query

__all__ = [
    "ParsedAnnotations",
    "RawEntry",
    "annotations_path_for",
    "document_path_for",
    "load_annotations",
    "load_annotations_for",
    "parse_annotations",
    "resolve_annotations",
]

# ---------------------------------------------------------------------------------------
# Line numbers: a scanner that knows just enough TOML (strings of all four kinds, comments,
# arrays and inline tables over several lines) to find headers and keys.

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_PATH = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"(\[\[|\[)[ \t]*({_PATH})[ \t]*(\]\]|\])")
_KEY = re.compile(rf"({_PATH})[ \t]*=")
_GUESS = re.compile(r"\[\[?[ \t]*([A-Za-z0-9_-]+)")
_PARTS = re.compile(_PART)
# What the scanner passes over in one step: nothing that opens, closes or ends anything.
_PLAIN = re.compile(r"""[^\n"'#\[\]{}]+""")
# The rest of a one-line string, up to (not including) its closing quote or line end.
_BASIC_REST = re.compile(r'(?:[^"\\\n]|\\[\s\S])*')
_LITERAL_REST = re.compile(r"[^'\n]*")


@lru_cache(maxsize=4096)
def _split_path(path: str) -> tuple[str, ...]:
    parts = []
    for match in _PARTS.finditer(path):
        part = match.group()
        if part[0] == '"':
            try:
                part = part[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
            except UnicodeDecodeError:  # a bad escape: tomllib reports it, the line is enough
                part = part[1:-1]
        elif part[0] == "'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


@dataclass(frozen=True)
class _Header:
    """``[name]`` (``array=False``) or ``[[name]]`` (``array=True``) at ``line``."""

    line: int
    name: tuple[str, ...]
    array: bool
    malformed: bool = False


@dataclass
class _Layout:
    """Headers and key lines, in file order. Keys are paired with the header they sit under
    (``None`` before the first header)."""

    headers: list[_Header] = field(default_factory=list)
    keys: list[tuple[int, tuple[str, ...], int | None]] = field(default_factory=list)
    unterminated_string_line: int | None = None
    open_bracket_line: int | None = None  # where an array or inline table left open began
    line_count: int = 1
    last_line: int = 1  # the last line that is not blank
    # (header, first part of a key) → the line of the first such key; made on first use.
    _first_keys: dict[tuple[int | None, str], int] | None = field(
        default=None, repr=False, compare=False)

    def key_line(self, key: str, header: int | None) -> int | None:
        """Line of the first key ``key`` (first dotted part) under header number ``header``,
        or of a sub-table header ``[parent.key]`` belonging to it."""
        if self._first_keys is None:
            self._first_keys = {}
            for line, path, owner in self.keys:
                if path:
                    self._first_keys.setdefault((owner, path[0]), line)
        line = self._first_keys.get((header, key))
        if line is not None:
            return line
        if header is not None:
            parent = self.headers[header].name
            for following in self.headers[header + 1 :]:
                name = following.name
                if name[: len(parent)] != parent or len(name) == len(parent):
                    break
                if name[len(parent)] == key:
                    return following.line
        return None


def _scan(text: str) -> _Layout:
    """Scan ``text`` for table headers and keys (tolerant: a broken file scans as far as it
    makes sense)."""
    layout = _Layout(line_count=text.count("\n") + 1)
    i, n, line, depth = 0, len(text), 1, 0
    at_statement = True
    header: int | None = None
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
            if depth == 0:
                at_statement = True
            continue
        if ch in " \t\r":
            i += 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if at_statement and depth == 0:
            at_statement = False
            matcher = _HEADER if ch == "[" else _KEY
            match = matcher.match(text, i)
            if ch == "[":
                opening, path, closing = match.groups() if match else ("", "", "")
                if match and len(opening) == len(closing):
                    layout.headers.append(_Header(line, _split_path(path), len(opening) == 2))
                    i = match.end()
                else:  # a broken header still starts a new section: salvage cuts there
                    guess = _GUESS.match(text, i)
                    name = (guess.group(1),) if guess else ("?",)
                    layout.headers.append(_Header(line, name, text.startswith("[[", i), True))
                    end = text.find("\n", i)
                    i = n if end < 0 else end
                header = len(layout.headers) - 1
                continue
            if match:
                layout.keys.append((line, _split_path(match.group(1)), header))
                i = match.end()
                continue
        if ch in "\"'":
            start_line = line
            i, line, closed = _skip_string(text, i, line)
            if not closed:
                layout.unterminated_string_line = start_line
            continue
        if ch in "[{":
            if depth == 0:
                layout.open_bracket_line = line
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        else:
            i = _PLAIN.match(text, i).end()  # type: ignore[union-attr]
            continue
        i += 1
    if depth == 0:
        layout.open_bracket_line = None
    layout.last_line = max(1, len(text.rstrip().split("\n")))
    return layout


def _skip_string(text: str, i: int, line: int) -> tuple[int, int, bool]:
    """Skip the string opening at ``i``: (index after it, line there, whether it closed)."""
    quote = text[i]
    n = len(text)
    if text.startswith(quote * 3, i):
        j = i + 3
        while j < n:
            ch = text[j]
            if ch == "\\" and quote == '"':
                if j + 1 < n and text[j + 1] == "\n":
                    line += 1
                j += 2
                continue
            if ch == "\n":
                line += 1
            elif text.startswith(quote * 3, j):
                j += 3
                while j < n and text[j] == quote:  # up to two quotes may close the content
                    j += 1
                return j, line, True
            j += 1
        return n, line, False
    rest = _BASIC_REST if quote == '"' else _LITERAL_REST
    j = rest.match(text, i + 1).end()  # type: ignore[union-attr]
    if j < n and text[j] == quote:
        return j + 1, line, True
    if j < n and text[j] == "\n":
        return j, line, False
    return n, line, False  # the end of the text, or a backslash right before it


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _decode_error(error: Exception, layout: _Layout) -> tuple[int, str]:
    """(line, message without its position) for a ``tomllib.TOMLDecodeError``."""
    message = str(error)
    match = _AT_LINE.search(message)
    if match:
        return int(match.group(1)), message[: match.start()]
    match = _AT_END.search(message)
    if match:
        message = message[: match.start()]
        if layout.unterminated_string_line:
            return layout.unterminated_string_line, message
        if layout.open_bracket_line:
            return layout.open_bracket_line, message
        return layout.last_line, message
    return layout.last_line, message


# ---------------------------------------------------------------------------------------
# Parsing: TOML → raw entries with their lines.

TOP_KEYS = ("document", "title", *ENTRY_KINDS)


@dataclass
class RawEntry:
    """One ``[[kind]]`` table as TOML gave it, with where it is in the file."""

    kind: str
    position: int  # 1-based among the entries of its kind
    line: int | None
    data: object
    header: int | None = None  # its header in the scanned layout, for key lines

    @property
    def id(self) -> str | None:
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) and _ID.fullmatch(value) else None

    @property
    def label(self) -> str:
        return self.id or f"#{self.position}"


@dataclass
class ParsedAnnotations:
    """An annotation file read but not yet checked against a document."""

    path: Path | None
    document: str | None = None
    document_line: int | None = None
    title: str = ""
    entries: list[RawEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layout: _Layout = field(default_factory=_Layout)
    source_lines: list[str] = field(default_factory=list)


def _suggest(word: str, known: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def parse_annotations(text: str, path: Path | None = None) -> ParsedAnnotations:
    """Parse the TOML text of an annotation file. Never raises for bad content: invalid
    TOML is a problem (with its line) and the sections that parse on their own still load."""
    layout = _scan(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _salvage(text, path, layout, error)
    parsed = ParsedAnnotations(path, layout=layout, source_lines=text.split("\n"))
    _collect(parsed, data, None)
    return parsed


def _problem(parsed: ParsedAnnotations, message: str, code: str, line: int | None,
             kind: str = "file", entry_id: str | None = None, skipped: bool = True) -> None:
    parsed.problems.append(Problem(message, code, kind, entry_id, line, parsed.path, skipped))


def _top_line(layout: _Layout, key: str) -> int | None:
    line = layout.key_line(key, None)
    if line is None:
        line = next((h.line for h in layout.headers if h.name[:1] == (key,)), None)
    return line


def _collect(parsed: ParsedAnnotations, data: dict, headers_by_kind: dict | None) -> None:
    """Turn parsed TOML into raw entries. ``headers_by_kind`` gives the header of each entry
    when known (salvaged files); otherwise ``[[kind]]`` headers are paired with entries in
    order, and entries written as inline tables are found by their id."""
    layout = parsed.layout
    for key in data:
        if key not in TOP_KEYS:
            _problem(parsed, f'unknown key "{key}"{_suggest(key, TOP_KEYS)}; known: '
                     f'{", ".join(TOP_KEYS)}', "unknown-key", _top_line(layout, key))
    if "document" in data:
        parsed.document_line = _top_line(layout, "document")
        if isinstance(data["document"], str) and data["document"].strip():
            parsed.document = data["document"]
        else:
            _problem(parsed, "document must be a file name (a string), relative to this file",
                     "schema", parsed.document_line)
    if "title" in data:
        if isinstance(data["title"], str) and data["title"].strip() \
                and "\n" not in data["title"]:
            parsed.title = data["title"].strip()
        else:
            _problem(parsed, "title must be one line of text (a string)", "schema",
                     _top_line(layout, "title"))
    for kind in ENTRY_KINDS:
        if kind not in data:
            continue
        value = data[kind]
        if not isinstance(value, list):
            shape = "one table [" + kind + "]" if isinstance(value, dict) else _type_name(value)
            _problem(parsed, f'"{kind}" must be an array of tables, written [[{kind}]]; '
                     f"found {shape} (ignored)", "schema", _top_line(layout, kind))
            continue
        if headers_by_kind is not None:
            headers = headers_by_kind.get(kind, [])
        else:
            headers = [i for i, h in enumerate(layout.headers) if h.array and h.name == (kind,)]
        paired = len(headers) == len(value)
        fallback = _top_line(layout, kind)
        # An entry's place among all [[kind]] headers, even those salvage had to drop:
        # chapter numbers must not shift when chapter 2 is broken.
        ordinal = {h: n for n, h in enumerate(
            (i for i, h in enumerate(layout.headers) if h.array and h.name == (kind,)), 1)}
        for position, item in enumerate(value, 1):
            header = headers[position - 1] if paired else None
            line = layout.headers[header].line if header is not None else None
            place = ordinal.get(header, position) if header is not None else position
            entry = RawEntry(kind, place, line, item, header)
            if line is None:
                entry.line = _id_line(parsed, entry.id, fallback)
            parsed.entries.append(entry)
    parsed.entries.sort(key=lambda e: (e.line is None, e.line or 0))


def _id_line(parsed: ParsedAnnotations, entry_id: str | None, fallback: int | None) -> int | None:
    """The line of ``id = "entry_id"`` at or after ``fallback`` (entries written as inline
    tables have no header of their own)."""
    if entry_id is None or fallback is None:
        return fallback
    pattern = re.compile(r"""\bid[ \t]*=[ \t]*["']""" + re.escape(entry_id) + r"""["']""")
    for number, text in enumerate(parsed.source_lines[fallback - 1 :], fallback):
        if pattern.search(text):
            return number
    return fallback


def _type_name(value: object) -> str:
    """How TOML would call the type of ``value``."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return "a date/time"
    return type(value).__name__


def _parse_or_none(text: str) -> dict | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _salvage(text: str, path: Path | None, layout: _Layout,
             error: tomllib.TOMLDecodeError) -> ParsedAnnotations:
    """Invalid TOML: report it, then parse each top-level section alone and keep those
    that parse, so one broken entry does not take the whole file down."""
    parsed = ParsedAnnotations(path, layout=layout, source_lines=text.split("\n"))
    lines = text.split("\n")
    cuts = [i for i, h in enumerate(layout.headers) if len(h.name) == 1]
    sections: list[tuple[int, int | None]] = [(1, None)]  # (first line, header index)
    sections += [(layout.headers[i].line, i) for i in cuts]
    merged: dict = {}
    headers_by_kind: dict[str, list[int]] = {}
    reported: set[int] = set()
    for number, (first, header) in enumerate(sections):
        last = sections[number + 1][0] - 1 if number + 1 < len(sections) else len(lines)
        chunk = "\n".join(lines[first - 1 : last])
        try:
            data = tomllib.loads(chunk)
        except tomllib.TOMLDecodeError as chunk_error:
            line, message = _decode_error(chunk_error, _scan(chunk))
            if header is None:  # top-level keys: keep those before the error (document)
                data = _parse_or_none("\n".join(lines[first - 1 : first - 2 + line])) or {}
                merged.update((k, v) for k, v in data.items() if k not in ENTRY_KINDS)
            line += first - 1
            kind, entry_id = "file", None
            if header is not None and layout.headers[header].name[0] in ENTRY_KINDS:
                kind = layout.headers[header].name[0]
                found = re.search(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]+)["']""", chunk, re.M)
                entry_id = found.group(1) if found else None
            what = ("entry skipped" if kind != "file" else
                    "top-level keys from here on skipped" if header is None else
                    "section skipped")
            _problem(parsed, f"invalid TOML: {message}; {what}", "invalid-toml", line,
                     kind, entry_id)
            reported.add(line)
            continue
        for key, value in data.items():
            if key in ENTRY_KINDS and isinstance(value, list) and header is not None \
                    and layout.headers[header].name == (key,):
                if not isinstance(merged.get(key), list):  # a [kind] table came first:
                    merged[key] = []  # dropped, as tomllib's "declared twice" error says
                merged[key].extend(value)
                headers_by_kind.setdefault(key, []).extend([header] * len(value))
            elif key not in merged:
                merged[key] = value
    line, message = _decode_error(error, layout)
    if line not in reported:
        _problem(parsed, f"invalid TOML: {message}", "invalid-toml", line)
    # Entries not under their own [[kind]] header (inline arrays) have no header here.
    for kind in ENTRY_KINDS:
        if kind in merged and len(headers_by_kind.get(kind, [])) != len(merged[kind]):
            headers_by_kind[kind] = []
    _collect(parsed, merged, headers_by_kind)
    parsed.problems.sort(key=lambda p: (p.line is None, p.line or 0))
    return parsed


# ---------------------------------------------------------------------------------------
# Checking entries and resolving their anchors.

_ID = re.compile(r"\w[\w.:-]*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ENTITY_KINDS = {"person": "person", "organisation": "organisation",
                 "organization": "organisation"}
_ANCHOR_KEYS = ("exact", "prefix", "suffix", "occurrence")
# Fields of each kind: name → required.
_FIELDS: dict[str, dict[str, bool]] = {
    "entity": {"id": True, "name": True, "kind": True, "aliases": False},
    "chapter": {"id": True, "title": True, "summary": True, "teller": True, "date": False,
                "anchor": True},
    "claim": {"id": True, "speaker": True, "label": True, "anchor": True},
    "rebuttal": {"id": True, "speaker": True, "label": True, "answers": True, "anchor": True},
}
_ARTICLE = {"entity": "an entity", "chapter": "a chapter", "claim": "a claim",
            "rebuttal": "a rebuttal"}


class _Checker:
    """Validates raw entries and builds :class:`Annotations` from the ones that hold up."""

    def __init__(self, parsed: ParsedAnnotations, paragraphs: list[str] | None) -> None:
        self.parsed = parsed
        self.resolver = AnchorResolver(paragraphs) if paragraphs is not None else None
        self.problems: list[Problem] = list(parsed.problems)
        self.ids: dict[str, RawEntry] = {}
        self.broken: set[int] = set()  # id() of entries that will be skipped

    # -- reporting --------------------------------------------------------------------

    def report(self, entry: RawEntry, message: str, code: str = "schema",
               key: str | None = None, skipped: bool = True) -> None:
        if key is not None:
            key_line = (self.parsed.layout.key_line(key, entry.header)
                        if entry.header is not None else None)
            where = key if key_line in (None, entry.line) else f"{key} (line {key_line})"
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
                self.report(entry, f'missing "{key}"', key=None)
            return None
        value = data[key]
        if not isinstance(value, str):
            self.report(entry, f"must be a string, not {_type_name(value)}", key=key)
            return None
        if not value.strip():
            self.report(entry, "is empty", key=key)
            return None
        if "\n" in value.strip() or "\r" in value:
            self.report(entry, "must be one line", key=key)
            return None
        return value.strip()

    def reference(self, entry: RawEntry, key: str, value: str, wanted: str) -> bool:
        target = self.ids.get(value)
        if target is None:
            known = [i for i, e in self.ids.items() if e.kind == wanted]
            self.report(entry, f'unknown {wanted} id "{value}"{_suggest(value, known)}',
                        "unknown-id", key)
            return False
        if target is entry:
            self.report(entry, f'"{value}" is this {entry.kind} itself', "self-reference", key)
            return False
        if target.kind != wanted:
            self.report(entry, f'"{value}" is {_ARTICLE[target.kind]} (line {target.line}), '
                        f"not {_ARTICLE[wanted]}", "wrong-kind", key)
            return False
        return True

    def speaker(self, entry: RawEntry, key: str) -> str | None:
        value = self.text(entry, key)
        if value is not None and self.reference(entry, key, value, "entity"):
            return value
        return None

    def anchor(self, entry: RawEntry) -> tuple[QuoteSelector, Span] | None:
        data = entry.data
        assert isinstance(data, dict)
        if "anchor" not in data:
            self.report(entry, 'missing "anchor" (the quoted words this entry is about)')
            return None
        value = data["anchor"]
        if isinstance(value, str):
            value = {"exact": value}
        if not isinstance(value, dict):
            self.report(entry, 'must be the quoted words (a string) or a table '
                        f'{{ exact = "…" }}, not {_type_name(value)}', key="anchor")
            return None
        ok = True
        for key in value:
            if key not in _ANCHOR_KEYS:
                self.report(entry, f'unknown key "{key}"{_suggest(key, _ANCHOR_KEYS)} '
                            f"(ignored); known: {', '.join(_ANCHOR_KEYS)}", "unknown-key",
                            "anchor", skipped=False)
        exact = value.get("exact")
        if exact is None:
            self.report(entry, 'has no "exact" quote', key="anchor")
            ok = False
        elif not isinstance(exact, str) or not exact.strip():
            shown = "empty" if isinstance(exact, str) else _type_name(exact)
            self.report(entry, f"exact must be the quoted words, not {shown}", key="anchor")
            ok = False
        context = {}
        for key in ("prefix", "suffix"):
            part = value.get(key, "")
            if not isinstance(part, str):
                self.report(entry, f"{key} must be a string, not {_type_name(part)}",
                            key="anchor")
                ok = False
            context[key] = part if isinstance(part, str) else ""
        occurrence = value.get("occurrence")
        if occurrence is not None and (
            isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1
        ):
            shown = occurrence if isinstance(occurrence, int) else _type_name(occurrence)
            self.report(entry, f"occurrence must be a whole number from 1, not {shown}",
                        key="anchor")
            ok = False
        if not ok:
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
                return value.strip()
            except ValueError:
                pass
        shown = f'"{value}"' if isinstance(value, str) else _type_name(value)
        self.report(entry, f"must be YYYY, YYYY-MM or YYYY-MM-DD, not {shown}", key="date")
        return None

    # -- entries ----------------------------------------------------------------------

    def check_ids(self) -> None:
        for entry in self.parsed.entries:
            data = entry.data
            if not isinstance(data, dict):
                self.report(entry, f"each [[{entry.kind}]] must be a table, "
                            f"not {_type_name(data)}")
                continue
            raw = data.get("id")
            if raw is None:
                self.report(entry, 'missing "id"')
            elif not isinstance(raw, str):
                self.report(entry, f"must be a string, not {_type_name(raw)}", key="id")
            elif not _ID.fullmatch(raw):
                self.report(entry, f'"{raw}" is not a valid id: use letters, digits and '
                            '"-", "_", ".", ":" (no spaces)', key="id")
            elif raw in self.ids:
                first = self.ids[raw]
                self.report(entry, f'duplicate id "{raw}": already used by the {first.kind} '
                            f"at line {first.line}", "duplicate-id", key="id")
            else:
                self.ids[raw] = entry
            for key in data:
                if key not in _FIELDS[entry.kind]:
                    known = tuple(_FIELDS[entry.kind])
                    self.report(entry, f'unknown key "{key}"{_suggest(key, known)} (ignored); '
                                f"known: {', '.join(known)}", "unknown-key", key,
                                skipped=False)

    def entity(self, entry: RawEntry) -> Entity | None:
        name = self.text(entry, "name")
        kind = self.text(entry, "kind")
        if kind is not None and kind not in _ENTITY_KINDS:
            self.report(entry, f'"{kind}" is not one of: person, organisation', key="kind")
        aliases: list[str] = [name] if name else []
        value = entry.data.get("aliases", [])  # type: ignore[union-attr]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(entry, f"must be an array of strings, not {_type_name(value)}",
                        key="aliases")
            value = []
        for alias in value:
            if not isinstance(alias, str) or not fold_query(alias).strip():
                shown = f'"{alias}"' if isinstance(alias, str) else _type_name(alias)
                self.report(entry, f"each alias must be a spelling of the name, not {shown}",
                            key="aliases")
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
        speaker = self.speaker(entry, "speaker")
        label = self.text(entry, "label")
        anchored = self.anchor(entry)
        if id(entry) in self.broken or anchored is None:
            return None
        assert speaker and label
        return Claim(entry.id or "", speaker, label, anchored[0], anchored[1], entry.line)

    def rebuttal(self, entry: RawEntry) -> Rebuttal | None:
        speaker = self.speaker(entry, "speaker")
        label = self.text(entry, "label")
        answers = self.answers(entry)
        anchored = self.anchor(entry)
        if id(entry) in self.broken or anchored is None:
            return None
        assert speaker and label and answers
        return Rebuttal(entry.id or "", speaker, label, answers, anchored[0], anchored[1],
                        entry.line)

    def answers(self, entry: RawEntry) -> tuple[str, ...] | None:
        data = entry.data
        assert isinstance(data, dict)
        if "answers" not in data:
            self.report(entry, 'missing "answers" (the ids of the claims it answers)')
            return None
        value = data["answers"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            shown = "an empty array" if isinstance(value, list) else _type_name(value)
            self.report(entry, f"must name at least one claim id, not {shown}", key="answers")
            return None
        found: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.report(entry, f"claim ids are strings, not {_type_name(item)}",
                            key="answers")
            elif self.reference(entry, "answers", item, "claim") and item not in found:
                found.append(item)
        return tuple(found)

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
                        self.report(entry, f'alias "{alias}" also names "{owner}"',
                                    "duplicate-alias", "aliases", skipped=False)
                entities[built.id] = built
            elif isinstance(built, Chapter):
                chapters.append(built)
            elif isinstance(built, Claim):
                claims[built.id] = built
            elif isinstance(built, Rebuttal):
                rebuttals[built.id] = built
        chapters.sort(key=lambda c: c.number)
        self.problems.sort(key=lambda p: (p.line is None, p.line or 0))
        return Annotations(entities, chapters, claims, rebuttals, self.problems,
                           self.parsed.path, title=self.parsed.title)


def resolve_annotations(parsed: ParsedAnnotations, paragraphs: list[str] | None
                        ) -> Annotations:
    """Check parsed entries and resolve their anchors in ``paragraphs``. The result holds
    the entries that loaded; ``Annotations.problems`` lists everything else. With
    ``paragraphs=None`` only the structure is checked (no document): nothing anchored loads."""
    return _Checker(parsed, paragraphs).run()


# ---------------------------------------------------------------------------------------
# Finding and loading files.


def annotations_path_for(document_path: Path) -> Path:
    """Where a document's annotations live: beside it, its last suffix replaced by .toml
    (``article.ar.txt`` → ``article.ar.toml``)."""
    return document_path.with_suffix(".toml")


def document_path_for(annotations_path: Path, parsed: ParsedAnnotations | None = None
                      ) -> Path | None:
    """The document an annotation file is about: its ``document`` key (relative to the
    file), else a .txt or .md file beside it with the same name."""
    if parsed is not None and parsed.document:
        return annotations_path.parent / parsed.document
    for suffix in (".txt", ".md", ".markdown"):
        candidate = annotations_path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_annotations(path: Path) -> ParsedAnnotations:
    """Read and parse an annotation file; :class:`ReaderError` when it cannot be read."""
    try:
        text = read_text(path)
    except ReaderError as error:
        # --errors replace is for documents: an annotation file has to be valid UTF-8.
        message = error.message.replace("; use --errors replace to open it anyway",
                                        ": annotation files are UTF-8")
        raise ReaderError(message, error.exit_code) from None
    return parse_annotations(text.removeprefix("\ufeff"), path)


def load_annotations(path: Path, document: Document) -> tuple[Annotations, list[Problem]]:
    """Load the annotation file ``path`` against ``document``: the entries that hold up,
    and the problems. :class:`ReaderError` only when the file cannot be read at all."""
    annotations = resolve_annotations(read_annotations(path), document.paragraphs)
    annotations.document_path = document.path
    return annotations, annotations.problems


def load_annotations_for(document: Document, path: Path | None = None
                         ) -> tuple[Annotations | None, list[Problem]]:
    """What the app and ``reader render`` call. With ``path`` (``--annotations FILE``) that
    file is loaded, and a missing or unreadable one is a :class:`ReaderError`. Without it,
    the file beside the document is used if there is one; no file gives ``(None, [])``: a
    plain reader, not an error."""
    if path is not None:
        return load_annotations(path, document)
    if document.path is None:
        return None, []
    candidate = annotations_path_for(document.path)
    if candidate == document.path or not candidate.exists():
        return None, []
    try:
        return load_annotations(candidate, document)
    except ReaderError as error:
        message = error.message.removeprefix(f"{candidate}: ")
        return None, [Problem(f"cannot read the annotations: {message}", "unreadable",
                              file=candidate)]
