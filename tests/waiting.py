"""Waiting in app tests: for a condition, with a bound that fails the test, never a fixed time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot

TIMEOUT = 10.0


async def wait_until(pilot: Pilot, predicate: Callable[[], object], timeout: float = TIMEOUT,
                     what: str = "") -> None:
    """Let the app run until ``predicate()`` is true; fail the test after ``timeout`` s.

    While the app runs, each turn is a ``pilot.pause`` (messages processed, timers fired);
    once it has exited, a plain sleep (a pause would wait for a screen that is gone)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:g} s waiting for "
                                 f"{what or getattr(predicate, '__name__', 'a condition')}")
        if pilot.app.is_running and not pilot.app._exit:
            await pilot.pause(0.01)
        else:
            await asyncio.sleep(0.01)


async def panel_built(pilot: Pilot) -> None:
    """Wait for the side panel's lists, mounted and (when the panel is shown) laid out: they
    are mounted after the article's first frame (``SidePanel.on_mount`` ->
    ``call_after_refresh``), which a bare ``pilot.pause()`` may come before."""
    from reader.ui.widgets.entry_list import EntryList

    panel = pilot.app.panel

    def built() -> bool:
        lists = panel.query(EntryList)
        return bool(lists) and (not panel.display or any(e.size.width for e in lists))

    await wait_until(pilot, built, what="the panel's lists")
