"""Where things are in a TOML file: the line of each table header and key.

``tomllib`` gives values but no positions, so this scanner reads the raw text with just
enough TOML (strings of all four kinds, comments, arrays and inline tables over several
lines) to find headers and keys; a broken file scans as far as it makes sense. Annotation
problems use it to name the line of an entry, and of the key at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Header", "TomlLayout", "decode_error", "scan_toml"]

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
class Header:
    """``[name]`` (``array=False``) or ``[[name]]`` (``array=True``) at ``line``."""

    line: int
    name: tuple[str, ...]
    array: bool


@dataclass
class TomlLayout:
    """Headers and key lines, in file order. Keys are paired with the header they sit under
    (``None`` before the first header)."""

    headers: list[Header] = field(default_factory=list)
    keys: list[tuple[int, tuple[str, ...], int | None]] = field(default_factory=list)
    unterminated_string_line: int | None = None
    open_bracket_line: int | None = None  # where an array or inline table left open began
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
        first = self._first_keys.get((header, key))
        if first is not None:
            return first
        if header is not None:
            parent = self.headers[header].name
            for following in self.headers[header + 1 :]:
                name = following.name
                if name[: len(parent)] != parent or len(name) == len(parent):
                    break
                if name[len(parent)] == key:
                    return following.line
        return None


def scan_toml(text: str) -> TomlLayout:
    """Scan ``text`` for table headers and keys (tolerant: a broken file scans as far as it
    makes sense)."""
    layout = TomlLayout()
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
                    layout.headers.append(Header(line, _split_path(path), len(opening) == 2))
                    i = match.end()
                else:  # a broken header still starts a new section: salvage cuts there
                    guess = _GUESS.match(text, i)
                    name = (guess.group(1),) if guess else ("?",)
                    layout.headers.append(Header(line, name, text.startswith("[[", i)))
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
            # ch is none of the characters handled above, so _PLAIN matches at least it.
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
    j = rest.match(text, i + 1).end()  # type: ignore[union-attr]  # both match the empty string
    if j < n and text[j] == quote:
        return j + 1, line, True
    if j < n and text[j] == "\n":
        return j, line, False
    return n, line, False  # the end of the text, or a backslash right before it


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def decode_error(error: Exception, layout: TomlLayout) -> tuple[int, str]:
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
