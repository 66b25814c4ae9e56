"""Every private Textual API the reader uses, behind one module.

Textual has no public way to do a few things the reader must do, so it reaches into
Textual's private names for them, here and nowhere else. Each is wrapped in a public name
the rest of the reader uses:

- ``App._handle_exception``: an error raised while drawing (python-bidi breaking mid-way)
  ends the app with its one-line message instead of a traceback
  (:meth:`HookedApp.ended_by`).
- ``App._display`` and ``textual._compositor`` (``LayoutUpdate``, ``ChopsUpdate``): for
  kitty, right-to-left words are reversed on what is written, after the compositor's crops
  (:meth:`HookedApp.before_output`, :mod:`reader.ui.terminal_output.kitty_output`).
- ``App._filters``: the line filters for this terminal are added, and NO_COLOR's greys
  swapped for no colour with 16 colours (:func:`line_filters`).
- ``App._driver``: ``--screen-reader`` shows the terminal's cursor, which the driver hid
  (:func:`show_terminal_cursor`).
- ``Input._cursor_visible`` and ``Input._cell_offset_to_index``: the shaped inputs draw
  Textual's blinking cursor (:func:`cursor_visible`) and say which letter a click is on
  (:meth:`HookedInput.index_at_cell`).
- ``OptionList._index_to_line``: ``--screen-reader`` puts the cursor on the palette's
  highlighted command (:func:`option_line`).
- ``Timer._run``: a timer that missed ticks (the screen's frame timer, paused while
  nothing changed) waited one interval too many before its next tick, so a key's frame
  waited up to 1/30 s behind any other frame; replaced by the same loop with the next tick
  counted right (:func:`tick_on_time`), while ``Timer._run`` is the one read.
- ``CommandPalette._placeholder``, ``_start_no_matches_countdown``,
  ``_stop_no_matches_countdown``, ``_no_matches_timer``, ``_NO_MATCHES``,
  ``_NO_MATCHES_COUNTDOWN``, ``_list_visible``: the palette's input and its "No matches
  found" are drawn by the core (:class:`HookedCommandPalette`).

:data:`PRIVATE_NAMES` lists them; ``tests/test_textual_private.py`` checks each, by name,
against the installed Textual, so a release that drops or renames one fails there, saying
which, rather than somewhere far away.

The version bound ``textual<9`` (pyproject.toml) is there for these: Textual follows
semantic versioning for its public API only, and these names were read in Textual 8.2. A
new major version is taken after that test, and the suite, pass with it.
"""

from __future__ import annotations

import hashlib
import inspect
from asyncio import sleep
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.console import RenderableType
from textual import _time
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.filter import LineFilter
from textual.timer import EventTargetGone, Timer
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["PRIVATE_NAMES", "TIMER_RUN_READ", "ChopsUpdate", "HookedApp",
           "HookedCommandPalette", "HookedInput", "LayoutUpdate", "cursor_visible",
           "line_filters", "option_line", "show_terminal_cursor", "tick_on_time",
           "ticks_missed"]

# (where, name): what the reader uses; "instance" names exist only on an object.
PRIVATE_NAMES: list[tuple[str, str]] = [
    ("App", "_handle_exception"),
    ("App", "_display"),
    ("App instance", "_filters"),
    ("App instance", "_driver"),
    ("textual._compositor", "LayoutUpdate"),
    ("textual._compositor", "ChopsUpdate"),
    ("Input", "_cursor_visible"),
    ("Input", "_cell_offset_to_index"),
    ("CommandPalette instance", "_placeholder"),
    ("CommandPalette instance", "_no_matches_timer"),
    ("CommandPalette", "_start_no_matches_countdown"),
    ("CommandPalette", "_stop_no_matches_countdown"),
    ("CommandPalette", "_NO_MATCHES"),
    ("CommandPalette", "_NO_MATCHES_COUNTDOWN"),
    ("CommandPalette", "_list_visible"),
    ("OptionList", "_index_to_line"),
    ("Timer", "_run"),
    ("Timer instance", "_active"),
    ("Timer instance", "_skip"),
    ("Timer instance", "_reset"),
    ("Timer instance", "_repeat"),
    ("Timer instance", "_interval"),
    ("Timer", "_tick"),
    ("textual.timer", "EventTargetGone"),
    ("textual._time", "get_time"),
]


# The SHA-256 of ``Timer._run``'s source in Textual 8.2.8, the loop :func:`tick_on_time`
# replaces: another (a new release) is left alone, and tests/test_textual_private.py fails.
TIMER_RUN_READ = "60c942a84c1a8765932ea4fe897d61a94d0a74dcd249ec0b4a6aad75757ade50"


def ticks_missed(start: float, interval: float, now: float) -> int:
    """The ticks of a timer started at ``start`` that are due by ``now``: its next tick is
    the one after them, the first on its beat still to come. (Textual 8.2 counted one
    more, and so skipped a tick on time.)"""
    return int((now - start) / interval)


async def _run_on_time(self: Timer) -> None:
    """Textual 8.2.8's ``Timer._run``, but for the count of missed ticks."""
    count = 0
    _repeat = self._repeat
    _interval = self._interval
    self._active  # Force instantiation in same thread  # noqa: B018
    await self._active.wait()
    start = _time.get_time()

    while _repeat is None or count <= _repeat:
        next_timer = start + ((count + 1) * _interval)
        now = _time.get_time()
        if self._skip and next_timer < now:
            count = ticks_missed(start, _interval, now)
            continue
        now = _time.get_time()
        wait_time = max(0, next_timer - now)
        await sleep(wait_time)
        count += 1
        await self._active.wait()
        if self._reset:
            start = _time.get_time()
            count = 0
            self._reset = False
            continue
        try:
            await self._tick(next_timer=next_timer, count=count)
        except EventTargetGone:
            break


def tick_on_time() -> bool:
    """Make every Textual timer tick on its beat after missed ticks; True if done.

    A timer that missed ticks (Textual's screen update timer, paused while nothing
    changes) counted one tick too many in Textual 8.2 and so slept until the beat after
    next: after any frame, the next waited 1/60 to 1/30 s, where one beat (at most 1/60)
    is the pace Textual means. A key that came just after a frame drawn for something
    else (the scrollbar settling as lines are counted) was drawn up to 33 ms later
    (benchmarks/bench_look_up.py part 3). Done only while ``Timer._run`` is the loop read
    (:data:`TIMER_RUN_READ`)."""
    if Timer._run is _run_on_time:
        return True
    source = inspect.getsource(Timer._run)
    if hashlib.sha256(source.encode()).hexdigest() != TIMER_RUN_READ:
        return False
    Timer._run = _run_on_time  # type: ignore[method-assign]
    return True


def line_filters(app: App[Any]) -> list[LineFilter]:
    """``app``'s line filters, in the order they apply: the list itself, to change."""
    filters: list[LineFilter] = app._filters
    return filters


def show_terminal_cursor(app: App[Any]) -> None:
    """Show the terminal's own cursor, which Textual's driver hides on start
    (``--screen-reader``: screen readers and braille displays follow it). Textual still moves
    it to ``App.cursor_position`` after every frame, and shows it again on exit. Nothing
    while headless (the tests' pilot has no terminal)."""
    driver = app._driver
    if driver is not None and not app.is_headless:
        driver.write("\x1b[?25h")


def option_line(options: OptionList, index: int) -> int:
    """The first line of option ``index`` in ``options`` (an option may take several)."""
    return int(options._index_to_line[index])


def cursor_visible(field: Input) -> bool:
    """Whether ``field``'s blinking cursor is in its visible phase."""
    return bool(field._cursor_visible)


class HookedInput(Input):
    """Textual's Input, with the letter a click lands on given by :meth:`index_at_cell`."""

    def index_at_cell(self, offset: int) -> int:
        """The index in the value of the letter drawn at column ``offset`` of the field."""
        return int(super()._cell_offset_to_index(offset))

    def _cell_offset_to_index(self, offset: int) -> int:
        return self.index_at_cell(offset)


class HookedApp(App[object]):
    """Textual's App with its two private hooks given public names, and its timers on
    their beat (:func:`tick_on_time`)."""

    def __init__(self) -> None:
        tick_on_time()
        super().__init__()

    def ended_by(self, error: Exception) -> bool:
        """An error no handler took: True if it was dealt with (the app ends quietly),
        False for Textual's traceback."""
        return False

    def before_output(self, update: RenderableType) -> RenderableType:
        """What the compositor made of a screen update, just before it is written: a
        ``LayoutUpdate`` or ``ChopsUpdate`` usually."""
        return update

    def _handle_exception(self, error: Exception) -> None:
        if not self.ended_by(error):
            super()._handle_exception(error)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None:
            renderable = self.before_output(renderable)
        super()._display(screen, renderable)


class HookedCommandPalette(CommandPalette):
    """Textual's command palette with its placeholder readable and its "No matches found"
    given by :meth:`no_matches`."""

    @property
    def placeholder_text(self) -> str:
        return str(self._placeholder)

    def no_matches(self) -> RenderableType:
        """What the list shows when a query finds nothing."""
        return "No matches found"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's (8.2), with :meth:`no_matches`."""
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(self.no_matches()), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
