"""Where the reader left each document, remembered between sessions.

One small JSON file in the user's state directory (``READER_STATE_DIR`` overrides it, for
tests). Writes are atomic and hold the directory's lock while they read, merge and replace
the file (:mod:`reader.state.files`), so two readers closing at once keep both their
positions. A corrupt,
truncated or unreadable file is ignored with a notice, and so is an unwritable one: the
position is then kept in memory for the rest of the session. The store keeps only the
:data:`MAX_DOCUMENTS` most recent documents, and of each only its position, its marks
(``m`` and a letter) and time. What is not tied to one document (theme, reading settings,
search history) is in :mod:`reader.state.preferences`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import time
from pathlib import Path
from typing import Required, TypedDict, TypeGuard

from platformdirs import user_state_dir

from reader.i18n import _
from reader.state.files import locked, replace_json

MAX_DOCUMENTS = 200
FILE_NAME = "positions.json"

MARK_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")



class _Entry(TypedDict, total=False):
    """One document's entry in the positions file (marks: letter -> [paragraph, offset])."""

    paragraph: Required[int]
    offset: Required[int]
    time: Required[float]
    marks: dict[str, list[int]]


def default_state_dir() -> Path:
    override = os.environ.get("READER_STATE_DIR")
    return Path(override) if override else Path(user_state_dir("reader", appauthor=False))


def document_key(path: Path | None, text: str, url: str = "") -> str:
    """Identify a document by where it is: its URL, its file (or, for the bundled one, by
    its content)."""
    if url:
        return url
    if path is not None:
        with contextlib.suppress(OSError):
            return str(path.resolve())
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _time(value: object) -> float:
    """An entry's time; one that is not a finite number counts as the oldest."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return 0.0


def _entry(value: object) -> _Entry | None:
    """The position an entry of the file holds, or None when it holds none."""
    if not isinstance(value, dict):
        return None
    paragraph, offset = value.get("paragraph"), value.get("offset")
    if not (_count(paragraph) and _count(offset)):
        return None
    entry: _Entry = {"paragraph": paragraph, "offset": offset, "time": _time(value.get("time"))}
    marks = _marks(value.get("marks"))
    if marks:
        entry["marks"] = marks
    return entry


def _marks(value: object) -> dict[str, list[int]]:
    """The well-formed marks of an entry: letter -> [paragraph, offset]."""
    if not isinstance(value, dict):
        return {}
    return {letter: [place[0], place[1]] for letter, place in value.items()
            if letter in MARK_LETTERS and isinstance(place, list) and len(place) == 2
            and _count(place[0]) and _count(place[1])}


class PositionStore:
    """Read and write remembered positions; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.path = self.directory / FILE_NAME
        self.notice: str | None = None  # set when something had to be ignored
        self._memory: dict[str, _Entry] = {}  # what this store put, saved or not

    def _damaged(self) -> dict[str, _Entry]:
        self.notice = _("reading positions file was damaged and is ignored ({file})").format(
            file=self.path)
        return {}

    def _load(self) -> dict[str, _Entry]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.notice = _("reading position not restored ({file}: {error})").format(
                file=self.path, error=error.strerror)
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return self._damaged()
        if not isinstance(data, dict):
            return self._damaged()
        entries = {}
        for key, value in data.items():
            entry = _entry(value)
            if entry is not None:
                entries[key] = entry
        return entries

    def _entry_of(self, key: str) -> _Entry | None:
        entry = self._load().get(key)
        remembered = self._memory.get(key)
        if remembered is not None and (entry is None or _time(remembered["time"])
                                       >= _time(entry["time"])):
            entry = remembered
        return entry

    def get(self, key: str) -> tuple[int, int] | None:
        entry = self._entry_of(key)
        if entry is None:
            return None
        return entry["paragraph"], entry["offset"]

    def marks(self, key: str) -> dict[str, tuple[int, int]]:
        """The marks set in a document: letter -> (paragraph, offset)."""
        entry = self._entry_of(key)
        marks = entry.get("marks", {}) if entry is not None else {}
        return {letter: (place[0], place[1]) for letter, place in marks.items()}

    def put(self, key: str, paragraph: int, offset: int,
            marks: dict[str, tuple[int, int]] | None = None) -> bool:
        """Remember a position (and the document's marks, when given: else those saved are
        kept); False (with a notice) when it could not be written. It is remembered in memory
        either way."""
        entry: _Entry = {"paragraph": paragraph, "offset": offset, "time": time.time()}
        if marks is None:
            marks = self.marks(key)
        if marks:
            entry["marks"] = _marks({letter: list(place) for letter, place in marks.items()})
        self._memory[key] = entry
        return self._save()

    def _save(self) -> bool:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with locked(self.directory):
                data = self._load()
                for known, entry in self._memory.items():  # also what failed to save before
                    if known not in data or _time(data[known]["time"]) <= _time(entry["time"]):
                        data[known] = entry
                if len(data) > MAX_DOCUMENTS:
                    newest = sorted(data.items(), key=lambda kv: _time(kv[1]["time"]),
                                    reverse=True)
                    data = dict(newest[:MAX_DOCUMENTS])
                replace_json(self.path, data)
        except OSError as error:
            self.notice = _("reading position not saved ({folder}: {error})").format(
                folder=self.directory, error=error.strerror)
            return False
        return True
