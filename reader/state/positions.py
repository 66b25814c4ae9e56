"""Where the reader left each document, remembered between sessions.

One small JSON file in the user's state directory (``READER_STATE_DIR`` overrides it, for
tests). Writes are atomic (a temporary file, then ``os.replace``), so a reader never finds a
torn file; a write holds an advisory lock on the directory while it reads, merges and
replaces the file, so two readers closing at once keep both their positions. A corrupt,
truncated or unreadable file is ignored with a notice, and so is an unwritable one: the
position is then kept in memory for the rest of the session. The store keeps only the
:data:`MAX_DOCUMENTS` most recent documents, and of each only its position and time.
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

_Entry = dict[str, float]
_THREADS = threading.Lock()


def default_state_dir() -> Path:
    override = os.environ.get("READER_STATE_DIR")
    return Path(override) if override else Path(user_state_dir("reader", appauthor=False))


def document_key(path: Path | None, text: str) -> str:
    """Identify a document by where it is (or, for the bundled one, by its content)."""
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
    return {"paragraph": paragraph, "offset": offset, "time": _time(value.get("time"))}


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

    def get(self, key: str) -> tuple[int, int] | None:
        entry = self._load().get(key)
        remembered = self._memory.get(key)
        if remembered is not None and (entry is None or remembered["time"] >= entry["time"]):
            entry = remembered
        if entry is None:
            return None
        return int(entry["paragraph"]), int(entry["offset"])

    def put(self, key: str, paragraph: int, offset: int) -> bool:
        """Remember a position; False (with a notice) when it could not be written. It is
        remembered in memory either way."""
        self._memory[key] = {"paragraph": paragraph, "offset": offset, "time": time.time()}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with _locked(self.directory):
                data = self._load()
                for known, entry in self._memory.items():  # also what failed to save before
                    if known not in data or data[known]["time"] <= entry["time"]:
                        data[known] = entry
                if len(data) > MAX_DOCUMENTS:
                    newest = sorted(data.items(), key=lambda kv: kv[1]["time"], reverse=True)
                    data = dict(newest[:MAX_DOCUMENTS])
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
