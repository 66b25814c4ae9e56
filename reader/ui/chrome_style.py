"""The chrome's style (:class:`reader.text.chrome.ChromeStyle`) as a widget or a screen
finds it: its own app's.

The app holds the style it was started with (``--screen-reader``: logical; the reader app's
``chrome_style``, which controllers see through :class:`reader.ui.controllers.host.Reader`);
what draws chrome asks for it here when it draws, so no widget keeps a copy that could differ
from its app's, and two apps in one process (the tests, a split view) each draw their own.
The app is found up the node's parents, not as Textual's ``node.app`` does (the app whose
context is active: a test driving one app inside another's lifetime would get the inner
one); a node not attached yet takes the active app's. A node in an app that is not the
reader's (a test's bare app), or in none, draws in visual order.
"""

from __future__ import annotations

from textual.app import App
from textual.dom import DOMNode
from textual.types import NoActiveAppError

from reader.text.chrome import ChromeStyle


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
    # The value checked, not the app's class: a runtime Protocol check costs ~10 µs, and
    # this is asked at every repaint of the key bar, the fields, the lists.
    style = getattr(root, "chrome_style", None)
    return style if isinstance(style, ChromeStyle) else ChromeStyle.VISUAL
