"""Annotation files, step one: TOML text to raw entries, each with its line.

Nothing is checked against the schema here (:mod:`reader.content.annotations.check` does
that), but nothing is lost either: invalid TOML is a problem with its line, and then each
``[[table]]`` section is parsed on its own so that one broken entry does not take the whole
file down.
"""

from __future__ import annotations

import datetime
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.content.annotations.model import ENTRY_KINDS, Problem
from reader.content.annotations.toml_lines import TomlLayout, decode_error, scan_toml
from reader.i18n import _

__all__ = ["ENTRY_ID", "TOP_KEYS", "ParsedAnnotations", "RawEntry", "parse_annotations", "suggest",
           "type_name"]

TOP_KEYS = ("document", "title", "debate", *ENTRY_KINDS)
# What an entry id may be.
ENTRY_ID = re.compile(r"\w[\w.:-]*")


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
        return value if isinstance(value, str) and ENTRY_ID.fullmatch(value) else None

    @property
    def label(self) -> str:
        return self.id or f"#{self.position}"


@dataclass
class ParsedAnnotations:
    """An annotation file read but not yet checked against a document."""

    path: Path | None
    document: str | None = None
    document_line: int | None = None
    title: str = ""  # the side panel's title
    debate: str | None = None  # the debate file this one belongs to, relative to it
    debate_line: int | None = None
    entries: list[RawEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layout: TomlLayout = field(default_factory=TomlLayout)
    source_lines: list[str] = field(default_factory=list)


def suggest(word: str, known: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return _(' (did you mean "{word}"?)').format(word=close[0]) if close else ""


def parse_annotations(text: str, path: Path | None = None) -> ParsedAnnotations:
    """Parse the TOML text of an annotation file. Never raises for bad content: invalid
    TOML is a problem (with its line) and the sections that parse on their own still load."""
    layout = scan_toml(text)
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


def _top_line(layout: TomlLayout, key: str) -> int | None:
    line = layout.key_line(key, None)
    if line is None:
        line = next((h.line for h in layout.headers if h.name[:1] == (key,)), None)
    return line


def _collect(parsed: ParsedAnnotations, data: dict[str, Any],
             headers_by_kind: dict[str, list[int]] | None) -> None:
    """Turn parsed TOML into raw entries. ``headers_by_kind`` gives the header of each entry
    when known (salvaged files); otherwise ``[[kind]]`` headers are paired with entries in
    order, and entries written as inline tables are found by their id."""
    layout = parsed.layout
    for key in data:
        if key not in TOP_KEYS:
            _problem(parsed, _('unknown key "{key}"').format(key=key) + suggest(key, TOP_KEYS)
                     + _("; known: {keys}").format(keys=", ".join(TOP_KEYS)), "unknown-key",
                     _top_line(layout, key))
    if "document" in data:
        parsed.document_line = _top_line(layout, "document")
        if isinstance(data["document"], str) and data["document"].strip():
            parsed.document = data["document"]
        else:
            _problem(parsed, _("document must be a file name (a string), relative to this "
                               "file"), "schema", parsed.document_line)
    if "debate" in data:
        parsed.debate_line = _top_line(layout, "debate")
        if isinstance(data["debate"], str) and data["debate"].strip():
            parsed.debate = data["debate"]
        else:
            _problem(parsed, _("debate must be a file name (a string), relative to this "
                               "file"), "schema", parsed.debate_line)
    if "title" in data:
        if isinstance(data["title"], str) and data["title"].strip() \
                and "\n" not in data["title"]:
            parsed.title = data["title"].strip()
        else:
            _problem(parsed, _("title must be one line of text (a string)"), "schema",
                     _top_line(layout, "title"))
    for kind in ENTRY_KINDS:
        if kind not in data:
            continue
        value = data[kind]
        if not isinstance(value, list):
            shape = _("one table [{kind}]").format(kind=kind) if isinstance(value, dict) \
                else type_name(value)
            _problem(parsed, _('"{kind}" must be an array of tables, written [[{kind}]]; '
                               "found {shape} (ignored)").format(kind=kind, shape=shape),
                     "schema", _top_line(layout, kind))
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


def type_name(value: object) -> str:
    """How TOML would call the type of ``value``."""
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int):
        return _("an integer")
    if isinstance(value, float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return _("a date/time")
    return type(value).__name__


def _parse_or_none(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _salvage(text: str, path: Path | None, layout: TomlLayout,
             error: tomllib.TOMLDecodeError) -> ParsedAnnotations:
    """Invalid TOML: report it, then parse each top-level section alone and keep those
    that parse, so one broken entry does not take the whole file down."""
    parsed = ParsedAnnotations(path, layout=layout, source_lines=text.split("\n"))
    lines = text.split("\n")
    cuts = [i for i, h in enumerate(layout.headers) if len(h.name) == 1]
    sections: list[tuple[int, int | None]] = [(1, None)]  # (first line, header index)
    sections += [(layout.headers[i].line, i) for i in cuts]
    merged: dict[str, Any] = {}
    headers_by_kind: dict[str, list[int]] = {}
    reported: set[int] = set()
    for number, (first, header) in enumerate(sections):
        last = sections[number + 1][0] - 1 if number + 1 < len(sections) else len(lines)
        chunk = "\n".join(lines[first - 1 : last])
        try:
            data = tomllib.loads(chunk)
        except tomllib.TOMLDecodeError as chunk_error:
            line, message = decode_error(chunk_error, scan_toml(chunk))
            if header is None:  # top-level keys: keep those before the error (document)
                data = _parse_or_none("\n".join(lines[first - 1 : first - 2 + line])) or {}
                merged.update((k, v) for k, v in data.items() if k not in ENTRY_KINDS)
            line += first - 1
            kind, entry_id = "file", None
            if header is not None and layout.headers[header].name[0] in ENTRY_KINDS:
                kind = layout.headers[header].name[0]
                found = re.search(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]+)["']""", chunk, re.M)
                entry_id = found.group(1) if found else None
            what = (_("entry skipped") if kind != "file" else
                    _("top-level keys from here on skipped") if header is None else
                    _("section skipped"))
            _problem(parsed, _("invalid TOML: {error}; {what}").format(error=message, what=what),
                     "invalid-toml", line, kind, entry_id)
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
    line, message = decode_error(error, layout)
    if line not in reported:
        _problem(parsed, _("invalid TOML: {error}").format(error=message), "invalid-toml", line)
    # Entries not under their own [[kind]] header (inline arrays) have no header here.
    for kind in ENTRY_KINDS:
        if kind in merged and len(headers_by_kind.get(kind, [])) != len(merged[kind]):
            headers_by_kind[kind] = []
    _collect(parsed, merged, headers_by_kind)
    parsed.problems.sort(key=lambda p: (p.line is None, p.line or 0))
    return parsed
