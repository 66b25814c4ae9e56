"""What the reader remembers besides positions: the last theme and the last searches.

A small JSON file beside the positions file, in the same state directory, written the same
way (atomically, under the directory's lock). A damaged or unreadable file is ignored: the
reader starts with the defaults and says nothing, since nothing of the user's text is lost.
No Textual import.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reader.state.positions import _locked, default_state_dir

FILE_NAME = "preferences.json"
HISTORY_LIMIT = 50  # search queries kept
_QUERY_LIMIT = 1000  # characters of one query kept


@dataclass
class Preferences:
    theme: str | None = None
    search_history: list[str] = field(default_factory=list)


class PreferenceStore:
    """Read and write :class:`Preferences`; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.path = self.directory / FILE_NAME

    def load(self) -> Preferences:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return Preferences()
        if not isinstance(data, dict):
            return Preferences()
        theme = data.get("theme")
        history = data.get("search_history")
        queries = [q for q in history if isinstance(q, str) and q and len(q) <= _QUERY_LIMIT] \
            if isinstance(history, list) else []
        return Preferences(theme if isinstance(theme, str) else None,
                           queries[-HISTORY_LIMIT:])

    def save(self, preferences: Preferences) -> bool:
        """Write ``preferences``; False when it could not be written."""
        data = {"theme": preferences.theme,
                "search_history": [q for q in preferences.search_history
                                   if len(q) <= _QUERY_LIMIT][-HISTORY_LIMIT:]}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with _locked(self.directory):
                fd, temp = tempfile.mkstemp(prefix=".preferences-", dir=self.directory)
                try:
                    with os.fdopen(fd, "w", encoding="ascii") as handle:
                        json.dump(data, handle, ensure_ascii=True)
                    os.replace(temp, self.path)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(temp)
                    raise
        except OSError:
            return False
        return True
