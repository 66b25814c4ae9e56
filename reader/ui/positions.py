"""Where the reader left each document, remembered between sessions.

One small JSON file in the user's state directory (``READER_STATE_DIR`` overrides it, for
tests). Writes are atomic (a temporary file, then ``os.replace``), so two readers closing at
once leave one of their versions, never a torn file; a corrupt, truncated or unwritable file
is ignored with a notice; the store keeps only the most recent documents.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from platformdirs import user_state_dir

MAX_DOCUMENTS = 200
FILE_NAME = "positions.json"


def default_state_dir() -> Path:
    override = os.environ.get("READER_STATE_DIR")
    return Path(override) if override else Path(user_state_dir("reader", appauthor=False))


def document_key(path: Path | None, text: str) -> str:
    """Identify a document by where it is (or, for the bundled one, by its content)."""
    if path is not None:
        with contextlib.suppress(OSError):
            return str(path.resolve())
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


class PositionStore:
    """Read and write remembered positions; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.path = self.directory / FILE_NAME
        self.notice: str | None = None  # set when something had to be ignored

    def _load(self) -> dict[str, dict]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.notice = f"reading position not restored ({self.path}: {error.strerror})"
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            self.notice = f"reading positions file was damaged and is ignored ({self.path})"
            return {}
        if not isinstance(data, dict):
            self.notice = f"reading positions file was damaged and is ignored ({self.path})"
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict)}

    def get(self, key: str) -> tuple[int, int] | None:
        entry = self._load().get(key)
        if entry is None:
            return None
        paragraph, offset = entry.get("paragraph"), entry.get("offset")
        if isinstance(paragraph, int) and isinstance(offset, int) and paragraph >= 0 <= offset:
            return paragraph, offset
        return None

    def put(self, key: str, paragraph: int, offset: int) -> bool:
        """Remember a position; False (with a notice) when it could not be written."""
        data = self._load()
        data[key] = {"paragraph": paragraph, "offset": offset, "time": time.time()}
        if len(data) > MAX_DOCUMENTS:
            newest = sorted(data.items(), key=lambda kv: kv[1].get("time", 0), reverse=True)
            data = dict(newest[:MAX_DOCUMENTS])
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".positions-", dir=self.directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=False)
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as error:
            self.notice = f"reading position not saved ({self.directory}: {error.strerror})"
            return False
        return True
