"""What a controller may ask of the reader app: a small typed interface, so that no
controller imports the app (the app imports them) and none reaches another through it.

The app passes itself; each controller is also given the other controllers it works with
(navigation, the status notes) when it is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App

    from reader.content.annotations.home import FoundAnnotations
    from reader.content.annotations.model import Annotations
    from reader.content.document import Document
    from reader.content.loading import Pending
    from reader.text.chrome import ChromeStyle
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.search_bar import SearchBar
    from reader.ui.widgets.side_panel import SidePanel


class Reader(Protocol):
    """The reader app as its controllers see it."""

    document: Document
    direction: str  # the document's: the chrome's base direction
    pending: Pending | None  # the rest of a big file or a book, not loaded yet
    found: FoundAnnotations  # the annotations shown, with their problems

    @property
    def chrome_style(self) -> ChromeStyle:
        """How this app's chrome is laid out (``--screen-reader``: in logical order)."""

    @property
    def app(self) -> App[object]:
        """Textual's services: notify, bell, screens, timers, the clipboard."""

    @property
    def annotations(self) -> Annotations | None: ...

    @property
    def article(self) -> ArticleView: ...

    @property
    def panel(self) -> SidePanel: ...

    @property
    def search_bar(self) -> SearchBar: ...

    def update_status(self) -> None:
        """Draw the status line again."""

    def say(self, message: str, seconds: float | None = None) -> None:
        """Tell the reader ``message`` (logical text, laid out where it is drawn) in the
        status line, for a few seconds (controllers.notices): what a key did or why not."""
