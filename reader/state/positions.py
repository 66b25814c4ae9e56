"""Where the reader left each document, remembered between sessions.

One small JSON file in the user's state directory (``READER_STATE_DIR`` overrides it, for
tests). Writes are atomic (a temporary file, then ``os.replace``), so a reader never finds a
torn file; a write holds an advisory lock on the directory while it reads, merges and
replaces the file, so two readers closing at once keep both their positions. A corrupt,
truncated or unreadable file is ignored with a notice, and so is an unwritable one: the
position is then kept in memory for the rest of the session. The store keeps only the
:data:`MAX_DOCUMENTS` most recent documents, and of each only its position, its marks
(``m`` and a letter) and time. The reading settings (measure, harakat, paragraph numbers) are
one more entry, under :data:`SETTINGS_KEY`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from platformdirs import user_state_dir

from reader.i18n import _

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock only
    fcntl = None  # type: ignore[assignment]

MAX_DOCUMENTS = 200
FILE_NAME = "positions.json"
# A writer waits this long for another one to finish, then writes anyway.
LOCK_WAIT = 2.0

SETTINGS_KEY = "settings:"  # never a document key: those are absolute paths or "sha1:..."
MARK_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

_Entry = dict[str, object]
Settings = dict[str, object]
_THREADS = threading.Lock()


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


def _count(value: object) -> bool:
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


def _settings(value: object) -> Settings:
    """The settings entry, each value of a plain JSON type (what it means is the app's)."""
    if not isinstance(value, dict):
        return {}
    return {name: item for name, item in value.items()
            if isinstance(name, str) and len(name) < 40
            and (isinstance(item, bool | int) or (isinstance(item, str) and len(item) < 40))}


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold the writers' lock on ``directory`` (best effort: never fails, never hangs)."""
    with _THREADS:
        handle = None
        if fcntl is not None:
            with contextlib.suppress(OSError):
                handle = os.open(directory, os.O_RDONLY)
        try:
            if handle is not None:
                deadline = time.monotonic() + LOCK_WAIT
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            break
                        time.sleep(0.002)
                    except OSError:  # no locks on this file system
                        break
            yield
        finally:
            if handle is not None:
                os.close(handle)  # releases the lock


class PositionStore:
    """Read and write remembered positions; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.path = self.directory / FILE_NAME
        self.notice: str | None = None  # set when something had to be ignored
        self._memory: dict[str, _Entry] = {}  # what this store put, saved or not
        self._settings: Settings | None = None  # what this store put, saved or not

    def _damaged(self) -> dict[str, _Entry]:
        self.notice = _("reading positions file was damaged and is ignored ({file})").format(
            file=self.path)
        return {}

    def _load(self) -> dict[str, _Entry]:
        return self._load_all()[0]

    def _load_all(self) -> tuple[dict[str, _Entry], Settings]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, {}
        except OSError as error:
            self.notice = _("reading position not restored ({file}: {error})").format(
                file=self.path, error=error.strerror)
            return {}, {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return self._damaged(), {}
        if not isinstance(data, dict):
            return self._damaged(), {}
        entries = {}
        for key, value in data.items():
            entry = _entry(value) if key != SETTINGS_KEY else None
            if entry is not None:
                entries[key] = entry
        return entries, _settings(data.get(SETTINGS_KEY))

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
        return int(entry["paragraph"]), int(entry["offset"])  # type: ignore[call-overload]

    def marks(self, key: str) -> dict[str, tuple[int, int]]:
        """The marks set in a document: letter -> (paragraph, offset)."""
        entry = self._entry_of(key)
        marks = entry.get("marks", {}) if entry is not None else {}
        return {letter: (place[0], place[1]) for letter, place in marks.items()}  # type: ignore[union-attr]

    def settings(self) -> Settings:
        """The reading settings last saved (by any reader), or this store's own."""
        if self._settings is not None:
            return dict(self._settings)
        return self._load_all()[1]

    def put_settings(self, settings: Settings) -> bool:
        """Remember the reading settings (merged into those saved); False when not written."""
        self._settings = {**self.settings(), **_settings(settings)}
        return self._save()

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
            with _locked(self.directory):
                data, settings = self._load_all()
                for known, entry in self._memory.items():  # also what failed to save before
                    if known not in data or _time(data[known]["time"]) <= _time(entry["time"]):
                        data[known] = entry
                if len(data) > MAX_DOCUMENTS:
                    newest = sorted(data.items(), key=lambda kv: _time(kv[1]["time"]),
                                    reverse=True)
                    data = dict(newest[:MAX_DOCUMENTS])
                if self._settings is not None:
                    settings = self._settings
                if settings:
                    data[SETTINGS_KEY] = settings
                self._write(data)
        except OSError as error:
            self.notice = _("reading position not saved ({folder}: {error})").format(
                folder=self.directory, error=error.strerror)
            return False
        return True

    def _write(self, data: dict[str, _Entry]) -> None:
        fd, temp = tempfile.mkstemp(prefix=".positions-", dir=self.directory)
        try:
            # ASCII escapes keep any key (even a file name that is not UTF-8) writable.
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                json.dump(data, handle, ensure_ascii=True, allow_nan=False)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
