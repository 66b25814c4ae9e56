"""When the app's background work (line counting, the word index, search folding) may take
a slice: not soon after a key, so that the key's refresh comes before the next slice.

As a browser's scheduler asks ``isInputPending`` before a task: a slice between a key and
its refresh adds its milliseconds to the key's, and slices while keys follow one another
add theirs to each. So no slice runs between a key and the frame that shows it, and none
for :data:`INPUT_FIRST` after a key. But a slice is never held back longer than
:data:`LONGEST_WAIT`: keys held down (a long scroll) slow the work, they do not stop it
(a slice forced by that wait still comes after the last key's frame). One policy is shared by
all the background work, so that a forced slice is one slice, not one of each kind.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# Background work runs in slices this long (asked for: a step in hand is finished), this
# often. A key that comes while a slice runs waits for it, and its own handling and
# drawing take 5-12 ms of the 16 a key may take (benchmarks/bench_look_up.py part 3): with
# 5 ms slices a key now and then took 16-19 ms, with 3 ms none did. The same share of the
# loop as 5 ms every 20 ms.
SLICE = 0.003
INTERVAL = 0.012
# A slice waits this long after a key: keys pressed one after another (scrolling) never
# share the loop with background work.
INPUT_FIRST = 0.1
# ... but never more than this without a slice.
LONGEST_WAIT = 0.5


class InputFirst:
    """The keys' times, and whether background work may run now."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_key = -INPUT_FIRST  # when the reader last pressed a key
        self._last_slice = clock()  # when background work last had a slice
        self._key_drawn = True  # the last key's frame has been drawn

    def key_pressed(self) -> None:
        self._last_key = self._clock()
        self._key_drawn = False

    def key_drawn(self) -> None:
        """The frame after the last key has been drawn."""
        self._key_drawn = True

    def keys_lately(self) -> bool:
        """True while keys follow one another (the last within :data:`INPUT_FIRST`)."""
        return self._clock() - self._last_key < INPUT_FIRST

    def may_run(self) -> bool:
        """True if a slice may run now (and it is counted as run)."""
        now = self._clock()
        since_key = now - self._last_key
        if not self._key_drawn and since_key < LONGEST_WAIT:
            return False  # (a key whose frame never comes holds nothing up for long)
        if since_key < INPUT_FIRST and now - self._last_slice < LONGEST_WAIT:
            return False
        self._last_slice = now
        return True
