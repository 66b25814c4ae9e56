"""What the reader remembers between sessions: the theme chosen, the reading settings
(measure, harakat, numbers) and the search history; saved when one of them changes and when
the reader quits (:class:`~reader.state.preferences.PreferenceStore`)."""

from __future__ import annotations

from reader.state.preferences import Preferences, PreferenceStore, Settings
from reader.ui.controllers.host import Reader
from reader.ui.widgets.search_bar import SearchBar


class Remembered:
    """Owns the preferences read at start and writes them back."""

    def __init__(self, reader: Reader, store: PreferenceStore | None) -> None:
        self.reader = reader
        self.store = store
        self.saved = store.load() if store is not None else Preferences()
        self.started = False  # the theme set at start is not a choice to remember

    def start(self) -> None:
        """Mounted: the search bar takes the history; choices from now on are the user's."""
        self.started = True
        self.reader.search_bar.history = list(self.saved.search_history)

    def theme_chosen(self, name: str) -> None:
        """Remember the theme chosen (with t, or the palette's "Change theme")."""
        if self.started and name != self.saved.theme:
            self.saved.theme = name
            self.save()

    def save_reading(self, settings: Settings) -> None:
        self.saved.reading = settings
        self.save()

    def save(self) -> None:
        if self.store is None:
            return
        if self.started and self.reader.app.query(SearchBar):
            self.saved.search_history = list(self.reader.search_bar.history)
        self.store.save(self.saved)
