"""The interface language chosen in the app (palette: "Language…"), remembered between
sessions in a small JSON file beside the positions file.

It counts for less than ``--lang`` and more than the locale: a language picked in the app is
what the user asked for last. ``None`` (the default, or "from the locale" in the palette)
leaves the choice to the locale. A damaged or unreadable file is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from reader.state.positions import default_state_dir

FILE_NAME = "language.json"


class LanguageStore:
    """Read and write the remembered language; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.path = self.directory / FILE_NAME

    def load(self) -> str | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        code = data.get("language") if isinstance(data, dict) else None
        return code if isinstance(code, str) and code.isascii() and len(code) < 40 else None

    def save(self, code: str | None) -> bool:
        """Remember ``code`` (None: follow the locale again); False when it cannot be
        written (the choice then holds for this session only)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".language-", dir=self.directory)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    json.dump({"language": code}, handle)
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError:
            return False
        return True
