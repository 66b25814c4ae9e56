"""The chrome's style (:class:`reader.text.chrome.ChromeStyle`) as a widget or a screen
finds it: its own app's.

The app holds the style it was started with (``--screen-reader``: logical); what draws chrome
asks for it here when it draws, so no widget keeps a copy that could differ from its app's,
and two apps in one process (the tests, a split view) each draw their own. The app is found
up the node's parents, not as Textual's ``node.app`` does (the app whose context is active:
a test driving one app inside another's lifetime would get the inner one); a node not
attached yet takes the active app's. A node in an app that is not the reader's (a test's bare
app), or in none, draws in visual order.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.app import App
from textual.dom import DOMNode
from textual.types import NoActiveAppError

from reader.text.chrome import ChromeStyle


@runtime_checkable
class StyledApp(Protocol):
    """An app that says how its chrome is laid out (the reader app)."""

    @property
    def chrome_style(self) -> ChromeStyle: ...


def chrome_style(node: DOMNode) -> ChromeStyle:
    """The chrome style of ``node``'s app (a command provider: of its ``screen``'s)."""
    root = node
    while root.parent is not None:
        root = root.parent
    if not isinstance(root, App):
        try:
            root = node.app  # not attached yet: the app that runs it
        except NoActiveAppError:
            return ChromeStyle.VISUAL  # no app at all (a widget's method tested alone)
    return root.chrome_style if isinstance(root, StyledApp) else ChromeStyle.VISUAL
