"""Line heights of a document's units, with cheap updates and lookups in both directions.

A flow needs "which unit holds document line y" and "where does unit u start" on every
frame, while line counts keep changing (an estimate made exact when a unit is laid out,
slices of background counting). A flat prefix-sum list answers in O(log n) but costs O(n)
to rebuild after each change: 5 ms for a book's 70,000 paragraphs, on every frame while
counting goes on. Here heights are kept in blocks: a change touches one block's sum, the
block prefix (n / BLOCK entries) is rebuilt lazily, and a block's own prefix is built only
when a lookup lands in it.

On a book, even making one estimate per unit costs a few milliseconds at every resize, so
an index can also start from estimates per block (:meth:`HeightIndex.estimated`): a
block's units get their own estimates when something first looks inside it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

BLOCK = 128


class HeightIndex:
    """Heights (each at least 1) of units 0..n-1, stacked from line 0."""

    def __init__(self, heights: list[int]) -> None:
        self._heights = heights
        self._sums = [sum(heights[i : i + BLOCK]) for i in range(0, len(heights), BLOCK)]
        self._prefix: list[int] | None = None
        self._local: dict[int, list[int]] = {}
        # Blocks whose units have no heights of their own yet (see ``estimated``).
        self._pending: bytearray | None = None
        self._estimate: Callable[[int, int], list[int]] | None = None

    @classmethod
    def estimated(cls, count: int, block_totals: Sequence[int],
                  estimate: Callable[[int, int], list[int]]) -> HeightIndex:
        """``count`` units whose block ``b`` (units ``b * BLOCK`` up to the next block)
        takes ``block_totals[b]`` lines; ``estimate(start, stop)`` gives those units'
        heights when a lookup or an update first lands in the block. Their heights are
        then stretched to the block's total, so that making them moves nothing: a total
        at least the sum of the estimates keeps every line where it was."""
        index = cls([1] * count)
        if len(block_totals) != len(index._sums):
            raise ValueError("one total per block of units")
        index._sums = list(block_totals)
        index._pending = bytearray(b"\x01") * len(index._sums)
        index._estimate = estimate
        return index

    def _make_block(self, block: int) -> None:
        """Give the units of a block still pending their own heights (see ``estimated``)."""
        assert self._pending is not None and self._estimate is not None
        self._pending[block] = 0
        start = block * BLOCK
        stop = min(start + BLOCK, len(self._heights))
        heights = self._estimate(start, stop)
        extra = self._sums[block] - sum(heights)
        if extra >= 0:
            size = stop - start
            heights = [height + extra * (i + 1) // size - extra * i // size
                       for i, height in enumerate(heights)]
        else:  # the caller's total was too small: its estimates win, lines move
            self._sums[block] -= extra
            self._prefix = None
        self._heights[start:stop] = heights
        self._local.pop(block, None)

    def _ready(self, block: int) -> None:
        if self._pending is not None and self._pending[block]:
            self._make_block(block)

    def __len__(self) -> int:
        return len(self._heights)

    def __getitem__(self, unit: int) -> int:
        self._ready(unit // BLOCK)
        return self._heights[unit]

    def set(self, unit: int, height: int) -> bool:
        """Give ``unit`` a new height; True if it changed."""
        self._ready(unit // BLOCK)
        old = self._heights[unit]
        if old == height:
            return False
        self._heights[unit] = height
        block = unit // BLOCK
        self._sums[block] += height - old
        self._prefix = None
        self._local.pop(block, None)
        return True

    def _block_prefix(self) -> list[int]:
        if self._prefix is None:
            self._prefix = [0, *accumulate(self._sums)]
        return self._prefix

    def _local_prefix(self, block: int) -> list[int]:
        local = self._local.get(block)
        if local is None:
            self._ready(block)
            start = block * BLOCK
            local = [0, *accumulate(self._heights[start : start + BLOCK])]
            self._local[block] = local
        return local

    @property
    def total(self) -> int:
        """The number of lines of all units together."""
        return self._block_prefix()[-1]

    def line_of(self, unit: int) -> int:
        """The first line of ``unit`` (``total`` for ``unit == len(self)``)."""
        if unit >= len(self._heights):
            return self.total
        block = unit // BLOCK
        return self._block_prefix()[block] + self._local_prefix(block)[unit - block * BLOCK]

    def unit_at(self, y: int) -> int:
        """The unit holding line ``y`` (clamped to the first and last lines)."""
        if not self._heights:
            return 0
        prefix = self._block_prefix()
        y = max(0, min(y, prefix[-1] - 1))
        block = min(bisect_right(prefix, y) - 1, len(self._sums) - 1)
        local = self._local_prefix(block)
        return block * BLOCK + min(bisect_right(local, y - prefix[block]) - 1, len(local) - 2)
