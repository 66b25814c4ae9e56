"""What the reader remembers that is not tied to one document: the last theme, the last
searches and the reading settings (measure, harakat, paragraph numbers).

A small JSON file beside the positions file, in the same state directory, written the same
way (:mod:`reader.state.files`). A damaged or unreadable file is ignored: the reader starts
with the defaults and says nothing, since nothing of the user's text is lost. What each
reading setting means is the app's
(:class:`reader.ui.controllers.comfort.ComfortSettings`); here they are only
values of plain JSON types. No Textual import.

Two readers open at once each loaded the file at their start; the one that closes last must
not undo what the other saved. So a save writes only what changed since this store's load
over what the file holds by then (under the state directory's lock), and adds the searches
made since to the file's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reader.state.files import locked, replace_json
from reader.state.positions import default_state_dir

FILE_NAME = "preferences.json"
SCREEN_READER = "screen_reader"  # a reading setting: --screen-reader, remembered
HISTORY_LIMIT = 50  # search queries kept
_QUERY_LIMIT = 1000  # characters of one query kept

Settings = dict[str, object]


def _settings(value: object) -> Settings:
    """The reading settings, each value of a plain JSON type (what it means is the app's)."""
    if not isinstance(value, dict):
        return {}
    return {name: item for name, item in value.items()
            if isinstance(name, str) and len(name) < 40
            and (isinstance(item, bool | int) or (isinstance(item, str) and len(item) < 40))}


@dataclass
class Preferences:
    theme: str | None = None
    search_history: list[str] = field(default_factory=list)
    reading: Settings = field(default_factory=dict)  # measure, harakat, numbers


class PreferenceStore:
    """Read and write :class:`Preferences`; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.path = self.directory / FILE_NAME
        self._loaded = Preferences()  # what the file held when last read or written here

    def load(self) -> Preferences:
        self._loaded = self._read()
        return Preferences(self._loaded.theme, list(self._loaded.search_history),
                           dict(self._loaded.reading))

    def _read(self) -> Preferences:
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
                           queries[-HISTORY_LIMIT:], _settings(data.get("reading")))

    def save(self, preferences: Preferences) -> bool:
        """Write what changed in ``preferences`` since :meth:`load` over what the file holds
        now; False when it could not be written."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with locked(self.directory):
                merged = self._merge(preferences, self._read())
                data: dict[str, object] = {
                    "theme": merged.theme,
                    "search_history": merged.search_history}
                if merged.reading:  # only once a setting was changed
                    data["reading"] = merged.reading
                replace_json(self.path, data)
        except OSError:
            return False
        self._loaded = merged
        return True

    def _merge(self, mine: Preferences, current: Preferences) -> Preferences:
        loaded = self._loaded
        theme = mine.theme if mine.theme != loaded.theme else current.theme
        reading = dict(current.reading)
        for name, value in _settings(mine.reading).items():
            if loaded.reading.get(name) != value:
                reading[name] = value
        known = set(loaded.search_history)
        new = [q for q in mine.search_history if q not in known and len(q) <= _QUERY_LIMIT]
        history = [q for q in current.search_history if q not in new] + new
        return Preferences(theme, history[-HISTORY_LIMIT:], reading)
