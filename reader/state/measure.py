"""The measure's steps: what ``<``, ``>``, ``=`` and ``W`` make of the remembered measure.

The measure is remembered between sessions, so a step must give a value that means the same
at the next session's width: the steps land on a grid through the default (..., 76, 80, 84,
...), so a step stops at the default on its way and ``>`` then ``<`` (or three of each) come
back to where they started; ``>`` never goes past what the view can show, so it never turns
into "the whole width" (``0``), which at 200 columns gives 190-cell lines: the whole width
is chosen only on purpose (:func:`whole_width`). Pure arithmetic, no Textual.
"""

from __future__ import annotations

DEFAULT_MEASURE = 80
MIN_MEASURE = 20
STEP = 4  # cells per < or >
WHOLE_WIDTH = 0  # the measure that means: as wide as the view


def _below(value: int) -> int:
    """The grid's largest value under ``value``."""
    return DEFAULT_MEASURE - STEP * ((DEFAULT_MEASURE - value) // STEP + 1)


def _above(value: int) -> int:
    """The grid's smallest value over ``value``."""
    return DEFAULT_MEASURE + STEP * ((value - DEFAULT_MEASURE) // STEP + 1)


def narrower(measure: int, shown: int) -> int:
    """The measure one step narrower than the text on screen, ``shown`` cells wide (what the
    whole width, or a measure wider than the view, means now); ``measure`` itself when the
    text is as narrow as it goes."""
    current = shown if measure <= 0 else min(measure, shown)
    if current <= MIN_MEASURE:
        return measure
    return max(MIN_MEASURE, _below(current))


def wider(measure: int, room: int) -> int:
    """The measure one step wider in a view with ``room`` cells for text; ``measure`` itself
    when the text already fills the room (or the measure is the whole width). A step that
    fills the room from under the default gives the default."""
    if measure <= 0 or measure >= room:
        return measure
    widened = _above(measure)
    if widened >= room and measure < DEFAULT_MEASURE:
        # The text fills the view whichever of these is kept: keep the default, which
        # means the same in a wider view at the next session.
        return DEFAULT_MEASURE
    return widened


STEPS = ("narrower", "wider", "default", "whole")


def step(measure: int, towards: str, shown: int, room: int) -> int:
    """The measure after one of :data:`STEPS` (``<``, ``>``, ``=``, ``W``) from ``measure``;
    ``shown`` is the text's width on screen, ``room`` the most the view has for it. The same
    measure back means the step changes nothing (the app rings the bell)."""
    if towards == "narrower":
        return narrower(measure, shown)
    if towards == "wider":
        return wider(measure, room)
    if towards == "default":
        return DEFAULT_MEASURE
    if towards == "whole":
        return WHOLE_WIDTH
    raise ValueError(f"unknown measure step {towards!r}")
